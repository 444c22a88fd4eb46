/* suggest.c: bounded Levenshtein distance over ASCII-folded ids. */
#include "teamtui/suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1; /* ids are short; don't spend time on junk */
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				      tolower((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

size_t suggest_closest(const char *query, const char *const *cands, size_t n,
		       const char **out, size_t max)
{
	size_t found = 0, qlen = strlen(query);
	size_t limit = qlen / 3 > 2 ? qlen / 3 : 2;
	size_t *score = calloc(max + 1, sizeof(size_t));
	if (!score)
		return 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(query, cands[i]);
		if (qlen >= 3 && strstr(cands[i], query))
			d = d < 1 ? d : 1; /* "models" -> "custom-models" */
		if (d > limit)
			continue;
		/* insertion into the short sorted list */
		size_t at = found;
		while (at > 0 && score[at - 1] > d)
			at--;
		if (at >= max)
			continue;
		size_t end = found < max ? found : max - 1;
		memmove(out + at + 1, out + at, (end - at) * sizeof(*out));
		memmove(score + at + 1, score + at, (end - at) * sizeof(*score));
		out[at] = cands[i];
		score[at] = d;
		if (found < max)
			found++;
	}
	free(score);
	return found;
}
