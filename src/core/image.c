/* image.c: see image.h. */
#include "teamtui/image.h"

#include <stdlib.h>
#include <string.h>

#include "teamtui/arena.h"

enum { CHUNK = 4 << 20 };

struct chunk {
	unsigned char *mem;
	size_t used, cap;
	uint64_t off; /* of mem[0] in the image */
};

struct reloc {
	uint64_t field;	 /* offset of the pointer field */
	uint64_t target; /* offset it points at */
};

struct strslot {
	const char *src;
	uint64_t off;
};

struct image {
	bool writing, failed;
	uint64_t base;
	/* writing */
	struct chunk *chunks;
	size_t nchunks, capchunks;
	size_t last; /* the chunk the last field was found in */
	struct reloc *relocs;
	size_t nrelocs, caprelocs;
	struct strslot *strs; /* source string -> offset, open addressing */
	size_t nstrs, capstrs;
	/* reading */
	unsigned char *map;
	size_t len;
	bool moved; /* map != base: fields are rewritten */
};

image *image_writer(uint64_t base)
{
	image *im = calloc(1, sizeof(*im));
	if (!im)
		return NULL;
	im->writing = true;
	im->base = base;
	return im;
}

image *image_reader(void *map, size_t len, uint64_t base)
{
	image *im = calloc(1, sizeof(*im));
	if (!im)
		return NULL;
	im->map = map;
	im->len = len;
	im->base = base;
	im->moved = (uint64_t)(uintptr_t)map != base;
	return im;
}

void image_free(image *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->nchunks; i++)
		free(im->chunks[i].mem);
	free(im->chunks);
	free(im->relocs);
	free(im->strs);
	free(im);
}

bool image_writing(const image *im)
{
	return im->writing;
}

bool image_ok(const image *im)
{
	return !im->failed;
}

void image_fail(image *im)
{
	im->failed = true;
}

uint64_t image_size(const image *im)
{
	if (!im->writing)
		return im->len;
	if (!im->nchunks)
		return 0;
	const struct chunk *c = &im->chunks[im->nchunks - 1];
	return c->off + c->used;
}

/* A new chunk of at least `need` bytes after the last one. */
static struct chunk *grow(image *im, size_t need)
{
	if (im->nchunks == im->capchunks) {
		size_t cap = im->capchunks ? im->capchunks * 2 : 16;
		struct chunk *v = realloc(im->chunks, cap * sizeof(*v));
		if (!v)
			return NULL;
		im->chunks = v;
		im->capchunks = cap;
	}
	size_t cap = need > CHUNK ? need : CHUNK;
	unsigned char *mem = calloc(1, cap);
	if (!mem)
		return NULL;
	uint64_t off = image_size(im);
	im->chunks[im->nchunks] = (struct chunk){mem, 0, cap, off};
	return &im->chunks[im->nchunks++];
}

uint64_t image_mark(image *im)
{
	if (!im->writing || im->failed)
		return image_size(im);
	if (!grow(im, 0))
		im->failed = true;
	return image_size(im);
}

void *image_alloc(image *im, size_t size, uint64_t *off)
{
	*off = 0;
	if (!im->writing || im->failed)
		return NULL;
	size_t need = (size + 7) & ~(size_t)7;
	if (need < 8)
		need = 8;
	struct chunk *c = im->nchunks ? &im->chunks[im->nchunks - 1] : NULL;
	if (!c || c->cap - c->used < need)
		c = grow(im, need);
	if (!c) {
		im->failed = true;
		return NULL;
	}
	void *p = c->mem + c->used;
	*off = c->off + c->used;
	c->used += need;
	return p;
}

/* The offset of a writer address inside the image, or UINT64_MAX. */
static uint64_t where(image *im, const void *p)
{
	const unsigned char *q = p;
	for (size_t tries = 0; tries < 2; tries++) {
		const struct chunk *c = &im->chunks[im->last];
		if (q >= c->mem && q < c->mem + c->used)
			return c->off + (uint64_t)(q - c->mem);
		/* the newest chunk next, then every chunk */
		im->last = im->nchunks - 1;
	}
	for (size_t i = 0; i < im->nchunks; i++) {
		const struct chunk *c = &im->chunks[i];
		if (q >= c->mem && q < c->mem + c->used) {
			im->last = i;
			return c->off + (uint64_t)(q - c->mem);
		}
	}
	return UINT64_MAX;
}

