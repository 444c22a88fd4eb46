#!/bin/sh
# golden.sh: golden tests for the teamtui command line, as TAP.
#
#   TEAMTUI=./teamtui PACKAGE_VERSION=V srcdir=. sh tests/golden.sh [--update]
#
# Cases are read from $srcdir/tests/golden/cases, one a line:
#
#   NAME EXIT-CODE ARGS...  [# comment | # TODO reason]
#
# ARGS are split on blanks (no quoting, no globbing). Leading words
# NAME=VALUE (NAME in capitals, digits and '_') are not arguments but the
# case's environment, set after the fixed one below (e.g. USER=aquill,
# XDG_CONFIG_HOME=@FIX@/me/config-slug). In them @DATA@ is the
# sample organisation ($srcdir/data), @FIX@ the fixture rosters
# ($srcdir/tests/golden/fixtures), @ESC@ a raw ESC byte and @LONG@ a word
# of 1001 letters (one more than a query may have). A lone '#' word
# starts a comment; a comment starting with TODO marks a known bug: its
# golden states the right output, a failure is reported as TAP TODO (an
# expected failure), and --update leaves its files alone.
#
# Each case runs "$TEAMTUI ARGS" with LC_ALL=C.UTF-8, HOME and
# XDG_CONFIG_HOME pointing at an empty directory, XDG_STATE_HOME at an
# empty directory of its own (`me` keeps its guess there), USER=golden-user
# (nobody's slug or handle), git reading no system config and finding no
# repository (GIT_CONFIG_NOSYSTEM, GIT_CEILING_DIRECTORIES), TEAMTUI_ROSTER,
# TEAMTUI_PAGER, PAGER, GITLAB_HOST and GITLAB_TOKEN unset,
# TZ=UTC, TEAMTUI_NOW=1795000000 (Wednesday 2026-11-18 11:06:40 UTC),
# tzdata's tables from tests/golden/fixtures/zoneinfo and stdin from
# /dev/null. It passes when
#   - the exit code is EXIT-CODE,
#   - stdout equals tests/golden/NAME.out,
#   - stderr equals tests/golden/NAME.err, or is empty when there is none,
#   - neither stream holds a control character other than tab and newline,
#     a C1 control, a bidi control, invalid UTF-8, or a JSON \u escape of
#     one of those (whatever the roster says, nothing may reach a terminal).
# The absolute source directory is written @SRCDIR@ in outputs, so goldens
# do not depend on where the tree is checked out, and the build's version
# ($PACKAGE_VERSION, from make check) is written @VERSION@ where it follows
# "teamtui " or "teamtui/", so they do not change with every commit
# (build-aux/version.sh); tests/version.sh checks the version itself. The
# bundled sample's directory ($pkgdatadir, from make check's environment;
# else configure's default /usr/local/share/teamtui) is written @PKGDATADIR@.
#
# GOLDEN_SNAPSHOT=1 runs each case twice with snapshots on, in a cache of
# its own: the first run reads the files and writes the snapshot before it
# exits (TEAMTUI_SNAPSHOT_WAIT=1), the second must start from it (its
# TEAMTUI_SNAPSHOT_LOG says "used") and print the same, byte for byte:
# both runs must match the golden.
#
# --update rewrites NAME.out and NAME.err from what the program prints now
# (for humans: read every changed golden before committing it). It never
# changes the exit codes in the cases file, and skips TODO cases and
# cases whose exit code is wrong or whose output is unsafe.
#
# Only ${TMPDIR:-/tmp} is written to (nothing in srcdir or the build tree,
# unless --update), so this runs under `make distcheck`.
set -u
. "$(dirname "$0")/lib.sh"

update=false
for a in "$@"; do
	case $a in
	--update) update=true ;;
	*)
		echo "usage: TEAMTUI=PROG srcdir=DIR $0 [--update]" >&2
		exit 2
		;;
	esac
done

