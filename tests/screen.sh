#!/bin/sh
# screen.sh: golden-screen tests for the interactive directory (the
# ncursesw TUI), as TAP.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/screen.sh [--update] [NAME...]
#
# Cases are read from $srcdir/tests/screen/cases (its header documents the
# format). Each case starts a fresh tmux server on a private socket (never
# the user's tmux), runs teamtui in a WIDTHxHEIGHT pane, sends the keys
# one step at a time, waiting after each until the screen is stable (it
# stops changing; polled, no fixed sleeps), and then checks:
#   - the whole screen (capture-pane -p) equals tests/screen/NAME.screen,
#     and for a case with the `sgr` setting, the screen with its
#     attributes (capture-pane -e, ESC written as \e) equals NAME.sgr.
#     After the screen's lines NAME.screen says what is in reverse video
#     (the selection bars: where the cursor is) and where the terminal's
#     cursor is when it is shown (prompts), as "-- ..." lines;
#   - the screen holds no control character, C1 or bidi control, and
#     the attributed capture no escape sequence but SGR (ESC [ ... m);
#   - every byte teamtui wrote to the pane (recorded with pipe-pane) is
#     free of what a roster string could smuggle in: OSC, DCS, APC, PM,
#     SOS and screen-title strings, ESC c, CSI 2J/3J, C1 controls, bidi
#     controls; the pane title is still tmux's own;
#   - the process: still running (`running`), or exited with the right
#     status and the terminal restored (`exit=N`: tty modes as before,
#     normal screen, cursor visible, keypad modes off), or gone after the
#     tmux session was killed (`gone`: no screen is compared; `gone=N`:
#     and it exited with status N).
# The pane runs `$TEAMTUI --roster DIR; echo "exit=$?"` from the source
# directory (so the goldens do not depend on where the tree is checked
# out) with a clean environment: env -i, then PATH, HOME=an empty
# directory of the case's own (no config, no cache), TERM=screen-256color,
# LANG=C.UTF-8, TZ=UTC, TEAMTUI_NOW=1795000000 (the 'Local time' lines
# and the clock are fixed), TEAMTUI_ZONEINFO=tests/golden/fixtures/zoneinfo
# (tzdata's tables, as golden.sh fixes them; no TZDIR), GITLAB_HOST=http://127.0.0.1:1 (GitLab
# requests are refused at once: no case depends on the network), and the
# case's settings. A case with the `private` setting runs on a copy of its
# roster of its own, which `sh:` steps may change: the source tree is
# never written to.
#
# A case marked TODO in the cases file is a known bug: its golden shows
# the right screen (written by hand), and its failure is a TAP TODO.
# Names given on the command line run those cases alone (the others are
# reported as skipped).
#
# --update rewrites NAME.screen (and NAME.sgr) from what is on the screen
# now (for humans: read every changed golden before committing it). It
# skips TODO cases, and cases whose process or safety checks fail.
#
# Exits 0 with a TAP skip when tmux is missing or cannot start a server.
# Only ${TMPDIR:-/tmp} is written to (the tmux socket too), so this runs
# under `make distcheck`; the private tmux server is killed on exit.
set -u
. "$(dirname "$0")/lib.sh"

update=false
only=''
for a in "$@"; do
	case $a in
	--update) update=true ;;
	-*)
		echo "usage: TEAMTUI=PROG srcdir=DIR $0 [--update] [NAME...]" >&2
		exit 2
		;;
	*) only="$only $a " ;;
	esac
done

