#!/bin/sh
# readme.sh: README.md's captured screens and outputs are the goldens
# themselves, so that they cannot drift; as TAP.
#
#   srcdir=. sh tests/readme.sh [--update]
#
# A block of README.md is marked by a comment on the line before its
# opening fence:
#
#   <!-- screen: NAME -->
#   ```text
#   ...
#   ```
#
# and must be, byte for byte, the screen of tests/screen/NAME.screen: its
# first HEIGHT lines, HEIGHT being NAME's in tests/screen/cases (the
# "-- reverse video ..." and "-- cursor ..." lines after them are
# screen.sh's notes, not the screen). A block marked
#
#   <!-- golden: NAME -->
#
# must be "$ teamtui ARGS", ARGS being NAME's in tests/golden/cases
# without "--roster @DATA@" (the sample: what an installed teamtui shows
# with no roster named), then tests/golden/NAME.out. A case that sets
# environment variables cannot be shown this way (refused).
#
# Trailing blanks: nothing is stripped on either side; every byte
# counts. The screen goldens have none (tmux's capture-pane -p drops the
# blanks at the end of each line; an empty screen line is an empty line),
# so a README line with a trailing space fails, as does a golden whose
# lines end in blanks (refused: a Markdown editor would strip them).
# A golden holding a line that starts with ``` (it would end the fence)
# is refused too.
#
# Every marker must be followed by a fence and name an existing case,
# and the README must hold at least one block of each kind.
#
# --update rewrites each marked block of $srcdir/README.md from its
# golden (the rest of the file is left byte for byte); read the diff.
# Only ${TMPDIR:-/tmp} is written otherwise.
set -u

update=false
for a in "$@"; do
	case $a in
	--update) update=true ;;
	*)
		echo "usage: srcdir=DIR $0 [--update]" >&2
		exit 2
		;;
	esac
done

srcdir=${srcdir:-$(dirname "$0")/..}
abs_srcdir=$(cd "$srcdir" && pwd) || {
	echo "Bail out! cannot enter srcdir=$srcdir"
	exit 1
}
readme=$abs_srcdir/README.md
screens=$abs_srcdir/tests/screen
goldens=$abs_srcdir/tests/golden
for f in "$readme" "$screens/cases" "$goldens/cases"; do
	if [ ! -r "$f" ]; then
		echo "Bail out! no $f"
		exit 1
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-readme.XXXXXX") || {
	echo "Bail out! mktemp -d failed"
	exit 1
}
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# The README's blocks: $tmp/list holds "N KIND NAME" a line (N from 1);
# $tmp/block.N what block N holds now. A marker not followed by a fence,
# or a fence never closed, is a line of $tmp/bad.
LC_ALL=C awk -v dir="$tmp" '
function flush_bad(msg) { print msg > (dir "/bad") }
state == 0 && match($0, /^<!-- (screen|golden): [A-Za-z0-9._-]+ -->$/) {
	split($0, w, " ")
	kind = substr(w[2], 1, length(w[2]) - 1)
	name = w[3]
	n++
	marker_line = NR
	state = 1
	next
}
state == 0 && /^<!-- (screen|golden):/ {
	flush_bad("line " NR ": a marker not of the form <!-- screen|golden: NAME -->")
	next
}
state == 1 {
	if ($0 !~ /^```/) {
		flush_bad("line " marker_line ": " kind " " name ": no fenced block right after the marker")
		n--
		state = 0
		next
	}
	print n, kind, name > (dir "/list")
	block = dir "/block." n
	printf "" > block
	state = 2
	next
}
state == 2 {
	if ($0 == "```") {
		close(block)
		state = 0
		next
	}
	print > block
	next
}
END {
	if (state == 1)
		flush_bad("line " marker_line ": " kind " " name ": no fenced block right after the marker")
	if (state == 2)
		flush_bad("line " marker_line ": " kind " " name ": its block is never closed")
}
' "$readme"
: >>"$tmp/list"
: >>"$tmp/bad"

