#!/bin/sh
# complete.sh: shell completion, as TAP. First `teamtui __complete` itself
# (exact candidate lists: commands, options per command, option values,
# group ids and names, slugs, @handles, 'me'; hostile strings left out;
# nothing on stderr, exit 0 whatever the roster), then each shell's script
# (completions/) driven as the shell drives it: bash's COMP_WORDS and
# COMPREPLY (with and without bash-completion loaded), zsh's words and
# CURRENT with _describe and _files stubbed, fish's `complete -C`. A shell
# that is not installed is skipped (CI installs all three: .ci/dev).
#
#   TEAMTUI=./teamtui srcdir=. sh tests/complete.sh
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
runner_tmp complete
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
XDG_STATE_HOME=$tmp/state LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME LC_ALL
unset TEAMTUI_ROSTER
mkdir -p "$HOME" "$tmp/bin"
ln -s "$abs_srcdir/data" "$HOME/r" # ~/r, for the words that say ~
# the shells' scripts call `teamtui` by the name typed: this one
ln -s "$(cd "$(dirname "$TEAMTUI")" && pwd)/$(basename "$TEAMTUI")" "$tmp/bin/teamtui"
PATH=$tmp/bin:$PATH
export PATH
sample=$abs_srcdir/data
hostile=$abs_srcdir/tests/golden/fixtures/hostile
lint=$abs_srcdir/tests/golden/fixtures/lint
comp=$abs_srcdir/completions
tab=$(printf '\t')
n=0
tap_helpers

# expect NAME EXPECTED ARGS...: `teamtui __complete ARGS` prints exactly
# EXPECTED, nothing on stderr, and exits 0
expect() {
	name=$1 want=$2
	shift 2
	"$TEAMTUI" __complete "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(cat "$tmp/out")
	if [ "$rc" = 0 ] && [ "$got" = "$want" ] && [ ! -s "$tmp/err" ]; then
		ok "$name"
	else
		not_ok "$name" "exit $rc" "stderr: $(cat "$tmp/err")" "expected:" "$want" "got:" "$got"
	fi
}

echo "1..43"

