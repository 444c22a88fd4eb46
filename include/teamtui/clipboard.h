/* clipboard: copy text to the user's clipboard over the terminal itself
 * (OSC 52), which works through SSH when the terminal allows it.
 *
 * Inside tmux the plain sequence is sent: tmux takes it when its
 * set-clipboard option is on (it sets its buffer and passes it on to the
 * outer terminal), whereas a DCS passthrough is dropped unless
 * allow-passthrough is on (off by default since tmux 3.3). Only GNU
 * screen, which never handles OSC 52 itself, gets the sequence wrapped in
 * its passthrough (DCS, in chunks screen's string buffer can hold).
 * teamtui cannot know whether the terminal took it. */
#ifndef TEAMTUI_CLIPBOARD_H
#define TEAMTUI_CLIPBOARD_H

#include <stddef.h>

typedef enum {
	CLIPBOARD_PLAIN,      /* ESC ] 52 ; c ; BASE64 BEL */
	CLIPBOARD_GNU_SCREEN, /* that, in ESC P ... ESC \ chunks of 76 bytes */
} clipboard_wrap;

/* The escape sequence that copies `text` (sanitized first), malloc'd;
 * NULL when out of memory. */
char *clipboard_osc52(const char *text, clipboard_wrap wrap);
/* The wrapping for this terminal: GNU screen when STY is set and TMUX is
 * not (tmux inside screen talks to tmux), else plain. */
clipboard_wrap clipboard_wrap_from_env(void);
/* Standard base64 of data[0..len) (none of our libraries exports one). */
char *clipboard_base64(const unsigned char *data, size_t len);

#endif
