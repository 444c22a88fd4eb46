#!/bin/sh
# okrs.sh: `teamtui okrs` against a fake GitLab (tests/fake-gitlab.c) on
# 127.0.0.1 -- never the internet. Each case starts the server with one
# scenario (tests/gitlab/routes-NAME) and checks what the user sees (stdout,
# stderr, exit status), the requests the server logged, and the cache.
# TAP output.
set -u
. "$(dirname "$0")/lib.sh"
# the files, not snapshots (a background writer would make runs depend on
# timing: tests/snapshot.sh tests them); no system config of the machine's
TEAMTUI_NO_SNAPSHOT=1
TEAMTUI_SYSTEM_CONFIG=/dev/null/no-system-config
export TEAMTUI_NO_SNAPSHOT TEAMTUI_SYSTEM_CONFIG
: "${TEAMTUI:?}" "${srcdir:?}"
GL=$srcdir/tests/gitlab
fake_server_setup okrs # $tmp, $FAKE, the server's start and stop (lib.sh)

n=0
tap_helpers # ok NAME, not_ok NAME LINES... (lib.sh)
check() { # NAME CONDITION-COMMAND...
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# start_server SCENARIO: a fresh server and request log, on the port of
# the first one (the cache is keyed by host and port)
start_server() {
	fake_server_stop
	: >"$tmp/log"
	fake_server_start "$GL/routes-$1"
}
stop_server() { fake_server_stop; }

# run_tt CACHE-NAME ARGS...: teamtui with the fake host, a token, a cache
# ($XDG_CACHE_HOME exists: teamtui creates only what lies below it)
run_tt() {
	cache=$tmp/cache-$1
	shift
	mkdir -p "$cache"
	env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$cache" \
		LC_ALL=C.UTF-8 GITLAB_HOST="http://127.0.0.1:$port" \
		GITLAB_TOKEN=glpat-test-secret TEAMTUI_GITLAB_STALL=2 \
		"$TEAMTUI" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	normalise
}

# what changes from run to run: the port, the temporary directory, the time
normalise() {
	sed -i -e "s/127\.0\.0\.1:$port/127.0.0.1:PORT/g" -e "s/:$port\([]/ ')]\)/:PORT\1/g" \
		-e "s|$tmp|TMP|g" \
		-e 's/"fetched_at":	"[0-9T:Z-]*"/"fetched_at":	"@TIME@"/' "$tmp/out" "$tmp/err"
}

# tt [NAME=VALUE...] PROGRAM ARGS...: like run_tt, but with no host, token
# or cache directory unless given
tt() {
	env -u XDG_CACHE_HOME -u GITLAB_HOST -u GITLAB_TOKEN HOME="$tmp/home" \
		XDG_CONFIG_HOME="$tmp/config" LC_ALL=C.UTF-8 TEAMTUI_GITLAB_STALL=2 \
		"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	normalise
}

requests() { wc -l <"$tmp/log" | tr -d ' '; }

# same NAME EXPECTED-FILE ACTUAL-FILE
same() { # NAME EXPECTED-FILE GOT-FILE (OKRS_UPDATE=1: GOT becomes EXPECTED)
	[ -n "${OKRS_UPDATE:-}" ] && cp "$3" "$2"
	if diff -u "$2" "$3" >"$tmp/diff" 2>&1; then
		ok "$1"
	else
		n=$((n + 1))
		echo "not ok $n - $1"
		sed 's/^/# /' "$tmp/diff"
	fi
}

is() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  '$2'" "want: '$3'"; fi
}

DATA=$srcdir/data

# --- stdout closed: the output goes nowhere, never into a socket ----------
# (descriptors 0-2 are opened on /dev/null first, so no socket can become
# descriptor 1)
start_server two-pages
mkdir -p "$tmp/cache-closed"
env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache-closed" \
	LC_ALL=C.UTF-8 GITLAB_HOST="http://127.0.0.1:$port" GITLAB_TOKEN=glpat-test-secret \
	"$TEAMTUI" --roster "$srcdir/data" okrs custom-models >&- 2>"$tmp/err" <&-
