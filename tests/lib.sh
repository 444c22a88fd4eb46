# lib.sh: shell helpers shared by the golden runners (golden.sh,
# screen.sh), sourced from the script's own directory.

# runner_setup: $TEAMTUI must be the binary under test; abs_srcdir is set
# from $srcdir (default: the script's parent). "Bail out!" otherwise.
runner_setup() {
	if [ -z "${TEAMTUI:-}" ]; then
		echo "Bail out! TEAMTUI is not set (the teamtui binary to test)"
		exit 1
	fi
	if [ ! -x "$TEAMTUI" ]; then
		echo "Bail out! TEAMTUI=$TEAMTUI is not an executable file"
		exit 1
	fi
	srcdir=${srcdir:-$(dirname "$0")/..}
	abs_srcdir=$(cd "$srcdir" && pwd) || {
		echo "Bail out! cannot enter srcdir=$srcdir"
		exit 1
	}
}

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