runner_setup
# teamtui runs in a directory of its own (below): its path must not depend
# on where this script was started
case $TEAMTUI in
/*) ;;
*) TEAMTUI=$(pwd)/$TEAMTUI ;;
esac
golden=$abs_srcdir/tests/golden
cases=$golden/cases
if [ ! -r "$cases" ]; then
	echo "Bail out! no $cases"
	exit 1
fi

runner_tmp golden
# the version the goldens write @VERSION@ (make check passes configure's)
version=${PACKAGE_VERSION-}
if [ -z "$version" ]; then
	echo "Bail out! PACKAGE_VERSION is not set (the version teamtui was built as)"
	exit 1
fi
mkdir "$tmp/home" || exit 1

unset TEAMTUI_ROSTER TEAMTUI_PAGER PAGER GITLAB_HOST GITLAB_TOKEN
pkgdatadir=${pkgdatadir:-/usr/local/share/teamtui}
esc=$(printf '\033')
long=$(printf '%01001d' 0 | tr 0 q)



# normalize FILE: the sample's directory, the absolute srcdir and the
# temporary directory written as @PKGDATADIR@, @SRCDIR@ and @TMP@ (the
# sample's first: it may be under srcdir, as in distcheck), and "teamtui
# $PACKAGE_VERSION" (or with a '/') as "teamtui @VERSION@", in place.
# Files without them are left untouched byte for byte.
normalize() {
	if grep -F -q -e "$abs_srcdir" -e "$tmp" -e "$pkgdatadir" -e "teamtui $version" \
		-e "teamtui/$version" "$1"; then
		N_PKG=$pkgdatadir N_SRC=$abs_srcdir N_TMP=$tmp N_VER=$version LC_ALL=C awk '
		function swap(line, from, to,    i, out) {
			out = ""
			while (from != "" && (i = index(line, from)) > 0) {
				out = out substr(line, 1, i - 1) to
				line = substr(line, i + length(from))
			}
			return out line
		}
		{
			line = swap(swap(swap($0, ENVIRON["N_PKG"], "@PKGDATADIR@"), ENVIRON["N_TMP"], "@TMP@"), ENVIRON["N_SRC"], "@SRCDIR@")
			line = swap(line, "teamtui " ENVIRON["N_VER"], "teamtui @VERSION@")
			print swap(line, "teamtui/" ENVIRON["N_VER"], "teamtui/@VERSION@")
		}
		' "$1" >"$1.n" && mv "$1.n" "$1"
	fi
}

# unsafe FILE: describe the first byte a terminal must not see (nothing
# when the file is clean): C0 controls but tab and newline, DEL, C1
# controls, bidi controls, U+FEFF, invalid UTF-8; then JSON escapes of
# the same characters, which a consumer would turn back into them.
unsafe() {
	unsafe_bytes "$1" tab
	LC_ALL=C grep -n -E \
	    '\\u(00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|061[cC]|200[eEfF]|202[a-eA-E]|206[6-9]|[fF][eE][fF][fF])' \
	    "$1" | sed -n '1s/^\([0-9]*\):.*/line \1: a JSON escape of a control character/p'
}


# Count the cases first: TAP wants the plan up front.
total=$(grep -c -v -E '^[[:space:]]*(#|$)' "$cases")
echo "1..$total"

