#!/bin/sh
# Quick start, part 1: install the build dependencies (Debian 12, as root), build rota,
# and run the example pipeline on the example configuration and tickets.
# Everything it writes goes to _build/ (the commands) and _demo/ (database and outputs).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh .ci/deps
jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -x configure ] || [ configure.ac -nt configure ]; then autoreconf -fi >/dev/null 2>&1; fi
mkdir -p _build/plain
(cd _build/plain && { [ -f Makefile ] || "$top/configure" -q; } && make -s -j"$jobs" >/dev/null)
PATH=$top/_build/plain/src/cmd:$PATH
export PATH
out=$top/_demo
rm -rf "$out"
mkdir -p "$out"
export ROTA_CONFIG="$top/examples/rota.yaml" ROTA_DB="$out/rota.db"
# Bold headings only on a terminal: a pipe or a log file gets plain text.
if [ -t 1 ]; then bold=$(printf '\033[1m') plain=$(printf '\033[0m'); else bold= plain=; fi
step() { printf '\n%s== %s%s\n$ %s\n' "$bold" "$1" "$plain" "$2"; }

step "What the configuration says" "rota config check | head -40"
rota config check | head -40

step "Import a slice of the real ServiceNow audit log (300 incidents, 2,040 snapshots)" \
     "sh examples/import-servicenow.sh examples/incidents-sample.csv.gz"
sh "$top/examples/import-servicenow.sh" "$top/examples/incidents-sample.csv.gz"

step "Business time: when is a 4-hour target started Friday 15:00 due in the Berlin office?" \
     "rota cal add berlin 2026-12-04T15:00:00+01:00 4h"
rota cal add berlin 2026-12-04T15:00:00+01:00 4h
step "... and over Christmas?" "rota cal days berlin 2026-12-23 2026-12-28 --format text"
rota cal days berlin 2026-12-23 2026-12-28 --format text

step "Forecasting a week of a bank's calls (hourly, New York time, opening hours and bands)" \
     "rota forecast -c examples/bank.yaml --input examples/bank-calls.csv.gz --naive --hours bank --holidays bank --horizon 7d --svg _demo/bank.svg -o _demo/bank-forecast.csv"
rota forecast -c "$top/examples/bank.yaml" --input "$top/examples/bank-calls.csv.gz" --naive \
	--hours bank --holidays bank --horizon 7d --svg "$out/bank.svg" -o "$out/bank-forecast.csv"
sed -n '1p;59,61p' "$out/bank-forecast.csv"
echo "... the chart: _demo/bank.svg"
step "... how each model did over the last three weeks" \
     "rota forecast -c examples/bank.yaml --input examples/bank-calls.csv.gz --naive --hours bank --holidays bank --backtest 3 --format text"
rota forecast -c "$top/examples/bank.yaml" --input "$top/examples/bank-calls.csv.gz" --naive \
	--hours bank --holidays bank --backtest 3 --format text
step "... and the agents that forecast needs (4 minutes a call, 80% answered in 20 s)" \
     "rota staff -c examples/bank.yaml --aht 4m --sl 80/20s < _demo/bank-forecast.csv | sed -n '1p;59,61p'"
rota staff -c "$top/examples/bank.yaml" --aht 4m --sl 80/20s < "$out/bank-forecast.csv" | sed -n '1p;59,61p'

step "Staffing: the worked example (100 calls in 30 minutes, AHT 180 s, 80/20)" \
     "rota staff --volume 100 --interval 30m --aht 180s --sl 80/20s --format text"
rota staff --volume 100 --interval 30m --aht 180s --sl 80/20s --format text
step "Staffing the example week's forecast (queue settings from rota.yaml)" \
     "rota staff -o _demo/need.csv < examples/forecast.csv"
rota staff -o "$out/need.csv" < "$top/examples/forecast.csv"
head -5 "$out/need.csv"
echo "... $(($(wc -l < "$out/need.csv") - 1)) intervals in _demo/need.csv"

step "Rostering the two example weeks from those needs: 29 agents in 7 zones, a night line (every hard rule kept; summary on stderr)" \
     "rota roster --need _demo/need.csv --time-limit 10s --coverage _demo/coverage.csv --svg _demo/roster.svg -o _demo/roster.csv"
rota roster --need "$out/need.csv" --time-limit 10s --coverage "$out/coverage.csv" \
	--svg "$out/roster.svg" -o "$out/roster.csv"
head -5 "$out/roster.csv"
echo "... $(($(wc -l < "$out/roster.csv") - 1)) shifts in _demo/roster.csv; the chart: _demo/roster.svg"
# Agent-hours required and covered per queue, from the coverage file (half-hour rows).
awk -F, 'NR > 1 { r[$2] += $3 / 2; c[$2] += ($4 < $3 ? $4 : $3) / 2 }
	END { for (q in r) printf "%-9s %5.0f agent-hours required, %5.0f covered (%.0f%%)\n", q, r[q], c[q], 100 * c[q] / r[q] }' \
	"$out/coverage.csv" | sort

step "SLA clocks on the imported incidents: what breaches within 4 hours of 1 March 2016 noon" \
     "rota sla check --at 2016-03-01T12:00 --open-only --due-within 4h --format text | head -6"
rota sla check --at 2016-03-01T12:00 --open-only --due-within 4h --format text | head -6
step "... and compliance per policy and metric, next to the log's own made_sla" \
     "rota sla report --by policy,metric --format text"
rota sla report --by policy,metric --format text

step "Alerting: what a Nagios check of these clocks says (a dry run: nothing is sent)" \
     "rota alert -n --nagios --at 2016-03-01T12:05"
# Nagios exits 2 for CRITICAL: that is the answer, not a failure of the demo.
rota alert -n --nagios --at 2016-03-01T12:05 || [ $? = 2 ]

step "Calendars: the open SLA/OLA deadlines as VTODOs, alarms at the first warn level" \
     "rota ical deadlines --at 2016-03-01T12:00 -o _demo/deadlines.ics"
rota ical deadlines --at 2016-03-01T12:00 -o "$out/deadlines.ics"
echo "$(grep -c BEGIN:VTODO "$out/deadlines.ics") deadlines in _demo/deadlines.ics, for any calendar app"
step "... and the holidays the Berlin calendar reads from examples/holidays/de.ics" \
     "rota ical expand examples/holidays/de.ics --from 2026-12-01 --to 2026-12-31 --format text"
rota ical expand "$top/examples/holidays/de.ics" --from 2026-12-01 --to 2026-12-31 --format text
step "The roster as one calendar per agent (stable UIDs: a re-export updates in place)" \
     "rota ical export --roster _demo/roster.csv --split _demo/calendars"
rota ical export --roster "$out/roster.csv" --split "$out/calendars"
ls "$out/calendars" | head -5

printf '\nDone: outputs are in _demo/.\n'
