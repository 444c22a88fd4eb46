# lib.sh: shell helpers shared by the golden runners (golden.sh,
# screen.sh). Sourced after abs_srcdir is set.

# quote WORD: WORD as a single-quoted shell word, for eval.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# subst TEXT TOKEN REPLACEMENT: every TOKEN in TEXT replaced, literally.
subst() {
	s_in=$1 s_out=''
	while :; do
		case $s_in in
		*"$2"*)
			s_out=$s_out${s_in%%"$2"*}$3
			s_in=${s_in#*"$2"}
			;;
		*) break ;;
		esac
	done
	printf '%s' "$s_out$s_in"
}

# diff_note EXPECTED ACTUAL: the unified diff as TAP comments.
diff_note() {
	diff -u "$1" "$2" | sed 's/^/# /'
}

# unsafe_bytes FILE [ALLOW]: where the first character a terminal must
# not see is (nothing when FILE is clean); ALLOW may say "tab" or "esc".
unsafe_bytes() {
	od -An -v -tx1 "$1" | LC_ALL=C awk -v allow="${2-}" -f "$abs_srcdir/tests/unsafe-bytes.awk"
}