set -f # no globbing when splitting ARGS
n=0
failed=0
while IFS= read -r line || [ -n "$line" ]; do
	trimmed=${line#"${line%%[![:space:]]*}"}
	case $trimmed in
	'' | '#'*) continue ;;
	esac
	n=$((n + 1))

	# NAME EXIT ARGS... [# comment]
	# shellcheck disable=SC2086 # word splitting is the format (set -f is on)
	set -- $line
	name=$1
	want=${2-}
	shift
	[ $# -gt 0 ] && shift
	args='' todo='' comment=false envs='' in_env=true
	for w in "$@"; do
		if $comment; then
			todo="$todo $w"
			continue
		fi
		if [ "$w" = "#" ]; then
			comment=true
			continue
		fi
		w=$(subst "$w" @DATA@ "$abs_srcdir/data")
		w=$(subst "$w" @FIX@ "$abs_srcdir/tests/golden/fixtures")
		w=$(subst "$w" @ESC@ "$esc")
		w=$(subst "$w" @LONG@ "$long")
		if $in_env; then
			case $w in
			[A-Z_]*=*)
				case ${w%%=*} in
				*[!A-Z0-9_]*) ;;
				*)
					envs="$envs $(quote "$w")"
					continue
					;;
				esac
				;;
			esac
			in_env=false
		fi
		args="$args $(quote "$w")"
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
	case $want in
	'' | *[!0-9]*)
		echo "not ok $n - $name: bad exit code '$want' in cases"
		failed=$((failed + 1))
		continue
		;;
	esac

	eval "set -- $args"
	ok=true
	notes=$tmp/notes
	: >"$notes"
	runs=1
	if [ "${GOLDEN_SNAPSHOT:-}" = 1 ]; then
		runs=2
		rm -rf "$tmp/cache" "$tmp/snap.log"
		mkdir "$tmp/cache"
	fi
	run=0
	while [ $run -lt $runs ]; do
	run=$((run + 1))
	rm -rf "$tmp/state"
	mkdir "$tmp/state" || exit 1
	(
		# check names files relative to where teamtui runs when they are
		# under it: run where no roster is, so that they are named as
		# given (@SRCDIR@/...) whatever directory make check runs in
		cd "$tmp/home" || exit 1
		HOME=$tmp/home
		XDG_CONFIG_HOME=$tmp/home
		LC_ALL=C.UTF-8
		# local times: the clock, this machine's zone and tzdata's
		# tables fixed (a copy of tzdata 2025b's)
		TZ=UTC
		TEAMTUI_NOW=1795000000
		TEAMTUI_ZONEINFO=$abs_srcdir/tests/golden/fixtures/zoneinfo
		unset TZDIR
		# who the user is (`me`): nobody, unless a case says so
		XDG_STATE_HOME=$tmp/state
		USER=golden-user
		GIT_CONFIG_NOSYSTEM=1
		GIT_CEILING_DIRECTORIES=$tmp
		unset GIT_CONFIG_GLOBAL GIT_DIR GIT_WORK_TREE GIT_CONFIG \
			GIT_CONFIG_COUNT LOGNAME
		export HOME XDG_CONFIG_HOME LC_ALL TZ TEAMTUI_NOW TEAMTUI_ZONEINFO \
			XDG_STATE_HOME USER GIT_CONFIG_NOSYSTEM GIT_CEILING_DIRECTORIES
		if [ -n "$envs" ]; then
			eval "export $envs"
		fi
		if [ "$runs" = 2 ]; then
			XDG_CACHE_HOME=$tmp/cache
			TEAMTUI_NO_SNAPSHOT=0
			TEAMTUI_SNAPSHOT_WAIT=1
			TEAMTUI_SNAPSHOT_LOG=$tmp/snap.log
			export XDG_CACHE_HOME TEAMTUI_NO_SNAPSHOT TEAMTUI_SNAPSHOT_WAIT \
				TEAMTUI_SNAPSHOT_LOG
		fi
		exec "$TEAMTUI" "$@"
	) </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	normalize "$tmp/out"
	normalize "$tmp/err"
	if [ "$runs" = 2 ] && [ $run = 1 ]; then
		cp "$tmp/out" "$tmp/out1"
		cp "$tmp/err" "$tmp/err1"
		rc1=$rc
		continue
	fi
	if [ "$runs" = 2 ]; then
		if grep -q '^wrote ' "$tmp/snap.log" 2>/dev/null &&
			! grep -q '^used ' "$tmp/snap.log"; then
			ok=false
			echo "# the second run did not start from the snapshot:" >>"$notes"
			sed 's/^/#   /' "$tmp/snap.log" >>"$notes"
		fi
		if [ "$rc1" != "$rc" ] || ! cmp -s "$tmp/out1" "$tmp/out" ||
			! cmp -s "$tmp/err1" "$tmp/err"; then
			ok=false
			echo "# from the snapshot, the output differs from the files' (exit $rc1 then $rc):" >>"$notes"
			diff_note "$tmp/out1" "$tmp/out" >>"$notes"
			diff_note "$tmp/err1" "$tmp/err" >>"$notes"
		fi
	fi
	done

	if [ "$rc" != "$want" ]; then
		ok=false
		echo "# exit code $rc, expected $want" >>"$notes"
	fi
	for stream in out err; do
		what=$(unsafe "$tmp/$stream")
		if [ -n "$what" ]; then
			ok=false
			[ $stream = out ] && label=stdout || label=stderr
			printf '%s\n' "$what" | sed "s/^/# unsafe $label: /" >>"$notes"
		fi
	done

	exp_out=$golden/$name.out
	exp_err=$golden/$name.err
	# never bless output that is unsafe for a terminal
	if $update && [ -z "$todo" ] && [ ! -s "$notes" ]; then
		cp "$tmp/out" "$exp_out"
		if [ -s "$tmp/err" ]; then
			cp "$tmp/err" "$exp_err"
		else
			rm -f "$exp_err"
		fi
	fi
	if [ ! -f "$exp_out" ]; then
		ok=false
		echo "# no $name.out (write it by hand, or run with --update and review)" >>"$notes"
	elif ! cmp -s "$exp_out" "$tmp/out"; then
		ok=false
		echo "# stdout differs from $name.out:" >>"$notes"
		diff_note "$exp_out" "$tmp/out" >>"$notes"
	fi
	if [ -f "$exp_err" ]; then
		if ! cmp -s "$exp_err" "$tmp/err"; then
			ok=false
			echo "# stderr differs from $name.err:" >>"$notes"
			diff_note "$exp_err" "$tmp/err" >>"$notes"
		fi
	elif [ -s "$tmp/err" ]; then
		ok=false
		echo "# unexpected stderr (there is no $name.err):" >>"$notes"
		sed 's/^/# /' "$tmp/err" >>"$notes"
	fi

	if $ok; then
		echo "ok $n - $name$directive"
	else
		echo "not ok $n - $name$directive"
		# the notes quote program output: keep its controls off the log
		LC_ALL=C sed "s/$esc/^[/g" "$notes" |
		    LC_ALL=C tr '\000-\010\013-\037\177' '?'
		[ -z "$todo" ] && failed=$((failed + 1))
	fi
done <"$cases"

if [ "$n" -ne "$total" ]; then
	echo "# ran $n cases, planned $total"
	failed=$((failed + 1))
fi
[ "$failed" -eq 0 ]
