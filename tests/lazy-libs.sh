#!/bin/sh
# lazy-libs.sh: libcurl and ICU are loaded only by what uses them (curlso
# for the GitLab client, icuso for the handbook's collator and the ASCII
# transliteration), never at start: linked in, their trees of libraries
# cost 11 and 5 ms of the dynamic loader's time at every start. TAP.
#
#   TEAMTUI=./teamtui srcdir=. sh tests/lazy-libs.sh
#
# Each command runs with LD_DEBUG=files: glibc's loader then names, on
# standard error, every file it loads, those a program is linked with
# ("needed by") and those it opens with dlopen ("dynamically loaded by").
# A command that needs neither must name no libcurl and no libicu: this
# fails if either is linked back into teamtui (or into a library it links).
# Two commands that do need them show the check can see a load at all.
# Skips (TAP) when the loader does not answer LD_DEBUG (not glibc).
set -u
. "$(dirname "$0")/lib.sh"

runner_setup
DATA=$abs_srcdir/data
runner_tmp lazy

n=0
tap_helpers # ok NAME, not_ok NAME LINES... (lib.sh)

# loads ARGS...: the libcurl and libicu files teamtui ARGS loads, one a
# line (none: empty), with no GitLab setting or cache of the machine's
loads() {
	env -u GITLAB_HOST -u GITLAB_TOKEN -u TEAMTUI_LIBCURL HOME="$tmp/home" \
		XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
		LC_ALL=C.UTF-8 LD_DEBUG=files "$@" >/dev/null 2>"$tmp/debug" </dev/null
	sed -n -e 's/.*file=\(libcurl[^ ]*\).*/\1/p' \
		-e 's/.*file=\(libicu[^ ]*\).*/\1/p' "$tmp/debug" | sort -u
}
mkdir -p "$tmp/home" "$tmp/config" "$tmp/cache"

loads "$TEAMTUI" --version >/dev/null
if ! grep -q 'file=' "$tmp/debug"; then
	echo "1..0 # SKIP the dynamic loader does not answer LD_DEBUG=files (not glibc)"
	exit 0
fi

# neither: the commands that use no network and no collation
none() { # NAME ARGS...
	name=$1
	shift
	got=$(loads "$TEAMTUI" "$@")
	if [ -z "$got" ]; then
		ok "$name: neither libcurl nor ICU loaded"
	else
		not_ok "$name: neither libcurl nor ICU loaded" "loaded: $(echo "$got" | tr '\n' ' ')"
	fi
}
none "--version" --version
none "show" --roster "$DATA" show custom-models
none "show --json (label links)" --roster "$DATA" --json show custom-models
none "groups" --roster "$DATA" groups
none "person" --roster "$DATA" person priyanka-sethi
none "who" --roster "$DATA" who registry
none "check" --roster "$DATA" check
none "handbook show" --roster "$DATA/handbook" show custom-models

# the controls: loaded when used, and then by dlopen
some() { # NAME WANT-PATTERN ARGS...
	name=$1 want=$2
	shift 2
	got=$(loads "$@")
	if echo "$got" | grep -q "$want" &&
		grep "file=$want" "$tmp/debug" | grep -q 'dynamically loaded'; then
		ok "$name: $want loaded on first use (dlopen)"
	else
		not_ok "$name: $want loaded on first use (dlopen)" "loaded: $(echo "$got" | tr '\n' ' ')"
	fi
}
some "team-by-departments (collation)" libicui18n \
	"$TEAMTUI" --roster "$DATA/handbook" tables engineering/devops/package/_index.md
# offline: the cache only (nothing is sent), but the client needs libcurl
some "okrs" libcurl env GITLAB_HOST=http://127.0.0.1:1 \
	"$TEAMTUI" --roster "$DATA" okrs custom-models --offline

echo "1..$n"
