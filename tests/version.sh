#!/bin/sh
# version.sh: one version everywhere, as TAP.
#
#   TEAMTUI=./teamtui PACKAGE_VERSION=V PACKAGE_RELEASE=R MANDIR=docs \
#     srcdir=. sh tests/version.sh
#
# configure.ac names the release (R, X.Y.Z); build-aux/version.sh makes the
# version V from it and git (or .tarball-version). This checks that
#   - V is R, or R then "~git" or "+git", the commit's UTC date, a commit
#     count and an abbreviated hash: a valid Debian native version;
#   - `teamtui --version` and `teamtui version` print "teamtui V";
#   - both man pages built from docs/*.in say "teamtui V" in their .TH
#     line, with no @VERSION@ left anywhere;
#   - debian/changelog's newest entry is R (a release) or V (a snapshot
#     entry, as `.ci/dev package` adds to the export it builds);
#   - version.sh itself, in scratch git repositories: each of its cases,
#     the date in UTC whatever TZ says, .tarball-version before git, a
#     tree inside another repository not taking that one's commits, and
#     (with dpkg) the order of what it prints.
set -u
. "$(dirname "$0")/lib.sh"

runner_setup
runner_tmp version
n=0
tap_helpers # ok NAME, not_ok NAME LINES... (lib.sh)

V=${PACKAGE_VERSION-}
R=${PACKAGE_RELEASE-}
if [ -z "$V" ] || [ -z "$R" ] || [ -z "${MANDIR-}" ]; then
	echo "Bail out! PACKAGE_VERSION, PACKAGE_RELEASE and MANDIR must be set (make check sets them)"
	exit 1
fi

# is WORD EXTENDED-REGEX: WORD matches it whole
is() {
	printf '%s\n' "$1" | grep -E -q -x -e "$2"
}
sha_re='[0-9a-f]{7,}'
snap_re="[~+]git[0-9]{8}\.[0-9]+\.$sha_re"

# 1-2: the version's form
if is "$R" '[0-9]+\.[0-9]+\.[0-9]+'; then
	ok "the release is X.Y.Z: $R"
else
	not_ok "the release is X.Y.Z" "got: $R"
fi
case $V in
"$R") ok "the version is the release: $V" ;;
"$R"*)
	if is "${V#"$R"}" "$snap_re"; then
		ok "the version is the release and a commit: $V"
	else
		not_ok "the version is the release and a commit" "got: $V"
	fi
	;;
*) not_ok "the version begins with the release $R" "got: $V" ;;
esac

# 3-4: what the program says
for how in --version version; do
	out=$(cd "$tmp" && "$TEAMTUI" "$how" </dev/null 2>"$tmp/err")
	rc=$?
	if [ "$rc" = 0 ] && [ "$out" = "teamtui $V" ] && [ ! -s "$tmp/err" ]; then
		ok "teamtui $how: teamtui $V"
	else
		not_ok "teamtui $how: teamtui $V" "exit $rc, stdout: $out" "stderr: $(cat "$tmp/err")"
	fi
done

# 5-8: the man pages' footers (.TH NAME SECTION DATE SOURCE MANUAL): the
# version, and the date: a git build's day (its version's gitYYYYMMDD)
day=$(printf '%s\n' "$V" | sed -n 's/.*git\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\).*/\1-\2-\3/p')
for page in teamtui.1 teamtui-roster.5; do
	f=$MANDIR/$page
	th=$(sed -n '1p' "$f" 2>/dev/null)
	src=$(printf '%s\n' "$th" | sed -n 's/^\.TH [^ ]* [0-9] [0-9-]* "\([^"]*\)" "[^"]*"$/\1/p')
	date=$(printf '%s\n' "$th" | sed -n 's/^\.TH [^ ]* [0-9] \([0-9-]*\) .*/\1/p')
	if [ "$src" = "teamtui $V" ] && ! grep -q '@VERSION@' "$f"; then
		ok "$page: .TH says teamtui $V"
	else
		not_ok "$page: .TH says teamtui $V" "line 1: $th"
	fi
	if [ -z "$day" ] && printf '%s\n' "$date" | grep -q '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]$'; then
		ok "$page: .TH's date is the release's ($date)"
	elif [ -n "$day" ] && [ "$date" = "$day" ]; then
		ok "$page: .TH's date is the build's day, from the version ($day)"
	else
		not_ok "$page: .TH's date" "line 1: $th" "the version's day: $day"
	fi
done