rc=$?
is "stdout and stdin closed: exit 1 (the output went nowhere)" "$rc" 1
is "stdout closed: said as a write error" "$(cat "$tmp/err")" "teamtui: write error: Bad file descriptor"
is "stdout closed: the two requests, and nothing else reached the server" "$(requests)" 2
check "stdout closed: no output in the server's log" sh -c "! grep -q 'Objective' \"\$1\"" sh "$tmp/log"

# --- two pages of work items, then the cache ------------------------------
start_server two-pages
run_tt a --roster "$DATA" okrs custom-models
is "two pages: exit 0" "$rc" 0
same "two pages: objectives with their key results" "$GL/expect/two-pages.out" "$tmp/out"
is "two pages: nothing on stderr" "$(cat "$tmp/err")" ""
is "two pages: two requests" "$(requests)" 2
check "the token went as a Bearer header" grep -q '"authorization":"Bearer glpat-test-secret"' "$tmp/log"
check "the token is in no URL" sh -c "! grep -q 'glpat-test-secret' \"\$1\" || ! grep -o '\"target\":\"[^\"]*\"' \"\$1\" | grep -q glpat" sh "$tmp/log"
check "page 2 asked with the cursor of page 1" grep -q 'after\\":\\"Y3Vyc29yMQ' "$tmp/log"
check "the GraphQL variables name the project and labels" \
	grep -q 'fullPath\\":\\"gitlab-com/gitlab-OKRs\\",\\"labels\\":\[\\"group::custom models\\"\]' "$tmp/log"
dir=$tmp/cache-a/teamtui
is "cache directory mode" "$(stat -c %a "$dir")" 700
is "cache file mode" "$(stat -c %a "$dir"/*.json)" 600
check "the cache holds no token" sh -c "! grep -rq glpat-test-secret \"\$1\"" sh "$dir"
is "no temporary file left" "$(ls "$dir" | grep -c tmp)" 0

run_tt a --roster "$DATA" okrs custom-models
is "fresh cache: no new request" "$(requests)" 2
check "fresh cache: said so" grep -q '^cached just now$' "$tmp/out"

run_tt a --roster "$DATA" okrs custom-models --refresh
is "--refresh asks again, with the ETag" "$(grep -c '"if_none_match":"\\"v1\\""' "$tmp/log")" 1
is "304: one request, the cached answer" "$(requests)" 3
check "304: shown from the cache" grep -q '^cached just now$' "$tmp/out"

run_tt a --roster "$DATA" --json okrs custom-models
same "--json: nested, sanitized" "$GL/expect/two-pages.json" "$tmp/out"

# --- failures: a one-line reason, the cache when there is one -------------
fail_case() { # SCENARIO WANT-STDERR
	start_server "$1"
	run_tt "$1" --roster "$DATA" okrs custom-models
	is "$1: exit 1 with nothing cached" "$rc" 1
	is "$1: the reason" "$(cat "$tmp/err")" "$2"
	is "$1: nothing on stdout" "$(cat "$tmp/out")" ""
}
fail_case unauthorized "teamtui: 401 unauthorized: GitLab refused the token from GITLAB_TOKEN"
fail_case notfound "teamtui: 404: no GitLab GraphQL API at http://127.0.0.1:PORT/api/graphql"
fail_case forbidden "teamtui: 403 forbidden: The request requires higher privileges than provided by the access token."
fail_case cut "teamtui: the connection closed in the middle of the answer"
fail_case invalid "teamtui: invalid JSON from the server (near byte 59)"
fail_case huge "teamtui: the answer is over 8 MB; refused"
fail_case redirect "teamtui: redirected to https://evil.example/steal; not followed (the token goes to the GitLab host alone)"
is "redirect: the token did not follow (one request)" "$(requests)" 1
fail_case redirect-local "teamtui: redirected to http://127.0.0.1:PORT/steal; not followed (the token goes to the GitLab host alone)"
is "redirect to this same server: not followed either (one request)" "$(requests)" 1
fail_case graphql-error "teamtui: GitLab: Field 'workItems' doesn't accept argument 'labelName'"
fail_case project-null "teamtui: project not found, or private to you"

