#!/bin/sh
# changes.sh: `teamtui changes` on fixture versions of a roster, as TAP.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/changes.sh [--update]
#
# tests/changes/ holds a groups.yml roster in three versions (roster/v1,
# v2, v3) and a handbook checkout in two (handbook/v1, v2); together they
# make every kind of change. Each step copies a version into a directory
# of its own and runs teamtui there, with a cache of its own
# (XDG_CACHE_HOME: the digest store starts empty), TZ=UTC and TEAMTUI_NOW
# (the time each version is recorded at, and "now" for --since). A third
# set of runs has a synced data directory (XDG_DATA_HOME) with a history,
# from which a checkout without data/public/team.yml takes its people.
#
# A case passes when the exit code is the one expected, stdout equals
# tests/changes/expected/NAME.out, stderr NAME.err (or is empty when there
# is none), and neither holds a byte a terminal must not see. The
# temporary directory is written @TMP@ in outputs and a store's key KEY.
# --update rewrites NAME.out and NAME.err from what teamtui prints now
# (read every changed file before committing it).
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
tap_helpers
runner_tmp changes
fix=$abs_srcdir/tests/changes
exp=$fix/expected
mkdir -p "$tmp/home" "$tmp/cache"
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/home
XDG_CACHE_HOME=$tmp/cache
TZ=UTC
LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME TZ LC_ALL
unset TEAMTUI_ROSTER TEAMTUI_NOW
cd "$tmp" || exit 1

n=0
T1=1764000000 # 2025-11-24 16:00 UTC
T2=1764086400 # 2025-11-25 16:00
T3=1764172800 # 2025-11-26 16:00
now=$T1

# use KIND VERSION DIR: a fresh copy of tests/changes/KIND/VERSION as DIR
use() {
	rm -rf "$tmp/$3"
	cp -R "$fix/$1/$2" "$tmp/$3"
	chmod -R u+w "$tmp/$3"
}

# normalize FILE: the temporary directory and store keys made stable
normalize() {
	sed -e "s|$tmp|@TMP@|g" -e 's|/changes/[0-9a-f]\{32\}|/changes/KEY|g' "$1" >"$1.n"
	mv "$1.n" "$1"
}

# run NAME EXIT ARGS...: one case (what it checks: the comment above it)
run() {
	name=$1 want_rc=$2
	shift 2
	TEAMTUI_NOW=$now "$TEAMTUI" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	normalize "$tmp/out"
	normalize "$tmp/err"
	if $update && [ "$rc" = "$want_rc" ]; then
		cp "$tmp/out" "$exp/$name.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$exp/$name.err"; else rm -f "$exp/$name.err"; fi
	fi
	problems=
	[ "$rc" = "$want_rc" ] || problems="exit $rc, not $want_rc"
	if ! cmp -s "$tmp/out" "$exp/$name.out" 2>/dev/null; then
		problems="$problems; stdout differs from $name.out"
	fi
	if [ -f "$exp/$name.err" ]; then
		cmp -s "$tmp/err" "$exp/$name.err" || problems="$problems; stderr differs from $name.err"
	elif [ -s "$tmp/err" ]; then
		problems="$problems; unexpected stderr"
	fi
	for s in out err; do
		bad=$(unsafe_bytes "$tmp/$s" tab) # (JSON is indented with tabs)
		[ -z "$bad" ] || problems="$problems; unsafe byte in std$s: $bad"
	done
	if [ -z "$problems" ]; then
		ok "$name: teamtui $*"
	else
		not_ok "$name: teamtui $*: ${problems#; }"
		[ -f "$exp/$name.out" ] && diff -u "$exp/$name.out" "$tmp/out" | sed 's/^/# /' | head -40
		[ -f "$exp/$name.err" ] && diff -u "$exp/$name.err" "$tmp/err" | sed 's/^/# /' | head -10
		[ -f "$exp/$name.err" ] || sed 's/^/# stderr: /' "$tmp/err" | head -5
	fi
}

# check_that NAME COMMAND...: a plain assertion
check_that() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# ---------------------------------------------------------- a roster

use roster v1 r
now=$T1
# the first run: nothing to compare with (a baseline is recorded)
run first-json 0 --roster r changes --json
run first 0 --roster r changes

use roster v2 r
now=$T2
# v1 -> v2: every kind of change a groups.yml roster has
run v1-v2 0 --roster r changes
run v1-v2-json 0 --roster r changes --json

use roster v3 r
now=$T3
# no --since: the version before (v2), nobody having looked
run v2-v3 0 --roster r changes
run v2-v3 0 --roster r changes --since 1
# two versions back
run v1-v3 0 --roster r changes --since 2
run v1-v3-json 0 --roster r changes --json --since 2
# dates: the newest version recorded at or before
run v1-v3 0 --roster r changes --since 2025-11-25
run v1-v3 0 --roster r changes --since 36h
run v2-v3 0 --roster r changes --since 2025-11-25T16:00:00Z
run v2-v3 0 --roster r changes --since 2025-11-25T17:30
run v2-v3 0 --roster r changes --since 1d
run v2-v3 0 --roster r changes --since yesterday
# before every version: the oldest, said; past the last one: the same
run since-1w 0 --roster r changes --since 1w
run since-old 0 --roster r changes --since 2025-01-01
run since-7 0 --roster r changes --since 7
# what --since takes, and a stamp for a roster with no synced history
run since-bad 2 --roster r changes --since last-tuesday
run since-zero 2 --roster r changes --since 0
run since-month 2 --roster r changes --since 2025-13-01
# a bad --since is a usage error before any roster is read
run since-bad-noroster 2 --roster no-such-roster changes --since last-tuesday
run since-stamp 1 --roster r changes --since 20251124
# the version now (recorded by the runs above) is no earlier version
run nothing-new 0 --roster r changes --since 2025-11-26T16:00Z
# check names the table that lists nobody
run check-v3 0 --roster r check

