/* image: an object graph as one relocatable block of bytes, the form a
 * snapshot (snapshot.h) stores the loaded model in.
 *
 * The same visit code writes and reads. Writing, each call copies what a
 * field points at into the image and makes the field point at the copy,
 * so the visitor goes on into the copy's own fields; when the image is
 * written out every such field holds base + offset (offsets from the
 * image's start, shifted by the address it prefers to be mapped at), never
 * an address of the writing process. Reading, each call takes a field of
 * the mapped image, checks that its offset lies inside the image with room
 * for what the field's type says is there (an array's count times its
 * element size, an element's exact position in its array, the alignment),
 * and makes it a pointer: when the image is mapped at the address it
 * prefers, every pointer is already right and nothing is written (the
 * pages stay shared between processes); elsewhere each is moved by the
 * difference. A field that fails a check marks the image failed and is
 * left NULL; the caller then discards the image. Every offset and length
 * read is checked, so a corrupt or hostile file cannot make a reader
 * touch memory outside the mapping. */
#ifndef TEAMTUI_IMAGE_H
#define TEAMTUI_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct image image;

/* An array in the image: where it is (at: the copy being written, or the
 * mapped array), its offset from the image's start, its length, its
 * element size, and (writing) the source array it was copied from. */
typedef struct image_span {
	void *at;
	uint64_t off;
	size_t n, size;
	const void *src;
} image_span;

/* A writer; base is the address the image prefers to be mapped at (a
 * multiple of the page size). NULL when out of memory. */
image *image_writer(uint64_t base);
/* A reader of len bytes mapped at map; base as recorded by the writer.
 * The last byte must be NUL (every string then ends inside the mapping):
 * image_open checks it. Fields are rewritten only when map != base (the
 * mapping must then be writable). NULL when out of memory. */
image *image_reader(void *map, size_t len, uint64_t base);
void image_free(image *im);

bool image_writing(const image *im);
/* False once any check failed or memory ran out. */
bool image_ok(const image *im);
/* Marks the image failed (a visitor's own check, e.g. a count too big). */
void image_fail(image *im);

/* Writing: the bytes so far, in order (len a multiple of 8). The next
 * object starts a new run at the returned offset: sections are
 * contiguous ranges of that. */
uint64_t image_mark(image *im);
/* Writing: the image's size in bytes so far; reading: the mapping's. */
uint64_t image_size(const image *im);
/* Writing: reserves size bytes (zeroed, 8-aligned) for an object the
 * caller fills, e.g. a root; its offset in *off. */
void *image_alloc(image *im, size_t size, uint64_t *off);
/* Writing: records that the pointer field at `field` (inside an object of
 * this image) must hold the object at offset `target`; writes the address
 * of that object in the writer into the field. */
void image_point(image *im, void *field, uint64_t target);
/* Writing: every pointer field made base + offset, in place; the image
 * must not change after, only be read out with image_chunk. */
void image_finish(image *im);
/* Writing, after image_finish: the i-th run of the image's bytes, in
 * order: *len bytes at *p, starting at offset *off. False past the last. */
bool image_chunk(const image *im, size_t i, const unsigned char **p,
		 size_t *len, uint64_t *off);

/* The pointer field at `field` (a `T *` member, passed as its address)
 * to n objects of `size` bytes each, aligned to `align`. Writing: copies
 * them and points the field at the copy. Reading: checks and fixes the
 * field. A NULL field gives an empty span (n is then 0). */
image_span image_array(image *im, void *field, size_t n, size_t size,
		       size_t align);
/* The `const char *` field at `field`: writing, copies the string (each
 * distinct source pointer once); reading, checks it lies in the image. */
void image_string(image *im, void *field);
/* Writing: copies the string src (a source pointer, as a field holds
 * before its visit) now, unless it was copied before: a later
 * image_string of a field holding src points at this copy. Strings so
 * lie in the order of these calls rather than of the visit (those read
 * together, together). NULL, or reading: nothing. */
void image_string_place(image *im, const char *src);
/* image_string for n `const char *` fields in a row (an array of
 * strings), and for the fields at byte offsets offs[0..n) of obj: the
 * same checks, one call (the reader's hot path). */
void image_strings(image *im, void *fields, size_t n);
void image_string_fields(image *im, void *obj, const size_t *offs, size_t n);
/* A pointer field to element k of an array already visited (span).
 * Writing: points it at element k of the copy (k < span->n, else the
 * image fails); the field's source value is not read. Reading: k is
 * ignored; the field must point exactly at an element of span. NULL stays
 * NULL. */
void image_element(image *im, void *field, const image_span *span, size_t k);
/* Writing: the offset of an address inside the image being written (a
 * copy made by image_array), or UINT64_MAX when it is not inside. */
uint64_t image_where(image *im, const void *p);
/* Reading: does the image move pointers as it checks them (a private
 * mapping elsewhere than it prefers)? Then it writes, and one thread at
 * a time may read it. */
bool image_moved(const image *im);
/* Reading: a second reader of the same mapping, for a second thread
 * (a shared mapping is only read); its failures are its own: the caller
 * fails the first when it fails. NULL when out of memory. */
image *image_reader_like(const image *im);
/* Reading: the offset of a mapped pointer (for a span built by hand). */
uint64_t image_offset(const image *im, const void *p);

#endif