TEAMTUI_ROSTER=$sample
export TEAMTUI_ROSTER
expect "the commands, with what each does (not __complete)" "groups${tab}the tree of sections, stages and groups
show${tab}a group card: manager, members, counterparts, channels
person${tab}a person card (SLUG, @handle or me)
org${tab}everyone under a person, by reports_to
escalate${tab}whom to ask, in order, and who is awake
check${tab}lint the roster (file:line:column: error|warning: ...)
who${tab}who do I ask? people and groups ranked, each with why
tables${tab}every people table: the shortcode call and its rows
snapshot${tab}write the roster's snapshot now
sync${tab}fetch the organisation's data files
changes${tab}who joined, left, moved or changed title
okrs${tab}the group's OKRs from GitLab
config${tab}every setting and where it came from
version${tab}the version
help${tab}the usage" ''
expect "no words at all: the commands too" "$("$TEAMTUI" __complete '')"
expect "a command's start" "show${tab}a group card: manager, members, counterparts, channels
snapshot${tab}write the roster's snapshot now
sync${tab}fetch the organisation's data files" s
expect "after options, still the commands" "org${tab}everyone under a person, by reports_to
okrs${tab}the group's OKRs from GitLab" --json --roster "$sample" o
expect "org's options: the global ones and --depth, --dot" "--roster${tab}a roster directory or a handbook checkout
--people${tab}a team.yml, team_members/ or www-gitlab-com checkout
--data${tab}the directory of stages.yml and sections.yml
--json${tab}print JSON instead of text
--no-pager${tab}do not page
--no-snapshot${tab}read the roster's files, not a snapshot
--depth${tab}N levels (1 to 1000)
--dot${tab}a Graphviz graph
--help${tab}the usage
-h${tab}the usage
--version${tab}the version" org -
expect "sync's options by their start" "--quiet${tab}errors only" sync --q
expect "a short alias by its own start" "-q${tab}errors only" sync -q
expect "okrs: --offline and --refresh, not who's" "--offline${tab}the cache only" okrs a --of
expect "who's --limit only after who" "" org --li
expect "--roster's value: directories (the script completes paths)" ":dirs" --roster ''
expect "--people's value: files or directories" ":files" show --people ''
expect "--data's value: directories" ":dirs" person --data d
expect "snapshot --output's value: directories" ":dirs" snapshot --output ''
expect "--at's value: now" "now${tab}this moment" who --at ''
expect "--limit's value: nothing to offer" "" who --limit ''
expect "a group by its id's start" "custom-models${tab}Custom Models" show cu
expect "a group by a word of its name, any case" "custom-models${tab}Custom Models
project-management${tab}Project Management" okrs --json m
expect "person: me, slugs and names" "sofia-castellano${tab}Sofía Castellano
vacancy-software-engineer-in-test-runner${tab}Software Engineer in Test (Vacancy)" person sof
expect "person: 'me'" "me${tab}you (me: in config.yml)" --roster "$hostile" org m
expect "person: @handles" "@scastellano${tab}Sofía Castellano" person @sc
expect "escalate: people (by slug or any word of the name), then groups" "aidan-corrigan${tab}Aidan Corrigan
conrad-ellery${tab}Conrad Ellery
corentin-lefevre${tab}Corentin Lefèvre
cosmin-ionescu${tab}Cosmin Ionescu
source-code${tab}Source Code
code-review${tab}Code Review
container-registry${tab}Container Registry
composition-analysis${tab}Composition Analysis
compliance${tab}Compliance" escalate co
expect "a word as typed: an unclosed double quote" "code-review${tab}Code Review" show '"Code R'
expect "a word as typed: a backslash-escaped blank" "code-review${tab}Code Review" show 'Code\ R'
expect "a word as typed: single quotes, then a backslash" "code-review${tab}Code Review" show "'Code'\\ R"
expect "a word as typed: ~/ is \$HOME" "custom-models${tab}Custom Models" --roster '~/r' show cu
expect "--opt=VALUE: the value, the option kept in front" "--at=now${tab}this moment" person --at=n
expect "--roster=: directories" ":dirs" --roster=d
expect "the argument given: nothing more" "" show custom-models ''
expect "who's query: free words, nothing offered" "" who cust
expect "a command that takes no argument: nothing" "" check ''
expect "an unknown command: nothing" "" bogus ''
expect "__complete itself: nothing" "" __complete ''
expect "the roster the words name (--roster=DIR)" "boss-blue${tab}Boss Blue" "--roster=$hostile" person b
expect "hostile strings: descriptions cleaned, escapes never printed" "me${tab}you (me: in config.yml)
evil-red${tab}EvilRed
boss-blue${tab}Boss Blue" --roster "$hostile" person ''
expect "a handle with a bidi override is left out" "" --roster "$hostile" person @
expect "a roster with errors: what loaded, no diagnostics" "widgets${tab}Widgets
gadgets${tab}Gadgets
gizmos${tab}Gizmos" --roster "$lint" show ''
expect "a duplicate slug: offered once" "bo-fenwick" --roster "$lint" person bo
mkdir -p "$XDG_CONFIG_HOME/teamtui"
printf 'roster: %s\n' "$hostile" >"$XDG_CONFIG_HOME/teamtui/config.yml"
unset TEAMTUI_ROSTER
expect "the config file's roster: when the words name none" "spoof${tab}Spoof" show sp

# --help names every command and option the table has (the man page's
# test, tests/man.sh, checks the man page the same way)
unset TEAMTUI_ROSTER
"$TEAMTUI" --help >"$tmp/help" 2>&1
missing=''
for w in $("$TEAMTUI" __complete '' | cut -f1) $("$TEAMTUI" __complete - | cut -f1); do
	grep -Eq -e "(^|[^-a-z_])$w([^-a-z_]|\$)" "$tmp/help" || missing="$missing $w"
done
if [ -z "$missing" ]; then ok "--help lists every command and option"
else not_ok "--help lists every command and option" "missing:$missing"; fi

