#!/bin/bash
# Crash safety: SIGKILL at random moments, then look at what is left.
#  - rota-import into a database that already holds data: after each kill the database
#    passes PRAGMA integrity_check and holds all or none of the killed import (never a
#    part), and everything imported before is still there;
#  - rota-sla check -o FILE: the file is the previous complete output or the new complete
#    output, never a part, and the next run removes the killed run's temporary file;
#  - rota-alert with an --exec sink, over tickets that come and get answered from run to
#    run: no alert lost, none doubled once its ROTA_ALERT_ID is deduplicated, and of a
#    killed run's deliveries the next run sends again at most the one in flight;
#  - rota-roster -o FILE (the example roster, its search bounded): as rota-sla's -o.
# ROTA_KILL_TRIALS (default 100) trials of each; the delay of each kill is drawn from a
# fixed-seed generator over the run's measured duration, so a failure can be replayed.
set -u
trials=${ROTA_KILL_TRIALS:-100}
src=${ROTA_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
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
echo "rota-import: $trials trials, $killed killed mid-run, $complete had committed; integrity ok, all-or-none held (${SECONDS}s)"
SECONDS=0

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
echo "rota-sla -o: $trials kills ($whole left a temporary file beside it), no partial file in place, temporary files cleared by the next run (${SECONDS}s)"
SECONDS=0

# rota-alert: batch n of tickets is created two hours before the run of trial n (so it
# is breached then) and answered just before the run of trial n+3 (a resolved notice).
# Every ticket owes two alerts; the --exec sink logs each delivery with the trial that
# made it (the environment reaches the program) and its id.
cat > alert.yaml <<'EOF'
sla:
  - name: fr
    metrics:
      first_response: { target: 1h, start: created, stop: [reply, resolved] }
EOF
printf '#!/bin/sh\necho "$TRIAL $ROTA_ALERT_ID $ROTA_TICKET $ROTA_WHAT" >> alerts.log\n' > deliver
chmod +x deliver
: > alerts.log
apt=4                             # tickets a batch
# Times in minutes after 2026-03-10T00:00Z; trial n runs at minute 180 + 10n.
iso() { printf -v "$1" '2026-03-%02dT%02d:%02d:00Z' $((10 + $2 / 1440)) $(($2 % 1440 / 60)) $(($2 % 60)); }
batch_csv() {  # batch_csv N [M]: batch N created (N <= trials), batches N-3 .. M-3
	# answered, before the run of trial N
	local c r i b
	iso c $((180 + $1 * 10 - 120)); iso r $((180 + $1 * 10 - 1))
	{ echo "ticket,time,event,status"
	  for ((i = 0; i < apt; i++)); do
		[ "$1" -le "$trials" ] && echo "B$1-$i,$c,created,New"
		for ((b = $1 - 3; b <= ${2:-$1} - 3; b++)); do
			[ "$b" -ge 1 ] && echo "B$b-$i,$r,reply,"
		done
	  done; } > batch.csv
}
# (Arrays, not functions: a function run in the background is a subshell, and the kill
# would miss the command.)
alert=(rota-alert -q -c alert.yaml -d alert.db --resolved --exec ./deliver)
settled() {  # the log once an orphaned delivery of a killed run has written its line
	local a b; b=$(wc -l < alerts.log)
	while :; do sleep 0.02; a=$(wc -l < alerts.log); [ "$a" = "$b" ] && break; b=$a; done
}
dur=100 before=0 between=0 after=0 finished=0
for n in $(seq 1 "$trials"); do
	batch_csv "$n"
	rota-import -q -c alert.yaml -d alert.db batch.csv || { bad "trial $n: the import failed"; break; }
	iso at $((180 + n * 10))
	pending=$("${alert[@]}" -n --at "$at" --format csv | grep -vc '^ticket,')
	TRIAL=$n "${alert[@]}" --at "$at" >/dev/null 2>&1 &
	pid=$!
	nap "$(rnd $((dur + 10)))"
	if kill -KILL $pid 2>/dev/null; then killed=1 dur=$((dur * 9 / 8 + 1)); else killed=0 dur=$((dur * 3 / 4)); fi
	wait $pid 2>/dev/null
	settled
	k=$(grep -c "^$n " alerts.log)
	if [ $killed = 0 ]; then finished=$((finished + 1))
	elif [ "$k" = 0 ]; then before=$((before + 1))
	elif [ "$k" -lt "$pending" ]; then between=$((between + 1))
	else after=$((after + 1)); fi
	echo "$n $killed" >> trials.txt
	ic=$(sqlite3 alert.db 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || { bad "alert trial $n: integrity_check says: $ic"; break; }
done
# Answer the last batches, then clean runs until nothing is left to send: the third
# must send nothing.
n=$((trials + 1))
batch_csv $n $((n + 2)); rota-import -q -c alert.yaml -d alert.db batch.csv
for k in 1 2 3; do
	b=$(wc -l < alerts.log)
	iso at $((180 + n * 10 + k))
	TRIAL=$((n + k - 1)) "${alert[@]}" --at "$at" || bad "clean alert run $k failed"
	[ $k = 3 ] && [ "$(wc -l < alerts.log)" != "$b" ] && bad "the third clean run still sent alerts"
done
settled
ic=$(sqlite3 alert.db 'PRAGMA integrity_check' 2>&1)
[ "$ic" = ok ] || bad "alert.db after the runs: integrity_check says: $ic"
expected=$((trials * apt * 2))
# Every expected alert (each ticket new, then resolved) under one id, no other alert.
# Each time an id comes again, the run that sent it before (the next lower trial; an
# orphaned delivery may log late) sends it again: that run must have been killed, and
# it may be sent again only its last delivery (the one in flight), once.
report=$(awk -v trials="$trials" -v apt="$apt" '
	FILENAME == "trials.txt" { killed[$1] = $2; next }
	{ n++; t = $1; id = $2; key = $3 " " $4
	  if ((key in idof) && idof[key] != id) { print "BAD " key " has two ids"; bad = 1 }
	  idof[key] = id; seen[id]++; by[id] = by[id] " " t; last[t] = id; keys[key] = 1 }
	END {
	  for (b = 1; b <= trials; b++) for (i = 0; i < apt; i++)
	    for (w = 0; w < 2; w++) { key = "B" b "-" i " " (w ? "resolved" : "new")
	      if (!(key in keys)) { print "BAD lost: " key; bad = 1 } else found++ }
	  for (key in keys) nkeys++
	  if (nkeys != found) { print "BAD " nkeys - found " alerts that were not expected"; bad = 1 }
	  for (id in seen) { ids++; raw += seen[id] - 1
	    k = split(by[id], tr, " ")
	    for (i = 2; i <= k; i++) for (j = i; j > 1 && tr[j] + 0 < tr[j - 1] + 0; j--) { x = tr[j]; tr[j] = tr[j - 1]; tr[j - 1] = x }
	    for (i = 1; i < k; i++) { t = tr[i]; rep[t]++
	      if (tr[i + 1] == t) { print "BAD trial " t " sent " id " twice"; bad = 1 }
	      if (last[t] != id) { print "BAD trial " t " was sent again " id ", not its last delivery"; bad = 1 } } }
	  for (t in rep) if (rep[t] > (killed[t] == 1 ? 1 : 0)) {
	    print "BAD trial " t (killed[t] == 1 ? " (killed)" : " (not killed)") ": " rep[t] " of its deliveries sent again"; bad = 1 }
	  print "ids " ids " lines " n " raw " raw
	  exit bad }' trials.txt alerts.log) || bad "$(echo "$report" | grep '^BAD' | head -5)"
set -- $(echo "$report" | grep '^ids ')
[ "${2:-}" = "$expected" ] || bad "distinct alert ids: ${2:-?}, expected $expected"
echo "rota-alert: $trials trials: $between kills between deliveries, $before before the first, $after after the last, $finished runs finished; $expected alerts expected, ${2:-?} distinct ids delivered, ${6:-?} raw repeats (at most one per kill); integrity ok (${SECONDS}s)"
SECONDS=0

# rota-roster -o FILE: the example roster, its search stopped within 1% of the bound or
# after 1 s, so that a run is short and kills land in all of it.  The search is timed, so
# two runs need not write the same roster: a file that changed must be the one the
# killed run finished (the shift count and objective it reported, and a roster that
# check passes), else it must be the previous file byte for byte.
rc="$src/examples/rota.yaml"
rota-staff -q -c "$rc" -o need.csv < "$src/examples/forecast.csv" || bad "rota-staff for the roster failed"
roster=(rota-roster -c "$rc" --need need.csv --gap 1% --time-limit 1s)
t0=$(date +%s%N)
"${roster[@]}" -o out.roster.csv 2>/dev/null || bad "rota-roster -o failed"
dur=$(( ($(date +%s%N) - t0) / 1000000 ))
whole=0 replaced=0
for n in $(seq 1 "$trials"); do
	sum=$(cksum < out.roster.csv)
	"${roster[@]}" -o out.roster.csv 2> roster.err &
	pid=$!
	nap "$(rnd $((dur + 10)))"
	if kill -KILL $pid 2>/dev/null; then dur=$((dur * 9 / 8 + 1)); else dur=$((dur * 3 / 4)); fi
	wait $pid 2>/dev/null
	ls -a | grep -q '^\.\{0,1\}out\.roster\.csv\..' && whole=$((whole + 1))
	[ -e out.roster.csv ] || { bad "roster trial $n: the previous out.roster.csv is gone"; break; }
	[ "$(cksum < out.roster.csv)" = "$sum" ] && continue
	replaced=$((replaced + 1))
	shifts=$(sed -n 's/.*; \([0-9]*\) shifts,.*/\1/p' roster.err)
	obj=$(sed -n 's/^rota-roster: objective \([0-9.]*\),.*/\1/p' roster.err)
	rows=$(($(wc -l < out.roster.csv) - 1))
	chk=$("${roster[@]}" check out.roster.csv 2>&1 >/dev/null)
	[ -n "$shifts" ] && [ "$rows" = "$shifts" ] && [ "$chk" != "${chk#*: 0 hard rules broken; objective $obj (}" ] ||
		{ bad "roster trial $n: out.roster.csv changed but is not the killed run's whole roster ($rows rows; it said: $(head -1 roster.err); check: $chk)"; break; }
done
"${roster[@]}" -q -o out.roster.csv || bad "a roster run after the kills failed"
left=$(ls -a | grep -c '^\.\{0,1\}out\.roster\.csv\..' || true)
[ "$left" = 0 ] || bad "temporary roster files left after a clean run: $(ls -a | grep 'out\.roster\.csv\.')"
echo "rota-roster -o: $trials kills ($whole left a temporary file beside it; $replaced found the new roster in place), no partial file in place, temporary files cleared by the next run (${SECONDS}s)"
exit $fail
