#!/bin/bash
# Benchmark rota-ical export: A agents (default 1,000) x 4 weeks, a shift a day each
# (28,000 VEVENTs for 1,000), agents in four zones (Berlin, New York, Kolkata, Sydney:
# the span crosses Berlin's and Sydney's DST changes).  Times the first export (every
# shift new: its state written), a re-export of the same roster (nothing changes: the
# same bytes), and --split (one file per agent).  The peer is python3-icalendar writing
# the same events (TZID-zoned, one calendar, no state); the ratio is peer / rota.
# Target (issue 13): the export in under 2 s.
#
#   bench/ical.sh [AGENTS]
#
# Commands come from bench/lib.sh: $ROTA_BIN, else _build/plain, else PATH.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000}
. "$top/bench/lib.sh"
ical=$(rota_cmd rota-ical) || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-ical.XXXXXX")
[ -n "${ROTA_BENCH_KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT

# The config (agents with their zones) and the roster: naive local times, read in each
# agent's zone; E at 07:00 or L at 13:00, breaks after four hours.
awk -v n="$n" 'BEGIN {
	split("Europe/Berlin America/New_York Asia/Kolkata Australia/Sydney", z, " ")
	print "tz: Europe/Berlin"
	print "queues:"
	print "  support: { channel: voice, aht: 300s, sl: 80/20s }"
	print "  chat: { channel: chat, aht: 420s, sl: 80/60s }"
	print "roster:"
	print "  shifts:"
	print "    - { id: E, start: \"07:00\", length: 8h30m, queues: [ support, chat ] }"
	print "    - { id: L, start: \"13:00\", length: 8h30m, queues: [ chat ] }"
	print "  agents:"
	for (i = 0; i < n; i++)
		printf "    - { id: agent%04d, tz: %s, skills: [ support, chat ] }\n", i, z[i % 4 + 1]
}' > "$work/rota.yaml"
awk -v n="$n" 'BEGIN {
	print "agent,date,shift,start,end,breaks"
	for (i = 0; i < n; i++)
		for (d = 16; d < 44; d++) {
			m = d <= 31 ? 3 : 4; dd = d <= 31 ? d : d - 31
			date = sprintf("2026-%02d-%02d", m, dd)
			if ((i + d) % 3 == 0)
				printf "agent%04d,%s,L,%sT13:00:00,%sT21:30:00,17:00-17:30\n", i, date, date, date
			else
				printf "agent%04d,%s,E,%sT07:00:00,%sT15:30:00,11:00-11:30 13:00-13:15\n", i, date, date, date
		}
}' > "$work/roster.csv"
shifts=$(($(wc -l < "$work/roster.csv") - 1))
cd "$work"

# Wall-clock and CPU seconds of a run ("1.23 (cpu 0.41)"): on a shared machine the two
# differ, and the CPU time is the figure that does not depend on the neighbours.
timed() {
	local out=$1; shift
	/usr/bin/time -f '%e %U %S' -o "$out.time" "$@"
	awk '{ printf "%.2f s (cpu %.2f s)", $1, $2 + $3 }' "$out.time"
}
first=$(timed first "$ical" -q -c rota.yaml -d rota.db export --roster roster.csv --at 2026-03-01T00:00Z -o first.ics)
again=$(timed again "$ical" -q -c rota.yaml -d rota.db export --roster roster.csv -o again.ics)
split=$(timed split "$ical" -q -c rota.yaml -d rota.db export --roster roster.csv --split cal)
cmp -s first.ics again.ics || { echo "$bench_name: the re-export differs" >&2; exit 1; }
events=$(grep -c '^BEGIN:VEVENT' first.ics)
printf 'rota-ical export: %d agents x 28 days = %d shifts, %d VEVENTs, %d bytes\n' \
	"$n" "$shifts" "$events" "$(wc -c < first.ics)"
printf '  first export (state written): %s (target < 2 s)\n' "$first"
printf '  re-export, unchanged:         %s (byte-identical)\n' "$again"
printf '  --split, %d files:          %s\n' "$(ls cal | wc -l)" "$split"

# The peer: the same events with python3-icalendar (Debian's python3-icalendar).
py=
for p in python3 /usr/bin/python3; do
	"$p" -c 'import icalendar, dateutil.tz' 2>/dev/null && { py=$p; break; }
done
if [ -z "$py" ]; then
	echo "  peer: python3-icalendar is not installed (apt-get install python3-icalendar): no ratio"
	exit 0
fi
cat > peer.py <<'PY'
import csv, datetime, sys, re
import icalendar
from dateutil import tz
zones = dict(re.findall(r'id: (\S+), tz: (\S+),', open('rota.yaml').read()))
cal = icalendar.Calendar()
cal.add('prodid', '-//bench//icalendar//EN')
cal.add('version', '2.0')
cal.add('method', 'PUBLISH')
cal.add('x-wr-calname', 'roster')
stamp = datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
for r in csv.DictReader(open('roster.csv')):
    z = tz.gettz(zones[r['agent']])
    ev = icalendar.Event()
    ev.add('uid', '%s-%s@bench' % (r['date'], r['agent']))
    ev.add('dtstamp', stamp)
    ev.add('sequence', 0)
    ev.add('dtstart', datetime.datetime.fromisoformat(r['start']).replace(tzinfo=z))
    ev.add('dtend', datetime.datetime.fromisoformat(r['end']).replace(tzinfo=z))
    ev.add('summary', 'Shift %s (%s)' % (r['shift'], r['agent']))
    ev.add('description', 'Agent: %s\nBreaks: %s' % (r['agent'], r['breaks']))
    ev.add('categories', ['rota', r['shift']])
    ev.add('status', 'CONFIRMED')
    cal.add_component(ev)
sys.stdout.buffer.write(cal.to_ical())
PY
/usr/bin/time -f '%e %U %S' -o peer.time "$py" peer.py > peer.ics
pv=$("$py" -c 'import icalendar; print(icalendar.__version__)')
printf '  peer, python3-icalendar %s (same events, no VTIMEZONE, no state): %s\n' "$pv" \
	"$(awk '{ printf "%.2f s (cpu %.2f s)", $1, $2 + $3 }' peer.time)"
awk -v r="$(cat first.time)" '{ split(r, a, " ")
	printf "  ratio peer / rota (first export): %.1fx wall, %.1fx cpu\n",
	       (a[1] > 0 ? $1 / a[1] : 0), (a[2] + a[3] > 0 ? ($2 + $3) / (a[2] + a[3]) : 0) }' peer.time
