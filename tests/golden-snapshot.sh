#!/bin/sh
# golden-snapshot.sh: the golden suite again, every case run twice with
# snapshots on (golden.sh, GOLDEN_SNAPSHOT): from a snapshot every
# command must print what it prints from the files, byte for byte.
GOLDEN_SNAPSHOT=1
export GOLDEN_SNAPSHOT
exec sh "$(dirname "$0")/golden.sh" "$@"
