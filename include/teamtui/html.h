/* html: the plain text of a roster's HTML fragments (roles, expertise).
 * Tags are dropped, entities decoded, white space folded. It is not an
 * HTML parser: rosters hold short fragments like
 * `<a href="/job-families/...">Senior Backend Engineer</a>, Create:Source Code`. */
#ifndef TEAMTUI_HTML_H
#define TEAMTUI_HTML_H

#include <stddef.h>

/* Plain text of html, malloc'd. Block tags (li, br, p, div, tr) become
 * '\n' when keep_lines, else a space; runs of white space fold to one
 * space and the ends are trimmed, line by line. */
char *html_to_text(const char *html, int keep_lines);

#endif