# 9: debian/changelog (dpkg-parsechangelog's first line, by hand: no dpkg
# needed) names the release, or this very version
cl=$abs_srcdir/debian/changelog
first=$(sed -n '1p' "$cl" 2>/dev/null)
clv=$(printf '%s\n' "$first" | sed -n 's/^teamtui (\([^)]*\)) [a-z-]*; urgency=[a-z]*$/\1/p')
if [ -n "$clv" ] && { [ "$clv" = "$R" ] || [ "$clv" = "$V" ]; }; then
	ok "debian/changelog's version $clv is the release or the version"
else
	not_ok "debian/changelog's version is $R (or $V)" "line 1: $first"
fi

# 10-: build-aux/version.sh in scratch repositories
vs=$abs_srcdir/build-aux/version.sh
if ! command -v git >/dev/null 2>&1; then
	echo "ok $((n + 1)) # SKIP version.sh's cases: no git"
	echo "1..$((n + 1))"
	exit 0
fi
# git with nobody's configuration, commits at fixed moments
git_() {
	HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
		GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid \
		GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid \
		GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when git -c init.defaultBranch=main "$@"
}
# tree DIR: a tree with build-aux/version.sh, as a git repository with one
# commit at $when
tree() {
	mkdir -p "$1/build-aux" && cp "$vs" "$1/build-aux/version.sh" &&
		git_ -C "$1" init -q && git_ -C "$1" add . &&
		git_ -C "$1" commit -q -m one
}
# expect NAME DIR WANT-REGEX: version.sh 1.2.3 in DIR prints WANT (whole),
# in a zone where 23:30 UTC is already tomorrow
expect() {
	got=$(TZ=Asia/Tokyo sh "$2/build-aux/version.sh" 1.2.3 2>"$tmp/vs.err")
	if is "$got" "$3"; then
		ok "$1: $got"
	else
		not_ok "$1" "want: $3" "got: $got" "stderr: $(cat "$tmp/vs.err")"
	fi
}
when='2026-11-18T23:30:00Z'
t=$tmp/repo
tree "$t" || { echo "Bail out! cannot make a git repository in $t"; exit 1; }
sha=$(git_ -C "$t" rev-parse --short=7 HEAD)
expect "no tag v1.2.3: a snapshot before the release" "$t" "1\.2\.3~git20261118\.1\.$sha"
git_ -C "$t" tag v1.2.0
expect "another release's tag is not this one's" "$t" "1\.2\.3~git20261118\.1\.$sha"
git_ -C "$t" tag v1.2.3
expect "HEAD tagged v1.2.3: the release" "$t" '1\.2\.3'
when='2026-11-20T08:00:00Z'
echo two >"$t/two" && git_ -C "$t" add two && git_ -C "$t" commit -q -m two
echo three >"$t/three" && git_ -C "$t" add three && git_ -C "$t" commit -q -m three
sha=$(git_ -C "$t" rev-parse --short=7 HEAD)
expect "two commits after v1.2.3: a snapshot after it" "$t" "1\.2\.3\+git20261120\.2\.$sha"
echo 9.9.9~gitX >"$t/.tarball-version"
expect ".tarball-version comes before git" "$t" '9\.9\.9~gitX'
rm "$t/.tarball-version"
# an export (no .git of its own) unpacked inside the repository
mkdir -p "$t/export/build-aux" && cp "$vs" "$t/export/build-aux/"
expect "an export inside a repository: the release, not its commits" "$t/export" '1\.2\.3'
got=$(sh "$vs" 1.x 2>/dev/null)
rc=$?
if [ "$rc" = 2 ] && [ -z "$got" ]; then
	ok "a release that is not digits and dots is refused"
else
	not_ok "a release that is not digits and dots is refused" "exit $rc, stdout: $got"
fi

# Debian's order: snapshot before < release < snapshot after < next ones
if command -v dpkg >/dev/null 2>&1; then
	order='1.2.3~git20261118.1.abcdef0 1.2.3~git20261118.2.0123456 1.2.3~git20261119.3.fedcba9
1.2.3 1.2.3+git20261120.1.1111111 1.2.3+git20261120.2.0000000 1.2.4~git20261121.9.2222222 1.2.4'
	prev='' bad=''
	for v in $order; do
		if [ -n "$prev" ] && ! dpkg --compare-versions "$prev" lt "$v"; then
			bad="$bad $prev>=$v"
		fi
		prev=$v
	done
	if [ -z "$bad" ]; then
		ok "dpkg sorts snapshots, releases and later snapshots in commit order"
	else
		not_ok "dpkg sorts the versions in commit order" "out of order:$bad"
	fi
else
	echo "ok $((n += 1)) # SKIP dpkg's order: no dpkg"
fi
echo "1..$n"
