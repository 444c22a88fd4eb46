#!/bin/sh
# bench/run.sh: the loader/resolver benchmark (`make bench`).
#
# For 2,000 people / 60 groups and 100,000 people / 3,000 groups it reports
# the time to load, to resolve every group, the peak memory, and the same
# files parsed by a bare libyaml event loop (the floor), then the time of a
# whole `teamtui show GROUP` process. Then a generated GitLab handbook
# checkout (4,000 pages, 2,000 people) read by `teamtui --roster DIR check`
# against reading the same files. Run from the build directory.
#
# BENCH_ONLY=roster or BENCH_ONLY=handbook runs one part; BENCH_REPEAT=N
# sets the runs per figure (best of N, default 5).
set -eu
out=${TMPDIR:-/tmp}/teamtui-bench
mkdir -p "$out"
repeat=${BENCH_REPEAT:-5}

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }

only=${BENCH_ONLY:-}
case $only in
'' | roster | handbook) ;;
*) echo "run.sh: BENCH_ONLY must be roster or handbook" >&2; exit 2 ;;
esac

# best_ms COMMAND...: the best wall time of COMMAND over $repeat runs (its
# exit status is ignored: `teamtui check` fails when it finds problems)
best_ms() {
	best=
	i=0
	while [ $i -lt "$repeat" ]; do
		t0=$(now_ms)
		"$@" >/dev/null 2>&1 || :
		t1=$(now_ms)
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
		i=$((i + 1))
	done
	echo "$best"
}

show_ms() { best_ms ./teamtui --roster "$1" show "$2"; }

field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# The interactive directory in a pseudo-terminal (script(1)), 120x40:
# exec to the first complete screen (TEAMTUI_BENCH_KEYS empty: draw once,
# quit), best of $repeat.
tui_first_ms() {
	best_ms env COLUMNS=120 LINES=40 TERM=xterm TEAMTUI_BENCH_KEYS= \
		script -qfc "./teamtui --roster '$1'" /dev/null
}

# Redraw cost per keystroke: 300 moves down then 300 up the directory
# tree (each move re-resolves and redraws the card beside it).
tui_key_ms() {
	keys=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "j"; for (i = 0; i < 300; i++) printf "k" }')
	COLUMNS=120 LINES=40 TERM=xterm TEAMTUI_BENCH_KEYS=$keys \
		script -qfc "./teamtui --roster '$1' 2>'$out/keys.txt'" /dev/null >/dev/null 2>&1
	field "$(cat "$out/keys.txt")" ms_per_key
}

[ "$only" = handbook ] ||
for size in "2000 60" "100000 3000"; do
	set -- $size
	dir=$out/r$1
	gen=$(bench/gen-roster "$1" "$2" "$dir")
	first=$(field "$(printf '%s\n' "$gen" | tail -n 1)" first_group)
	reps=$repeat
	[ "$1" -le 2000 ] || reps=1 # resolving all 3,000 groups takes seconds
	floor_team=$(field "$(bench/bare-parse "$dir/team.yml" "$repeat")" bare_parse_ms)
	floor_groups=$(field "$(bench/bare-parse "$dir/groups.yml" "$repeat")" bare_parse_ms)
	floor=$(awk -v a="$floor_team" -v b="$floor_groups" 'BEGIN { printf "%.3f", a + b }')
	res=$(bench/bench-load "$dir" "$reps" "$first")
	show=$(show_ms "$dir" "$first")
	lr=$(field "$res" load_resolve_ms)
	echo "== $1 people, $2 groups ($(wc -c <"$dir/team.yml") bytes of team.yml)"
	echo "   bare libyaml parse (floor)     $floor ms"
	echo "   load                           $(field "$res" load_ms) ms"
	echo "   resolve every group            $(field "$res" resolve_all_ms) ms"
	echo "   load + resolve                 $lr ms = $(awk -v a="$lr" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')x the floor"
	echo "   resolve one group ($first)  $(field "$res" resolve_one_ms) ms"
	echo "   peak RSS                       $(field "$res" peak_rss_kb) KiB (model arena $(field "$res" arena_kb) KiB)"
	echo "   teamtui show $first (process)  $show ms"
	sr=$(bench/bench-search "$dir")
	echo "   who: index build               $(field "$sr" index_ms) ms"
	echo "   who: per keystroke             $(field "$sr" mean_ms) ms mean, $(field "$sr" worst_ms) ms worst ($(field "$sr" keystrokes) keystrokes)"
	if command -v script >/dev/null 2>&1; then
		echo "   TUI: exec to first screen      $(tui_first_ms "$dir") ms"
		echo "   TUI: redraw per keystroke      $(tui_key_ms "$dir") ms"
	fi
done

# The handbook checkout: every page read, every people table evaluated,
# against the floor of reading the same files: cat of every page (find's
# walk included) plus a bare libyaml parse of team.yml. Goal: within 3x.
# For medians over several runs and user/sys/peak memory of one whole run:
#   /usr/bin/time -v ./teamtui --roster $TMPDIR/teamtui-bench/handbook check
[ "$only" = roster ] || {
	hb=$out/handbook
	rm -rf "$hb"
	gen=$(bench/gen-handbook 4000 2000 "$hb")
	pages=$(field "$gen" pages)
	cat_ms=$(best_ms find "$hb/content/handbook" -name '*.md' -exec cat {} +)
	parse_ms=$(field "$(bench/bare-parse "$hb/data/public/team.yml" "$repeat")" bare_parse_ms)
	floor=$(awk -v a="$cat_ms" -v b="$parse_ms" 'BEGIN { printf "%.1f", a + b }')
	set +e
	./teamtui --roster "$hb" check >"$out/handbook-check.txt" 2>&1
	rc=$?
	set -e
	check=$(best_ms ./teamtui --roster "$hb" check)
	echo "== handbook: $pages pages ($(field "$gen" bytes) bytes), $(field "$gen" people) people, $(field "$gen" group_pages) group pages"
	echo "   cat every page                 $cat_ms ms"
	echo "   bare libyaml parse of team.yml $parse_ms ms ($(wc -c <"$hb/data/public/team.yml") bytes)"
	echo "   floor (the two)                $floor ms"
	echo "   teamtui check (process)        $check ms = $(awk -v a="$check" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')x the floor (exit $rc, $(wc -l <"$out/handbook-check.txt") lines of output)"
}
