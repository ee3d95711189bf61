#!/bin/sh
# rota-alert over 100,000 open tickets (issue 10: under 2 s): one run that sends the
# levels reached (first run: all of them, to a JSON Lines file) and one that finds
# nothing new (the steady cron case).
. "$(dirname "$0")/lib.sh"
alert=$(rota_cmd rota-alert) || exit 2
import=$(rota_cmd rota-import) || exit 2
n=${N:-100000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-alert.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2
printf 'sla:\n  - name: std\n    metrics:\n      first_response: { target: 4h, start: created, stop: [reply, resolved], warn: [50%%, 75%%] }\n' > rota.yaml
# Times as ISO 8601 without a process per row: minutes after 2026-01-05T00:00Z.
awk -v n="$n" 'BEGIN { print "ticket,time,event,status"
	for (i = 0; i < n; i++) { m = i % 480; printf "T%06d,2026-01-05T%02d:%02d:00Z,created,New\n", i, int(m / 60), m % 60 } }' > ev.csv
"$import" -q ev.csv || exit 3
for run in first steady; do
	s=$(date +%s.%N)
	"$alert" -q --at 2026-01-05T08:00:00Z --format json -o out.json || exit 3
	e=$(date +%s.%N)
	echo "rota-alert $run run over $n open tickets: $(echo "$e - $s" | bc) s, $(wc -l < out.json) alerts"
done
