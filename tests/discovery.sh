#!/bin/sh
# discovery.sh: where the roster comes from, in order: --roster, then
# $TEAMTUI_ROSTER, then `roster:` in the config file (relative to it, ~
# expanded), then the installed sample. TAP output.
set -u
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
echo "1..$n"
