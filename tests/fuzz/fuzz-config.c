/* fuzz-config: the user's config.yml, read the two ways the program
 * reads it: config_roster_dir (the `roster:` path, made absolute),
 * config_gitlab (gitlab_host, gitlab_token, ca_cert) and config_sync (the
 * `sync:` map of `teamtui sync`). $XDG_CONFIG_HOME
 * and $HOME point into the harness's scratch directory and
 * $TEAMTUI_ROSTER is unset, so the file is the only source.
 *
 * Feeds: the input as config.yml's bytes; the file's mode is 0600 for an
 * input of even length, 0644 for odd (the token must then be refused).
 * Asserts: no memory error, leak or undefined behaviour; the roster path
 * comes from the config (or the sample when there is none) and is
 * absolute, as is ca_cert; a token is never handed out from a file others
 * can read; sync: gives a source for every data file, a ref only with a
 * project, and the handbook's URLs for the files it leaves out (data/FILE
 * with a project); the diagnostics pass fz_check_diags. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz-common.h"
#include "teamtui/config.h"

static char *file;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char *xdg = fz_path(fz_tmpdir(), "config-home");
	char *home = fz_path(fz_tmpdir(), "home");
	char *dir = fz_path(xdg, "teamtui");
	fz_mkdirs(dir);
	fz_mkdirs(home);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", home, 1);
	unsetenv("TEAMTUI_ROSTER");
	file = fz_path(dir, "config.yml");
	char *want = config_path();
	FZ_CHECK(want && !strcmp(want, file), "config_path is %s, not %s",
		 want ? want : "(null)", file);
	free(want);
	free(xdg);
	free(home);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_write(file, data, size);
	mode_t mode = size % 2 ? 0644 : 0600;
	FZ_CHECK(chmod(file, mode) == 0, "chmod %s", file);
	diag_list diags;
	diag_init(&diags);

	roster_source from;
	char *dir = config_roster_dir(NULL, &from, &diags);
	FZ_CHECK(dir != NULL, "config_roster_dir: out of memory");
	FZ_CHECK(from == ROSTER_FROM_CONFIG || from == ROSTER_FROM_SAMPLE,
		 "roster from source %d", (int)from);
	FZ_CHECK(from != ROSTER_FROM_CONFIG || dir[0] == '/',
		 "roster path from the config is not absolute: '%s'", dir);
	free(dir);

	char *host, *token, *ca;
	config_gitlab(&host, &token, &ca, &diags);
	FZ_CHECK(!host || *host, "empty gitlab_host handed out");
	FZ_CHECK(!token || !(mode & 077), "token read from a mode %03o file",
		 (unsigned)mode);
	FZ_CHECK(!ca || ca[0] == '/', "ca_cert is not absolute: '%s'", ca);
	free(host);
	free(token);
	free(ca);

	config_sync_source src;
	FZ_CHECK(config_sync(&src, &diags), "config_sync: out of memory");
	FZ_CHECK(!src.ref || src.project, "a ref without a project");
	FZ_CHECK(!src.project || *src.project, "an empty project");
	FZ_CHECK(!src.from || !strcmp(src.from, file), "sync: from %s", src.from);
	for (int i = 0; i < DATADIR_NFILES; i++)
		FZ_CHECK(src.file[i] && *src.file[i], "no source for %s", datadir_files[i]);
	if (!src.from)
		FZ_CHECK(!strcmp(src.file[0], CONFIG_SYNC_TEAM_URL), "not the default: %s",
			 src.file[0]);
	config_sync_free(&src);

	fz_check_diags(&diags);
	diag_free(&diags);
	return 0;
}
