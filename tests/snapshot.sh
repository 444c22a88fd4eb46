#!/bin/sh
# snapshot.sh: the snapshot a start leaves for the next (snapshot.h,
# snapstore.h), as TAP. A copy of the sample roster (a team_members/ tree)
# and of the sample handbook checkout, a cache of our own, and
# TEAMTUI_SNAPSHOT_LOG to see each decision; TEAMTUI_SNAPSHOT_WAIT=1
# writes before the command exits, so nothing depends on timing.
#
# It is used only when it is true: every change of an input (touch, edit,
# a person file added or removed, a page edited) makes it stale; a
# truncated, corrupted, re-versioned or swapped file is refused and
# replaced; concurrent starts never see a torn file; a shared snapshot
# another user owns is refused; check and --no-snapshot never use one.
set -u
. "$(dirname "$0")/lib.sh"
runner_setup
tmp=$(mktemp -d "${TMPDIR:-/tmp}/teamtui-snapshot.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/home" "$tmp/cache"
cp -R "$abs_srcdir/data/team_members" "$abs_srcdir/data/groups.yml" "$tmp/home/" 2>/dev/null
mkdir -p "$tmp/r"
mv "$tmp/home/team_members" "$tmp/home/groups.yml" "$tmp/r/"
cp -R "$abs_srcdir/data/handbook" "$tmp/hb"
chmod -R u+w "$tmp/r" "$tmp/hb"
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/home
XDG_CACHE_HOME=$tmp/cache
TEAMTUI_NO_SNAPSHOT=0
TEAMTUI_SNAPSHOT_WAIT=1
TEAMTUI_SNAPSHOT_LOG=$tmp/log
LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME TEAMTUI_NO_SNAPSHOT \
	TEAMTUI_SNAPSHOT_WAIT TEAMTUI_SNAPSHOT_LOG LC_ALL

n=0
failed=0
ok() { # COND-EXIT-STATUS NAME
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		sed 's/^/#   log: /' "$tmp/log" 2>/dev/null
	fi
}

# tt ARGS: run teamtui, its stdout in $tmp/out; the log of this run only
# in $tmp/log
tt() {
	: >"$tmp/log"
	"$TEAMTUI" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
}

# log_is WORD...: the log's lines, first words only, joined by spaces
log_words() { awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$tmp/log"; }
expect_log() { # NAME WORDS
	got=$(log_words)
	[ "$got" = "$2" ]
	ok $? "$1 (log: $got)"
}
# the snapshot the last run used or wrote
snap() { awk '$1 == "used" || $1 == "wrote" { f = $2 } END { print f }' "$tmp/log"; }

R="--roster $tmp/r"
tt $R show custom-models
cp "$tmp/out" "$tmp/want"
expect_log "no snapshot yet: the files are read and one is written" "none loaded wrote"
tt $R show custom-models
expect_log "the next start uses it" "used"
cmp -s "$tmp/out" "$tmp/want"
ok $? "and says the same"
file=$(snap)
mode=$(ls -l "$file" | cut -c1-10)
[ "$mode" = "-rw-------" ]
ok $? "the user's snapshot is the user's alone ($mode)"

# every kind of change to an input makes it stale
person=$(ls "$tmp/r/team_members/person/"*/*.yml | head -n 1)
sleep 0.01
touch "$person"
tt $R show custom-models
expect_log "touching a person file makes it stale" "refused loaded wrote"
grep -q "stale: $person changed" "$tmp/log"
ok $? "and the log names the file"
tt $R show custom-models
expect_log "then the new one is used" "used"

sed 's/^name: .*/name: Renamed Person/' "$person" >"$tmp/p.yml" && cat "$tmp/p.yml" >"$person"
slug=$(basename "$person" .yml)
tt $R person "$slug"
expect_log "editing a person file makes it stale" "refused loaded wrote"
grep -q "Renamed Person" "$tmp/out"
ok $? "and the card shows the edit"
tt $R person "$slug"
grep -q "Renamed Person" "$tmp/out"
ok $? "from the new snapshot too"

dir=$(dirname "$person")
printf 'name: Added Person\nrole: Backend Engineer\n' >"$dir/added-person.yml"
tt $R person added-person
expect_log "adding a person file makes it stale" "refused loaded wrote"
grep -q "Added Person" "$tmp/out"
ok $? "and the new person is there"
rm "$dir/added-person.yml"
tt $R person added-person
expect_log "removing one makes it stale" "refused loaded wrote"
grep -q "Added Person" "$tmp/out"
[ $? != 0 ]
ok $? "and the person is gone"

printf '\n# a comment\n' >>"$tmp/r/groups.yml"
tt $R show custom-models
expect_log "editing groups.yml makes it stale" "refused loaded wrote"

# a handbook checkout: a page edited
H="--roster $tmp/hb"
tt $H show custom-models
tt $H show custom-models
expect_log "a handbook checkout's snapshot is used" "used"
page=$tmp/hb/content/handbook/engineering/ai/custom-models/_index.md
if [ -f "$page" ]; then
	printf '\nMore text.\n' >>"$page"
	tt $H show custom-models
	expect_log "editing a page makes it stale" "refused loaded wrote"
else
	ok 1 "the sample page $page exists"
fi

# a broken or foreign file is refused, replaced, and the answer is right
tt $R show custom-models
cp "$tmp/out" "$tmp/want"
file=$(snap)
[ -f "$file" ]
ok $? "the roster's snapshot is $file"
size=$(wc -c <"$file")
head -c 5000 "$file" >"$tmp/t" && cat "$tmp/t" >"$file"
tt $R show custom-models
expect_log "a truncated snapshot is refused" "refused loaded wrote"
cmp -s "$tmp/out" "$tmp/want"
ok $? "and the answer is the files'"
[ "$(wc -c <"$file")" = "$size" ]
ok $? "and it is replaced whole"

# a section's offset and length: 8-byte little-endian words of the header
# (snapshot.c struct header: 96 bytes, then {off, len, hash} per section)
section() { # FILE N -> "OFF LEN"
	od -An -t u8 -j $((96 + 24 * $2)) -N 16 "$1" | awk '{ print $1, $2 }'
}
middle() { set -- $(section "$1" "$2"); echo $(($1 + $2 / 2)); }

# one byte changed in the middle of the model
printf 'X' | dd of="$file" bs=1 seek="$(middle "$file" 1)" conv=notrunc 2>/dev/null
tt $R show custom-models
expect_log "a corrupted snapshot is refused" "refused loaded wrote"
grep -q "checksum of the model does not match" "$tmp/log"
ok $? "for its checksum"

# one byte changed in the search index, which a show never reads: who
# finds it, answers from the files' index, and drops the file
tt $R who maren
cp "$tmp/out" "$tmp/want-who"
file=$(snap)
printf 'X' | dd of="$file" bs=1 seek="$(middle "$file" 3)" conv=notrunc 2>/dev/null
tt $R show custom-models
expect_log "a damaged search index goes unread by show" "used"
tt $R who maren
cmp -s "$tmp/out" "$tmp/want-who"
ok $? "who answers as from the files all the same"
[ ! -e "$file" ]
ok $? "and the damaged snapshot is removed"
tt $R who maren
expect_log "the next start writes a sound one" "none loaded wrote"

# another version's: the version in the header changed (its checksum too
# then, which is refused the same way: never read)
printf '9' | dd of="$file" bs=1 seek=16 conv=notrunc 2>/dev/null
tt $R show custom-models
expect_log "another version's snapshot is refused" "refused loaded wrote"

# another roster's snapshot under this roster's name
tt $H show custom-models
hb=$(snap)
cp "$hb" "$file"
tt $R show custom-models
expect_log "another roster's snapshot is refused" "refused loaded wrote"
grep -q "stands for another roster" "$tmp/log"
ok $? "as another roster's"
cmp -s "$tmp/out" "$tmp/want"
ok $? "and the answer is this roster's"

# check reads the files; so do --no-snapshot and TEAMTUI_NO_SNAPSHOT=1
tt $R check
expect_log "check never uses a snapshot" "loaded"
tt $R --no-snapshot show custom-models
expect_log "--no-snapshot reads the files and writes none" "loaded"
TEAMTUI_NO_SNAPSHOT=1 tt $R show custom-models
expect_log "TEAMTUI_NO_SNAPSHOT=1 too" "loaded"

# teamtui snapshot writes one now; --output a shared directory
mkdir -m 755 "$tmp/shared"
"$TEAMTUI" $R snapshot --output "$tmp/shared" >"$tmp/out" 2>"$tmp/err"
ok $? "teamtui snapshot --output DIR"
grep -q "^$tmp/shared/roster-[0-9a-f]*\.snap	[0-9]* bytes, [0-9]* people, [0-9]* groups$" "$tmp/out"
ok $? "prints the file, its size, people and groups"
shared=$(ls "$tmp/shared/"roster-*.snap)
mode=$(ls -l "$shared" | cut -c1-10)
[ "$mode" = "-rw-r--r--" ]
ok $? "a shared snapshot is readable by all ($mode)"
printf 'snapshot_dir: %s\n' "$tmp/shared" >"$tmp/system.yml"
TEAMTUI_SYSTEM_CONFIG=$tmp/system.yml tt $R show custom-models
expect_log "the system config's snapshot_dir is used first" "used"
grep -q "^used $tmp/shared/" "$tmp/log"
ok $? "from the shared directory"
cmp -s "$tmp/out" "$tmp/want"
ok $? "and says the same"
if [ "$(id -u)" = 0 ]; then
	chown 4242 "$shared"
	TEAMTUI_SYSTEM_CONFIG=$tmp/system.yml tt $R show custom-models
	grep -q "^refused $shared: owned by uid 4242" "$tmp/log"
	ok $? "a shared snapshot another user owns is refused"
	chown 0 "$shared"
else
	ok 0 "# SKIP a shared snapshot another user owns (needs root to chown)"
fi
chmod g+w "$tmp/shared"
TEAMTUI_SYSTEM_CONFIG=$tmp/system.yml tt $R show custom-models
grep -q "^refused $tmp/shared: the directory is writable by others" "$tmp/log"
ok $? "a shared directory others may write is refused"
chmod g-w "$tmp/shared"
chmod g+w "$shared"
TEAMTUI_SYSTEM_CONFIG=$tmp/system.yml tt $R show custom-models
grep -q "^refused $shared: writable by others" "$tmp/log"
ok $? "a shared snapshot others may write is refused"

# many starts at once while snapshots are rewritten: every answer whole
rm -f "$tmp/cache/teamtui/"roster-*.snap
i=0
while [ $i -lt 12 ]; do
	(
		TEAMTUI_SNAPSHOT_LOG=$tmp/log.$i
		export TEAMTUI_SNAPSHOT_LOG
		# every third one rewrites from the files while the others read
		if [ $((i % 3)) = 0 ]; then
			"$TEAMTUI" $R --no-snapshot show custom-models >/dev/null 2>&1
			"$TEAMTUI" $R snapshot >/dev/null 2>&1
		fi
		"$TEAMTUI" $R show custom-models >"$tmp/out.$i" 2>"$tmp/err.$i"
		echo $? >"$tmp/rc.$i"
	) &
	i=$((i + 1))
done
wait
bad=0
i=0
while [ $i -lt 12 ]; do
	if [ "$(cat "$tmp/rc.$i")" != 0 ] || ! cmp -s "$tmp/out.$i" "$tmp/want" ||
		[ -s "$tmp/err.$i" ] || grep -q '^refused' "$tmp/log.$i"; then
		bad=$((bad + 1))
		sed "s/^/#   $i: /" "$tmp/log.$i" "$tmp/err.$i"
	fi
	i=$((i + 1))
done
[ $bad = 0 ]
ok $? "12 concurrent starts and rewrites: every answer whole, no snapshot refused ($bad bad)"
# (changes/: the versions `teamtui changes` keeps, digeststore.h)
ls "$tmp/cache/teamtui/" | grep -v '^roster-[0-9a-f]*\.snap$' | grep -vx changes >"$tmp/left"
[ ! -s "$tmp/left" ]
ok $? "and no temporary file is left behind"

echo "1..$n"
[ $failed = 0 ]
