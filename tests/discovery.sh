#!/bin/sh
# discovery.sh: where the roster comes from, in order: --roster, then
# $TEAMTUI_ROSTER, then `roster:` in the config file (relative to it, ~
# expanded), then the installed sample. TAP output.
set -u
# the files, not snapshots (a background writer would make runs depend on
# timing: tests/snapshot.sh tests them); no system config of the machine's
TEAMTUI_NO_SNAPSHOT=1
TEAMTUI_SYSTEM_CONFIG=/dev/null/no-system-config
export TEAMTUI_NO_SNAPSHOT TEAMTUI_SYSTEM_CONFIG
: "${TEAMTUI:?}" "${srcdir:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-discovery.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# three one-group rosters that differ only in the group's id
for name in flag env config home; do
	mkdir -p "$tmp/$name"
	printf -- '- {slug: p, name: P}\n' >"$tmp/$name/team.yml"
	printf 'groups: {from-%s: {name: From %s}}\n' "$name" "$name" >"$tmp/$name/groups.yml"
done
mkdir -p "$tmp/xdg/teamtui" "$tmp/home/.config/teamtui"

n=0
check() { # NAME EXPECTED-FIRST-LINE COMMAND...
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	got=$("$@" 2>&1 | head -n 1)
	if [ "$got" = "$want" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "#   got:  '$got'"
		echo "#   want: '$want'"
	fi
}

env_clean() { env -u TEAMTUI_ROSTER HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" "$@"; }

printf 'roster: ../../config\n' >"$tmp/xdg/teamtui/config.yml"
check "--roster wins over everything" "(no section)" \
	env_clean TEAMTUI_ROSTER="$tmp/env" "$TEAMTUI" --roster "$tmp/flag" groups
check "--roster DIR shows its groups" "    From flag (from-flag)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' TEAMTUI_ROSTER='$tmp/env' '$TEAMTUI' --roster '$tmp/flag' groups | tail -n 1"
check "TEAMTUI_ROSTER before the config file" "    From env (from-env)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' TEAMTUI_ROSTER='$tmp/env' '$TEAMTUI' groups | tail -n 1"
check "config.yml roster:, relative to the config file" "    From config (from-config)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' groups | tail -n 1"
printf 'roster: ~/../home\n' >"$tmp/xdg/teamtui/config.yml"
check "~ is expanded" "    From home (from-home)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' groups | tail -n 1"
printf 'roster: ../../../home\n' >"$tmp/home/.config/teamtui/config.yml"
check "without XDG_CONFIG_HOME: ~/.config/teamtui/config.yml" "    From home (from-home)" \
	sh -c "env -u TEAMTUI_ROSTER -u XDG_CONFIG_HOME HOME='$tmp/home' '$TEAMTUI' groups | tail -n 1"
printf 'roster: [not, a, path]\n' >"$tmp/xdg/teamtui/config.yml"
# (its line, among the others: the sample roster it falls back to may be
# missing too, and sorts before or after it depending on where it lives)
check "a bad config file is reported with its position" \
	"$tmp/xdg/teamtui/config.yml:1:9: error: 'roster' must be a string, not a list" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' check 2>/dev/null | grep -F 'config.yml:1:'"
# a typo in the config file is said, with the key it meant
printf 'rooster: ../../config\n' >"$tmp/xdg/teamtui/config.yml"
check "an unknown config key is a warning naming the closest one" \
	"$tmp/xdg/teamtui/config.yml:1:1: warning: unknown key 'rooster'; ignored (did you mean 'roster'?)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' check 2>/dev/null | grep -F 'config.yml:1:'"
# falling back to the sample is said on stderr, in one line
check "the fallback from a config with no usable roster: says which file" \
	"teamtui: $tmp/xdg/teamtui/config.yml gives no usable 'roster:' (see its errors); showing the sample organisation in SAMPLE" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' groups 2>&1 >/dev/null | head -n 1 | sed 's/organisation in .*/organisation in SAMPLE/'"
rm -f "$tmp/xdg/teamtui/config.yml"
check "the fallback to the sample says why" \
	"teamtui: no --roster, TEAMTUI_ROSTER or 'roster:' in the config file; showing the sample organisation in SAMPLE" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' groups 2>&1 >/dev/null | head -n 1 | sed 's/organisation in .*/organisation in SAMPLE/'"
# a config file that is there but cannot be read is said, not skipped
ln -s nowhere.yml "$tmp/xdg/teamtui/config.yml"
check "a dangling config link is an error, not 'no config'" \
	"$tmp/xdg/teamtui/config.yml: error: symbolic link to nothing; not read" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' check 2>/dev/null | grep -F 'config.yml:'"
rm -f "$tmp/xdg/teamtui/config.yml"
printf 'roster: %s\n' "$tmp/config" >"$tmp/xdg/teamtui/config.yml"
chmod 000 "$tmp/xdg/teamtui/config.yml"
check "a config file of mode 000 is read (root) or said unreadable, never skipped" \
	"    From config (from-config)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg' '$TEAMTUI' groups 2>/dev/null | tail -n 1"
rm -f "$tmp/xdg/teamtui/config.yml"

# output that could not be written is no success, and is said
check_write() { # NAME WANT-STDERR REDIRECTED-COMMAND (sh -c)
	n=$((n + 1))
	got=$(sh -c "$3" 2>&1)
	rc=$?
	if [ "$rc" = 1 ] && [ "$got" = "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "#   got:  status $rc, '$got'"
		echo "#   want: status 1, '$2'"
	fi
}
check_write "stdout closed: exit 1, a write error" "teamtui: write error: Bad file descriptor" \
	"'$TEAMTUI' --roster '$tmp/flag' groups >&-"
check_write "stdout a full disk: exit 1, a write error" "teamtui: write error: No space left on device" \
	"'$TEAMTUI' --roster '$tmp/flag' --json groups >/dev/full"
check_write "--version to a full disk: exit 1" "teamtui: write error: No space left on device" \
	"'$TEAMTUI' --version >/dev/full"

# a roster directory that is not there is an error: exit 1, nothing opened
check_exit() { # NAME EXPECTED-STATUS EXPECTED-STDERR COMMAND...
	name=$1 want_rc=$2 want=$3
	shift 3
	n=$((n + 1))
	got=$("$@" 2>&1 >"$tmp/stdout")
	rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$got" = "$want" ] && [ ! -s "$tmp/stdout" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "#   got:  status $rc, stderr '$got', stdout $(wc -c <"$tmp/stdout") bytes"
		echo "#   want: status $want_rc, stderr '$want', no stdout"
	fi
}
check_exit "--roster that does not exist: exit 1, the reason" 1 \
	"$tmp/nope: error: roster directory: No such file or directory" \
	env_clean "$TEAMTUI" --roster "$tmp/nope" groups
check_exit "--roster that is a file: exit 1, the reason" 1 \
	"$tmp/flag/team.yml: error: roster directory: Not a directory" \
	env_clean "$TEAMTUI" --roster "$tmp/flag/team.yml" show from-flag
check_exit "TEAMTUI_ROSTER that does not exist: the same" 1 \
	"$tmp/nope: error: roster directory: No such file or directory" \
	env_clean TEAMTUI_ROSTER="$tmp/nope" "$TEAMTUI" person p
# no terminal here: the interactive directory is not opened on nothing
check_exit "no command and a missing roster: exit 1, no text tree" 1 \
	"$tmp/nope: error: roster directory: No such file or directory" \
	env_clean "$TEAMTUI" --roster "$tmp/nope"

# a handbook checkout's people and product data from config.yml (people:,
# data:, relative to the config file), and --people/--data over them
hb="$tmp/hb"
mkdir -p "$hb/content/handbook/t" "$tmp/elsewhere/data" "$tmp/xdg2/teamtui"
printf '{{< team-by-manager-slug "p" >}}\n' >"$hb/content/handbook/t/_index.md"
printf -- '- {slug: p, name: P}\n- {slug: q, name: Q, reports_to: p}\n' \
	>"$tmp/elsewhere/team.yml"
printf 'stages:\n  s:\n    display_name: S\n    groups:\n      t: {name: From data, handbook: t/}\n' \
	>"$tmp/elsewhere/data/stages.yml"
printf 'people: ../../elsewhere/team.yml\ndata: ../../elsewhere/data\n' \
	>"$tmp/xdg2/teamtui/config.yml"
check "people: and data: in config.yml, relative to it" "From data (t)" \
	env -u TEAMTUI_ROSTER HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg2" \
	"$TEAMTUI" --roster "$hb" show t
check "people: in config.yml gives the table its rows" \
	"content/handbook/t/_index.md:1: team-by-manager-slug \"p\"" \
	env -u TEAMTUI_ROSTER HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg2" \
	"$TEAMTUI" --roster "$hb" tables
check "... the manager row, then the report from people:" "  Q    -  (q)" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg2' '$TEAMTUI' --roster '$hb' tables | tail -n 1"
check "--people wins over people: in config.yml" \
	"$tmp/none.yml: error: people: No such file or directory" \
	sh -c "env -u TEAMTUI_ROSTER HOME='$tmp/home' XDG_CONFIG_HOME='$tmp/xdg2' '$TEAMTUI' --roster '$hb' --people '$tmp/none.yml' check | grep -F none.yml"
check "--people needs a path" "teamtui: --people needs a path" \
	env_clean "$TEAMTUI" --roster "$hb" --people
echo "1..$n"
