/* curlso.c: see curlso.h. */
#include "teamtui/curlso.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

curlso_api curlso_fn;

bool curlso_load(char *err, size_t errsize)
{
	static enum { UNTRIED, LOADED, FAILED } state;
	static char why[512]; /* the failure, said again on every call */
	if (state == UNTRIED) {
		const char *file = getenv("TEAMTUI_LIBCURL"); /* tests */
		if (!file || !*file)
			file = CURLSO_LIBRARY;
		/* RTLD_NOW: a missing function is found here, not at its first
		 * call (libcurl is built with BIND_NOW anyway) */
		void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
		curlso_api t = {0};
		const char *missing = NULL;
		if (!h) {
			const char *e = dlerror();
			snprintf(why, sizeof(why), "cannot load %s: %s", file,
				 e ? e : "unknown error");
		}
#define CURLSO_RESOLVE_(name)                                                  \
	if (h && !missing && !(t.name = (__typeof__(t.name))dlsym(h, #name)))  \
		missing = #name;
		CURLSO_FUNCS(CURLSO_RESOLVE_)
#undef CURLSO_RESOLVE_
		if (missing) {
			const char *e = dlerror();
			snprintf(why, sizeof(why),
				 "cannot load %s: %s (libcurl 7.85 or later is needed)", file,
				 e ? e : missing);
			dlclose(h);
			h = NULL;
		}
		if (h) {
			curlso_fn = t;
			state = LOADED;
		} else {
			state = FAILED;
		}
	}
	if (state == FAILED && err && errsize)
		snprintf(err, errsize, "%s", why);
	return state == LOADED;
}
