/* clipboard: copy text to the user's clipboard over the terminal itself
 * (OSC 52), which works through SSH; inside tmux the sequence is wrapped
 * so tmux passes it on. */
#ifndef TEAMTUI_CLIPBOARD_H
#define TEAMTUI_CLIPBOARD_H

#include <stddef.h>

/* The escape sequence that copies `text` (sanitized first), malloc'd;
 * `tmux` wraps it in a DCS passthrough. */
char *clipboard_osc52(const char *text, int tmux);
/* Standard base64 of data[0..len) (none of our libraries exports one). */
char *clipboard_base64(const unsigned char *data, size_t len);

#endif
