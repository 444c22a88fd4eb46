/* cli_sync.c: `teamtui sync [--quiet]` (cli_sync.h): the configuration,
 * the progress bars, one line per file, the exit code. */
#include "teamtui/cli_sync.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "teamtui/cli.h"
#include "teamtui/config.h"
#include "teamtui/gitlab.h"
#include "teamtui/sanitize.h"
#include "teamtui/sync.h"
#include "teamtui/syncdata.h"

/* "363 B", "2.1 kB", "8.4 MB" (1 kB = 1024 bytes, as "64 MB" is) */
static void human_bytes(long long n, char *buf, size_t size)
{
	if (n < 1024)
		snprintf(buf, size, "%lld B", n);
	else if (n < 1024 * 1024)
		snprintf(buf, size, "%.1f kB", (double)n / 1024);
	else
		snprintf(buf, size, "%.1f MB", (double)n / (1024 * 1024));
}

/* "teamtui: sync: " and the text, sanitized, on stderr. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(stdout); /* the lines come in the files' order */
	fputs("teamtui: sync: ", stderr);
	sanitize_fputs_flags(msg, SANITIZE_VISIBLE, stderr);
	fputc('\n', stderr);
}

/* ---- the progress bars ------------------------------------------------------- */

struct bars {
	int drawn; /* lines on the terminal now */
};

static int columns(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* One file's line, at most width-1 columns (no wrap: the bars are
 * redrawn by moving the cursor up). Only ASCII: no width to measure. */
static void bar_line(const sync_file *f, int width, char *line, size_t size)
{
	char text[80], got[32], total[32];
	human_bytes(f->got, got, sizeof(got));
	bool known = f->total > 0;
	if (known)
		human_bytes(f->total, total, sizeof(total));
	if (f->outcome == SYNC_UNCHANGED)
		snprintf(text, sizeof(text), "unchanged");
	else if (f->outcome == SYNC_UPDATED)
		snprintf(text, sizeof(text), "updated");
	else if (f->outcome == SYNC_FAILED)
		snprintf(text, sizeof(text), "failed");
	else if (known)
		snprintf(text, sizeof(text), "%s / %s", got, total);
	else
		snprintf(text, sizeof(text), "%s", got);
	int name = width - 1 < 15 ? (width > 1 ? width - 1 : 1) : 15;
	int room = width - 1 - name - (int)strlen(text) - 4;
	int bar = room > 40 ? 40 : room;
	bool done = f->outcome != SYNC_WAITING;
	if (bar < 10 || (!known && !done)) { /* no room, or no size: bytes */
		int rest = width - 2 - name;
		snprintf(line, size, "%-*.*s%s%.*s", name, name, f->name, rest > 0 ? " " : "",
			 rest > 0 ? rest : 0, text);
		return;
	}
	long long part = done ? bar : known ? f->got * bar / f->total : 0;
	part = part < 0 ? 0 : part > bar ? bar : part;
	char fill[48];
	for (int i = 0; i < bar; i++)
		fill[i] = i < part ? '#' : '.';
	fill[bar] = '\0';
	snprintf(line, size, "%-*s [%s] %s", name, f->name, fill, text);
}

static void draw(const sync_run *run, void *ctx)
{
	struct bars *b = ctx;
	int width = columns();
	if (b->drawn)
		fprintf(stderr, "\r\033[%dA", b->drawn);
	for (int i = 0; i < DATADIR_NFILES; i++) {
		char line[512];
		bar_line(&run->file[i], width, line, sizeof(line));
		fprintf(stderr, "\033[2K%s\n", line);
	}
	b->drawn = DATADIR_NFILES;
	fflush(stderr);
}

static void clear(struct bars *b)
{
	if (!b->drawn)
		return;
	fprintf(stderr, "\r\033[%dA\033[J", b->drawn);
	fflush(stderr);
	b->drawn = 0;
}

/* ---- the results ---------------------------------------------------------------- */

