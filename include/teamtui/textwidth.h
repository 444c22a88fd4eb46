/* textwidth: fitting UTF-8 text into terminal columns. Widths come from
 * wcwidth (CJK is two columns, combining marks none); text is cut at a
 * character boundary, never inside a sequence, with an ellipsis. */
#ifndef TEAMTUI_TEXTWIDTH_H
#define TEAMTUI_TEXTWIDTH_H

#include <stddef.h>

/* Copy the longest prefix of s that fits in `cols` columns into out
 * (size bytes, NUL-terminated); when s is longer, the prefix ends in "…"
 * within those columns. Combining marks stay with their base character.
 * Returns the columns used. s must already be sanitized. */
size_t textwidth_fit(const char *s, size_t cols, char *out, size_t size);

#endif
