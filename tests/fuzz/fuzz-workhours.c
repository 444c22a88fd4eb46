/* fuzz-workhours: working hours as config.yml and team.yml write them
 * (work_hours_parse), what they contain (work_hours_contains) and how
 * they are written back (work_hours_text); and the times --at takes
 * (tz_parse_moment, with TZ=UTC).
 *
 * Feeds: the input up to its first NUL, as one text to both parsers.
 * Asserts: no memory error, leak or undefined behaviour; accepted hours
 * are in range (start 0-1439, end 1-1440, not equal, some day); written
 * back they parse to the same hours; the minutes of the week they
 * contain are exactly their span times their days; a refusal leaves the
 * hours untouched and says why, one line once through the output gate
 * (it quotes the text as it is); a moment is accepted the same way
 * twice, and a refusal says why, likewise. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz-common.h"
#include "teamtui/sanitize.h"
#include "teamtui/tzinfo.h"
#include "teamtui/workhours.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static void check_reason(const char *why)
{
	FZ_CHECK(*why, "a refusal without a reason");
	/* it quotes the text as it is; as shown, it is one line */
	char *shown = sanitize(why, SANITIZE_VISIBLE);
	FZ_CHECK(shown != NULL, "out of memory");
	fz_check_clean(shown, 0, "the reason, as shown");
	free(shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_cstr(data, size);
	work_hours h = {-1, -1, 0};
	char why[256];
	if (work_hours_parse(s, &h, why, sizeof(why))) {
		FZ_CHECK(h.start >= 0 && h.start < 1440 && h.end > 0 && h.end <= 1440 &&
			     h.start != h.end && h.days && h.days < 0x80,
			 "hours out of range: %d-%d days %#x", h.start, h.end, h.days);
		char text[64];
		work_hours_text(&h, text, sizeof(text));
		work_hours h2;
		char why2[256];
		FZ_CHECK(work_hours_parse(text, &h2, why2, sizeof(why2)),
			 "written back, '%s' does not parse: %s", text, why2);
		FZ_CHECK(h2.start == h.start && h2.end == h.end && h2.days == h.days,
			 "written back, '%s' is other hours", text);
		long inside = 0;
		for (int d = 0; d < 7; d++)
			for (int m = 0; m < 1440; m++)
				inside += work_hours_contains(&h, d, m);
		int days = 0;
		for (int d = 0; d < 7; d++)
			days += h.days >> d & 1;
		long span = h.start < h.end ? h.end - h.start : 1440 - h.start + h.end;
		FZ_CHECK(inside == span * days, "%ld minutes inside, not %ld x %d", inside,
			 span, days);
	} else {
		FZ_CHECK(h.start == -1 && h.end == -1 && h.days == 0, "a refusal changed the hours");
		check_reason(why);
	}
	time_t now = 1795000000, t1 = 0, t2 = 0;
	char w1[256], w2[256];
	bool a = tz_parse_moment(s, now, &t1, w1, sizeof(w1));
	bool b = tz_parse_moment(s, now, &t2, w2, sizeof(w2));
	FZ_CHECK(a == b && (!a || t1 == t2), "two readings of a moment differ");
	if (!a)
		check_reason(w1);
	free(s);
	return 0;
}