# bash: the script as the shell runs it
if command -v bash >/dev/null 2>&1; then
	export TEAMTUI_ROSTER=$sample
	# c LINE WORD...: Tab at the end of LINE, COMP_WORDS as bash splits
	# it (at blanks and at COMP_WORDBREAKS: = @ : " and ' among them)
	mkdir -p "$tmp/rosters/one" "$tmp/tilde" && : >"$tmp/rosterfile"
	ln -s "$sample" "$tmp/tilde/r"
	got=$(cd "$tmp" && HOME=$tmp/tilde bash --norc --noprofile -c '. "$1"
		c() { COMP_LINE=$1; COMP_POINT=${#1}; shift; COMP_WORDS=("$@")
			COMP_CWORD=$(($# - 1)); _teamtui
			printf "[%s]\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr -d "\n"; echo; }
		c "teamtui show cust" teamtui show cust
		c "teamtui --json person @sc" teamtui --json person @ sc
		c "teamtui --roster ros" teamtui --roster ros
		c "teamtui snapshot --output ros" teamtui snapshot --output ros
		c "teamtui person --at=n" teamtui person --at = n
		c "teamtui --roster=ros" teamtui --roster = ros
		c "teamtui show \"Code R" teamtui show "\"Code R"
		c "teamtui --roster ~/r show cu" teamtui --roster "~/r" show cu' bash "$comp/teamtui" 2>&1)
	want="[custom-models]
[scastellano]
[rosters]
[rosters]
[now]
[rosters]
[code-review]
[custom-models]"
	if [ "$got" = "$want" ]; then ok "bash: groups, handles, directories, --opt=, quotes, ~"
	else not_ok "bash: groups, handles, directories, --opt=, quotes, ~" "expected:" "$want" "got:" "$got"; fi
	if [ -r /usr/share/bash-completion/bash_completion ]; then
		got=$(cd "$tmp" && bash --norc --noprofile -c '. /usr/share/bash-completion/bash_completion
			. "$1"
			COMP_LINE="teamtui --roster=$2 show sp"; COMP_POINT=${#COMP_LINE}
			COMP_WORDS=(teamtui --roster = "$2" show sp); COMP_CWORD=5; _teamtui
			printf "[%s]" "${COMPREPLY[@]}"; echo' bash "$comp/teamtui" "$hostile" 2>&1)
		if [ "$got" = "[spoof]" ]; then ok "bash with bash-completion: --roster=DIR is one word"
		else not_ok "bash with bash-completion: --roster=DIR is one word" "got: $got"; fi
	else
		ok "bash with bash-completion # SKIP bash-completion is not installed"
	fi
else
	ok "bash # SKIP bash is not installed"
	ok "bash with bash-completion # SKIP bash is not installed"
fi

# zsh: the function as compinit would autoload it, with the completion
# system's builtins stubbed to print what they were given
if command -v zsh >/dev/null 2>&1; then
	got=$(TEAMTUI_ROSTER=$sample zsh -f -c 'fpath=("$1" $fpath); autoload -Uz _teamtui
		_describe() { print -rl -- "${(@P)4}"; }
		_files() { print FILES; }; _path_files() { print DIRS "$@"; }
		compset() { print COMPSET "$@"; }
		words=(teamtui show cust); CURRENT=3; _teamtui
		words=(teamtui --people "" ); CURRENT=3; _teamtui
		words=(teamtui snapshot --output x); CURRENT=4; _teamtui
		words=(teamtui --roster=x); CURRENT=2; _teamtui
		words=(teamtui person "@sc"); CURRENT=3; _teamtui
		words=(teamtui show "\"Code R"); CURRENT=3; _teamtui' zsh "$comp" 2>&1)
	want="custom-models:Custom Models
COMPSET -P --*=
FILES
COMPSET -P --*=
DIRS -/
COMPSET -P --*=
DIRS -/
@scastellano:Sofía Castellano
code-review:Code Review"
	if [ "$got" = "$want" ]; then ok "zsh: groups, files, directories, --opt=, handles, quotes"
	else not_ok "zsh: groups, files, directories, --opt=, handles, quotes" "expected:" "$want" "got:" "$got"; fi
else
	ok "zsh # SKIP zsh is not installed"
fi

# fish: its own `complete -C`, the script sourced
if command -v fish >/dev/null 2>&1; then
	got=$(cd "$tmp" && HOME=$tmp/tilde TEAMTUI_ROSTER=$sample fish --no-config -c 'source $argv[1]
		complete -C "teamtui show cust"
		complete -C "teamtui sn"
		complete -C "teamtui person @sc"
		complete -C "teamtui --roster rosters/"
		complete -C "teamtui --roster=ros"
		complete -C "teamtui person --at=n"
		complete -C "teamtui --roster ~/r show cu"' "$comp/teamtui.fish" 2>&1)
	want="custom-models${tab}Custom Models
snapshot${tab}write the roster's snapshot now
@scastellano${tab}Sofía Castellano
rosters/one/
--roster=rosters/
--at=now${tab}this moment
custom-models${tab}Custom Models"
	if [ "$got" = "$want" ]; then ok "fish: groups, commands, handles, directories, --opt=, ~"
	else not_ok "fish: groups, commands, handles, directories, --opt=, ~" "expected:" "$want" "got:" "$got"; fi
else
	ok "fish # SKIP fish is not installed"
fi
