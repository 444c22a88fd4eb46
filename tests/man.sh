#!/bin/sh
# man.sh: the man pages, teamtui(1) and teamtui-roster(5), as TAP:
#   - each renders with groff, every warning on (-ww), as man(1) renders
#     it for a terminal, without a word on standard error; skipped (never
#     failed) when groff is not installed (Debian: groff-base, which
#     .ci/dev installs)
#   - mandoc -T lint finds no warning or error in either (skipped when
#     mandoc is not installed; .ci/dev installs it)
#   - neither has a blank line (in roff a blank line is an unasked-for
#     paragraph break: .PP says it)
#   - teamtui(1) documents exactly the commands and options the binary
#     accepts: its COMMANDS and OPTIONS against `teamtui __complete ''`
#     (every command) and `teamtui __complete -` (every option), the first
#     column of each line; a name on one side only fails, named
#   - every key of the interactive directory's key table (tests/keys-list
#     prints it: the table the program dispatches on) is in KEYS
#   - every environment variable the sources read (getenv("NAME") in
#     $srcdir/src) is in ENVIRONMENT
#
#   TEAMTUI=./teamtui KEYS_LIST=./tests/keys-list srcdir=. sh tests/man.sh
#
# What this reads of teamtui(1), which must keep this structure:
#   - a section runs from its `.SH NAME` line to the next `.SH` line (its
#     `.SS` subsections are part of it);
#   - a "tag" is the line after a `.TP` line (the term of that item);
#     before it is read, its font macro (.B, .BR, .BI, .I, .IR, .RB) is
#     dropped, \f escapes and double quotes removed, and \- read as -;
#   - COMMANDS: every `.TP` item is one command, named by the first word
#     of its tag (`.B groups`, `.BI show " GROUP"`,
#     `.BR sync " [\fB\-\-quiet\fR|\fB\-q\fR]"`); prose about several
#     commands goes in sections of its own, with no `.TP` in COMMANDS;
#   - OPTIONS: every `.TP` item documents the options its tag names: each
#     word of the tag that starts with - or -- and a letter, up to an =
#     (`\fB\-\-roster\fR \fIDIR\fR, \fB\-\-roster=\fIDIR\fR`,
#     `.BR \-q ", " \-\-quiet`); `.B \-\-` (no letter) is no option;
#   - KEYS: the key names are the words (split at commas and spaces) of
#     the tags of its `.TP` items, spelled as the help screen spells them
#     (Ctrl\-D, Shift\-Tab, PgDn, a\-z, double\-click);
#   - ENVIRONMENT: the variables are the upper-case words of the tags of
#     its `.TP` items (`.BR TEAMTUI_PAGER ", " PAGER`).
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
runner_tmp man
builddir=$(dirname "$TEAMTUI")
KEYS_LIST=${KEYS_LIST:-$builddir/tests/keys-list}
n=0
tap_helpers # ok NAME, not_ok NAME LINES... (lib.sh)

# page NAME: the page's file: made by configure from NAME.in in the build
# tree, else the source tree's NAME, else NAME.in as it is
page() {
	for f in "$builddir/docs/$1" "$abs_srcdir/docs/$1" "$abs_srcdir/docs/$1.in"; do
		if [ -f "$f" ]; then
			echo "$f"
			return 0
		fi
	done
	echo "Bail out! no docs/$1 or docs/$1.in"
	exit 1
}
man1=$(page teamtui.1)
man5=$(page teamtui-roster.5)

echo "1..10"

# --- rendering -----------------------------------------------------------
for f in "$man1" "$man5"; do
	name=$(basename "$f")
	if ! command -v groff >/dev/null 2>&1; then
		n=$((n + 1))
		echo "ok $n - $name renders without warnings # SKIP groff is not installed (Debian: groff-base)"
		continue
	fi
	# as man(1) formats for a terminal; -z: the warnings, not the text
	LC_ALL=C.UTF-8 groff -ww -z -Tutf8 -man "$f" >"$tmp/groff.out" 2>"$tmp/groff.err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/groff.err" ]; then
		ok "$name renders without warnings (groff -ww)"
	else
		not_ok "$name renders without warnings (groff -ww)" "groff exited $rc" \
			"$(head -n 20 "$tmp/groff.err")"
	fi
done
for f in "$man1" "$man5"; do
	name=$(basename "$f")
	if ! command -v mandoc >/dev/null 2>&1; then
		n=$((n + 1))
		echo "ok $n - $name passes mandoc -T lint # SKIP mandoc is not installed (Debian: mandoc)"
		continue
	fi
	# its warnings and errors; its style notes (long lines) are not asked
	mandoc -T lint -W warning "$f" >"$tmp/lint" 2>&1
	if [ ! -s "$tmp/lint" ]; then
		ok "$name passes mandoc -T lint (warnings and errors)"
	else
		not_ok "$name passes mandoc -T lint (warnings and errors)" \
			"$(head -n 20 "$tmp/lint")"
	fi
done
for f in "$man1" "$man5"; do
	name=$(basename "$f")
	blank=$(grep -n '^[[:space:]]*$' "$f" | cut -d: -f1 | head -n 10 | tr '\n' ' ')
	if [ -z "$blank" ]; then
		ok "$name has no blank line"
	else
		not_ok "$name has no blank line" "blank lines: $blank"
	fi
