#!/bin/bash
# Concurrency: imports, SLA checks, SLA reports, alert runs, the ticket list and iCalendar
# exports, all at the same time on one database, as cron jobs of a busy team would overlap.
# Every run must finish with its own status -- no "database is locked", no SQLITE_BUSY --
# and at the end the database is sound and holds every import.
#   ROTA_CONC_ROUNDS (default 8) runs of each kind.
set -u
rounds=${ROTA_CONC_ROUNDS:-8}
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-conc.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
command -v sqlite3 >/dev/null || { echo "concurrency.sh: needs sqlite3"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cat > rota.yaml <<'EOF'
calendars:
  always: { tz: UTC, hours: { mon-sun: "00:00-24:00" } }
sla:
  - name: all
    calendar: always
    metrics:
      first_response: { target: 4h, start: created, stop: [reply, resolved], warn: [50%] }
      resolution: { target: 2d, start: created, stop_status: [Resolved] }
EOF
export ROTA_CONFIG=$work/rota.yaml ROTA_DB=$work/rota.db
per=2000
make_csv() {  # make_csv N: an import of its own tickets, half of them still open
	awk -v n="$1" -v t=$per 'BEGIN { print "ticket,time,event,status,team"
		for (i = 0; i < t; i++) {
			printf "C%d-%d,2026-03-02T%02d:%02d:00Z,created,New,Team %d\n", n, i, i % 20, i % 60, i % 5
			if (i % 2) printf "C%d-%d,2026-03-02T%02d:%02d:30Z,status,Resolved,\n", n, i, i % 20 + 1, i % 60 } }' > "imp$1.csv"
}
for n in $(seq 0 "$rounds"); do make_csv "$n"; done
# A roster whose export keeps its state (UIDs, SEQUENCE) in the same database.
{ echo agent,date,shift,start,end,breaks
  for a in ann bob cid; do for d in 02 03 04 05 06; do
	echo "$a,2026-03-$d,E,2026-03-${d}T08:00:00Z,2026-03-${d}T16:30:00Z,12:00-12:30"
  done; done; } > roster.csv
rota-import -q imp0.csv || { bad "the first import failed"; exit 1; }

# Each kind of run in its own loop, all loops at once; a run's status and stderr are kept.
loop() {  # loop NAME COMMAND... (the round number replaces @)
	local name=$1; shift
	for n in $(seq 1 "$rounds"); do
		"${@//@/$n}" > "$name.$n.out" 2> "$name.$n.err"
		echo $? > "$name.$n.rc"
	done
}
loop import rota-import -q imp@.csv &
loop check rota-sla check --at 2026-03-02T12:00Z &
loop report rota-sla report --at 2026-03-04T00:00Z --by policy,metric &
loop alert rota-alert --at 2026-03-02T12:00Z --format json --wait 60s &
loop list rota-import --list tickets &
loop ical rota-ical export --roster roster.csv -o cal@.ics &
wait

for f in *.rc; do
	rc=$(cat "$f") run=${f%.rc}
	[ "$rc" = 0 ] || bad "$run exited $rc: $(head -c 300 "$run.err")"
	if grep -qi 'locked\|busy' "$run.err"; then bad "$run: $(head -c 300 "$run.err")"; fi
done
ic=$(sqlite3 rota.db 'PRAGMA integrity_check')
[ "$ic" = ok ] || bad "integrity_check: $ic"
n=$(sqlite3 rota.db 'SELECT count(*) FROM tickets')
[ "$n" = $(( (rounds + 1) * per )) ] || bad "$n tickets, expected $(( (rounds + 1) * per ))"
# Alerts: each (ticket, metric, level) once, however the runs overlapped.
dup=$(sqlite3 rota.db 'SELECT count(*) FROM (SELECT 1 FROM alert_state GROUP BY ticket, kind, metric, cycle, level HAVING count(*) > 1)')
[ "$dup" = 0 ] || bad "$dup alerts recorded twice"
sent=$(cat alert.*.out | wc -l)
keys=$(cat alert.*.out | sed 's/"at":"[^"]*"//' | sort -u | wc -l)
[ "$sent" = "$keys" ] || bad "$sent alerts printed, $keys different ones: some twice"
[ $fail = 0 ] && echo "concurrency: $rounds rounds each of import, sla check, sla report, alert, --list and ical export at once: every run ok, $sent alerts, none twice, $n tickets"
exit $fail
