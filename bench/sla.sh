#!/bin/bash
# Benchmark rota-sla check on generated tickets: N tickets (default 1,000,000) with three
# metrics each (first response and resolution under an office calendar, an OLA per
# team), 5% of them still open; prints tickets/s for `check` over all tickets and for
# `check --open-only` (the cron path: the closed_at index, then only open histories).
# Targets (issue 9): all 1,000,000 in under 5 s on 2 cores, open-only under 0.5 s.
#
#   bench/sla.sh [N]
#
# The tickets are an events CSV made with awk and loaded with rota-import, the way
# users load theirs: slower to set up than writing SQLite directly, but it times the
# database rota itself builds (indexes, triggers).  The import's time is printed too.
# Each check runs with --threads 1 (the peer) and with the default (one thread per
# processor); wall time, CPU time (user + sys) and the load average are printed, since
# on a shared machine the wall time says more about the neighbours than about rota.
# Commands come from bench/lib.sh: $ROTA_BIN, else _build/plain, else PATH.
# ROTA_BENCH_DIR=DIR keeps the database in DIR and reuses it when N is the same.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
. "$top/bench/lib.sh"
imp=$(rota_cmd rota-import) || exit 2
sla=$(rota_cmd rota-sla) || exit 2
if [ -n "${ROTA_BENCH_DIR:-}" ]; then
	work=$ROTA_BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-sla.XXXXXX")
	[ -n "${ROTA_BENCH_KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

cat > "$work/rota.yaml" <<'YAML'
tz: UTC
calendars:
  office: { tz: Europe/Berlin, hours: { mon-fri: "08:00-18:00" }, holidays: [ 2026-05-01 ] }
sla:
  - name: std
    calendar: office
    metrics:
      first_response: { target: 4h, start: created, stop: [reply, resolved], warn: [75%] }
      resolution: { target: 3d, pause_status: [Pending], stop_status: [Resolved] }
ola:
  - name: team
    calendar: office
    metrics:
      handling: { target: 1d, start: assigned, stop: [unassigned, resolved] }
YAML

if [ -s "$work/rota.db" ] && [ "$(cat "$work/tickets" 2>/dev/null)" = "$n" ]; then
	echo "reusing $work/rota.db ($n tickets); $(nproc) cores"
else
	# Ticket i opens at 2026-01-01 + i * 31 s (a year for a million), is answered 5 to 300
	# minutes later, waits on the customer in one ticket of four, and is resolved within
	# two days, except every twentieth, which is still open.
	t0=$(now)
	awk -v n="$n" '
	# POSIX seconds to ISO 8601 UTC, without strftime (not in every awk).
	function iso(t,   d, s, y, m, doy, mp) {
		d = int(t / 86400); s = t - d * 86400
		d += 719468; y = int(d / 146097); doy = d - y * 146097
		y = int((doy - int(doy / 1460) + int(doy / 36524) - int(doy / 146096)) / 365)
		m = doy - (365 * y + int(y / 4) - int(y / 100)); y += int(d / 146097) * 400
		mp = int((5 * m + 2) / 153); d = m - int((153 * mp + 2) / 5) + 1
		m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
		return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, int(s / 3600), int(s % 3600 / 60), s % 60)
	}
	BEGIN {
		print "ticket,time,event,status,team"
		srand(9)
		base = 1767225600
		for (i = 1; i <= n; i++) {
			k = sprintf("T%07d", i); team = "G" (i % 20)
			c = base + i * 31
			print k "," iso(c) ",created,New," team
			r = c + 300 + int(rand() * 17700)
			print k "," iso(r) ",reply,Open," team
			if (i % 4 == 0) {
				print k "," iso(r + 600) ",status,Pending," team
				print k "," iso(r + 7200) ",status,Open," team
			}
			if (i % 20 != 0)
				print k "," iso(r + 7800 + int(rand() * 160000)) ",resolved,Resolved," team
		}
	}' > "$work/events.csv"
	t1=$(now)
	"$imp" -q -d "$work/rota.db" "$work/events.csv"
	t2=$(now)
	rows=$(($(wc -l < "$work/events.csv") - 1))
	echo "generated $n tickets, $rows events in $(secs "$t0" "$t1") s; rota-import $(secs "$t1" "$t2") s ($(rate "$rows" "$(secs "$t1" "$t2")") rows/s); $(nproc) cores"
	echo "$n" > "$work/tickets"
fi

at=2027-06-01T00:00:00Z
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }
# run NAME ARGS...: one check; sets s_NAME (wall), c_NAME (user + sys) and prints a line.
run() {
	local name=$1 t
	shift
	t=$( { TIMEFORMAT='%R %U %S'; time "$sla" check -c "$work/rota.yaml" -d "$work/rota.db" \
		--at "$at" "$@" -o "$work/$name.csv" ; } 2>&1 )
	set -- $t
	eval "s_$name=$1 c_$name=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')"
}
threads=$(nproc); [ "$threads" -gt 8 ] && threads=8
echo "load average before: $(load)"
run all1 --threads 1
run all
run open --open-only
run openT --open-only --threads "$threads"
echo "load average after:  $(load)"
cmp -s "$work/all1.csv" "$work/all.csv" || { echo "sla.sh: rows differ with threads" >&2; exit 1; }
cmp -s "$work/openT.csv" "$work/open.csv" || { echo "sla.sh: open rows differ with threads" >&2; exit 1; }
rows_all=$(($(wc -l < "$work/all.csv") - 1))
rows_open=$(($(wc -l < "$work/open.csv") - 1))
open=$(cut -d, -f1 "$work/open.csv" | sed 1d | uniq | wc -l)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "check:             $s_all s wall, $c_all s CPU for $n tickets ($rows_all rows) in $threads threads: $(rate "$n" "$s_all") tickets/s (target: all in 5 s)"
echo "                   $s_all1 s wall, $c_all1 s CPU in 1 thread: $(rate "$n" "$s_all1") tickets/s; threads x$(ratio "$s_all1" "$s_all") faster"
echo "check --open-only: $s_open s wall, $c_open s CPU for $open open tickets ($rows_open rows), 1 thread (the default): $(rate "$open" "$s_open") tickets/s (target: 0.5 s)"
echo "                   $s_openT s wall, $c_openT s CPU in $threads threads: $(rate "$open" "$s_openT") tickets/s; threads x$(ratio "$s_open" "$s_openT") faster"