start_server ratelimited
run_tt rl --roster "$DATA" okrs custom-models
check "429: rate limited until HH:MM" grep -Eq '^teamtui: 429 rate limited until [0-2][0-9]:[0-5][0-9]$' "$tmp/err"
start_server two-pages
run_tt rl --roster "$DATA" okrs custom-models
is "429: Retry-After is honoured: no request before then" "$(requests)" 0
check "429: ... and the user is told until when" grep -Eq '^teamtui: 429 rate limited until [0-2][0-9]:[0-5][0-9]$' "$tmp/err"

start_server stall
t0=$(date +%s)
run_tt stall --roster "$DATA" okrs custom-models
t1=$(date +%s)
is "stall: the reason" "$(cat "$tmp/err")" "teamtui: timed out: 127.0.0.1:PORT stopped answering"
check "stall: given up after the stall timeout, not the total one" test $((t1 - t0)) -lt 15

# a failure with something cached: the cache, its age, the reason
start_server unauthorized
run_tt a --roster "$DATA" okrs custom-models --refresh
is "401 with a cache: exit 0" "$rc" 0
check "401 with a cache: cached answer, age and reason" \
	grep -q '^cached just now (401 unauthorized: GitLab refused the token from GITLAB_TOKEN)$' "$tmp/out"
check "401 with a cache: the objectives still shown" grep -q 'Objective #' "$tmp/out"

