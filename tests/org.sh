#!/bin/sh
# org.sh: `teamtui org` beyond its goldens (golden.sh has its exact text,
# JSON and DOT), as TAP:
#   - every --dot graph is one Graphviz's `dot` reads without a word of
#     complaint, and the strings in it come out of `dot` as they went in
#     (quotes, backslashes, "&lt;" and an escape sequence in a name);
#     skipped when `dot` (Debian's graphviz) is not installed
#   - the tree in ASCII when the user's locale is not UTF-8
#   - a reports_to chain 100,000 deep: shown to 1,000 levels and the rest
#     counted, as text, JSON and DOT, without running out of stack
#
#   TEAMTUI=./teamtui srcdir=. sh tests/org.sh
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
runner_tmp org
HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_CACHE_HOME=$tmp/cache LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME LC_ALL
unset TEAMTUI_ROSTER
data=$abs_srcdir/data
fix=$abs_srcdir/tests/golden/fixtures
n=0
tap_helpers # ok, not_ok, and fail, which counts in $failed (lib.sh)

echo "1..14"

# --- DOT, read by Graphviz ---------------------------------------------------
# dot_ok NAME ROSTER ARGS...: `teamtui --roster ROSTER org ARGS --dot` is a
# graph dot lays out, with nothing on dot's stderr; its SVG is $tmp/svg
dot_ok() {
	name=$1 roster=$2
	shift 2
	if ! command -v dot >/dev/null 2>&1; then
		n=$((n + 1))
		echo "ok $n - $name # SKIP dot is not installed (Debian: graphviz)"
		return 1
	fi
	"$TEAMTUI" --roster "$roster" org "$@" --dot >"$tmp/dot" 2>"$tmp/dot.err"
	dot -Tsvg "$tmp/dot" >"$tmp/svg" 2>"$tmp/svg.err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/svg.err" ] && grep -q '^<svg' "$tmp/svg"; then
		ok "$name"
		return 0
	fi
	fail "$name" "dot exited $rc" "$(head -n 5 "$tmp/svg.err")"
	return 1
}

dot_ok "the sample's CTO: a graph dot reads" "$data" helena-marchetti
dot_ok "the handbook checkout's VP of Product" "$data/handbook" theodora-nwosu
if dot_ok "the org fixture's CEO (vacancies, a name to escape)" "$fix/org" ada-quill; then
	# the name and role as the roster has them (less the escape
	# sequence, which sanitize removes), in SVG's own escaping
	want='Nell &quot;Q&quot; Back\slash &amp;lt;b&amp;gt; Red'
	want2='UX Researcher, Build:&quot;Kilns&quot;\n'
	if grep -F -q ">$want<" "$tmp/svg" && grep -F -q ">$want2<" "$tmp/svg"; then
		ok "quotes, backslashes and entities come out of dot as they went in"
	else
		fail "quotes, backslashes and entities come out of dot as they went in" \
			"$(grep -F 'Nell' "$tmp/svg")"
	fi
else
	n=$((n + 1))
	echo "ok $n - the escaped strings # SKIP no graph"
fi
if dot_ok "a reports_to cycle: the edge back" "$fix/org" loop-a; then
	if grep -F -q '>Glaze &quot;&amp; Co&quot;<' "$tmp/svg" &&
		grep -F -q '>cycle<' "$tmp/svg"; then
		ok "the cluster's label and the cycle's edge"
	else
		fail "the cluster's label and the cycle's edge"
	fi
else
	n=$((n + 1))
	echo "ok $n - the cluster's label # SKIP no graph"
fi
dot_ok "--depth 1: the cut as a box" "$fix/org" loop-b --depth 1
dot_ok "escape sequences, C1 and bidi controls in names and roles" \
	"$fix/hostile" boss-blue

