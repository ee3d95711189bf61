#!/bin/bash
# Benchmark rota-import on the real ServiceNow audit log (141,712 rows), with the command
# of examples/import-servicenow.sh, and print the figures: first import (rows/s), second
# import (must add 0 events), and as a peer the sqlite3 shell's plain .import of the same
# CSV, decompressed, into a bare table (no parsing of times, no derivation, no indexes).
#
#   bench/import.sh [LOG]      (LOG default: ../shared/data/tickets/incident_event_log.csv.gz)
#
# rota-import is found by bench/lib.sh: $ROTA_BIN, else _build/plain, else PATH.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-$top/../shared/data/tickets/incident_event_log.csv.gz}
[ -r "$log" ] || { echo "bench/import.sh: cannot read $log" >&2; exit 2; }

. "$top/bench/lib.sh"
cmd=$(rota_cmd rota-import) || exit 2
PATH=$(dirname "$cmd"):$PATH
export PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

rows=$(($(zcat -f "$log" | wc -l) - 1))
echo "input: $log ($rows data rows, $(nproc) cores)"

t0=$(now)
first=$(sh "$top/examples/import-servicenow.sh" "$log" -d "$work/rota.db" 2>&1)
t1=$(now)
second=$(sh "$top/examples/import-servicenow.sh" "$log" -d "$work/rota.db" 2>&1)
t2=$(now)
s1=$(secs "$t0" "$t1")
s2=$(secs "$t1" "$t2")
echo "rota-import, first import:  ${s1} s, $(awk -v r="$rows" -v s="$s1" 'BEGIN { printf "%.0f", r / s }') rows/s"
echo "    $first"
echo "rota-import, second import: ${s2} s, $(awk -v r="$rows" -v s="$s2" 'BEGIN { printf "%.0f", r / s }') rows/s"
echo "    $second"
case $second in
*" 0 events added"*) echo "second import added 0 events: OK" ;;
*) echo "second import ADDED EVENTS: not idempotent"; exit 1 ;;
esac
echo "database: $(du -k "$work/rota.db" | cut -f1) KB"

if command -v sqlite3 >/dev/null; then
	zcat -f "$log" > "$work/log.csv"
	t0=$(now)
	sqlite3 "$work/peer.db" ".import --csv $work/log.csv incidents"
	t1=$(now)
	sp=$(secs "$t0" "$t1")
	echo "peer: sqlite3 .import of the decompressed CSV into a bare table: ${sp} s, $(awk -v r="$rows" -v s="$sp" 'BEGIN { printf "%.0f", r / s }') rows/s"
	echo "ratio rota-import / sqlite3 .import: $(awk -v a="$s1" -v b="$sp" 'BEGIN { printf "%.2f", a / b }')"
else
	echo "peer: sqlite3 shell not installed (apt-get install sqlite3); no ratio"
fi