/* The writer address of an image offset (an object already written). */
static void *address(const image *im, uint64_t off)
{
	size_t lo = 0, hi = im->nchunks;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (im->chunks[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	const struct chunk *c = &im->chunks[lo];
	return c->mem + (off - c->off);
}

void image_point(image *im, void *field, uint64_t target)
{
	if (!im->writing || im->failed)
		return;
	uint64_t at = im->nchunks ? where(im, field) : UINT64_MAX;
	if (at == UINT64_MAX || at % 8) {
		im->failed = true;
		return;
	}
	if (im->nrelocs == im->caprelocs) {
		size_t cap = im->caprelocs ? im->caprelocs * 2 : 4096;
		struct reloc *v = realloc(im->relocs, cap * sizeof(*v));
		if (!v) {
			im->failed = true;
			return;
		}
		im->relocs = v;
		im->caprelocs = cap;
	}
	im->relocs[im->nrelocs++] = (struct reloc){at, target};
	void *addr = address(im, target);
	memcpy(field, &addr, sizeof(addr));
}

void image_finish(image *im)
{
	for (size_t i = 0; i < im->nrelocs; i++) {
		uint64_t v = im->base + im->relocs[i].target;
		memcpy(address(im, im->relocs[i].field), &v, sizeof(v));
	}
	free(im->relocs);
	im->relocs = NULL;
	im->nrelocs = im->caprelocs = 0;
}

bool image_chunk(const image *im, size_t i, const unsigned char **p,
		 size_t *len, uint64_t *off)
{
	if (i >= im->nchunks)
		return false;
	*p = im->chunks[i].mem;
	*len = im->chunks[i].used;
	*off = im->chunks[i].off;
	return true;
}

/* A field that failed: NULL where the image may be written (writing, or
 * a private mapping); a shared read-only mapping is left as it is (the
 * image is failed and will be discarded unread). */
static void set_null(image *im, void *field)
{
	if (!im->writing && !im->moved)
		return;
	void *null = NULL;
	memcpy(field, &null, sizeof(null));
}

/* Reading: the offset a field holds, checked to leave `room` bytes at
 * `align`; false (image failed) when it does not. 0 fields are NULL. */
static bool field_offset(image *im, const void *field, size_t room, size_t align,
			 uint64_t *off, bool *null)
{
	uint64_t v;
	memcpy(&v, field, sizeof(v));
	*null = v == 0;
	if (*null)
		return true;
	if (v < im->base || v - im->base > im->len || room > im->len - (v - im->base) ||
	    (align && (v - im->base) % align)) {
		im->failed = true;
		return false;
	}
	*off = v - im->base;
	return true;
}

static void fix(image *im, void *field, uint64_t off)
{
	if (im->moved) {
		void *p = im->map + off;
		memcpy(field, &p, sizeof(p));
	}
}

image_span image_array(image *im, void *field, size_t n, size_t size,
		       size_t align)
{
	image_span s = {NULL, 0, 0, size, NULL};
	if (im->failed) {
		set_null(im, field);
		return s;
	}
	if (im->writing) {
		const void *src;
		memcpy(&src, field, sizeof(src));
		if (!src) {
			if (n)
				im->failed = true;
			return s;
		}
		if (size && n > SIZE_MAX / size) {
			im->failed = true;
			return s;
		}
		uint64_t off;
		void *copy = image_alloc(im, n * size, &off);
		if (!copy)
			return s;
		if (n)
			memcpy(copy, src, n * size);
		image_point(im, field, off);
		s = (image_span){copy, off, n, size, src};
		return s;
	}
	uint64_t off = 0;
	bool null;
	if (size && n > im->len / size) {
		im->failed = true;
		set_null(im, field);
		return s;
	}
	if (!field_offset(im, field, n * size, align, &off, &null)) {
		set_null(im, field);
		return s;
	}
	if (null) {
		if (n)
			im->failed = true;
		return s;
	}
	fix(im, field, off);
	s = (image_span){im->map + off, off, n, size, NULL};
	return s;
}

static bool strs_grow(image *im)
{
	size_t cap = im->capstrs ? im->capstrs * 2 : 1 << 16;
	struct strslot *v = calloc(cap, sizeof(*v));
	if (!v)
		return false;
	for (size_t i = 0; i < im->capstrs; i++) {
		if (!im->strs[i].src)
			continue;
		size_t h = arena_hash_ptr(im->strs[i].src) & (cap - 1);
		while (v[h].src)
			h = (h + 1) & (cap - 1);
		v[h] = im->strs[i];
	}
	free(im->strs);
	im->strs = v;
	im->capstrs = cap;
	return true;
}

static inline bool read_string(image *im, void *field);

/* Writing: the offset of the image's copy of src, made now unless it
 * was made before (each distinct source pointer once); UINT64_MAX when
 * memory ran out (the image is then failed). */
static uint64_t string_copy(image *im, const char *src)
{
	if (2 * (im->nstrs + 1) > im->capstrs && !strs_grow(im)) {
		im->failed = true;
		return UINT64_MAX;
	}
	size_t h = arena_hash_ptr(src) & (im->capstrs - 1);
	while (im->strs[h].src && im->strs[h].src != src)
		h = (h + 1) & (im->capstrs - 1);
	if (!im->strs[h].src) {
		size_t len = strlen(src) + 1;
		uint64_t off;
		char *copy = image_alloc(im, len, &off);
		if (!copy)
			return UINT64_MAX;
		memcpy(copy, src, len);
		im->strs[h] = (struct strslot){src, off};
		im->nstrs++;
	}
	return im->strs[h].off;
}

void image_string(image *im, void *field)
{
	if (im->failed) {
		set_null(im, field);
		return;
	}
	if (im->writing) {
		const char *src;
		memcpy(&src, field, sizeof(src));
		if (!src)
			return;
		uint64_t off = string_copy(im, src);
		if (off != UINT64_MAX)
			image_point(im, field, off);
		return;
	}
	if (!read_string(im, field)) {
		im->failed = true;
		set_null(im, field);
	}
}

void image_string_place(image *im, const char *src)
{
	if (im->writing && !im->failed && src)
		(void)string_copy(im, src);
}

/* Reading: one string field, checked and fixed; false when it fails.
 * It needs room for its first byte only: it ends by the mapping's last
 * byte at the latest, a NUL (image_reader). */
static inline bool read_string(image *im, void *field)
{
	uint64_t v;
	memcpy(&v, field, sizeof(v));
	if (!v)
		return true;
	uint64_t off = v - im->base;
	if (v < im->base || off >= im->len)
		return false;
	if (im->moved) {
		void *p = im->map + off;
		memcpy(field, &p, sizeof(p));
	}
	return true;
}

/* n string fields of obj: at byte offsets offs[i], or (offs NULL) in a
 * row. The reader checks them in a tight loop, its hot path. */
static void string_fields(image *im, unsigned char *obj, const size_t *offs,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		void *f = obj + (offs ? offs[i] : i * sizeof(char *));
		if (im->writing || im->failed)
			image_string(im, f);
		else if (!read_string(im, f)) {
			im->failed = true;
			set_null(im, f);
			return;
		}
	}
}

void image_strings(image *im, void *fields, size_t n)
{
	string_fields(im, fields, NULL, n);
}

void image_string_fields(image *im, void *obj, const size_t *offs, size_t n)
{
	string_fields(im, obj, offs, n);
}

void image_element(image *im, void *field, const image_span *span, size_t k)
{
	if (im->failed) {
		set_null(im, field);
		return;
	}
	if (im->writing) {
		const void *src;
		memcpy(&src, field, sizeof(src));
		if (!src)
			return;
		if (k >= span->n) {
			im->failed = true;
			return;
		}
		image_point(im, field, span->off + (uint64_t)k * span->size);
		return;
	}
	uint64_t off = 0;
	bool null;
	if (!field_offset(im, field, span->size, 1, &off, &null)) {
		set_null(im, field);
		return;
	}
	if (null)
		return;
	if (off < span->off || !span->size || (off - span->off) % span->size ||
	    (off - span->off) / span->size >= span->n) {
		im->failed = true;
		set_null(im, field);
		return;
	}
	fix(im, field, off);
}

uint64_t image_where(image *im, const void *p)
{
	return im->writing && im->nchunks ? where(im, p) : UINT64_MAX;
}

bool image_moved(const image *im)
{
	return im->moved;
}

image *image_reader_like(const image *im)
{
	return image_reader(im->map, im->len, im->base);
}

uint64_t image_offset(const image *im, const void *p)
{
	return (uint64_t)((const unsigned char *)p - im->map);
}
