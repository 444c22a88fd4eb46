/* icuso.c: see icuso.h. */
#include "teamtui/icuso.h"

#include <dlfcn.h>
#include <stdio.h>

icuso_api icuso_fn;

/* The library `file` (RTLD_NOW: a missing function shows here, not at its
 * first call); NULL with the reason in why. */
static void *open_lib(const char *file, char *why, size_t whysize)
{
	void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, whysize, "cannot load %s: %s", file, e ? e : "unknown error");
	}
	return h;
}

bool icuso_load(char *err, size_t errsize)
{
	static enum { UNTRIED, LOADED, FAILED } state;
	static char why[512]; /* the failure, said again on every call */
	if (state == UNTRIED) {
		/* h_UC and h_I18N: the X macro's `lib` names them */
		void *h_UC = open_lib(ICUSO_LIB_UC, why, sizeof(why));
		void *h_I18N = h_UC ? open_lib(ICUSO_LIB_I18N, why, sizeof(why)) : NULL;
		icuso_api t = {0};
		const char *missing = NULL, *in = NULL;
		/* ICUSO_STR(name): "ucol_open_72", the headers' renamed name */
#define ICUSO_RESOLVE_(field, name, lib)                                       \
	if (h_I18N && !missing &&                                              \
	    !(t.field = (__typeof__(t.field))dlsym(h_##lib, ICUSO_STR(name)))) { \
		missing = ICUSO_STR(name);                                     \
		in = ICUSO_LIB_##lib;                                          \
	}
		ICUSO_FUNCS(ICUSO_RESOLVE_)
#undef ICUSO_RESOLVE_
		if (missing) {
			const char *e = dlerror();
			snprintf(why, sizeof(why), "cannot load %s: %s", in, e ? e : missing);
		}
		if (h_I18N && !missing) {
			icuso_fn = t;
			state = LOADED;
		} else {
			if (h_I18N)
				dlclose(h_I18N);
			if (h_UC)
				dlclose(h_UC);
			state = FAILED;
		}
	}
	if (state == FAILED && err && errsize)
		snprintf(err, errsize, "%s", why);
	return state == LOADED;
}
