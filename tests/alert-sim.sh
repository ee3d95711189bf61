#!/bin/bash
# 1,000 cron runs of rota-alert over an evolving ticket set (a new ticket every 10 runs,
# a reply 30 minutes later to every third new one), one minute apart, with runs 500-519
# started at the same moment and every seventh run reading rota-sla check's rows
# (--input -) instead of evaluating: each (ticket, level) reaches the exec sink exactly
# once, and every level that a ticket reached is there.  (A plain .sh test: the transcript
# harness's per-case timeout is too short for 1,000 runs.)
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/rota-alert-sim.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
printf 'sla:\n  - name: std\n    metrics:\n      first_response: { target: 1h, start: created, stop: [reply, resolved], warn: [50%%, 75%%] }\n' > rota.yaml
printf '#!/bin/sh\necho "$ROTA_TICKET $ROTA_LEVEL" >> sent\n' > pg
chmod +x pg
t0=1767603600
for i in $(seq 0 1030); do echo "@$((t0 + i * 60))"; done | date -u -f - +%FT%TZ > times
i=0
while read -r at && [ $i -lt 1000 ]; do
	if [ $((i % 10)) -eq 0 ]; then
		printf 'ticket,time,event,status\nN%d,%s,created,New\n' $i "$at" > n.csv
		[ $((i % 30)) -eq 0 ] && printf 'N%d,%s,reply,Open\n' $i "$(sed -n $((i + 31))p times)" >> n.csv
		rota-import -q n.csv
	fi
	if [ $i -eq 500 ]; then
		for k in $(seq 20); do rota-alert --wait 30s --at "$at" --exec ./pg & done
		wait
	elif [ $((i % 7)) -eq 3 ]; then
		rota-sla check --at "$at" --format json | rota-alert --input - --at "$at" --exec ./pg
	else
		rota-alert --at "$at" --exec ./pg
	fi
	i=$((i + 1))
done < times
dups=$(sort sent | uniq -d | wc -l)
# What must have been sent: for ticket N<i> created at minute i, with a reply at i+30
# when i % 30 == 0: 50% at i+30 (reached when not replied before), 75% at i+45,
# breached at i+60, each only when that minute is < 1000 and the clock still open.
expect=$(for i in $(seq 0 10 990); do
	stop=100000; [ $((i % 30)) -eq 0 ] && stop=$((i + 30))
	for l in "30 50%" "45 75%" "60 breached"; do
		set -- $l
		m=$((i + $1))
		[ $m -lt 1000 ] && [ $m -lt $stop ] && echo "N$i $2"
	done
done | sort)
got=$(sort sent)
echo "runs: 1000 (20 at once, 142 from --input -), alerts sent: $(wc -l < sent), duplicates: $dups"
[ "$dups" -eq 0 ] || { echo "FAIL: duplicates"; exit 1; }
if [ "$got" != "$expect" ]; then
	echo "FAIL: sent differs from expected:"; diff <(echo "$expect") <(echo "$got") | head; exit 1
fi
echo ok
