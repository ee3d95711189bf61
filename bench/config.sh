#!/bin/bash
# Benchmark: loading and checking a large rota.yaml, against PyYAML parsing the same file.
#
#   bench/config.sh         (rota-config found by bench/lib.sh: $ROTA_BIN, _build/plain, PATH)
#   AGENTS=150 DAYS=364 RUNS=5 bench/config.sh
#
# Writes a roster the size of the largest Shift Scheduling Benchmark instances (AGENTS
# agents over DAYS days: a cover line per day and shift, days off, preferences) plus
# calendars, queues and policies, then prints the best of RUNS wall times for
#   rota-config check -q      (parse, check every key and name, build the structs)
#   PyYAML CSafeLoader        (parse only, libyaml underneath, no checks)
#   PyYAML SafeLoader         (parse only, pure Python)
# and the ratios.  PyYAML is the loader most YAML-configured tools use; it does less work
# here (no schema), so a ratio below 1 means rota's full check is cheaper than their parse.
set -eu
AGENTS=${AGENTS:-150}
DAYS=${DAYS:-364}
RUNS=${RUNS:-5}
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
cmd=$(rota_cmd rota-config) || exit 2
PATH=$(dirname "$cmd"):$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-config.XXXXXX")
trap 'rm -rf "$work"' EXIT
cfg=$work/rota.yaml

awk -v agents="$AGENTS" -v days="$DAYS" '
function date(d,   y, m, md) {   # day d after 2026-01-05 (a Monday), no leap years here
	y = 2026; d += 4
	while (d >= 365) { d -= 365; y++ }
	split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
	for (m = 1; d >= md[m]; m++) d -= md[m]
	return sprintf("%04d-%02d-%02d", y, m, d + 1)
}
BEGIN {
	print "tz: Europe/Berlin"
	print "calendars:"
	for (c = 0; c < 10; c++) {
		printf "  site%d:\n    tz: Europe/Berlin\n", c
		print "    hours: { mon-fri: \"08:00-12:00,13:00-18:00\", sat: \"10:00-14:00\" }"
		printf "    holidays: ["
		for (h = 0; h < 40; h++) printf "%s%s", h ? ", " : " ", date(h * 9)
		print " ]"
	}
	print "queues:"
	for (q = 0; q < 20; q++) printf "  q%d: { channel: voice, aht: 300s, sl: 80/20s, calendar: site%d }\n", q, q % 10
	print "sla:"
	for (p = 0; p < 50; p++) {
		printf "  - name: p%d\n    match: { priority: [\"%d - x\"], team: [\"Group %d\"] }\n", p, p % 4, p
		printf "    calendar: site%d\n", p % 10
		print "    metrics:"
		print "      first_response: { target: 30m, stop: [reply, resolved], warn: [50%, 75%] }"
		print "      resolution: { target: 8h, pause_status: [Awaiting User Info], stop_status: [Resolved, Closed] }"
	}
	print "roster:"
	printf "  start: 2026-01-05\n  days: %d\n  interval: 30m\n", days
	print "  shifts:"
	print "    - { id: E, start: \"06:00-07:00/30m\", length: 8h30m, breaks: [ { length: 30m, within: \"3h-5h\" } ] }"
	print "    - { id: D, start: \"09:00\", length: 8h30m, breaks: [ { length: 30m, within: \"3h-5h\" } ] }"
	print "    - { id: L, start: \"14:00\", length: 8h30m, cannot_follow: [ E ] }"
	print "  contracts:"
	print "    full: { min_rest: 11h, max_consecutive_days: 5, min_consecutive_days: 2, min_consecutive_days_off: 2,"
	print "            max_weekends: 26, minutes: { week: \"-2400\", horizon: \"80000-100000\" }, max_shifts: { L: 100 } }"
	print "  agents:"
	for (a = 0; a < agents; a++) {
		printf "    - id: a%d\n      contract: full\n      skills: [ q%d, q%d ]\n", a, a % 20, (a + 7) % 20
		printf "      days_off: ["
		for (k = 0; k < 20; k++) printf "%s%s", k ? ", " : " ", date((a * 13 + k * 17) % days)
		print " ]"
		print "      prefer:"
		for (k = 0; k < 10; k++) printf "        - { date: %s, shift: %s, weight: %d }\n", date((a * 7 + k * 31) % days), substr("EDL", k % 3 + 1, 1), k % 3 + 1
		print "      avoid:"
		for (k = 0; k < 10; k++) printf "        - { date: %s, shift: %s, weight: %d }\n", date((a * 11 + k * 29) % days), substr("EDL", k % 3 + 1, 1), k % 3 + 1
	}
	print "  cover:"
	for (d = 0; d < days; d++)
		for (s = 1; s <= 3; s++)
			printf "    - { date: %s, shift: %s, need: %d, under: 100, over: 1 }\n", date(d), substr("EDL", s, 1), 3 + (d + s) % 5
}' > "$cfg"

rota-config check -q -c "$cfg" || { echo "the generated config does not load" >&2; exit 1; }
best() {   # best wall time of RUNS runs of "$@", in seconds
	local b="" t0 t1 t
	for _ in $(seq "$RUNS"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	awk -v us="$b" 'BEGIN { printf "%.4f\n", us / 1e6 }'
}
echo "config: $(wc -l < "$cfg") lines, $(wc -c < "$cfg") bytes; $AGENTS agents, $DAYS days, $((DAYS * 3)) cover lines"
t_rota=$(best rota-config check -q -c "$cfg")
echo "rota-config check -q:      ${t_rota} s"
if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
	t_c=$(best python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)' "$cfg")
	t_py=$(best python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)' "$cfg")
	t_0=$(best python3 -c 'import yaml')
	echo "PyYAML CSafeLoader parse:  ${t_c} s (python3 + import yaml alone: ${t_0} s)"
	echo "PyYAML SafeLoader parse:   ${t_py} s"
	awk -v r="$t_rota" -v c="$t_c" -v p="$t_py" -v z="$t_0" 'BEGIN {
		printf "ratio rota / CSafeLoader: %.2f (%.2f without the interpreter start-up)\n", r / c, (c - z > 0) ? r / (c - z) : 0
		printf "ratio rota / SafeLoader:  %.2f\n", r / p }'
else
	echo "PyYAML with libyaml is not installed (apt-get install python3-yaml): no peer figures"
fi
