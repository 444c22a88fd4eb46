/* bare-parse: the "floor" for loader benchmarks.  Parses FILE with a bare
 * libyaml event loop (no tree, no copies) REPEAT times and prints the best
 * wall time, so the real loader's cost can be read as overhead over this.
 * Usage: bare-parse [-r REPEAT] FILE...   (link: -lyaml): every FILE
 * parsed in turn, REPEAT times (default 5), the best total printed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

/* Whole file in memory so only parsing is timed, never I/O. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "bare-parse: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 20, n = 0, got;
	unsigned char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (!buf || ferror(f)) {
		fprintf(stderr, "bare-parse: %s: %s\n", path,
			buf ? "read error" : "out of memory");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One full pass; returns the event count, or -1 after reporting. */
static long parse_once(const char *path, const unsigned char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t event;
	long events = 0;
	int done = 0;
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "bare-parse: cannot initialise libyaml\n");
		return -1;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			/* libyaml marks are 0-based; editors count from 1 */
			fprintf(stderr, "%s:%lu:%lu: %s%s%s%s\n", path,
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "parse error",
				parser.context ? " (" : "",
				parser.context ? parser.context : "",
				parser.context ? ")" : "");
			yaml_parser_delete(&parser);
			return -1;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return events;
}

int main(int argc, char **argv)
{
	long repeat = 5;
	int first = 1;
	if (argc > 2 && !strcmp(argv[1], "-r")) {
		char *end;
		errno = 0;
		repeat = strtol(argv[2], &end, 10);
		if (errno || end == argv[2] || *end || repeat < 1)
			argc = 0; /* fall into the usage message */
		first = 3;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: bare-parse [-r REPEAT] FILE...\n");
		return 2;
	}
	int nfiles = argc - first;
	unsigned char **bufs = calloc((size_t)nfiles, sizeof(*bufs));
	size_t *lens = calloc((size_t)nfiles, sizeof(*lens)), bytes = 0;
	for (int f = 0; bufs && lens && f < nfiles; f++) {
		if (!(bufs[f] = slurp(argv[first + f], &lens[f])))
			return 1;
		bytes += lens[f];
	}
	if (!bufs || !lens)
		return 1;
	double best = -1;
	long events = 0;
	for (long i = 0; i < repeat; i++) {
		double t0 = now_ms();
		events = 0;
		for (int f = 0; f < nfiles; f++) {
			long e = parse_once(argv[first + f], bufs[f], lens[f]);
			if (e < 0)
				return 1;
			events += e;
		}
		double ms = now_ms() - t0;
		if (best < 0 || ms < best)
			best = ms;
	}
	for (int f = 0; f < nfiles; f++)
		free(bufs[f]);
	free(bufs);
	free(lens);
	printf("bare_parse_ms=%.3f events=%ld bytes=%zu\n", best, events, bytes);
	return 0;
}
