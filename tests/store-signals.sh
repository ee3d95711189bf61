#!/bin/sh
# An interrupted first import leaves nothing: SIGINT, SIGTERM, SIGHUP and SIGPIPE remove
# the database being built (rota.db.tmp-XXXXXX) and its -wal/-shm; after SIGKILL the next
# run removes the stale one, but not one that a live process holds.
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-signals.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
fail=0
say() { echo "$*"; }
bad() { echo "FAIL: $*"; fail=1; }

# Enough rows that the import is still running when the signal comes.
awk 'BEGIN { print "ticket,time,event,team"
	for (i = 0; i < 400000; i++)
		printf "T-%d,2026-03-02T%02d:%02d:00Z,note,Team %d\n", i % 5000, (i / 60) % 24, i % 60, i % 7 }' > big.csv
printf 'ticket,time,event\nS-1,2026-03-02T08:00:00Z,created\n' > small.csv

# Wait (up to 20 s) until the run has made its temporary database.
wait_tmp() {
	n=0
	while ! ls "$1".tmp-* >/dev/null 2>&1; do
		n=$((n + 1)); [ $n -gt 200 ] && return 1; sleep 0.1
	done
}

# A background job of a shell without job control starts with SIGINT ignored, and an
# ignored signal stays ignored (nohup): give the runs the default handling.
run=""
env --default-signal=INT true 2>/dev/null && run="env --default-signal=INT,TERM,HUP,PIPE"

for sig in INT TERM HUP PIPE; do
	$run rota-import -q -d "$sig.db" big.csv 2>/dev/null &
	pid=$!
	if ! wait_tmp "$sig.db"; then bad "$sig: no temporary database appeared"; kill -9 $pid; continue; fi
	kill -$sig $pid
	wait $pid
	rc=$?
	left=$(ls | grep "^$sig\.db" || :)
	[ -z "$left" ] && say "ok: SIG$sig leaves nothing (exit $rc)" || bad "SIG$sig left: $left"
	[ $rc -gt 128 ] || bad "SIG$sig: exit status $rc, expected death by the signal"
done

# SIGKILL cannot be caught: the next run cleans up.
rota-import -q -d k.db big.csv 2>/dev/null &
pid=$!
wait_tmp k.db || bad "KILL: no temporary database appeared"
kill -9 $pid; wait $pid 2>/dev/null
stale=$(ls k.db.tmp-* 2>/dev/null | grep -v -e '-wal$' -e '-shm$' -e '-journal$' | head -1)
[ -n "$stale" ] && say "ok: SIGKILL left $stale" || bad "SIGKILL left no temporary file (test is void)"
# A live run's temporary database, held by its lock, must survive the cleaner.
: > k.db.tmp-HeLd00
flock k.db.tmp-HeLd00 sleep 30 &
holder=$!
sleep 0.5
rota-import -q -d k.db small.csv || bad "import after SIGKILL failed"
[ -e "$stale" ] && bad "the stale $stale is still there" || say "ok: the stale temporary database is gone"
ls k.db.tmp-*-wal k.db.tmp-*-shm >/dev/null 2>&1 && bad "stale side files remain: $(ls k.db.tmp-*)"
[ -e k.db.tmp-HeLd00 ] && say "ok: the held one stays" || bad "the held temporary database was removed"
kill $holder 2>/dev/null; wait $holder 2>/dev/null
[ -s k.db ] && say "ok: the database was built" || bad "no k.db"
exit $fail
