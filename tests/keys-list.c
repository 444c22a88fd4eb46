/* keys-list: the interactive directory's key table (keys.h), one key
 * name a line as its help screen shows it ("Ctrl-D", "Shift-Tab", "a-z",
 * "click"), in table order, names repeated as the table repeats them.
 * Not a test itself: tests/man.sh checks that each name is in teamtui(1)'s
 * KEYS section, from the table the program dispatches on, so the check
 * cannot drift from the keys. */
#include <stdio.h>

#include "teamtui/keys.h"

int main(void)
{
	for (const key_binding *k = keys_table; k->name; k++)
		if (printf("%s\n", k->name) < 0)
			return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}
