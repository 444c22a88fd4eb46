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
	# the files, not snapshots, unless a test asks (a background writer
	# would make runs depend on timing); no system config of the machine's
	TEAMTUI_NO_SNAPSHOT=${TEAMTUI_NO_SNAPSHOT-1}
	TEAMTUI_SYSTEM_CONFIG=/dev/null/no-system-config
	# nor data `teamtui sync` fetched for whoever runs the tests
	XDG_DATA_HOME=/dev/null/no-data-home
	export TEAMTUI_NO_SNAPSHOT TEAMTUI_SYSTEM_CONFIG XDG_DATA_HOME
	unset TEAMTUI_SNAPSHOT_LOG TEAMTUI_SNAPSHOT_WAIT
}

# runner_tmp NAME: $tmp, a new directory (its physical path) removed when
# the script exits, read-only parts a test made included; a signal exits
# with 128 + its number (so the EXIT trap runs).
runner_tmp() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-$1.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 1
	}
	tmp=$(cd "$tmp" && pwd -P)
	trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 141' PIPE
	trap 'exit 143' TERM
}

# tap_helpers: ok NAME (the next test passed) and not_ok NAME [LINE...]
# (it failed; each LINE said as a TAP comment), numbering from $n; fail
# is not_ok that also counts the failures in $failed (from 0).
tap_helpers() {
	failed=0
	fail() { not_ok "$@"; failed=$((failed + 1)); }
	ok() { n=$((n + 1)); echo "ok $n - $1"; }
	not_ok() {
		n=$((n + 1))
		echo "not ok $n - $1"
		shift
		for line in "$@"; do printf '# %s\n' "$line"; done
	}
}

# private_tmux NAME: $tmp, a fresh directory, and `tm ARGS`, a tmux server
# of the runner's own (socket $sock under $tmp, never the user's server,
# UTF-8 whatever the caller's locale); both go when the script exits.
private_tmux() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-$1.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 1
	}
	sock=teamtui-$1-$$
	TMUX_TMPDIR=$tmp
	export TMUX_TMPDIR
	unset TMUX TMUX_PANE
	trap private_tmux_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
tm() {
	LC_ALL=C.UTF-8 tmux -u -L "$sock" -f /dev/null "$@"
}
private_tmux_cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$tmp"
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

# fake_server_setup NAME: for a test of tests/fake-gitlab.c (okrs.sh,
# sync.sh): $tmp, a fresh directory, and $FAKE, the server's binary; the
# server (fake_server_start) and $tmp go when the script exits. No proxy
# may carry a test request anywhere: the variables libcurl reads are unset.
fake_server_setup() {
	FAKE=${FAKE_GITLAB:-$(dirname "$TEAMTUI")/tests/fake-gitlab}
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-$1.XXXXXX") || exit 99
	pid=
	fixed_port=
	trap 'fake_server_stop; rm -rf "$tmp"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
		no_proxy NO_PROXY
}
# fake_server_start ROUTES: a fresh server with that routes file, logging
# to $tmp/log (appended), on the port of the first one (a client's cache
# and state are keyed by host and port); $port is its port.
fake_server_start() {
	fake_server_stop
	: >"$tmp/port"
	"$FAKE" "$1" "$tmp/log" $fixed_port >"$tmp/port" 2>"$tmp/server.err" &
	pid=$!
	i=0
	while ! grep -q '^port=' "$tmp/port" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "Bail out! fake-gitlab did not start: $(cat "$tmp/server.err")"; exit 1; }
		sleep 0.05
	done
	port=$(sed -n 's/^port=//p' "$tmp/port")
	fixed_port=$port
}
fake_server_stop() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	pid=
}