runner_setup
case $TEAMTUI in
/*) ;;
*) TEAMTUI=$(pwd)/$TEAMTUI ;; # the pane runs in the source directory
esac
screens=$abs_srcdir/tests/screen
cases=$screens/cases
if [ ! -r "$cases" ]; then
	echo "Bail out! no $cases"
	exit 1
fi

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}
command -v tmux >/dev/null 2>&1 || skip "tmux cannot run (not installed)"

private_tmux screen
trap 'exit 141' PIPE

if ! tm start-server \; set -g status off \; \
    new-session -d -s probe -x 20 -y 5 'sleep 10' >/dev/null 2>&1 ||
    ! tm resize-window -t probe: -x 21 -y 6 >/dev/null 2>&1; then
	skip "tmux cannot run"
fi
server=$(tm display -p -t probe: '#{pid}' 2>/dev/null)
tm kill-server >/dev/null 2>&1
for term in screen-256color vt100; do
	if command -v tput >/dev/null 2>&1 && ! tput -T "$term" cols >/dev/null 2>&1; then
		skip "no terminfo entry for $term"
	fi
done

esc=$(printf '\033')



# pause: a short sleep (10 ms where sleep takes fractions).
pause() {
	sleep 0.01 2>/dev/null || sleep 1
}

# settle QUIET TIMEOUT: wait until the screen has not changed for QUIET
# polls in a row (10 ms apart, plus the time tmux takes to answer); false
# after TIMEOUT polls. Keys are queued in order, so the steps between
# keys only need a short QUIET; the final screen (and the one a resize or
# a signal meets) needs $final.
final=15
settle() {
	st_prev='' st_same=0 st_i=0
	while [ "$st_i" -lt "$2" ]; do
		st_cur=$(tm capture-pane -p -t t: 2>/dev/null) || st_cur='(no pane)'
		if [ "$st_i" -gt 0 ] && [ "$st_cur" = "$st_prev" ]; then
			st_same=$((st_same + 1))
			[ "$st_same" -ge "$1" ] && return 0
		else
			st_same=0
			st_prev=$st_cur
		fi
		st_i=$((st_i + 1))
		pause
	done
	return 1
}

# alive PID: the process exists and is not a zombie.
alive() {
	al_stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $al_stat in
	'' | Z*) return 1 ;;
	esac
	return 0
}

# capture: the screen to $cdir/screen, with attributes to $cdir/sgr
# (ESC written as \e). After the screen's lines, $cdir/screen says what
# is in reverse video (the selection bars), line by line, and where the
# cursor is when it is shown (a prompt):
#   -- reverse video, line 4: [    Custom Models      ]
#   -- cursor at line 40, column 8
# and with the osc52 setting, what the copy key (y) put in tmux's buffer.
capture() {
	tm capture-pane -p -t t: >"$cdir/screen" 2>/dev/null || : >"$cdir/screen"
	tm capture-pane -p -e -t t: >"$cdir/sgr.raw" 2>/dev/null || : >"$cdir/sgr.raw"
	LC_ALL=C sed "s/$esc/\\\\e/g" "$cdir/sgr.raw" >"$cdir/sgr"
	reverse_spans "$cdir/sgr.raw" >>"$cdir/screen"
	cap_cursor=$(tm display -p -t t: '#{cursor_flag} #{cursor_x} #{cursor_y}' 2>/dev/null)
	case $cap_cursor in
	'1 '*)
		cap_y=${cap_cursor##* } cap_x=${cap_cursor#1 }
		cap_x=${cap_x% *}
		echo "-- cursor at line $((cap_y + 1)), column $((cap_x + 1))" >>"$cdir/screen"
		;;
	esac
	if [ -n "$osc52" ]; then # what the copy key put in tmux's buffer
		printf -- '-- clipboard (OSC 52): %s\n' \
		    "$(tm show-buffer 2>/dev/null)" >>"$cdir/screen"
	fi
	if [ -n "$show" ]; then # a file a program teamtui started wrote
		if [ -f "$cdir/home/$show" ]; then
			sed "s|^|-- $show: |" "$cdir/home/$show" >>"$cdir/screen"
		else
			echo "-- $show: (no such file)" >>"$cdir/screen"
		fi
	fi
}

# reverse_spans FILE: the text in reverse video in FILE (a capture-pane
# -e), one "-- reverse video, line N: [TEXT]" a span.
reverse_spans() {
	LC_ALL=C awk -v ESC="$esc" '
	function flush() {
		if (span != "")
			printf "-- reverse video, line %d: [%s]\n", NR, span
		span = ""
	}
	function sgr(params,    n, p, i) {
		n = split(params, p, ";")
		if (n == 0) { rev = 0; return }
		for (i = 1; i <= n; i++) {
			if (p[i] == "" || p[i] == "0") rev = 0
			else if (p[i] == "7") rev = 1
			else if (p[i] == "27") rev = 0
			else if (p[i] == "38" || p[i] == "48" || p[i] == "58")
				i += p[i + 1] == "5" ? 2 : p[i + 1] == "2" ? 4 : 0
		}
	}
	{
		line = $0
		span = ""
		while (line != "") {
			i = index(line, ESC "[")
			text = i ? substr(line, 1, i - 1) : line
			if (rev)
				span = span text
			else
				flush()
			if (!i)
				break
			line = substr(line, i + 2)
			match(line, /^[0-9;:]*/)
			params = substr(line, 1, RLENGTH)
			line = substr(line, RLENGTH + 1)
			if (substr(line, 1, 1) == "m")
				sgr(params)
			line = substr(line, 2)
		}
		flush()
	}' "$1"
}

