#!/bin/sh
# me.sh: `me` beyond its goldens (golden.sh has each source's output), as
# TAP: a guess is said once, then kept as confirmed in the state file
# (one line, written atomically: no temporary left), and said again only
# when it cannot be kept; config.yml's me: is never overridden by it.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/me.sh
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
runner_tmp me
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
XDG_STATE_HOME=$tmp/state LC_ALL=C.UTF-8 USER=aquill
GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES=$tmp
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME LC_ALL USER \
	GIT_CONFIG_NOSYSTEM GIT_CEILING_DIRECTORIES
unset TEAMTUI_ROSTER GIT_CONFIG_GLOBAL
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
cd "$HOME" || exit 1
org=$abs_srcdir/tests/golden/fixtures/org
n=0
tap_helpers # ok, not_ok, and fail, which counts in $failed (lib.sh)
# run ARGS...: teamtui on the org fixture; $out, $err and $rc
run() {
	"$TEAMTUI" --roster "$org" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

echo "1..7"

run person me
case $rc:$out:$err in
0:"Ada Quill (ada-quill)"*:"teamtui: me: taken to be Ada Quill (ada-quill), guessed from \$USER 'aquill'"*)
	ok "a guess from \$USER is used and said" ;;
*) fail "a guess from \$USER is used and said" "exit $rc" "$err" ;;
esac
if [ "$(cat "$XDG_STATE_HOME/teamtui/me" 2>/dev/null)" = ada-quill ]; then
	ok "the guess is kept as confirmed, one line"
else
	fail "the guess is kept as confirmed, one line"
fi
left=$(find "$XDG_STATE_HOME/teamtui" -type f ! -name me)
if [ -z "$left" ]; then
	ok "no temporary file left beside it"
else
	fail "no temporary file left beside it" "$left"
fi

USER=cvance run escalate me
case $rc:$err in
0:) case $out in
	"Whom to ask about Ada Quill (ada-quill)"*) ok "then it is confirmed: said no more, over \$USER" ;;
	*) fail "then it is confirmed: said no more, over \$USER" "$out" ;;
	esac ;;
*) fail "then it is confirmed: said no more, over \$USER" "exit $rc" "$err" ;;
esac

mkdir -p "$XDG_CONFIG_HOME/teamtui"
printf 'me: cora-vance\n' >"$XDG_CONFIG_HOME/teamtui/config.yml"
run person me
case $rc:$out:$err in
0:"Cora Vance (cora-vance)"*:) ok "config.yml's me: wins over the confirmed guess" ;;
*) fail "config.yml's me: wins over the confirmed guess" "exit $rc" "$err" ;;
esac
rm -f "$XDG_CONFIG_HOME/teamtui/config.yml"

# a state directory that cannot be made (XDG_STATE_HOME is a file: even
# root cannot make a directory in it): the guess is used, said each time,
# and why it is not kept
rm -rf "$XDG_STATE_HOME"
: >"$XDG_STATE_HOME"
for i in 1 2; do
	run person me
	case $rc:$err in
	0:*"guessed from"*"teamtui: warning: me: the guess is not kept: "*"teamtui/me: Not a directory"*)
		ok "state not writable: guessed and said ($i)" ;;
	*) fail "state not writable: guessed and said ($i)" "exit $rc" "$err" ;;
	esac
done
[ "$failed" -eq 0 ]
