/* syncstate.c: DATA/.sync/state.json (syncstate.h). */
#include "teamtui/syncstate.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/cache.h"

void syncstate_init(syncstate *st)
{
	memset(st, 0, sizeof(*st));
	for (int i = 0; i < DATADIR_NFILES; i++)
		st->file[i].size = -1;
}

void syncstate_free(syncstate *st)
{
	for (int i = 0; i < DATADIR_NFILES; i++) {
		free(st->file[i].source);
		free(st->file[i].etag);
		free(st->file[i].last_modified);
	}
	syncstate_init(st);
}

bool syncstate_header_ok(const char *v)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++, n++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return n <= 1024;
}

static char *str_field(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) && v->valuestring ? strdup(v->valuestring) : NULL;
}

/* A whole number field within [lo, hi], else dflt. */
static long long num_field(const cJSON *o, const char *name, long long lo,
			   long long hi, long long dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= (double)lo) ||
	    !(v->valuedouble <= (double)hi))
		return dflt;
	return (long long)v->valuedouble;
}

static bool hex32(const char *s)
{
	if (!s || strlen(s) != 32)
		return false;
	for (int i = 0; i < 32; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	return true;
}

static void read_entry(const cJSON *o, syncstate_file *f)
{
	f->source = str_field(o, "source");
	char *key = str_field(o, "key");
	if (hex32(key))
		memcpy(f->key, key, 33);
	free(key);
	f->etag = str_field(o, "etag");
	f->last_modified = str_field(o, "last_modified");
	if (f->etag && !syncstate_header_ok(f->etag)) {
		free(f->etag);
		f->etag = NULL;
	}
	if (f->last_modified && !syncstate_header_ok(f->last_modified)) {
		free(f->last_modified);
		f->last_modified = NULL;
	}
	/* below 10^15: what cJSON prints with all its digits ("%1.15g"), so
	 * that a state reads back as it was written */
	const long long max = 999999999999999LL;
	f->size = num_field(o, "size", 0, max, -1);
	f->synced = (time_t)num_field(o, "synced", 0, max, 0);
	f->checked = (time_t)num_field(o, "checked", 0, max, 0);
}

bool syncstate_parse(const char *text, size_t len, syncstate *st, char *err,
		     size_t errsize)
{
	syncstate_init(st);
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!doc) {
		snprintf(err, errsize, "not JSON (near byte %ld)",
			 end && end >= text ? (long)(end - text) : 0L);
		return false;
	}
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(doc, "files");
	if (!cJSON_IsObject(files)) {
		snprintf(err, errsize, "not a sync state: no \"files\" object");
		cJSON_Delete(doc);
		return false;
	}
	for (int i = 0; i < DATADIR_NFILES; i++) {
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(files, datadir_files[i]);
		if (cJSON_IsObject(o))
			read_entry(o, &st->file[i]);
	}
	cJSON_Delete(doc);
	return true;
}

char *syncstate_format(const syncstate *st)
{
	cJSON *doc = cJSON_CreateObject(), *files = cJSON_CreateObject();
	bool ok = doc && files && cJSON_AddNumberToObject(doc, "version", 1) &&
		  cJSON_AddItemToObject(doc, "files", files);
	if (!ok)
		cJSON_Delete(files);
	for (int i = 0; ok && i < DATADIR_NFILES; i++) {
		const syncstate_file *f = &st->file[i];
		if (!f->source && !f->key[0] && !f->etag && !f->last_modified &&
		    f->size < 0 && !f->synced && !f->checked)
			continue;
		cJSON *o = cJSON_AddObjectToObject(files, datadir_files[i]);
		ok = o != NULL;
		if (ok && f->source)
			ok = cJSON_AddStringToObject(o, "source", f->source) != NULL;
		if (ok && f->key[0])
			ok = cJSON_AddStringToObject(o, "key", f->key) != NULL;
		if (ok && f->etag)
			ok = cJSON_AddStringToObject(o, "etag", f->etag) != NULL;
		if (ok && f->last_modified)
			ok = cJSON_AddStringToObject(o, "last_modified", f->last_modified) != NULL;
		if (ok && f->size >= 0)
			ok = cJSON_AddNumberToObject(o, "size", (double)f->size) != NULL;
		if (ok && f->synced)
			ok = cJSON_AddNumberToObject(o, "synced", (double)f->synced) != NULL;
		if (ok && f->checked)
			ok = cJSON_AddNumberToObject(o, "checked", (double)f->checked) != NULL;
	}
	char *text = ok ? cJSON_Print(doc) : NULL;
	cJSON_Delete(doc);
	char *out = NULL;
	if (text) { /* one trailing newline, as a text file has */
		size_t n = strlen(text);
		if ((out = malloc(n + 2)))
			snprintf(out, n + 2, "%s\n", text);
		cJSON_free(text);
	}
	return out;
}

static char *sync_dir(const char *dir)
{
	size_t n = strlen(dir) + sizeof("/.sync");
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/.sync", dir);
	return p;
}

bool syncstate_load(const char *dir, syncstate *st, char *err, size_t errsize)
{
	syncstate_init(st);
	*err = '\0';
	char *sd = sync_dir(dir);
	if (!sd) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	size_t len = 0;
	char why[600];
	/* cache_read: no link followed, no FIFO waited on, a size cap, and
	 * only a file of this user's */
	char *text = cache_read(sd, "state", &len, why, sizeof(why));
	bool ok = true;
	if (!text && *why) {
		snprintf(err, errsize, "%s", why);
		ok = false;
	} else if (text && !syncstate_parse(text, len, st, why, sizeof(why))) {
		snprintf(err, errsize, "%s/state.json: %s", sd, why);
		ok = false;
	}
	free(text);
	free(sd);
	return ok;
}

bool syncstate_save(const char *dir, const syncstate *st, char *err,
		    size_t errsize)
{
	char *sd = sync_dir(dir);
	char *text = sd ? syncstate_format(st) : NULL;
	bool ok = text && datadir_write(sd, "state.json", text, strlen(text), err, errsize);
	if (!text)
		snprintf(err, errsize, "out of memory");
	free(text);
	free(sd);
	return ok;
}
