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
# and fails when a case is not stopped by the limit or peaks at 64 MB or more.
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
run "import /dev/zero" "$import" -d z.db /dev/zero < /dev/null
"$gen" a | run "import letters" "$import" -d z.db -
"$gen" comma | run "import commas" "$import" -d z.db -
"$gen" quote | run "import quotes" "$import" -d z.db -
"$gen" a | run "import latin1" "$import" --encoding latin1 -d z.db -
"$gen" line | run "staff letters" "$staff" --aht 3m --sl 80/20s -
exit $bad
