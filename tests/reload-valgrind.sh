#!/bin/sh
# reload-valgrind.sh: the interactive directory under valgrind while its
# roster changes and is reloaded (the views must never draw what a reload
# freed), as TAP.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/reload-valgrind.sh
#
# Each sequence runs teamtui (a plain build: valgrind cannot run one built
# with AddressSanitizer, which has its own checks in screen.sh) under
#   valgrind --error-exitcode=99 --leak-check=full
# in a tmux pane of a private server, on a private copy of
# tests/screen/fixtures/reload, sends keys and changes the copy between
# them (the files of tests/screen/fixtures/reload-edits), waits after each
# step for the text the step must show, quits with Q and passes when
# teamtui exited 0: any invalid read or write, use of uninitialised memory,
# bad free or leak makes valgrind exit 99, and its log is shown.
# TEAMTUI_FREE_AT_EXIT=1: should teamtui fall back to a text command, it
# frees its roster before exit too (a one-shot command otherwise leaves
# that to the process's end), so a leak still shows.
#
# Skips (TAP) when valgrind or tmux is missing, or TEAMTUI was built with
# AddressSanitizer. Only ${TMPDIR:-/tmp} is written to.

# The sh: steps' $fixtures and $PWD are expanded by the step's own shell:
# shellcheck disable=SC2016
set -u
. "$(dirname "$0")/lib.sh"