static void report_file(const sync_file *f, bool show, time_t now)
{
	char what[160], size[32], age[32], where[300] = "";
	switch (f->outcome) {
	case SYNC_UPDATED:
		if (!show)
			return;
		syncdata_describe(f->name, &f->now, f->had_before ? &f->before : NULL, what,
				  sizeof(what));
		human_bytes(f->size, size, sizeof(size));
		printf("%s: updated, %s, %s\n", f->name, what, size);
		return;
	case SYNC_UNCHANGED:
		if (show)
			printf("%s: unchanged\n", f->name);
		return;
	case SYNC_WAITING: /* cannot be: every transfer has ended */
	case SYNC_FAILED:
		break;
	}
	const char *why = f->error ? f->error : "failed";
	if (f->refused) {
		char kept[96] = "; no file written";
		if (f->kept) {
			gitlab_age(f->kept_since, now, age, sizeof(age));
			snprintf(kept, sizeof(kept), "; kept the previous file (synced %s)", age);
		}
		say("%s: refused: %s (%ld from %s)%s", f->name, why, f->status,
		    f->where ? f->where : "?", kept);
		return;
	}
	if (f->where && !strstr(why, f->where))
		snprintf(where, sizeof(where), " (%s)", f->where);
	say("%s: %s%s", f->name, why, where);
}

int cli_sync(bool quiet, bool *updated)
{
	*updated = false;
	diag_list d, gd;
	diag_init(&d);
	diag_init(&gd);
	bool shared = false;
	config_sync_source src;
	gitlab_config gl;
	char *dir = config_data_dir(&shared, &d);
	bool have_src = config_sync(&src, &d);
	/* the GitLab settings: the project form's host and token, and for
	 * both forms the CA bundle and the time-outs. With one URL per file
	 * the host and token are not used: what is wrong with them is not
	 * this command's to say. */
	bool gl_ok = gitlab_config_load(&gl, &gd);
	if (have_src && src.project)
		diag_append(&d, &gd);
	else
		gl_ok = true;
	diag_sort(&d);
	for (size_t i = 0; i < d.count; i++)
		diag_print(&d.items[i], stderr);
	int rc = CLI_FAIL;
	if (!have_src) {
		say("out of memory");
	} else if (d.errors || !gl_ok) {
		say("nothing fetched: the settings above have errors");
	} else if (!dir) {
		say("no data directory: HOME is not set (or set XDG_DATA_HOME, or data_dir: "
		    "in the config file)");
	} else {
		struct bars bars = {0};
		bool show = !quiet && isatty(STDOUT_FILENO);
		sync_options o = {.dir = dir, .shared = shared, .src = &src, .gitlab = &gl,
				  .progress = !quiet && isatty(STDERR_FILENO) ? draw : NULL,
				  .ctx = &bars};
		sync_run run;
		bool busy;
		char err[1024];
		bool ran = sync_run_all(&o, &run, &busy, err, sizeof(err));
		clear(&bars);
		if (!ran) {
			say("%s", err);
		} else {
			rc = CLI_OK;
			time_t now = time(NULL);
			for (size_t i = 0; i < run.nwarnings; i++)
				say("%s", run.warnings[i]);
			for (int i = 0; i < DATADIR_NFILES; i++) {
				const sync_file *f = &run.file[i];
				report_file(f, show, now);
				*updated |= f->outcome == SYNC_UPDATED;
				if (f->outcome != SYNC_UPDATED && f->outcome != SYNC_UNCHANGED)
					rc = CLI_FAIL;
			}
			for (size_t i = 0; i < run.nerrors; i++)
				say("%s", run.errors[i]);
			if (run.nerrors)
				rc = CLI_FAIL;
		}
		sync_run_free(&run);
	}
	if (have_src)
		config_sync_free(&src);
	gitlab_config_free(&gl);
	diag_free(&d);
	diag_free(&gd);
	free(dir);
	return rc;
}