# expect KIND NAME OUT: what block NAME must hold, into OUT; false with
# the reason on stdout when it cannot be made.
expect() {
	case $1 in
	screen)
		ex_h=$(LC_ALL=C awk -v name="$2" '$1 == name { print $3; exit }' "$screens/cases")
		if [ ! -r "$screens/$2.screen" ] || [ -z "$ex_h" ]; then
			echo "no screen case '$2' (tests/screen/cases, $2.screen)"
			return 1
		fi
		case $ex_h in
		*[!0-9]*)
			echo "tests/screen/cases: $2's height is not a number: $ex_h"
			return 1
			;;
		esac
		LC_ALL=C awk -v h="$ex_h" 'NR <= h' "$screens/$2.screen" >"$3"
		;;
	golden)
		ex_line=$(LC_ALL=C awk -v name="$2" '$1 == name { print; exit }' "$goldens/cases")
		if [ ! -r "$goldens/$2.out" ] || [ -z "$ex_line" ]; then
			echo "no golden case '$2' (tests/golden/cases, $2.out)"
			return 1
		fi
		# NAME EXIT ARGS... [# comment]: the ARGS, without --roster @DATA@
		ex_args=$(printf '%s\n' "$ex_line" | LC_ALL=C awk '{
			out = ""
			for (i = 3; i <= NF && $i != "#"; i++) {
				if ($i == "--roster" && $(i + 1) == "@DATA@") { i++; continue }
				if ($i == "--roster=@DATA@") continue
				out = out " " $i
			}
			print out
		}')
		case $ex_args in
		*@DATA@* | *@FIX@* | *@ESC@* | *@LONG@*)
			echo "golden case '$2' uses a fixture or a placeholder: not a command to show"
			return 1
			;;
		' '[A-Z_]*=*)
			echo "golden case '$2' sets the environment: not a command to show"
			return 1
			;;
		esac
		printf '$ teamtui%s\n' "$ex_args" >"$3"
		cat "$goldens/$2.out" >>"$3"
		;;
	esac
	if LC_ALL=C grep -q '[[:blank:]]$' "$3"; then
		echo "the $1 golden $2 has lines ending in blanks: a README cannot keep them"
		return 1
	fi
	if LC_ALL=C grep -q '^```' "$3"; then
		echo "the $1 golden $2 has a line starting with \`\`\`: it would end the fence"
		return 1
	fi
	if [ -s "$3" ] && [ "$(tail -c 1 "$3" | od -An -c | tr -d ' ')" != '\n' ]; then
		echo "the $1 golden $2 does not end in a newline"
		return 1
	fi
	return 0
}

nblocks=$(LC_ALL=C awk 'END { print NR }' "$tmp/list")
nbad=$(LC_ALL=C awk 'END { print NR }' "$tmp/bad")
echo "1..$((nblocks + nbad + 1))"
n=0
failed=0

while IFS= read -r bad; do
	n=$((n + 1))
	echo "not ok $n - README.md $bad"
	failed=$((failed + 1))
done <"$tmp/bad"

while read -r i kind name; do
	n=$((n + 1))
	if ! why=$(expect "$kind" "$name" "$tmp/want.$i"); then
		echo "not ok $n - README.md $kind $name: $why"
		failed=$((failed + 1))
		rm -f "$tmp/want.$i"
		continue
	fi
	if cmp -s "$tmp/want.$i" "$tmp/block.$i"; then
		echo "ok $n - README.md $kind $name"
	elif $update; then
		echo "ok $n - README.md $kind $name # updated"
	else
		echo "not ok $n - README.md $kind $name differs from its golden (-: the golden, +: README.md; tests/readme.sh --update rewrites it):"
		diff -u "$tmp/want.$i" "$tmp/block.$i" | sed -e '1,2d' -e 's/^\(..*[[:blank:]]\)$/\1<- trailing blank/' -e 's/^/# /'
		failed=$((failed + 1))
	fi
done <"$tmp/list"

n=$((n + 1))
if grep -q ' screen ' "$tmp/list" && grep -q ' golden ' "$tmp/list"; then
	echo "ok $n - README.md shows golden screens and outputs"
else
	echo "not ok $n - README.md shows golden screens and outputs (no <!-- screen: --> or <!-- golden: --> block)"
	failed=$((failed + 1))
fi

if $update; then
	# each marked block's lines replaced by its golden's (when it could
	# be made: want.N exists); everything else copied as it is
	LC_ALL=C awk -v dir="$tmp" '
	state == 0 && /^<!-- (screen|golden): [A-Za-z0-9._-]+ -->$/ {
		print
		k++
		state = 1
		next
	}
	state == 1 {
		print
		if ($0 !~ /^```/) { k--; state = 0; next }
		want = dir "/want." k
		if ((getline line < want) >= 0) {
			close(want)
			while ((getline line < want) > 0)
				print line
			close(want)
			state = 3 # the old lines are dropped
		} else {
			state = 2 # no golden: the old lines stay
		}
		next
	}
	state >= 2 && $0 == "```" { print; state = 0; next }
	state == 2 { print; next }
	state == 3 { next }
	{ print }
	' "$readme" >"$tmp/README.new" || exit 1
	if ! cmp -s "$tmp/README.new" "$readme"; then
		cat "$tmp/README.new" >"$readme" || exit 1
		echo "# rewrote $readme: read the diff before committing it"
	fi
fi
[ "$failed" -eq 0 ]
