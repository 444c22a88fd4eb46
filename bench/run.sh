#!/bin/sh
# bench/run.sh: the benchmark (`make bench`). Run from the build directory.
#
# For three rosters, each generated here:
#   2k    2,000 people / 60 groups (groups.yml + team.yml)
#   100k  100,000 people / 3,000 groups (the same shape)
#   hb    a handbook checkout of the real size: 4,000 pages, 1,300 people
# it measures, as whole processes:
#   floor       a bare libyaml parse of the same YAML (bench/bare-parse:
#               no tree, no copies), plus, for the handbook, cat of every
#               page
#   check       teamtui check (cold: check always reads the files)
#   show cold   teamtui --no-snapshot show GROUP
#   show warm   teamtui show GROUP, its snapshot present
#   screen      exec to the interactive directory's first complete screen
#               (in script(1), 120x40, TEAMTUI_BENCH_KEYS), cold and warm,
#               less script's own cost (script running true, paired)
#   keys        the who-search typed on the opening screen, warm: the
#               first keystroke (s, which opens it and loads its index)
#               and the worst of the query's letters after it (each
#               handled and drawn, ms, from teamtui's own clock)
#   peak RSS    of cold and warm show, and the snapshot's size
#   org         teamtui org CEO (everyone, 100,000 lines at 100,000), warm
#               and cold, each run paired with a run of show in the same
#               mode instead of the floor: the ratio is to show (issue 13)
#   __complete  what Tab asks (`teamtui __complete ... person a`), warm
#               and cold (issue 14: under 50 ms at 2,000 people)
# Every process figure is the median of BENCH_REPEAT runs (default 5),
# each run paired with a run of the floor just before it: the ratio is the
# median of the pairs' ratios, so it holds while the machine's speed
# drifts. Goals (issue 11) are printed beside the figures they concern.
#
# BENCH_ONLY=2k|100k|hb runs one roster.
set -eu
out=${TMPDIR:-/tmp}/teamtui-bench
mkdir -p "$out"
repeat=${BENCH_REPEAT:-5}
only=${BENCH_ONLY:-}
case $only in
'' | 2k | 100k | hb) ;;
*) echo "run.sh: BENCH_ONLY must be 2k, 100k or hb" >&2; exit 2 ;;
esac
TT=./teamtui
# snapshots of our own, and nothing of the user's config
export XDG_CACHE_HOME="$out/cache" TEAMTUI_SYSTEM_CONFIG=/dev/null/none
export XDG_CONFIG_HOME="$out/config" TEAMTUI_NO_SNAPSHOT=0
unset TEAMTUI_SNAPSHOT_LOG TEAMTUI_SNAPSHOT_WAIT
mkdir -p "$XDG_CACHE_HOME"

now_ns() { date +%s%N; }
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wall_ms CMD...: one run's wall time (its exit status ignored: check
# fails when it finds problems)
wall_ms() {
	t0=$(now_ns)
	"$@" >/dev/null 2>&1 </dev/null || :
	t1=$(now_ns)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }'
}

# paired NAME CMD...: $repeat runs, each after a run of $floor_cmd;
# sets ms (median) and ratio (median of the ratios)
paired() {
	: >"$out/ms" && : >"$out/ratio"
	i=0
	while [ $i -lt "$repeat" ]; do
		f=$(wall_ms $floor_cmd)
		m=$(wall_ms "$@")
		echo "$m" >>"$out/ms"
		awk -v m="$m" -v f="$f" 'BEGIN { printf "%.4f\n", m / f }' >>"$out/ratio"
		echo "$f" >>"$out/floor"
		i=$((i + 1))
	done
	ms=$(median <"$out/ms")
	ratio=$(median <"$out/ratio")
}

peak_kb() { # CMD...: peak resident set of one run, KiB (GNU time)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null </dev/null | tail -n 1
	else
		echo n/a
	fi
}

# The interactive directory in a pseudo-terminal, 120x40, keys replayed
# (TEAMTUI_BENCH_KEYS; empty: draw the first screen and quit).
tui() { # KEYS ARGS...
	keys=$1
	shift
	env COLUMNS=120 LINES=40 TERM=xterm TEAMTUI_BENCH_KEYS="$keys" \
		script -qfc "$TT $* 2>'$out/keys.txt'" /dev/null
}

line() { # LABEL VALUE [GOAL]
	printf '   %-30s %s%s\n' "$1" "$2" "${3:+   (goal: $3)}"
}