# unsafe FILE: describe the first character a terminal must not see
# (nothing when the file is clean): C0 controls but newline (and ESC when
# $2 is "esc"), DEL, C1 controls, bidi controls, U+FEFF, invalid UTF-8.
unsafe() {
	unsafe_bytes "$1" "${2-}"
}

# not_sgr FILE: the first escape sequence in FILE (a capture-pane -e) that
# is not SGR, if any.
not_sgr() {
	LC_ALL=C sed "s/$esc\\[[0-9;:]*m//g" "$1" | LC_ALL=C grep -n "$esc" |
	    LC_ALL=C sed -n "1{s/$esc/\\\\e/g;s/^\\([0-9]*\\):\\(.\\{0,40\\}\\).*/line \\1: \\2/p;}"
}

# colours FILE: the first SGR in FILE (a capture-pane -e) that sets a
# colour (30-37, 38, 40-47, 48, 90-97, 100-107; 39 and 49, the defaults,
# are fine), if any.
colours() {
	LC_ALL=C awk -v ESC="$esc" '
	{
		line = $0
		while ((i = index(line, ESC "[")) > 0) {
			line = substr(line, i + 2)
			if (!match(line, /^[0-9;:]*m/))
				continue
			n = split(substr(line, 1, RLENGTH - 1), p, ";")
			for (k = 1; k <= n; k++) {
				c = p[k] + 0
				if ((c >= 30 && c <= 38) || (c >= 40 && c <= 48) ||
				    (c >= 90 && c <= 97) || (c >= 100 && c <= 107)) {
					printf "line %d: \\e[%s\n", NR, substr(line, 1, RLENGTH)
					exit
				}
			}
		}
	}' "$1"
}

# raw_unsafe FILE: the first sequence in the bytes written to the pane that
# a roster string could have smuggled in (nothing when clean). ncurses
# writes CSI sequences, charset designations, ESC 7/8/=/>/M/D/E/H and
# plain text; anything else is reported.
raw_unsafe() {
	od -An -v -tx1 "$1" | LC_ALL=C awk -v osc52="${2-}" '
	function bad(why) {
		if (!found)
			printf "byte offset %d: %s\n", off, why
		found = 1
	}
	function cpcheck(c) {
		if (c >= 128 && c < 160)
			bad(sprintf("C1 control U+%04X", c))
		else if (c == 1564 || c == 8206 || c == 8207 ||
		    (c >= 8234 && c <= 8238) || (c >= 8294 && c <= 8297))
			bad(sprintf("bidi control U+%04X", c))
	}
	function byte(b) {
		if (st == "esc") {
			if (b == 91) { st = "csi"; params = ""; return }
			if (b == 40 || b == 41 || b == 42 || b == 43) { st = "charset"; return }
			if (b == 55 || b == 56 || b == 61 || b == 62 || b == 77 ||
			    b == 68 || b == 69 || b == 72) { st = ""; return }
			if (b == 93 && osc52 == "osc52") { st = "osc"; params = ""; return }
			if (b == 93) bad("OSC (ESC ])")
			else if (b == 80) bad("DCS (ESC P)")
			else if (b == 95) bad("APC (ESC _)")
			else if (b == 94) bad("PM (ESC ^)")
			else if (b == 88) bad("SOS (ESC X)")
			else if (b == 107) bad("screen title (ESC k)")
			else if (b == 99) bad("reset (ESC c)")
			else bad(sprintf("ESC 0x%02x", b))
			st = ""
			return
		}
		if (st == "charset") { st = ""; return }
		if (st == "osc") { # only OSC 52 ; c ; BASE64 (the copy key)
			if (b == 7 || b == 27) {
				if (params !~ /^52;c;[A-Za-z0-9+\/=]*$/)
					bad("OSC " substr(params, 1, 20))
				st = b == 27 ? "st" : ""
			} else
				params = params sprintf("%c", b)
			return
		}
		if (st == "st") { # ESC \ ends the string
			st = ""
			if (b == 92)
				return
			st = "esc"
			byte(b)
			return
		}
		if (st == "csi") {
			if (b >= 48 && b <= 63) { params = params sprintf("%c", b); return }
			if (b >= 32 && b <= 47) return
			if (b == 74 && (params == "2" || params == "3"))
				bad("CSI " params " J (erase the whole screen)")
			st = ""
			if (b >= 64 && b <= 126)
				return
		}
		if (need) {
			if (b >= 128 && b < 192) {
				cp = cp * 64 + b - 128
				if (--need == 0)
					cpcheck(cp)
				return
			}
			need = 0
		}
		if (b == 27) st = "esc"
		else if (b >= 194 && b < 224) { cp = b - 192; need = 1 }
		else if (b >= 224 && b < 240) { cp = b - 224; need = 2 }
		else if (b >= 240 && b < 245) { cp = b - 240; need = 3 }
	}
	BEGIN {
		for (i = 0; i < 256; i++)
			val[sprintf("%02x", i)] = i
	}
	{
		for (f = 1; f <= NF; f++) {
			byte(val[$f])
			off++
		}
	}'
}