done

# --- what teamtui(1) lists -------------------------------------------------
# tags SECTION: the tags of SECTION's .TP items, font macros, \f escapes
# and quotes removed, \- read as -
tags() {
	awk -v sec="$1" '
		/^\.SH[ \t]/ { s = $0; sub(/^\.SH[ \t]+/, "", s); gsub(/"/, "", s)
			in_sec = (s == sec); want = 0; next }
		in_sec && /^\.TP([ \t]|$)/ { want = 1; next }
		in_sec && want { print; want = 0 }
	' "$man1" | sed -E -e 's/^\.(BR|BI|B|IR|I|RB)[ \t]+//' \
		-e 's/\\f[BIRP]//g' -e 's/\\f\(CW//g' -e 's/\\-/-/g' -e 's/"//g'
}
# words: stdin's words, one a line (split at commas and blanks)
words() {
	tr ', \t' '\n\n\n' | sed '/^$/d'
}
# same WHAT WANT-FILE GOT-FILE WANT-NAME GOT-NAME: one TAP line: the sorted
# lists are the same set, else each name on one side only
same() {
	sort -u "$2" >"$2.s"
	sort -u "$3" >"$3.s"
	missing=$(comm -23 "$2.s" "$3.s" | tr '\n' ' ')
	extra=$(comm -13 "$2.s" "$3.s" | tr '\n' ' ')
	if [ ! -s "$2.s" ]; then
		not_ok "$1" "$4 gave none"
	elif [ ! -s "$3.s" ]; then
		not_ok "$1" "$5 gave none"
	elif [ -z "$missing$extra" ]; then
		ok "$1 ($(wc -l <"$2.s" | tr -d ' ') of them)"
	else
		not_ok "$1" \
			${missing:+"in $4, not in $5: $missing"} \
			${extra:+"in $5, not in $4: $extra"}
	fi
}
# complete WORD...: the candidates `teamtui __complete WORD...` prints,
# their first column; "Bail out!"-free: a binary that does not answer
# gives none, which `same` reports
complete() {
	if "$TEAMTUI" __complete "$@" >"$tmp/complete" 2>"$tmp/complete.err"; then
		cut -f1 "$tmp/complete"
	else
		sed 's/^/# __complete: /' "$tmp/complete.err" >&2
	fi
}

complete '' >"$tmp/cmds.bin"
tags COMMANDS | sed 's/[ \t].*//' >"$tmp/cmds.man"
same "every command is in COMMANDS, and every command there is one" \
	"$tmp/cmds.bin" "$tmp/cmds.man" "teamtui __complete ''" "teamtui.1 COMMANDS"

complete - >"$tmp/opts.bin"
tags OPTIONS | words | grep -E '^--?[A-Za-z]' | sed 's/=.*//' >"$tmp/opts.man"
same "every option is in OPTIONS, and every option there is one" \
	"$tmp/opts.bin" "$tmp/opts.man" "teamtui __complete -" "teamtui.1 OPTIONS"

# --- keys --------------------------------------------------------------------
if "$KEYS_LIST" >"$tmp/keys.bin" 2>"$tmp/keys.err"; then
	tags KEYS | words >"$tmp/keys.man"
	sort -u "$tmp/keys.bin" >"$tmp/keys.bin.s"
	sort -u "$tmp/keys.man" >"$tmp/keys.man.s"
	missing=$(comm -23 "$tmp/keys.bin.s" "$tmp/keys.man.s" | tr '\n' ' ')
	if [ ! -s "$tmp/keys.bin.s" ]; then
		not_ok "every key of the key table is in KEYS" "keys-list printed nothing"
	elif [ -z "$missing" ]; then
		ok "every key of the key table is in KEYS ($(wc -l <"$tmp/keys.bin.s" | tr -d ' ') of them)"
	else
		not_ok "every key of the key table is in KEYS" "not in KEYS: $missing"
	fi
else
	not_ok "every key of the key table is in KEYS" \
		"$KEYS_LIST did not run: $(head -n 3 "$tmp/keys.err")"
fi

# --- environment ---------------------------------------------------------------
grep -rhoE 'getenv\("[A-Za-z_][A-Za-z0-9_]*"\)' "$abs_srcdir/src" |
	sed 's/getenv("\(.*\)")/\1/' | sort -u >"$tmp/env.src"
tags ENVIRONMENT | words | grep -E '^[A-Z][A-Z0-9_]*$' | sort -u >"$tmp/env.man"
missing=$(comm -23 "$tmp/env.src" "$tmp/env.man" | tr '\n' ' ')
if [ ! -s "$tmp/env.src" ]; then
	not_ok "every variable getenv reads is in ENVIRONMENT" "no getenv(\"...\") in $abs_srcdir/src"
elif [ -z "$missing" ]; then
	ok "every variable getenv reads is in ENVIRONMENT ($(wc -l <"$tmp/env.src" | tr -d ' ') of them)"
else
	not_ok "every variable getenv reads is in ENVIRONMENT" "not in ENVIRONMENT: $missing"
fi