# --- ASCII when the locale is not UTF-8 --------------------------------------
LC_ALL=C "$TEAMTUI" --roster "$fix/org" org ada-quill >"$tmp/ascii" 2>"$tmp/err"
rc=$?
sed -e 's/├── /|-- /g' -e 's/└── /`-- /g' -e 's/│   /|   /g' \
	-e 's/  · /  - /g' -e 's/… /... /g' "$abs_srcdir/tests/golden/org-fix-ceo.out" \
	>"$tmp/want"
if [ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/ascii" && [ ! -s "$tmp/err" ]; then
	ok "LC_ALL=C: the tree in ASCII (|-- and \`--)"
else
	fail "LC_ALL=C: the tree in ASCII (|-- and \`--)" "exit $rc" \
		"$(diff "$tmp/want" "$tmp/ascii" | head -n 10)"
fi
LC_ALL=C "$TEAMTUI" --roster "$fix/org" org ada-quill --depth 1 >"$tmp/ascii" 2>&1
if grep -q '^|   `-- \.\.\. 7 more below$' "$tmp/ascii" &&
	! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/ascii"; then
	ok "LC_ALL=C: the cut as '... N more below', no byte outside ASCII"
else
	fail "LC_ALL=C: the cut as '... N more below', no byte outside ASCII" \
		"$(head -n 5 "$tmp/ascii")"
fi

# --- a chain 100,000 deep ----------------------------------------------------
mkdir "$tmp/chain"
awk 'BEGIN {
	for (i = 0; i < 100000; i++) {
		printf "- slug: p%d\n  name: P %d\n  role: Backend Engineer\n", i, i
		if (i) printf "  reports_to: p%d\n", i - 1
	}
}' >"$tmp/chain/team.yml"
printf 'groups:\n  g:\n    name: G\n    team-by-manager-slug: {manager: p0}\n' \
	>"$tmp/chain/groups.yml"
"$TEAMTUI" --roster "$tmp/chain" org p0 >"$tmp/out" 2>"$tmp/err"
rc=$?
lines=$(wc -l <"$tmp/out")
last=$(tail -n 1 "$tmp/out")
case $last in
*"└── … 98999 more below") tail_ok=true ;;
*) tail_ok=false ;;
esac
if [ $rc -eq 0 ] && [ "$lines" -eq 1003 ] && $tail_ok &&
	sed -n 2p "$tmp/out" | grep -q '^99999 in org, 1 direct, 99999 levels: 99999 engineers$'; then
	ok "100,000 deep: 1,000 levels shown, the rest counted"
else
	fail "100,000 deep: 1,000 levels shown, the rest counted" "exit $rc, $lines lines" \
		"$(sed -n 2p "$tmp/out")" "$(tail -c 200 "$tmp/out")" "$(head -n 3 "$tmp/err")"
fi
"$TEAMTUI" --roster "$tmp/chain" --json org p0 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q '"more_below":	98999' "$tmp/out" &&
	[ "$(grep -c '"person":' "$tmp/out")" -eq 1001 ]; then
	ok "100,000 deep as JSON: nested 1,000 levels, then more_below"
else
	fail "100,000 deep as JSON: nested 1,000 levels, then more_below" "exit $rc" \
		"$(head -n 3 "$tmp/err")"
fi
"$TEAMTUI" --roster "$tmp/chain" org p0 --dot >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c -- '->' "$tmp/out")" -eq 1001 ]; then
	ok "100,000 deep as DOT: 1,000 edges and the cut's"
else
	fail "100,000 deep as DOT: 1,000 edges and the cut's" "exit $rc" \
		"$(head -n 3 "$tmp/err")"
fi
"$TEAMTUI" --roster "$tmp/chain" org p50000 --depth 3 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 6 ] &&
	grep -q '^49999 in org, 1 direct, 49999 levels' "$tmp/out"; then
	ok "from the middle of the chain, --depth 3"
else
	fail "from the middle of the chain, --depth 3" "exit $rc" "$(cat "$tmp/out")"
fi

[ "$n" -eq 14 ] || {
	echo "# ran $n tests, planned 14"
	failed=$((failed + 1))
}
[ "$failed" -eq 0 ]