# the probe's server must be gone before the first case starts one
i=0
while [ -n "$server" ] && alive "$server" && [ $i -lt 100 ]; do
	pause
	i=$((i + 1))
done

# Count the cases first: TAP wants the plan up front.
total=$(grep -c -v -E '^[[:space:]]*(#|$)' "$cases")
echo "1..$total"

set -f # no globbing when splitting the case lines
n=0
failed=0
start=$(date +%s)
while IFS= read -r line || [ -n "$line" ]; do
	trimmed=${line#"${line%%[![:space:]]*}"}
	case $trimmed in
	'' | '#'*) continue ;;
	esac
	n=$((n + 1))

	# NAME WIDTH HEIGHT SETTINGS EXPECT KEYS... [# comment]
	# shellcheck disable=SC2086 # word splitting is the format (set -f is on)
	set -- $line
	name=$1 width=${2-} height=${3-} settings=${4-} expect=${5-}
	shift $(($# < 5 ? $# : 5))
	keys='' todo='' comment=false
	for w in "$@"; do
		if $comment; then
			todo="$todo $w"
		elif [ "$w" = "#" ]; then
			comment=true
		else
			keys="$keys $w"
		fi
	done
	case $todo in
	' TODO'*) directive=" # TODO${todo# TODO}" ;;
	*) directive='' todo='' ;;
	esac
	case $name in
	'' | *[!A-Za-z0-9._-]*)
		echo "not ok $n - bad case name '$name'"
		failed=$((failed + 1))
		continue
		;;
	esac
	if [ -n "$only" ]; then
		case $only in
		*" $name "*) ;;
		*)
			echo "ok $n - $name # SKIP not selected"
			continue
			;;
		esac
	fi
	case $width$height in
	'' | *[!0-9]*)
		echo "not ok $n - $name: bad size '$width $height' in cases"
		failed=$((failed + 1))
		continue
		;;
	esac
	case $expect in
	running | gone | gone=[0-9]* | exit=[0-9]*) ;;
	*)
		echo "not ok $n - $name: bad EXPECT '$expect' in cases"
		failed=$((failed + 1))
		continue
		;;
	esac

	# the settings: environment, roster, redirections, extra goldens
	roster=data args='' pipe='' stdin='' sgr=false nocolor=false osc52='' private=false
	show='' setsid='' missing='' config='' snapshot=false seen=''
	cdir=$tmp/c$n
	envs="PATH=$(quote "$PATH") HOME=$(quote "$cdir/home") TERM=screen-256color"
	envs="$envs LANG=C.UTF-8 TZ=UTC TEAMTUI_NOW=1795000000"
	# tzdata's tables fixed as golden.sh fixes them (env -i left no TZDIR)
	envs="$envs TEAMTUI_ZONEINFO=$(quote "$abs_srcdir/tests/golden/fixtures/zoneinfo")"
	envs="$envs GITLAB_HOST=http://127.0.0.1:1"
	# the files, not snapshots, unless the case sets TEAMTUI_NO_SNAPSHOT=0
	# (a background writer would make screens depend on timing)
	envs="$envs TEAMTUI_NO_SNAPSHOT=1 TEAMTUI_SYSTEM_CONFIG=/dev/null/none"
	# Under AddressSanitizer: leaks are checked when teamtui quits, but not
	# when a signal or a hangup ends it -- LeakSanitizer's stop-the-world
	# then spins in its ptrace tracer (a sanitizer-runtime problem; the
	# plain build exits at once, which these cases check). A signal case
	# also keeps the sanitizer's hands off the fatal signals, so that
	# teamtui's own handlers (which restore the terminal) are the ones
	# that run, as in a plain build.
	case " $keys " in
	*" signal:"*)
		envs="$envs ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0"
		;;
	*" kill-session "*) envs="$envs ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" ;;
	*) envs="$envs ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1" ;;
	esac
	bad=''
	if [ "$settings" != - ]; then
		old_ifs=$IFS
		IFS=,
		# shellcheck disable=SC2086
		set -- $settings
		IFS=$old_ifs
		for s in "$@"; do
			case $s in
			roster=*) roster=${s#roster=} ;;
			args=*) args=$(printf '%s' "${s#args=}" | sed 's/@SP@/ /g') ;;
			stdout=pipe) pipe='| cat' ;;
			stdin=null) stdin='</dev/null' ;;
			sgr) sgr=true ;;
			nocolor) nocolor=true ;;
			# inside tmux, as teamtui would be (env -i dropped TMUX)
			osc52) osc52=osc52 envs="$envs TMUX=$(quote "$tmp/$sock,1,0")" ;;
			private) private=true ;;
			snapshot)
				snapshot=true
				envs="$envs TEAMTUI_NO_SNAPSHOT=0 TEAMTUI_SNAPSHOT_LOG=$(quote "$cdir/snap.log")"
				;;
			show=*) show=${s#show=} ;;
			seen=*) seen=${s#seen=} ;;
			config=*) config=${s#config=} ;;
			noctty)
				setsid=setsid
				command -v setsid >/dev/null 2>&1 ||
				    missing='setsid is not installed'
				;;
			[A-Z]*=*) envs="$envs $(quote "$s")" ;;
			*) bad=$s ;;
			esac
		done
	fi
	if [ -n "$bad" ]; then
		echo "not ok $n - $name: bad setting '$bad' in cases"
		failed=$((failed + 1))
		continue
	fi
	if [ -n "$missing" ]; then
		echo "ok $n - $name # SKIP $missing"
		continue
	fi

	mkdir "$cdir" "$cdir/home" || exit 1
	if [ -n "$config" ]; then # the user's config file, from the fixtures
		mkdir -p "$cdir/home/.config/teamtui" &&
		    cp "$abs_srcdir/tests/screen/fixtures/$config" \
			"$cdir/home/.config/teamtui/config.yml" || exit 1
	fi
	# where teamtui runs, and the roster as it names it (the status line
	# shows it): the source tree, or a private copy under $cdir/work
	rundir=$abs_srcdir
	if $private; then
		rundir=$cdir/work
		mkdir "$rundir" &&
		    cp -R "$abs_srcdir/$roster" "$rundir/" &&
		    chmod -R u+w "$rundir" || exit 1 # distcheck's srcdir is read-only
		roster=$(basename "$roster")
	fi
	if $snapshot && ! (cd "$rundir" && eval "env -i $envs" '"$TEAMTUI" --roster "$roster" snapshot' \
	    >"$cdir/snapshot.out" 2>&1); then
		echo "not ok $n - $name$directive"
		echo "# teamtui snapshot failed:"
		sed 's/^/# /' "$cdir/snapshot.out"
		[ -z "$todo" ] && failed=$((failed + 1))
		continue
	fi
	# seen=EDITS: the user ran teamtui on the roster an hour before (its
	# version was recorded), then the files changed
	if [ -n "$seen" ] && ! (cd "$rundir" && eval "env -i $envs" \
	    TEAMTUI_NOW=1794996400 TEAMTUI_SNAPSHOT_WAIT=1 \
	    '"$TEAMTUI" --roster "$roster" groups' >"$cdir/seen.out" 2>&1 &&
	    cp -R "$abs_srcdir/tests/screen/fixtures/$seen/." "$rundir/$roster/"); then
		echo "not ok $n - $name$directive"
		echo "# the earlier run (seen=$seen) failed:"
		sed 's/^/# /' "$cdir/seen.out"
		[ -z "$todo" ] && failed=$((failed + 1))
		continue
	fi
	# The pane's script: wait for pipe-pane to be on, run teamtui with its
	# pid in $cdir/pid (sh -c execs env which execs teamtui: one pid), then
	# say how it ended and whether the tty modes are as before.
	cat >"$cdir/run" <<EOF
