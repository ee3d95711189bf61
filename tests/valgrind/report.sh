#!/bin/sh
# After `make check-valgrind`: print every non-empty valgrind report, and fail if any.
# A run valgrind itself could not start for want of memory is counted apart: the
# hostile tests probe whether a command starts in 64 MB of address space (valgrind needs
# more) and run without the limit when it does not, as under AddressSanitizer.
#   tests/valgrind/report.sh LOGDIR
set -u
logs=$1
bad=0 runs=0 nomem=0
for f in "$logs"/*.log; do
	[ -f "$f" ] || continue
	runs=$((runs + 1))
	if grep -q "Valgrind's memory management: out of memory" "$f" &&
	   ! grep -q '^==[0-9]*== \(Invalid\|Conditional\|Use of uninit\|Syscall param\|Mismatched\|.*definitely lost\)' "$f"; then
		nomem=$((nomem + 1))
		echo "--- $f: valgrind ran out of memory under a limit the test set (not a finding)"
	elif [ -s "$f" ]; then
		bad=$((bad + 1))
		echo "--- $f"; head -n 60 "$f"
	fi
done
echo "valgrind: $runs command runs, $bad with errors or definite leaks, $nomem that valgrind could not run under a memory limit"
[ $bad = 0 ]
