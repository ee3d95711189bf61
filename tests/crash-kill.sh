#!/bin/bash
# Crash safety: SIGKILL at random moments, then look at what is left.
#  - rota-import into a database that already holds data: after each kill the database
#    passes PRAGMA integrity_check and holds all or none of the killed import (never a
#    part), and everything imported before is still there;
#  - rota-sla check -o FILE: the file is the previous complete output or the new complete
#    output, never a part, and the next run removes the killed run's temporary file.
# ROTA_KILL_TRIALS (default 100) trials of each; the delay of each kill is drawn from a
# fixed-seed generator over the run's measured duration, so a failure can be replayed.
set -u
trials=${ROTA_KILL_TRIALS:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-kill.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
command -v sqlite3 >/dev/null || { echo "crash-kill.sh: needs sqlite3"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cat > rota.yaml <<'EOF'
calendars:
  always: { tz: UTC, hours: { mon-sun: "00:00-24:00" } }
sla:
  - name: all
    calendar: always
    metrics:
      first_response: { target: 4h, start: created, stop: [reply, resolved] }
      resolution: { target: 2d, start: created, stop_status: [Resolved] }
EOF
export ROTA_CONFIG=$work/rota.yaml ROTA_DB=$work/rota.db

# One import's worth of tickets: keys carry the import's number, so the survivors of a
# killed import can be counted.
make_csv() {  # make_csv N TICKETS
	awk -v n="$1" -v t="$2" 'BEGIN { print "ticket,time,event,status,team"
		for (i = 0; i < t; i++) {
			printf "K%d-%d,2026-03-02T%02d:%02d:00Z,created,New,Team %d\n", n, i, i % 20, i % 60, i % 5
			printf "K%d-%d,2026-03-02T%02d:%02d:30Z,reply,,\n", n, i, i % 20 + 1, i % 60
			printf "K%d-%d,2026-03-03T%02d:%02d:00Z,status,Resolved,\n", n, i, i % 20, i % 60 } }' > "imp$1.csv"
}
per=1000
make_csv 0 $per
rota-import -q imp0.csv || { bad "the first import failed"; exit 1; }
count() { sqlite3 rota.db "SELECT count(*) FROM tickets WHERE key LIKE 'K$1-%'"; }

# Deterministic delays: a linear congruential generator, scaled to the run's duration.
seed=12345
rnd() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 )); echo $(( seed % $1 )); }
nap() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }
ms_of() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }

make_csv 999 $per
dur=$(ms_of rota-import -q imp999.csv)
[ "$(count 999)" = $per ] || bad "the timing import did not import"
kept=$((2 * per)) killed=0 complete=0
for n in $(seq 1 "$trials"); do
	make_csv "$n" $per
	rota-import -q "imp$n.csv" >/dev/null 2>&1 &
	pid=$!
	nap "$(rnd $((dur + 10)))"
	# Aim the next kill by how this one went, so that most land mid-run however loaded
	# the machine is.
	if kill -KILL $pid 2>/dev/null; then killed=$((killed + 1)) dur=$((dur * 9 / 8 + 1))
	else dur=$((dur * 3 / 4)); fi
	wait $pid 2>/dev/null
	ic=$(sqlite3 rota.db 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || { bad "trial $n: integrity_check says: $ic"; break; }
	c=$(count "$n")
	case $c in
	0) ;;
	$per) kept=$((kept + per)); complete=$((complete + 1)) ;;
	*) bad "trial $n: $c of $per tickets of the killed import are in the database"; break ;;
	esac
	all=$(sqlite3 rota.db 'SELECT count(*) FROM tickets')
	[ "$all" = $kept ] || { bad "trial $n: $all tickets, expected $kept (earlier imports lost?)"; break; }
	rm -f "imp$n.csv"
done
echo "rota-import: $trials trials, $killed killed mid-run, $complete had committed; integrity ok, all-or-none held"

# The next run clears what the killed ones left (a stale journal, temporary files).
rota-import -q imp0.csv >/dev/null 2>&1 || bad "an import after the kills failed"

# -o FILE: never a partial file in place.
rota-sla check --at 2026-03-04T00:00Z -o ref.csv || bad "rota-sla check -o failed"
sum=$(cksum < ref.csv)
dur=$(ms_of rota-sla check --at 2026-03-04T00:00Z -o out.csv)
cp ref.csv out.csv   # the previous output, to be replaced whole or kept whole
whole=0
for n in $(seq 1 "$trials"); do
	rota-sla check --at 2026-03-04T00:00Z -o out.csv >/dev/null 2>&1 &
	pid=$!
	nap "$(rnd $((dur + 10)))"
	if kill -KILL $pid 2>/dev/null; then dur=$((dur * 9 / 8 + 1)); else dur=$((dur * 3 / 4)); fi
	wait $pid 2>/dev/null
	[ -e out.csv ] || { bad "trial $n: the previous out.csv is gone"; break; }
	[ "$(cksum < out.csv)" = "$sum" ] || { bad "trial $n: out.csv is not a complete output"; break; }
	ls -a | grep -q '^\.\{0,1\}out\.csv\..' && whole=$((whole + 1))
done
rota-sla check --at 2026-03-04T00:00Z -o out.csv || bad "a run after the kills failed"
[ "$(cksum < out.csv)" = "$sum" ] || bad "the run after the kills wrote a different file"
left=$(ls -a | grep -c '^\.\{0,1\}out\.csv\..*' || true)
[ "$left" = 0 ] || bad "temporary output files left after a clean run: $(ls -a | grep 'out\.csv\.')"
echo "rota-sla -o: $trials kills ($whole left a temporary file beside it), no partial file in place, temporary files cleared by the next run"
exit $fail
