/* fuzz-common: what the libFuzzer harnesses under tests/fuzz/ share.
 *
 * Harnesses whose API takes a path write the input to a file in one
 * per-process directory (fz_tmpdir(), under $TMPDIR, made once in
 * LLVMFuzzerInitialize and removed at exit) and overwrite it on every
 * iteration. Every check failure calls fz_fail(), which aborts: libFuzzer
 * turns that into a crash with the input saved as an artifact. */
#ifndef TEAMTUI_FUZZ_COMMON_H
#define TEAMTUI_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "teamtui/diag.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with "fuzz check failed: <message>" on stderr. */
_Noreturn void fz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
#define FZ_CHECK(cond, ...) ((cond) ? (void)0 : fz_fail(__VA_ARGS__))

/* The per-process scratch directory (created on first use, removed with
 * everything in it at exit). */
const char *fz_tmpdir(void);
/* The roster a harness starts from: $FUZZ_ROSTER when set and not empty,
 * else dflt (the FUZZ_ROSTER_DIR the build gave it). */
const char *fz_roster_dir(const char *dflt);
/* dir/name, malloc'd (aborts when out of memory). */
char *fz_path(const char *dir, const char *name);
/* mkdir -p (aborts on failure). */
void fz_mkdirs(const char *path);
/* Replace the file's contents with data[0..size) (aborts on failure). */
void fz_write(const char *path, const uint8_t *data, size_t size);
/* data[0..size) as a malloc'd NUL-terminated string: what a C API taking
 * `const char *` sees of it (it ends at the first NUL). */
char *fz_cstr(const uint8_t *data, size_t size);

/* The checks every diagnostic list must pass: counters add up, every
 * item has a file and a message, lines and columns are not negative, and
 * the formatted line, passed through the output gate as the CLI does,
 * holds no control character. */
void fz_check_diags(const diag_list *d);
/* s is valid UTF-8 with no C0/C1 control, escape or bidi control
 * (`keep_newlines`: '\n' is allowed): what sanitize() promises. */
void fz_check_clean(const char *s, int keep_newlines, const char *what);

#endif
