/* icuso: ICU (libicuuc and libicui18n of the version whose headers
 * configure found), loaded with dlopen when first needed instead of being
 * linked: ICU's libraries cost 5 ms of resolving at every start
 * (measured; Debian builds them with BIND_NOW), and only two rare paths
 * need them: the handbook's team-by-departments sort (resolve.c's
 * collator) and the ASCII transliteration for terminals that cannot show
 * UTF-8 (translit.c).
 *
 * ICU's C functions carry its major version in their names (the headers
 * rename ucol_open to ucol_open_72): the names looked up, like the
 * sonames, come from the headers at compile time. The functions are
 * resolved into icuso_fn, each with the type of ICU's own declaration. A
 * file that defines ICUSO_NAMES before including this header calls them
 * by ICU's names (ucol_open(), u_strToUTF8(), ...), through that table; it
 * must call icuso_load first, and none of them before it succeeded.
 * Single-threaded, like the rest of the core library. */
#ifndef TEAMTUI_ICUSO_H
#define TEAMTUI_ICUSO_H

#include <stdbool.h>
#include <stddef.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define ICUSO_STR_(x) #x
#define ICUSO_STR(x) ICUSO_STR_(x) /* after expanding x */

/* The libraries loaded: "libicuuc.so.72", "libicui18n.so.72". */
#define ICUSO_LIB_UC "libicuuc.so." ICUSO_STR(U_ICU_VERSION_MAJOR_NUM)
#define ICUSO_LIB_I18N "libicui18n.so." ICUSO_STR(U_ICU_VERSION_MAJOR_NUM)

/* Every ICU function teamtui calls: the table's field, ICU's name (the
 * headers' macro for the versioned one) and the library it is in. */
#define ICUSO_FUNCS(X)                                                         \
	X(str_from_utf8, u_strFromUTF8, UC)                                    \
	X(str_to_utf8, u_strToUTF8, UC)                                        \
	X(uastrcpy, u_uastrcpy, UC)                                            \
	X(col_open, ucol_open, I18N)                                           \
	X(col_close, ucol_close, I18N)                                         \
	X(col_strcoll_utf8, ucol_strcollUTF8, I18N)                            \
	X(trans_open_u, utrans_openU, I18N)                                    \
	X(trans_uchars, utrans_transUChars, I18N)

/* One pointer per function, of the type ICU's header declares. */
typedef struct icuso_api {
#define ICUSO_FIELD_(field, name, lib) __typeof__(name) *field;
	ICUSO_FUNCS(ICUSO_FIELD_)
#undef ICUSO_FIELD_
} icuso_api;

/* Filled by the first icuso_load that succeeds; all NULL before. */
extern icuso_api icuso_fn;

/* Loads ICU (ICUSO_LIB_UC, then ICUSO_LIB_I18N) once per process and
 * fills icuso_fn. True when it is loaded: at once from the second call
 * on. Otherwise false, with one line in err (when err is not NULL) naming
 * the library and giving dlerror()'s text: "cannot load libicui18n.so.72:
 * libicui18n.so.72: cannot open shared object file: No such file or
 * directory". A failure is final: later calls give the same line without
 * trying again. The libraries are never unloaded. */
bool icuso_load(char *err, size_t errsize);

#ifdef ICUSO_NAMES
/* ICU's names (its headers' renaming macros) call through icuso_fn. */
#undef u_strFromUTF8
#undef u_strToUTF8
#undef u_uastrcpy
#undef ucol_open
#undef ucol_close
#undef ucol_strcollUTF8
#undef utrans_openU
#undef utrans_transUChars
#define u_strFromUTF8 (icuso_fn.str_from_utf8)
#define u_strToUTF8 (icuso_fn.str_to_utf8)
#define u_uastrcpy (icuso_fn.uastrcpy)
#define ucol_open (icuso_fn.col_open)
#define ucol_close (icuso_fn.col_close)
#define ucol_strcollUTF8 (icuso_fn.col_strcoll_utf8)
#define utrans_openU (icuso_fn.trans_open_u)
#define utrans_transUChars (icuso_fn.trans_uchars)
#endif

#endif