runner_setup
case $TEAMTUI in
/*) ;;
*) TEAMTUI=$(pwd)/$TEAMTUI ;; # the pane runs in the roster's directory
esac
fixtures=$abs_srcdir/tests/screen/fixtures

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}
command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
if LC_ALL=C grep -q __asan_init "$TEAMTUI" 2>/dev/null; then
	skip "$TEAMTUI is built with AddressSanitizer (valgrind cannot run it)"
fi

private_tmux valgrind

pause() {
	sleep 0.05 2>/dev/null || sleep 1
}

# shows TEXT: the pane shows TEXT (a fixed string) within 60 s (valgrind
# is slow; the bound is generous, the condition is what is waited for).
shows() {
	i=0
	while [ $i -lt 1200 ]; do
		tm capture-pane -p -t t: 2>/dev/null | grep -F -q -- "$1" && return 0
		pause
		i=$((i + 1))
	done
	return 1
}

# run NAME STEP...: one sequence. A STEP is
#   keys:K1,K2,...   tmux keys, one send-keys each
#   sh:COMMAND       run in the roster copy ($fixtures is set)
#   wait:TEXT        until the pane shows TEXT
n=0
failed=0
run() {
	name=$1
	shift
	n=$((n + 1))
	c=$tmp/c$n
	mkdir -p "$c/home" "$c/work" && cp -R "$fixtures/reload" "$c/work/" &&
	    chmod -R u+w "$c/work" || exit 1
	cat >"$c/run" <<EOF
cd $(quote "$c/work") || exit 1
env -i PATH=$(quote "$PATH") HOME=$(quote "$c/home") TERM=screen-256color \\
    LANG=C.UTF-8 TZ=UTC TEAMTUI_NOW=1795000000 GITLAB_HOST=http://127.0.0.1:1 \\
    TEAMTUI_FREE_AT_EXIT=1 valgrind --error-exitcode=99 --leak-check=full --log-file=$(quote "$c/valgrind.log") \\
    $(quote "$TEAMTUI") --roster reload
echo \$? >$(quote "$c/status.tmp") && mv $(quote "$c/status.tmp") $(quote "$c/status")
exec sleep 3600
EOF
	ok=true
	why=''
	if ! tm start-server \; set -g status off \; \
	    new-session -d -s t -x 80 -y 24 "exec sh $(quote "$c/run")" >"$c/tmux.err" 2>&1; then
		ok=false
		why="tmux new-session failed: $(cat "$c/tmux.err")"
	elif ! shows 'reload · 5 people · 2 groups'; then
		ok=false
		why='the first screen never came'
	fi
	for step in "$@"; do
		$ok || break
		case $step in
		keys:*)
			old_ifs=$IFS
			IFS=,
			# shellcheck disable=SC2086
			set -- ${step#keys:}
			IFS=$old_ifs
			for k in "$@"; do
				tm send-keys -t t: -- "$k" 2>>"$c/tmux.err"
			done
			;;
		sh:*)
			if ! (cd "$c/work/reload" && fixtures=$fixtures sh -c "${step#sh:}") \
			    >>"$c/tmux.err" 2>&1; then
				ok=false
				why="the step failed: ${step#sh:}"
			fi
			;;
		wait:*)
			if ! shows "${step#wait:}"; then
				ok=false
				why="the pane never showed '${step#wait:}'"
			fi
			;;
		esac
	done
	$ok && tm send-keys -t t: Q 2>>"$c/tmux.err"
	i=0
	while $ok && [ ! -f "$c/status" ] && [ $i -lt 1200 ]; do
		pause
		i=$((i + 1))
	done
	rc=$(cat "$c/status" 2>/dev/null)
	if $ok && [ "$rc" != 0 ]; then
		ok=false
		case $rc in
		99) why='valgrind found errors' ;;
		'') why='teamtui did not exit after q' ;;
		*) why="exit status $rc" ;;
		esac
	fi
	if $ok; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "# $why"
		if [ -f "$c/valgrind.log" ]; then
			sed 's/^/# /' "$c/valgrind.log"
		fi
		echo "# the pane:"
		tm capture-pane -p -t t: 2>/dev/null | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
	tm kill-server >/dev/null 2>&1
}

broken="echo 'sections: [' >groups.yml"
echo 1..5
# the issue's first example: the card of a roster that a broken reload
# would have freed, then moved in
run 'a broken groups.yml: the shown roster kept; Tab j j in its card' \
    "sh:$broken" keys:C-r wait:'reload failed: groups.yml:1:11:' \
    keys:Tab,j,j wait:'Cyd Marsh · Backend Engineer, Workshop:Forge · @cmarsh'
# the second: the people list rebuilt by a reload of the same files
run 'the people list, reloaded unchanged' \
    keys:Enter,P wait:'People · all 5' keys:C-r wait:'reloaded: no changes'
run 'a person card: changed, the person removed, the group removed, the directory removed' \
    keys:Enter,j,j,Enter wait:'Cyd Marsh (cyd-marsh)' \
    'sh:cp "$fixtures"/reload-edits/changed/* .' keys:C-r wait:'reloaded: +1 person, 2 moved, 1 changed, +1 group' \
    'sh:cp "$fixtures"/reload-edits/no-cyd/* .' keys:C-r wait:'the person cyd-marsh was removed' \
    'sh:cp "$fixtures"/reload-edits/no-forge/* .' keys:C-r wait:'the group forge was removed' \
    'sh:rm -r "$PWD"' keys:C-r wait:'roster directory'
run 'who-search results and the help, across reloads' \
    keys:s,f,o,r,g,e wait:"4 matches for 'forge'" keys:Enter,BSpace,Down,Down \
    'sh:cp "$fixtures"/reload-edits/changed/* .' keys:C-r wait:"5 matches for 'forge'" \
    keys:Tab,? wait:'Leaving and going back' "sh:$broken" keys:C-r wait:'reload failed:' \
    'sh:cp "$fixtures"/reload/groups.yml . && rm team.yml' keys:C-r \
    wait:'no team.yml' keys:q wait:'Who do I ask?'
run 'a collapsed tree and the focused card, across reloads' \
    keys:h,h wait:'+ Workshop (2)' \
    'sh:cp "$fixtures"/reload-edits/changed/* .' keys:C-r wait:'+ Workshop (3)' \
    keys:l,l,j,Tab,j,j 'sh:cp "$fixtures"/reload-edits/no-cyd/* .' keys:C-r \
    wait:'reloaded: 2 people removed' keys:Enter wait:'People ›'
[ "$failed" -eq 0 ]
