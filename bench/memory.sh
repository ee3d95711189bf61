#!/bin/bash
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
# Peak memory of the CSV readers on input that never ends (issue 8: bounded records).
#
#   bench/memory.sh [BUILDDIR]
#
# Commands are taken from BUILDDIR, else $ROTA_BUILDDIR, else _build/plain of this tree,
# else PATH; in a build directory the real program is run, not libtool's wrapper.  Each
# reads an endless stream until its record limit (16 MiB) stops it; the maximum resident
# size comes from GNU time (Debian: time), /usr/bin/time -v.  Prints one line a case:
#   CASE  EXIT  MAX-RSS-KB  MESSAGE
# and fails when a case is not stopped by the limit or peaks at 64 MB or more.  First, a
# 2 GB import (ROTA_MEM_BIG, in GB) that must stay under 200 MB.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${ROTA_BUILDDIR:-}}
[ -z "$build" ] && [ -d "$here/_build/plain/src/cmd" ] && build=$here/_build/plain
bin() {
	if [ -n "$build" ] && [ -x "$build/src/cmd/.libs/$1" ]; then echo "$build/src/cmd/.libs/$1"
	elif [ -n "$build" ] && [ -x "$build/src/cmd/$1" ]; then echo "$build/src/cmd/$1"
	else command -v "$1"; fi
}
[ -n "$build" ] && export LD_LIBRARY_PATH=$build/src/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
[ -x /usr/bin/time ] || { echo "memory.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
gen=$here/tests/hostile/never-ending.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/rota-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
import=$(bin rota-import) staff=$(bin rota-staff)
bad=0
# A real import of a generated event CSV of GB gigabytes, streamed through a pipe (no
# 2 GB file on disk): peak RSS must stay under 200 MB whatever the input's size, and the
# database must hold every row.  Five events a ticket, tickets in time order, as exports
# come; ROTA_MEM_BIG=0 skips it, ROTA_MEM_BIG=0.1 makes a quick one.
big_import() {
	local gb=$1 rows
	rows=$(awk -v g="$gb" 'BEGIN { printf "%d", g * 1024 * 1024 * 1024 / 64 }')
	local t0 t1
	t0=$(date +%s)
	awk -v rows="$rows" 'BEGIN {
		print "ticket,time,event,status,team,priority"
		split("created status reply status resolved", ev, " ")
		split("New Active Active Awaiting_User Resolved", st, " ")
		for (i = 0; i < rows; i++) {
			t = int(i / 5); k = i % 5; s = 1456790400 + t * 7 + k * 600
			printf "INC%09d,%s,%s,%s,Service Desk %02d,%d - P\n", t,
				strftime("%Y-%m-%dT%H:%M:%SZ", s, 1), ev[k + 1], st[k + 1], t % 50, t % 4 + 1
		} }' | /usr/bin/time -v -o time.out "$import" -q -d big.db - 2>err.out && rc=0 || rc=$?
	t1=$(date +%s)
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.out)
	local got; got=$(sqlite3 big.db 'SELECT count(*) FROM events' 2>/dev/null || echo '?')
	printf '%-22s %4s %8s  %s rows in %ss (%s rows/s), %s events stored, db %s MB\n' \
		"import ${gb} GB events" "$rc" "$rss" "$rows" "$((t1 - t0))" \
		"$((rows / (t1 - t0 + 1)))" "$got" "$(( $(stat -c %s big.db 2>/dev/null || echo 0) / 1048576 ))"
	[ "$rc" = 0 ] && [ "$got" = "$rows" ] || { bad=1; head -3 err.out; }
	[ "${rss:-999999}" -lt 204800 ] || bad=1
	rm -f big.db
}

run() {  # run NAME COMMAND...  (stdin: the endless stream)
	local name=$1; shift
	/usr/bin/time -v -o time.out "$@" 2>err.out >/dev/null && rc=0 || rc=$?
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.out)
	msg=$(head -1 err.out | cut -c1-90)
	printf '%-22s %4s %8s  %s\n' "$name" "$rc" "$rss" "$msg"
	case $msg in *"record longer than"*|*"more than"*" fields"*) ;; *) bad=1 ;; esac
	[ "${rss:-999999}" -lt 65536 ] || bad=1
}
printf '%-22s %4s %8s  %s\n' CASE EXIT MAX-RSS-KB MESSAGE
if [ "${ROTA_MEM_BIG:-2}" != 0 ]; then
	big_import "${ROTA_MEM_BIG:-2}"
fi
run "import /dev/zero" "$import" -d z.db /dev/zero < /dev/null
"$gen" a | run "import letters" "$import" -d z.db -
"$gen" comma | run "import commas" "$import" -d z.db -
"$gen" quote | run "import quotes" "$import" -d z.db -
"$gen" a | run "import latin1" "$import" --encoding latin1 -d z.db -
"$gen" line | run "staff letters" "$staff" --aht 3m --sl 80/20s -
exit $bad