# bench_roster NAME ROSTER-ARGS GROUP FLOOR-CMD GOALS... [TOP]
# [TOP] (TOP: the person at the top of the org, for `org`; none: not
# timed); $tab_goal: the goal of __complete, if any
bench_roster() {
	name=$1 rargs=$2 group=$3
	floor_cmd=$4
	: >"$out/floor"
	echo "== $name"
	# the snapshot, made before the warm figures; not timed here
	rm -rf "$XDG_CACHE_HOME/teamtui"
	snap=$($TT $rargs snapshot 2>/dev/null | cut -f1)
	paired $TT $rargs check
	check_ms=$ms check_r=$ratio
	paired $TT $rargs --no-snapshot show "$group"
	cold_ms=$ms cold_r=$ratio
	paired $TT $rargs show "$group"
	warm_ms=$ms warm_r=$ratio
	floor=$(median <"$out/floor")
	line "floor (bare parse, process)" "$floor ms"
	line "check (cold)" "$check_ms ms = ${check_r}x" "$5"
	line "show (cold)" "$cold_ms ms = ${cold_r}x" "$6"
	line "show (warm)" "$warm_ms ms = ${warm_r}x" "$7"
	if [ -n "${12:-}" ]; then # org, paired with show: $out/floor is done
		floor_cmd="$TT $rargs show $group"
		paired $TT $rargs org "${12}"
		line "org ${12} (warm)" "$ms ms = ${ratio}x show warm" "2x"
		floor_cmd="$TT $rargs --no-snapshot show $group"
		paired $TT $rargs --no-snapshot org "${12}"
		line "org ${12} (cold)" "$ms ms = ${ratio}x show cold" "2x"
		floor_cmd=$4
	fi
	# Tab: `teamtui __complete` for a person's slug, as the shells' scripts
	# ask it; warm (the snapshot is there) and cold (no snapshot: the
	# first Tab after the roster changed)
	paired $TT __complete $rargs person a
	line "__complete person a (warm)" "$ms ms = ${ratio}x" "${tab_goal:-}"
	paired env TEAMTUI_NO_SNAPSHOT=1 $TT __complete $rargs person a
	line "__complete person a (cold)" "$ms ms = ${ratio}x" "${tab_goal:-}"
	line "peak RSS show cold / warm" "$(peak_kb $TT $rargs --no-snapshot show "$group") / $(peak_kb $TT $rargs show "$group") KiB"
	line "snapshot" "$(wc -c <"$snap" 2>/dev/null || echo 0) bytes"
	if command -v script >/dev/null 2>&1; then
		: >"$out/ms" && : >"$out/ms2"
		i=0
		while [ $i -lt "$repeat" ]; do
			s0=$(wall_ms script -qfc true /dev/null)
			c=$(wall_ms tui "" $rargs --no-snapshot)
			s1=$(wall_ms script -qfc true /dev/null)
			w=$(wall_ms tui "" $rargs)
			awk -v a="$c" -v b="$s0" 'BEGIN { printf "%.3f\n", a - b }' >>"$out/ms"
			awk -v a="$w" -v b="$s1" 'BEGIN { printf "%.3f\n", a - b }' >>"$out/ms2"
			i=$((i + 1))
		done
		line "first screen cold / warm" "$(median <"$out/ms") / $(median <"$out/ms2") ms" "$8"
		# s opens the who-search; then the query, one key at a time
		: >"$out/first" && : >"$out/later"
		i=0
		while [ $i -lt "$repeat" ]; do
			tui "s$9" $rargs >/dev/null 2>&1 || :
			k=$(field "$(cat "$out/keys.txt")" key_ms)
			# the first: s, which opens the search and loads its index
			echo "$k" | tr ',' '\n' | sed -n 1p >>"$out/first"
			echo "$k" | tr ',' '\n' | sed -n '2,$p' | sort -g | tail -n 1 >>"$out/later"
			i=$((i + 1))
		done
		line "who: first keystroke (warm)" "$(median <"$out/first") ms" "${10}"
		line "who: worst later keystroke" "$(median <"$out/later") ms" "${11}"
	fi
}

# generated PEOPLE GROUPS LABEL GOALS...: a groups.yml roster of that size
generated() {
	dir=$out/r$1
	gen=$(bench/gen-roster "$1" "$2" "$dir")
	first=$(field "$(printf '%s\n' "$gen" | tail -n 1)" first_group)
	ceo=$(field "$(printf '%s\n' "$gen" | tail -n 1)" ceo)
	label="$3 ($(wc -c <"$dir/team.yml") bytes of team.yml)"
	shift 3
	bench_roster "$label" "--roster $dir" "$first" \
		"bench/bare-parse -r 1 $dir/team.yml $dir/groups.yml" "$@" "$ceo"
}
if [ -z "$only" ] || [ "$only" = 2k ]; then
	tab_goal="50 ms"
	generated 2000 60 "2,000 people, 60 groups" \
		"" "1.5x" "" "15 ms warm" "source code" "" ""
	tab_goal=
fi
if [ -z "$only" ] || [ "$only" = 100k ]; then
	generated 100000 3000 "100,000 people, 3,000 groups" \
		"3x" "1.5x" "50 ms" "100 ms warm" "source code" "50 ms" "20 ms"
fi
if [ -z "$only" ] || [ "$only" = hb ]; then
	hb=$out/handbook
	rm -rf "$hb"
	gen=$(bench/gen-handbook 4000 1300 "$hb" 2>/dev/null)
	group=$($TT --roster "$hb" --no-snapshot groups 2>/dev/null |
		sed -n 's/.*(\([a-z0-9_-]*\))$/\1/p' | head -n 1)
	find "$hb/content/handbook" -name '*.md' >"$out/pages"
	cat >"$out/floor.sh" <<EOF
xargs cat <"$out/pages" >/dev/null
exec bench/bare-parse -r 1 "$hb/data/public/team.yml"
EOF
	bench_roster "handbook: $(field "$gen" pages) pages, $(field "$gen" people) people ($(field "$gen" bytes) bytes)" \
		"--roster $hb" "$group" "sh $out/floor.sh" \
		"1.5x" "" "" "" "engineering" "" ""
fi
