#!/bin/sh
# version.sh BASE: the version of this source tree, printed without a
# newline for configure.ac's AC_INIT (m4_esyscmd_s, run by autoconf).
#
# BASE is the release configure.ac names (X.Y.Z). The answer is
#   - the contents of .tarball-version when the tree has one (`make dist`
#     writes it into every tarball, dist-hook in Makefile.am), so a tarball,
#     `make distcheck` and the Debian package build from an export all get
#     the version of the commit they were made from without git;
#   - else, in a git checkout of this tree:
#       BASE                          HEAD is the commit tagged vBASE
#       BASE+git<date>.<n>.<sha>      HEAD is n commits after tag vBASE
#       BASE~git<date>.<n>.<sha>      no tag vBASE below HEAD (BASE is not
#                                     released yet): n counts every commit
#     <date> is HEAD's commit date (UTC, YYYYMMDD), <sha> its abbreviated
#     hash. '+' sorts after BASE and '~' before it in Debian's (and
#     dpkg --compare-versions') order, and the date then the count keep
#     snapshots of one branch in commit order, so every version is a valid
#     Debian native version that upgrades cleanly: 0.1.0~git... <
#     0.1.0 < 0.1.0+git... < 0.1.1~git...;
#   - else BASE (an export without git or .tarball-version).
#
# The version is fixed when autoconf runs (autoreconf): a later commit
# shows in it after the next autoreconf. Edits not yet committed are not
# marked: the version names the commit, and a "dirty" mark taken at
# autoreconf time would be as stale as its absence.
set -u
base=${1-}
case $base in
[0-9]*) ;;
*)
	echo "usage: $0 BASE (a release number, e.g. 0.1.0)" >&2
	exit 2
	;;
esac
case $base in
*[!0-9.]* | *..* | *.)
	echo "$0: BASE must be digits and dots: $base" >&2
	exit 2
	;;
esac

top=$(cd "$(dirname "$0")/.." && pwd -P) || exit 1

if [ -f "$top/.tarball-version" ]; then
	v=$(sed -n '1p' "$top/.tarball-version")
	case $v in
	[0-9]*)
		printf '%s' "$v"
		exit 0
		;;
	esac
	echo "$0: ignoring $top/.tarball-version: not a version: $v" >&2
fi

# git only for this very tree: not for a parent repository that happens
# to hold an unpacked tarball or an export (e.g. distcheck's directory)
if command -v git >/dev/null 2>&1 &&
	gtop=$(git -C "$top" rev-parse --show-toplevel 2>/dev/null) &&
	[ "$(cd "$gtop" && pwd -P)" = "$top" ] &&
	sha=$(git -C "$top" rev-parse --short=7 HEAD 2>/dev/null); then
	date=$(TZ=UTC0 git -C "$top" log -1 --format=%cd --date=format-local:%Y%m%d HEAD)
	tag=v$base
	if git -C "$top" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null &&
		git -C "$top" merge-base --is-ancestor "$tag" HEAD; then
		n=$(git -C "$top" rev-list --count "$tag..HEAD")
		if [ "$n" = 0 ]; then
			printf '%s' "$base"
		else
			printf '%s+git%s.%s.%s' "$base" "$date" "$n" "$sha"
		fi
	else
		n=$(git -C "$top" rev-list --count HEAD)
		printf '%s~git%s.%s.%s' "$base" "$date" "$n" "$sha"
	fi
	exit 0
fi
printf '%s' "$base"
