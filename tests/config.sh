#!/bin/sh
# config.sh: `teamtui config` beyond its goldens (golden.sh has the
# listings), as TAP: what a golden cannot fix, the config file's mode.
# A gitlab_token in a file only its owner can read is listed as set, at
# its line, and one others can read is refused at its line; in no case,
# text or JSON, does the token reach stdout or stderr. A value's control
# characters are shown, never written raw.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/config.sh
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
runner_tmp config
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME LC_ALL
unset TEAMTUI_ROSTER TEAMTUI_PAGER PAGER GITLAB_HOST GITLAB_TOKEN
mkdir -p "$HOME" "$XDG_CONFIG_HOME/teamtui"
cd "$HOME" || exit 1
cfg=$XDG_CONFIG_HOME/teamtui/config.yml
token=glpat-FAKE-config-sh-0123456789abcdef
n=0
tap_helpers # ok, not_ok, and fail, which counts in $failed (lib.sh)
# run ARGS...: teamtui config; $out, $err and $rc
run() {
	"$TEAMTUI" config "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
# no_token WHAT: the token is in neither stream of the last run
no_token() {
	if grep -F -q -e "$token" -e "FAKE-config" "$tmp/out" "$tmp/err"; then
		fail "$1: the token is never shown" "$(grep -F -e FAKE-config "$tmp/out" "$tmp/err")"
	else
		ok "$1: the token is never shown"
	fi
}

echo "1..14"

printf '# a token\ntheme: dark\ngitlab_token: %s\n' "$token" >"$cfg"
chmod 600 "$cfg"
run
line=$(grep '	gitlab_token=' "$tmp/out")
if [ "$rc" = 0 ] && [ -z "$err" ] &&
	[ "$line" = "file:$cfg:3	gitlab_token=<set, 37 bytes>" ]; then
	ok "a token in a 0600 file: set, its length, at its line"
else
	fail "a token in a 0600 file: set, its length, at its line" "exit $rc" "$line" "$err"
fi
no_token "a 0600 file"
run --json
if [ "$rc" = 0 ] && grep -q '"value":	"<set, 37 bytes>"' "$tmp/out"; then
	ok "--json: the same, as the value"
else
	fail "--json: the same, as the value" "exit $rc"
fi
no_token "a 0600 file, --json"

GITLAB_TOKEN=$token-env run
line=$(grep '	gitlab_token=' "$tmp/out")
if [ "$rc" = 0 ] && [ "$line" = "env:GITLAB_TOKEN	gitlab_token=<set, 41 bytes>" ]; then
	ok "GITLAB_TOKEN over the file's"
else
	fail "GITLAB_TOKEN over the file's" "exit $rc" "$line"
fi
no_token "GITLAB_TOKEN"

chmod 644 "$cfg"
run
line=$(grep '	gitlab_token=' "$tmp/out")
want="$cfg:3:1: error: readable by others (mode 644): gitlab_token ignored; run chmod 600"
if [ "$rc" = 1 ] && [ "$err" = "$want" ] &&
	[ "$line" = "default	gitlab_token=(not set)" ]; then
	ok "a token in a file others can read: refused at its line, not set, exit 1"
else
	fail "a token in a file others can read: refused at its line, not set, exit 1" \
		"exit $rc" "$line" "$err"
fi
no_token "a 0644 file"
if grep -q '	theme=dark$' "$tmp/out"; then
	ok "... and the rest is listed"
else
	fail "... and the rest is listed" "$out"
fi
run --json
no_token "a 0644 file, --json"

# a value with an escape sequence, a tab and a bidi override: shown, so
# that nothing reaches the terminal and each setting keeps its one line
printf 'roster: "/srv/\\e[31mred\\tx\\u202e"\n' >"$cfg"
run
line=$(grep '	roster=' "$tmp/out")
if [ "$rc" = 0 ] && [ "$line" = "file:$cfg:1	roster=/srv/\\x1b[31mred\\x09x\\u{202e}" ]; then
	ok "a value's controls are shown, on its line"
else
	fail "a value's controls are shown, on its line" "exit $rc" "$line" "$err"
fi
bad=$(unsafe_bytes "$tmp/out" tab)
if [ -z "$bad" ]; then
	ok "... and none reaches stdout"
else
	fail "... and none reaches stdout" "$bad"
fi
run --json
bad=$(unsafe_bytes "$tmp/out" tab)
if [ "$rc" = 0 ] && [ -z "$bad" ] && ! grep -q '\\u00' "$tmp/out"; then
	ok "--json: none either, nor as an escape"
else
	fail "--json: none either, nor as an escape" "exit $rc" "$bad"
fi

# a write error is not success (a closed pipe, a full disk)
if [ -w /dev/full ]; then
	"$TEAMTUI" config >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 1 ] && grep -q 'write error' "$tmp/err"; then
		ok "a write error: said, exit 1"
	else
		fail "a write error: said, exit 1" "exit $rc" "$(cat "$tmp/err")"
	fi
else
	ok "a write error: said, exit 1 # SKIP no /dev/full"
fi

[ "$failed" -eq 0 ]