# --- offline --------------------------------------------------------------
stop_server
run_tt a --roster "$DATA" okrs custom-models --offline
is "--offline: from the cache" "$rc" 0
run_tt empty --roster "$DATA" okrs custom-models --offline
is "--offline with nothing cached: exit 1" "$rc" 1
is "--offline with nothing cached: the reason" "$(cat "$tmp/err")" "teamtui: offline, and nothing cached yet"
for f in "$tmp"/cache-a/teamtui/*.json; do printf '{"fetched_at": 1, "items": [tru' >"$f"; done
run_tt a --roster "$DATA" okrs custom-models --offline
is "a corrupt cache file is not trusted" "$(cat "$tmp/err")" "teamtui: offline, and nothing cached yet"
is "and it is removed" "$(ls "$tmp/cache-a/teamtui" | grep -c '\.json$')" 0

# --- ordinary issues through REST, paged by the Link header ---------------
start_server issues-paged
run_tt rest --roster "$GL/roster-issues" okrs custom-models
is "issues: exit 0" "$rc" 0
same "issues: two pages by the Link header" "$GL/expect/issues.out" "$tmp/out"
is "issues: two requests" "$(requests)" 2
check "issues: asked by REST, not GraphQL" sh -c "! grep -q graphql \"\$1\"" sh "$tmp/log"

# --- settings ---------------------------------------------------------------
stop_server
port=1
run_tt x --roster "$DATA" okrs custom-models
check "nothing listening: cannot connect" grep -q '^teamtui: cannot connect to 127.0.0.1:PORT$' "$tmp/err"
env HOME="$tmp/home" XDG_CACHE_HOME="$tmp/c2" GITLAB_HOST=http://gitlab.example.com \
	"$TEAMTUI" --roster "$DATA" okrs custom-models >"$tmp/out" 2>"$tmp/err"
is "plain http to another host is refused" "$(cat "$tmp/err")" \
	"GITLAB_HOST: error: GitLab host 'http://gitlab.example.com' must be https:// (plain http only to localhost, 127.0.0.0/8 or [::1], for tests)"

# --- libcurl cannot be loaded (it is loaded on first use, not linked) ------
# TEAMTUI_LIBCURL names a file that is not there: the fetch fails as when
# libcurl cannot start, naming the library and saying why (dlerror), and
# nothing is asked of the server
start_server two-pages
mkdir -p "$tmp/cache-nocurl"
tt GITLAB_HOST="http://127.0.0.1:$port" GITLAB_TOKEN=glpat-test-secret \
	XDG_CACHE_HOME="$tmp/cache-nocurl" TEAMTUI_LIBCURL=libteamtui-missing.so.4 \
	"$TEAMTUI" --roster "$DATA" okrs custom-models
is "without libcurl: exit 1" "$rc" 1
is "without libcurl: the library and dlerror's reason" "$(cat "$tmp/err")" \
	"teamtui: cannot load libteamtui-missing.so.4: libteamtui-missing.so.4: cannot open shared object file: No such file or directory"
is "without libcurl: no request reached the server" "$(requests)" 0
is "without libcurl: nothing on stdout" "$(cat "$tmp/out")" ""

# --- where the token may go: spellings that would reach this server --------
# Each is refused before any request: the server, listening, logs none.
start_server two-pages
mkdir -p "$tmp/cache-refused"
refused() { # GITLAB_HOST WANT-STDERR
	shown=$(printf '%s' "$1" | sed "s/$port/PORT/g")
	tt GITLAB_HOST="$1" GITLAB_TOKEN=glpat-test-secret XDG_CACHE_HOME="$tmp/cache-refused" \
		"$TEAMTUI" --roster "$DATA" okrs custom-models
	is "GITLAB_HOST=$shown: exit 1" "$rc" 1
	is "GITLAB_HOST=$shown: the reason" "$(cat "$tmp/err")" "$2"
	is "GITLAB_HOST=$shown: no request reached the server" "$(requests)" 0
}
userinfo="GITLAB_HOST: error: GitLab host holds a user name or password: refused (a token belongs in GITLAB_TOKEN)"
refused "http://localhost.@127.0.0.1:$port" "$userinfo"
refused "http://user@127.0.0.1:$port" "$userinfo"
refused "http://user:glpat-test-secret@127.0.0.1:$port/" "$userinfo"
refused "http://127.0.0.1:$port@127.0.0.1:$port" "$userinfo"
refused "http://[::ffff:127.0.0.1]:$port" \
	"GITLAB_HOST: error: GitLab host 'http://[::ffff:127.0.0.1]:PORT' must be https:// (plain http only to localhost, 127.0.0.0/8 or [::1], for tests)"
refused "http://127.0.0.1:$port/?x=1" \
	"GITLAB_HOST: error: GitLab host 'http://127.0.0.1:PORT/?x=1' has a query or fragment: give the server's address alone"

# spellings libcurl normalises to this machine: asked at the normal form
tt GITLAB_HOST="http://2130706433:$port" GITLAB_TOKEN=glpat-test-secret \
	XDG_CACHE_HOME="$tmp/cache-refused" "$TEAMTUI" --roster "$DATA" okrs custom-models
is "GITLAB_HOST=http://2130706433:PORT is 127.0.0.1: exit 0" "$rc" 0
same "GITLAB_HOST=http://2130706433:PORT: the objectives" "$GL/expect/two-pages.out" "$tmp/out"
is "GITLAB_HOST=http://2130706433:PORT: two requests" "$(requests)" 2
start_server two-pages
tt GITLAB_HOST="HTTP://LOCALHOST:$port/" GITLAB_TOKEN=glpat-test-secret \
	XDG_CACHE_HOME="$tmp/cache-refused" "$TEAMTUI" --roster "$DATA" okrs custom-models
is "GITLAB_HOST=HTTP://LOCALHOST:PORT/: exit 0" "$rc" 0
is "GITLAB_HOST=HTTP://LOCALHOST:PORT/: two requests" "$(requests)" 2

# plain http goes to this machine only: never through a proxy, which would
# carry the token in clear (the server plays the proxy here)
start_server two-pages
tt GITLAB_HOST="http://127.0.0.1:1" GITLAB_TOKEN=glpat-test-secret \
	XDG_CACHE_HOME="$tmp/cache-refused" http_proxy="http://127.0.0.1:$port" \
	all_proxy="http://127.0.0.1:$port" "$TEAMTUI" --roster "$DATA" okrs custom-models
is "plain http with http_proxy set: nothing went to the proxy" "$(requests)" 0
is "plain http with http_proxy set: the host itself was asked" "$(cat "$tmp/err")" \
	"teamtui: cannot connect to 127.0.0.1:1"

# --- no token: a 401 says so ----------------------------------------------
start_server unauthorized
mkdir -p "$tmp/cache-anon"
tt GITLAB_HOST="http://127.0.0.1:$port" XDG_CACHE_HOME="$tmp/cache-anon" \
	"$TEAMTUI" --roster "$DATA" okrs custom-models
is "no token, 401: the reason" "$(cat "$tmp/err")" "teamtui: 401 unauthorized: no token was sent (set GITLAB_TOKEN)"
check "no token: no Authorization header was sent" grep -q '"authorization":null' "$tmp/log"

# --- REST: a 404 names the project ------------------------------------------
start_server notfound
run_tt rest404 --roster "$GL/roster-issues" okrs custom-models
is "REST 404: the reason" "$(cat "$tmp/err")" "teamtui: 404 not found, or private to you: project gitlab-com/gitlab-OKRs"

# --- nothing open ------------------------------------------------------------
start_server empty
run_tt empty-wi --roster "$DATA" okrs custom-models
check "no work items: said so" grep -qx '(no open objectives or key results)' "$tmp/out"
run_tt empty-rest --roster "$GL/roster-issues" okrs custom-models
check "no issues: said so, as issues" grep -qx '(no open issues)' "$tmp/out"

# --- strings with \u0000 are not cut short ----------------------------------
start_server nul
run_tt nul --roster "$DATA" okrs custom-models
fffd=$(printf '\357\277\275')
is "\\u0000: exit 0" "$rc" 0
check "\\u0000 in a title: U+FFFD in its place, the rest of the title kept" \
	grep -qxF "Objective #50  Before${fffd}after: the rest of a title past an embedded NUL" "$tmp/out"
check "\\u0000 in a user name: the same" grep -qF "@nul${fffd}byte-fict" "$tmp/out"

# --- incomplete lists are said to be, and never cached ----------------------
start_server link-elsewhere
run_tt le --roster "$GL/roster-issues" okrs custom-models
is "next page on another host: exit 0 (page 1 shown)" "$rc" 0
is "next page on another host: not asked for" "$(requests)" 1
next='http://localhost:PORT/api/v4/projects/gitlab-com%2Fgitlab-OKRs/issues?labels=group%3A%3Acustom%20models&page=2&per_page=3&state=opened'
is "next page on another host: the warning" "$(cat "$tmp/err")" \
	"teamtui: warning: the list is incomplete: the next page, $next, is not on the GitLab host; not asked for"
is "next page on another host: the status line says so" "$(sed -n 2p "$tmp/out")" \
	"fetched just now; the list is incomplete: the next page, $next, is not on the GitLab host; not asked for"
check "next page on another host: page 1 is shown" grep -q '^Issue #43 ' "$tmp/out"
run_tt le --roster "$GL/roster-issues" okrs custom-models --offline
is "an incomplete list is not cached" "$(cat "$tmp/err")" "teamtui: offline, and nothing cached yet"

start_server link-loop
run_tt loop --roster "$GL/roster-issues" okrs custom-models
is "page cap: exit 0" "$rc" 0
is "page cap: 50 requests, no more" "$(requests)" 50
is "page cap: the warning" "$(cat "$tmp/err")" "teamtui: warning: the list is incomplete: stopped after 50 pages"

# --- cache I/O errors name the path and the cause ---------------------------
start_server two-pages
run_tt ce --roster "$DATA" okrs custom-models
entry=$(ls "$tmp/cache-ce/teamtui" | grep '\.json$') # (not changes/)
rm "$tmp/cache-ce/teamtui/$entry"
mkdir "$tmp/cache-ce/teamtui/$entry" # a directory where the file was
: >"$tmp/cache-ce/teamtui/$entry/x"
run_tt ce --roster "$DATA" okrs custom-models --refresh
is "an unreadable cache entry: still fetched (exit 0)" "$rc" 0
is "an unreadable cache entry: the path and why" "$(cat "$tmp/err")" \
	"teamtui: warning: cache: TMP/cache-ce/teamtui/$entry is not a regular file"
run_tt ce --roster "$DATA" okrs custom-models --offline
is "an unreadable cache entry, offline: the path and why" "$(cat "$tmp/err")" \
	"teamtui: offline, and the cache cannot be read: TMP/cache-ce/teamtui/$entry is not a regular file"

# --- no home: no cache, said once, and nothing created ----------------------
nohome=$tmp/does-not-exist
tt HOME="$nohome" GITLAB_HOST="http://127.0.0.1:$port" GITLAB_TOKEN=glpat-test-secret \
	"$TEAMTUI" --roster "$DATA" okrs custom-models
is "HOME missing: exit 0" "$rc" 0
is "HOME missing: one line on stderr" "$(cat "$tmp/err")" \
	"teamtui: running without a cache: HOME=TMP/does-not-exist: No such file or directory"
same "HOME missing: the objectives all the same" "$GL/expect/two-pages.out" "$tmp/out"
check "HOME missing: it is not created" test ! -e "$nohome"
tt HOME="$nohome" GITLAB_HOST="http://127.0.0.1:$port" GITLAB_TOKEN=glpat-test-secret \
	"$TEAMTUI" --roster "$DATA" okrs custom-models --offline
is "HOME missing, --offline: exit 1" "$rc" 1
is "HOME missing, --offline: why" "$(cat "$tmp/err")" "teamtui: running without a cache: HOME=TMP/does-not-exist: No such file or directory
teamtui: offline, and running without a cache"
check "HOME missing: still not created" test ! -e "$nohome"

# --- the TUI keeps answering while GitLab takes 5 s ------------------------
if command -v tmux >/dev/null 2>&1; then
	start_server slow
	mkdir -p "$tmp/cache-tui"
	sock=$tmp/tmux.sock
	T() { tmux -S "$sock" -f /dev/null "$@"; }
	screen_has() { # TEXT SECONDS: poll the pane until it shows TEXT
		i=0
		while [ $i -lt $(($2 * 20)) ]; do
			T capture-pane -p -t tt 2>/dev/null | grep -qF "$1" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		return 1
	}
	screen_lacks() { # TEXT SECONDS: poll the pane until TEXT is gone
		i=0
		while [ $i -lt $(($2 * 20)) ]; do
			T capture-pane -p -t tt 2>/dev/null | grep -qF "$1" || return 0
			sleep 0.05
			i=$((i + 1))
		done
		return 1
	}
	# the session is killed at the end: no leak check then (see screen.sh)
	T new-session -d -s tt -x 120 -y 40 "env HOME='$tmp/home' ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		XDG_CACHE_HOME='$tmp/cache-tui' LC_ALL=C.UTF-8 TERM=screen \
		GITLAB_HOST=http://127.0.0.1:$port GITLAB_TOKEN=glpat-test-secret \
		'$TEAMTUI' --roster '$DATA'; sleep 30"
	screen_has "Directory" 5
	T send-keys -t tt Enter
	check "TUI: the fetch starts and shows in the status line" screen_has "fetching from GitLab" 3
	t0=$(date +%s%N)
	T send-keys -t tt '?'
	check "TUI: a key is answered while the answer is pending (help)" screen_has "Leaving and going back" 1
	t1=$(date +%s%N)
	check "TUI: ... within half a second" test $(((t1 - t0) / 1000000)) -lt 500
	check "TUI: ... and the fetch is still going" screen_has "fetching from GitLab" 1
	T send-keys -t tt q
	check "TUI: back on the card, still fetching" screen_has "Members (7)" 1
	T send-keys -t tt G # the OKRs are at the bottom of the card
	check "TUI: the OKRs arrive by themselves" screen_has "Objective #30" 10
	T send-keys -t tt G # the card grew: to its new last line
	check "TUI: key results under their objective" screen_has "KR #31" 1
	# (the items and the status line may come one redraw apart: poll)
	check "TUI: and the spinner stops" screen_lacks "fetching from GitLab" 3
	T kill-server 2>/dev/null
else
	n=$((n + 1))
	echo "ok $n - # SKIP tmux is not installed"
fi

echo "1..$n"
