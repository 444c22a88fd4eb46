#!/bin/sh
# run.sh: `make fuzz`. Runs each libFuzzer harness on its regress inputs
# (once each, as plain inputs), then fuzzes it for $FUZZ_SECONDS on a
# scratch copy of its corpus. See docs/fuzzing.md.
#
#   run.sh SRCDIR BUILDDIR NAME...     (NAME: fuzz-person, fuzz-html, ...)
#
# Everything it writes stays under BUILDDIR/tests/fuzz: scratch/NAME (the
# corpus copy, where new inputs go), artifacts/NAME (crash-, leak-,
# timeout-, oom- inputs), NAME.out (libFuzzer's log), tmp/ (the harnesses'
# $TMPDIR) and fuzz.log: one "PASS: NAME ..." or "FAIL: NAME ..." line per
# harness, which .ci/dev counts. Extra libFuzzer flags: $FUZZ_FLAGS.
# Exit status: 0 when every harness passed, 1 otherwise.
set -u
if [ $# -lt 3 ]; then
	echo "usage: run.sh SRCDIR BUILDDIR NAME..." >&2
	exit 2
fi
srcdir=$1 builddir=$2
shift 2
secs=${FUZZ_SECONDS:-10}
case $secs in
'' | *[!0-9]*) echo "run.sh: FUZZ_SECONDS must be a number of seconds" >&2; exit 2 ;;
esac
fz=$(cd "$builddir" && pwd)/tests/fuzz
src=$(cd "$srcdir" && pwd)/tests/fuzz
log=$fz/fuzz.log
mkdir -p "$fz" || exit 1
: >"$log"

# UBSan's reports must stop the run (the build also has
# -fno-sanitize-recover); leaks count (libFuzzer checks each input).
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS ASAN_OPTIONS

failed=0
for name in "$@"; do
	prog=$fz/$name
	out=$fz/$name.out
	scratch=$fz/scratch/$name
	artifacts=$fz/artifacts/$name
	# the harnesses make their scratch directory under $TMPDIR: keep it
	# (and whatever a crash leaves of it) in the build directory
	TMPDIR=$fz/tmp/$name
	export TMPDIR
	rm -rf "$TMPDIR"
	mkdir -p "$scratch" "$artifacts" "$TMPDIR" || exit 1
	: >"$out"
	if [ ! -x "$prog" ]; then
		echo "FAIL: $name: $prog was not built" | tee -a "$log"
		failed=1
		continue
	fi
	dict=
	[ -f "$src/dict/$name.dict" ] && dict=-dict=$src/dict/$name.dict
	# a copy of the committed corpus; libFuzzer adds its finds here only
	if [ -d "$src/corpus/$name" ]; then
		cp "$src/corpus/$name"/* "$scratch"/ 2>/dev/null
	fi

	# 1. regress inputs: each once, as a plain input
	nreg=0 nbad=0
	for f in "$src/regress/$name"/*; do
		[ -f "$f" ] || continue
		nreg=$((nreg + 1))
		echo "== regress $f" >>"$out"
		# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
		"$prog" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/regress-" \
			${FUZZ_FLAGS:-} "$f" >>"$out" 2>&1 && continue
		nbad=$((nbad + 1))
		echo "  $name: regress input fails: $f; reproduce: $prog $f"
	done

	# 2. fuzzing for $secs seconds
	# shellcheck disable=SC2086
	"$prog" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$artifacts/" $dict \
		${FUZZ_FLAGS:-} "$scratch" >"$out.run" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out.run" | tail -n 1)
	execs=${execs:-0}
	ncorpus=$(find "$scratch" -type f | wc -l | tr -d ' ')
	artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out.run" | tail -n 1)
	{ echo "== fuzz $secs s"; cat "$out.run"; } >>"$out"
	rm -f "$out.run"
	found=
	if [ "$rc" -ne 0 ]; then
		kind=crash
		case ${artifact##*/} in
		leak-*) kind=leak ;;
		timeout-*) kind=timeout ;;
		oom-*) kind="out of memory" ;;
		esac
		if [ -n "$artifact" ]; then
			found="$kind, input saved as $artifact"
			echo "  $name: $kind; reproduce: $prog $artifact"
		else
			found="exit status $rc, no input saved"
		fi
	fi

	# one line a harness, for the log and .ci/dev's counts
	if [ "$nbad" -eq 0 ] && [ -z "$found" ]; then
		line="PASS: $name: $execs execs in $secs s, corpus $ncorpus, $nreg regress inputs"
	else
		failed=1
		line="FAIL: $name: $execs execs in $secs s"
		[ -z "$found" ] || line="$line; $found"
		[ "$nbad" -eq 0 ] || line="$line; $nbad of $nreg regress inputs fail"
		line="$line (log: $out)"
	fi
	echo "$line" | tee -a "$log"
done
exit "$failed"
