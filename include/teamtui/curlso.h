/* curlso: libcurl, loaded with dlopen when the GitLab client first needs
 * it instead of being linked into teamtui. Debian builds libcurl and the
 * ~30 libraries it pulls in (gnutls, krb5, nghttp2, ...) with BIND_NOW, so
 * linking it made the dynamic loader resolve all of their symbols at every
 * start: 11 ms of the 15 ms a do-nothing start took, measured, in commands
 * that never touch the network. libcurl's headers are still the ones
 * configure found (pkg-config); only the library comes at run time.
 *
 * The functions teamtui uses are resolved with dlsym into curlso_fn, each
 * with the type of libcurl's own declaration. A file that defines
 * CURLSO_NAMES before including this header calls them by their usual
 * names (curl_easy_init(), curl_url_get(), ...), through that table; it
 * must call curlso_load first, and none of them before it succeeded.
 * Single-threaded: load and call from one thread (the client's). */
#ifndef TEAMTUI_CURLSO_H
#define TEAMTUI_CURLSO_H

#include <stdbool.h>
#include <stddef.h>

/* curl_easy_setopt and curl_easy_getinfo are plain functions, not the
 * type-checking macros (which would call the linked ones by name) */
#ifndef CURL_DISABLE_TYPECHECK
#define CURL_DISABLE_TYPECHECK
#endif
#include <curl/curl.h>

/* The library loaded: its soname, as libcurl4 installs it. */
#define CURLSO_LIBRARY "libcurl.so.4"

/* Every libcurl function teamtui calls. */
#define CURLSO_FUNCS(X)                                                        \
	X(curl_global_init) X(curl_free) X(curl_getdate)                       \
	X(curl_easy_init) X(curl_easy_cleanup) X(curl_easy_setopt)             \
	X(curl_easy_getinfo) X(curl_easy_header) X(curl_easy_strerror)         \
	X(curl_easy_escape) X(curl_slist_append) X(curl_slist_free_all)        \
	X(curl_multi_init) X(curl_multi_cleanup) X(curl_multi_add_handle)      \
	X(curl_multi_remove_handle) X(curl_multi_perform) X(curl_multi_poll)   \
	X(curl_multi_info_read) X(curl_url) X(curl_url_cleanup)                \
	X(curl_url_set) X(curl_url_get) X(curl_url_strerror)

/* One pointer per function, of the type libcurl's header declares. */
typedef struct curlso_api {
#define CURLSO_FIELD_(name) __typeof__(name) *name;
	CURLSO_FUNCS(CURLSO_FIELD_)
#undef CURLSO_FIELD_
} curlso_api;

/* Filled by the first curlso_load that succeeds; all NULL before. */
extern curlso_api curlso_fn;

/* Loads libcurl (CURLSO_LIBRARY; the environment variable TEAMTUI_LIBCURL,
 * when set and not empty, names another file instead: for tests, one that
 * cannot be loaded) once per process and fills curlso_fn. True when it is
 * loaded: at once from the second call on. Otherwise false, with one line
 * in err (when err is not NULL) naming the library and giving dlerror()'s
 * text: "cannot load libcurl.so.4: libcurl.so.4: cannot open shared object
 * file: No such file or directory", or, when a function is missing,
 * "cannot load libcurl.so.4: libcurl.so.4: undefined symbol:
 * curl_easy_header (libcurl 7.85 or later is needed)". A failure is final: later calls give the same line without trying again.
 * The library is never unloaded. */
bool curlso_load(char *err, size_t errsize);

#ifdef CURLSO_NAMES
/* libcurl's names call through curlso_fn. curl.h defines two of them as
 * macros of its own (the three-argument check). */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init (curlso_fn.curl_global_init)
#define curl_free (curlso_fn.curl_free)
#define curl_getdate (curlso_fn.curl_getdate)
#define curl_easy_init (curlso_fn.curl_easy_init)
#define curl_easy_cleanup (curlso_fn.curl_easy_cleanup)
#define curl_easy_setopt (curlso_fn.curl_easy_setopt)
#define curl_easy_getinfo (curlso_fn.curl_easy_getinfo)
#define curl_easy_header (curlso_fn.curl_easy_header)
#define curl_easy_strerror (curlso_fn.curl_easy_strerror)
#define curl_easy_escape (curlso_fn.curl_easy_escape)
#define curl_slist_append (curlso_fn.curl_slist_append)
#define curl_slist_free_all (curlso_fn.curl_slist_free_all)
#define curl_multi_init (curlso_fn.curl_multi_init)
#define curl_multi_cleanup (curlso_fn.curl_multi_cleanup)
#define curl_multi_add_handle (curlso_fn.curl_multi_add_handle)
#define curl_multi_remove_handle (curlso_fn.curl_multi_remove_handle)
#define curl_multi_perform (curlso_fn.curl_multi_perform)
#define curl_multi_poll (curlso_fn.curl_multi_poll)
#define curl_multi_info_read (curlso_fn.curl_multi_info_read)
#define curl_url (curlso_fn.curl_url)
#define curl_url_cleanup (curlso_fn.curl_url_cleanup)
#define curl_url_set (curlso_fn.curl_url_set)
#define curl_url_get (curlso_fn.curl_url_get)
#define curl_url_strerror (curlso_fn.curl_url_strerror)
#endif

#endif