# a roster that does not load whole is no version of the organisation:
# changes says what that means and records nothing, nor does any other
# command (the store's files below are still three versions)
cp r/team.yml "$tmp/team.good"
printf -- '- slug: [broken\n' >>r/team.yml
run broken-roster 1 --roster r changes --since 1
TEAMTUI_SNAPSHOT_WAIT=1 TEAMTUI_NOW=$now "$TEAMTUI" --roster r groups >/dev/null 2>&1
cp "$tmp/team.good" r/team.yml
run v2-v3 0 --roster r changes --since 1

store=$(echo "$tmp"/cache/teamtui/changes/*)
files=$(cd "$store" && ls | tr '\n' ' ')
check_that "the store: an index, the newest version whole, deltas ($files)" \
	[ "$files" = "index lock v-1.delta v-2.delta v-3.full " ]
modes=$(cd "$store" && ls -l index v-3.full v-1.delta | cut -c1-10 | sort -u | tr '\n' ' ')
check_that "its files are the user's alone ($modes)" [ "$modes" = "-rw------- " ]
dmode=$(ls -ld "$store" | cut -c1-10)
check_that "and so is its directory ($dmode)" [ "$dmode" = "drwx------" ]

# a corrupt delta: said in one line, that version dropped, no crash
printf 'teamtui-digest-delta 1 base 0123\n' >"$store/v-1.delta"
run corrupt-delta 0 --roster r changes --since 2
files=$(cd "$store" && ls | tr '\n' ' ')
check_that "the corrupt version's file is gone ($files)" \
	[ "$files" = "index lock v-2.delta v-3.full " ]
# a corrupt version list: dropped, said, recording starts over
printf 'teamtui-changes 1\nnext 9\nv 3 nothex 1\n' >"$store/index"
run corrupt-index 0 --roster r changes
run first 0 --roster r changes
# no cache directory at all: said, and the rest works
HOME=/nonexistent XDG_CACHE_HOME=
run no-cache 0 --roster r changes
HOME=$tmp/home

# concurrent loads of a roster that changes under them: versions may be
# lost to a race, never torn
XDG_CACHE_HOME=$tmp/cache-race
mkdir -p "$XDG_CACHE_HOME"
use roster v1 race
i=0
while [ $i -lt 8 ]; do
	case $((i % 3)) in
	0) v=v1 ;; 1) v=v2 ;; *) v=v3 ;;
	esac
	cp "$fix/roster/$v/team.yml" "$tmp/race/team.yml.new"
	mv "$tmp/race/team.yml.new" "$tmp/race/team.yml"
	TEAMTUI_NOW=$((T1 + i)) "$TEAMTUI" --roster race changes >/dev/null 2>>"$tmp/race.err" &
	i=$((i + 1))
done
wait
TEAMTUI_NOW=$T3 "$TEAMTUI" --roster race changes --since 9 >/dev/null 2>>"$tmp/race.err"
grep -v -e '^teamtui: changes: no version 9, only' \
	-e '^teamtui: changes: no earlier version of this roster yet' "$tmp/race.err" >"$tmp/race.bad"
check_that "eight concurrent recorders: every version kept reads back, nothing dropped" \
	[ ! -s "$tmp/race.bad" ]
[ -s "$tmp/race.bad" ] && sed 's/^/# /' "$tmp/race.bad"
leftover=$(ls -a "$tmp"/cache-race/teamtui/changes/* | grep -c '\.tmp' || :)
check_that "no temporary file is left behind" [ "$leftover" = 0 ]

# ---------------------------------------------------------- a handbook

XDG_CACHE_HOME=$tmp/cache-hb
mkdir -p "$XDG_CACHE_HOME"
use handbook v1 hb
now=$T1
run first 0 --roster hb changes
use handbook v2 hb
now=$T2
# a title change empties a counterparts table; a manager leaving takes
# the manager row of a department table
run hb-v1-v2 0 --roster hb changes
run hb-v1-v2-json 0 --roster hb changes --json
run hb-check-v2 0 --roster hb check

# ---------------------------------------------------------- synced data

# the data directory `teamtui sync` keeps: the current files and a
# history; the checkout takes its people from there
XDG_CACHE_HOME=$tmp/cache-sync
XDG_DATA_HOME=$tmp/xdg-data
mkdir -p "$XDG_CACHE_HOME"
data=$XDG_DATA_HOME/teamtui
for v in v1 v2; do
	case $v in v1) stamp=20251124T160000Z ;; *) stamp=20251125T160000Z ;; esac
	mkdir -p "$data/history/$stamp"
	cp "$fix/handbook/$v/data/public/"*.yml "$data/history/$stamp/"
done
cp "$fix/handbook/v2/data/public/"*.yml "$data/"
use handbook v1 hbs
rm "$tmp/hbs/data/public/team.yml"
now=$T3
# the synced history is a version: the newest one is the current data
run synced 0 --roster hbs changes
run synced 0 --roster hbs changes --since 20251124T16
run synced-json 0 --roster hbs changes --json --since 20251124T160000Z
run synced-current 0 --roster hbs changes --since 20251125
run synced-ambiguous 1 --roster hbs changes --since 2025112
run synced 0 --roster hbs changes --since 2025-11-25
# the data directory itself as the roster: no pages, its people
run synced-datadir 0 --roster "$data" changes
# a damaged history version (nobody in it) is skipped, and said
mkdir -p "$data/history/20251123T160000Z"
: >"$data/history/20251123T160000Z/team.yml"
run synced-broken 0 --roster hbs changes --since 2
XDG_DATA_HOME=/dev/null/no-data-home

echo "1..$n"