cd $(quote "$cdir") || exit 1
trap : INT # C-c is for teamtui: this shell must live on to say how it ended
trap 'hup=1' HUP # so must a hangup (kill-session): then it ends quietly
hup=''
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
cd $(quote "$rundir") || exit 1
modes=\$(stty -g)
{ sh -c 'echo \$\$ >"\$0"; exec "\$@"' $(quote "$cdir/pid") $setsid env -i $envs \\
    $(quote "$TEAMTUI") --roster $(quote "$roster") $args $stdin; echo \$? >$(quote "$cdir/status"); } $pipe
[ -n "\$hup" ] && exit 0 # the terminal is gone: nothing to say it on
rc=\$(cat $(quote "$cdir/status"))
if [ "\$modes" = "\$(stty -g)" ]; then
	echo "exit=\$rc"; echo restored >$(quote "$cdir/tty")
else
	echo "exit=\$rc, tty modes changed"; echo changed >$(quote "$cdir/tty")
fi
exec sleep 3600
EOF

	notes=$cdir/notes
	: >"$notes"
	ok=true
	t0=$(date +%s)
	if ! tm start-server \; set -g status off \; set -g set-clipboard on \; \
	    new-session -d -s t -x "$width" -y "$height" "exec sh $(quote "$cdir/run")" \
	    >"$cdir/tmux.err" 2>&1; then
		echo "not ok $n - $name$directive"
		echo "# tmux new-session failed:"
		sed 's/^/# /' "$cdir/tmux.err"
		[ -z "$todo" ] && failed=$((failed + 1))
		continue
	fi
	title0=$(tm display -p -t t: '#{pane_title}' 2>/dev/null)
	server=$(tm display -p -t t: '#{pid}' 2>/dev/null)
	tty=$(tm display -p -t t: '#{pane_tty}' 2>/dev/null)
	tm pipe-pane -t t: -o "exec cat >>$(quote "$cdir/raw")" 2>>"$notes"
	: >"$cdir/go"
	i=0
	while [ ! -s "$cdir/pid" ] && [ $i -lt 200 ]; do
		pause
		i=$((i + 1))
	done
	pid=$(cat "$cdir/pid" 2>/dev/null)
	# the first screen: something drawn (keys typed before teamtui has
	# set the terminal up would be echoed), then stable
	i=0
	while [ -z "$(tm capture-pane -p -t t: 2>/dev/null | tr -d ' \n')" ] &&
	    [ $i -lt 300 ]; do
		pause
		i=$((i + 1))
	done
	settle 3 150

	# the keys, one step at a time
	for k in $keys; do
		case $k in
		resize:*x*)
			settle "$final" 150
			k=${k#resize:}
			tm resize-window -t t: -x "${k%x*}" -y "${k#*x}" 2>>"$notes"
			# tmux may delay telling the pane (at most one resize each
			# 250 ms): wait until the tty has the new size
			i=0
			while [ "$(stty size <"$tty" 2>/dev/null)" != "${k#*x} ${k%x*}" ] &&
			    [ $i -lt 150 ]; do
				pause
				i=$((i + 1))
			done
			;;
		signal:*)
			settle "$final" 150
			[ -n "$pid" ] && kill -s "${k#signal:}" "$pid" 2>>"$notes"
			;;
		kill-session)
			settle "$final" 150
			tm kill-session -t t: 2>>"$notes"
			;;
		mouse:*)
			# mouse:KIND:COL,ROW (0-based): the terminal's report of a
			# mouse event in the X10 encoding teamtui's TERM gives
			# (kmous=\E[M: ESC [ M, then 32 + the button, 33 + the
			# column, 33 + the row), typed into the pane as bytes
			spec=${k#mouse:} kind=${spec%%:*} at=${spec#*:}
			col=${at%,*} row=${at#*,}
			x=$(printf %x $((col + 33))) y=$(printf %x $((row + 33)))
			case $kind in
			click) set -- 20 23 ;;
			double) set -- 20 23 20 23 ;;
			wheelup) set -- 60 ;;
			wheeldown) set -- 61 ;;
			*) set -- ;;
			esac
			for b in "$@"; do
				tm send-keys -t t: -H 1b 5b 4d "$b" "$x" "$y" 2>>"$notes"
			done
			;;
		type:*)
			text=$(subst "${k#type:}" @SP@ ' ')
			tm send-keys -t t: -l -- "$text" 2>>"$notes"
			;;
		sh:*)
			# a change to the private roster copy while teamtui runs
			settle "$final" 150
			text=$(subst "${k#sh:}" @SP@ ' ')
			if ! $private; then
				ok=false
				echo "# $k: only a case with the private setting may change its roster" >>"$notes"
			elif ! (cd "$rundir/$roster" &&
			    fixtures=$abs_srcdir/tests/screen/fixtures sh -c "$text") \
			    >>"$notes" 2>&1; then
				ok=false
				echo "# the step failed: $text" >>"$notes"
			fi
			;;
		*'*'[0-9]*)
			# KEY*N: KEY N times, in one send-keys
			key=${k%'*'*} count=${k##*'*'}
			set --
			while [ "$count" -gt 0 ]; do
				set -- "$@" "$key"
				count=$((count - 1))
			done
			tm send-keys -t t: -- "$@" 2>>"$notes"
			;;
		';') tm send-keys -t t: -- '\;' 2>>"$notes" ;;
		*) tm send-keys -t t: -- "$k" 2>>"$notes" ;;
		esac
		[ "$k" = kill-session ] || settle 3 150
	done
	# a program teamtui started runs detached: wait for its file
	i=0
	while [ -n "$show" ] && [ ! -f "$cdir/home/$show" ] && [ $i -lt 200 ]; do
		pause
		i=$((i + 1))
	done
	# the final screen: quiet for longer than teamtui's 100 ms tick while
	# it fetches from GitLab (its spinner moves on every tick)
	case $expect in gone*) ;; *) false ;; esac || settle "$final" 200 ||
	    echo "# the screen did not settle" >>"$notes"

	# the process
	case $expect in
	running)
		if [ -z "$pid" ] || ! alive "$pid"; then
			ok=false
			echo "# teamtui is not running any more (expected: still running)" >>"$notes"
		fi
		;;
	gone | gone=*)
		i=0
		while [ -n "$pid" ] && alive "$pid" && [ $i -lt 100 ]; do
			pause
			i=$((i + 1))
		done
		if [ -z "$pid" ]; then
			ok=false
			echo "# teamtui never started" >>"$notes"
		elif alive "$pid"; then
			ok=false
			echo "# teamtui (pid $pid) is still running 1 s after its session was killed" >>"$notes"
			kill -s KILL "$pid" 2>/dev/null
		fi
		# the pane's shell outlives the hangup to record the status
		i=0
		while [ "$expect" != gone ] && [ ! -s "$cdir/status" ] && [ $i -lt 100 ]; do
			pause
			i=$((i + 1))
		done
		rc=$(cat "$cdir/status" 2>/dev/null)
		if [ "$expect" != gone ] && [ "gone=$rc" != "$expect" ]; then
			ok=false
			echo "# exit status '$rc' after the hangup, expected ${expect#gone=}" >>"$notes"
		fi
		;;
	exit=*)
		i=0
		while [ ! -s "$cdir/tty" ] && [ $i -lt 100 ]; do
			pause
			i=$((i + 1))
		done
		settle 3 100
		rc=$(cat "$cdir/status" 2>/dev/null)
		if [ ! -s "$cdir/tty" ]; then
			ok=false
			echo "# teamtui did not exit (expected: $expect)" >>"$notes"
		elif [ "exit=$rc" != "$expect" ]; then
			ok=false
			echo "# exit status $rc, expected ${expect#exit=}" >>"$notes"
		fi
		if [ -n "$pid" ] && alive "$pid"; then
			ok=false
			echo "# teamtui (pid $pid) is still running" >>"$notes"
		fi
		if [ "$(cat "$cdir/tty" 2>/dev/null)" = changed ]; then
			ok=false
			echo "# the tty modes were not restored (stty -g differs)" >>"$notes"
		fi
		# normal screen, cursor visible, keypad modes off
		flags=$(tm display -p -t t: \
		    'alternate_on=#{alternate_on} cursor_flag=#{cursor_flag} keypad_cursor_flag=#{keypad_cursor_flag} keypad_flag=#{keypad_flag}' 2>/dev/null)
		if [ "$flags" != 'alternate_on=0 cursor_flag=1 keypad_cursor_flag=0 keypad_flag=0' ]; then
			ok=false
			printf '%s\n' "# the terminal was not restored: $flags" >>"$notes"
		fi
		;;
	esac

	# the screen
	exp=$screens/$name.screen
	exp_sgr=$screens/$name.sgr
	if [ "${expect%%=*}" != gone ]; then
		capture
		title=$(tm display -p -t t: '#{pane_title}' 2>/dev/null)
		if [ "$title" != "$title0" ]; then
			ok=false
			printf '%s\n' "# the pane title was changed to '$title'" >>"$notes"
		fi
		what=$(unsafe "$cdir/screen")
		if [ -n "$what" ]; then
			ok=false
			printf '%s\n' "# unsafe screen: $what" >>"$notes"
		fi
		what=$(unsafe "$cdir/sgr.raw" esc)
		[ -z "$what" ] && what=$(not_sgr "$cdir/sgr.raw")
		if [ -n "$what" ]; then
			ok=false
			printf '%s\n' "# unsafe attributed screen (capture-pane -e): $what" >>"$notes"
		fi
		what=''
		$nocolor && what=$(colours "$cdir/sgr.raw")
		if [ -n "$what" ]; then
			ok=false
			printf '%s\n' "# a colour on a screen that must have none: $what" >>"$notes"
		fi
		# a slow machine: the screen may not have been final yet
		if { ! cmp -s "$exp" "$cdir/screen" ||
		    { $sgr && ! cmp -s "$exp_sgr" "$cdir/sgr"; }; } && ! $update; then
			settle 30 200
			capture
		fi
	fi
	tm pipe-pane -t t: 2>/dev/null # closes the pipe: cat finishes the file
	tm kill-server >/dev/null 2>&1
	# the next case's server must not meet this one on the socket
	i=0
	while [ -n "$server" ] && alive "$server" && [ $i -lt 100 ]; do
		pause
		i=$((i + 1))
	done
	if [ -n "$pid" ] && alive "$pid"; then
		kill -s KILL "$pid" 2>/dev/null
	fi
	i=0
	while [ ! -s "$cdir/raw" ] && [ $i -lt 20 ]; do
		pause
		i=$((i + 1))
	done
	what=$(raw_unsafe "$cdir/raw" $osc52)
	if [ -n "$what" ]; then
		ok=false
		printf '%s\n' "# unsafe output to the terminal: $what" >>"$notes"
	fi
	if [ "${expect%%=*}" != gone ]; then
		if $snapshot && ! grep -q '^used ' "$cdir/snap.log" 2>/dev/null; then
			ok=false
			echo "# teamtui did not start from the snapshot:" >>"$notes"
			sed 's/^/#   /' "$cdir/snap.log" >>"$notes" 2>/dev/null
		fi
		# never bless a screen whose checks failed
		if $update && [ -z "$todo" ] && $ok; then
			cp "$cdir/screen" "$exp"
			if $sgr; then
				cp "$cdir/sgr" "$exp_sgr"
			else
				rm -f "$exp_sgr"
			fi
		fi
		if [ ! -f "$exp" ]; then
			ok=false
			echo "# no $name.screen (write it by hand, or run with --update and review)" >>"$notes"
		elif ! cmp -s "$exp" "$cdir/screen"; then
			ok=false
			echo "# the screen differs from $name.screen:" >>"$notes"
			diff_note "$exp" "$cdir/screen" >>"$notes"
		fi
		if $sgr && [ ! -f "$exp_sgr" ]; then
			ok=false
			echo "# no $name.sgr (write it by hand, or run with --update and review)" >>"$notes"
		elif $sgr && ! cmp -s "$exp_sgr" "$cdir/sgr"; then
			ok=false
			echo "# the attributes differ from $name.sgr:" >>"$notes"
			diff_note "$exp_sgr" "$cdir/sgr" >>"$notes"
		fi
	fi
	secs=$(($(date +%s) - t0))

	if $ok; then
		echo "ok $n - $name$directive"
	else
		echo "not ok $n - $name$directive"
		# the notes quote the screen: keep its controls off the log
		LC_ALL=C sed "s/$esc/^[/g" "$notes" |
		    LC_ALL=C tr '\000-\010\013-\037\177' '?'
		[ -z "$todo" ] && failed=$((failed + 1))
	fi
	[ "$secs" -gt 2 ] && echo "# $name took about $secs s"
done <"$cases"

echo "# $n cases in about $(($(date +%s) - start)) s"
if [ "$n" -ne "$total" ]; then
	echo "# ran $n cases, planned $total"
	failed=$((failed + 1))
fi
[ "$failed" -eq 0 ]
