#!/bin/sh
# After `make check-valgrind`: print every non-empty valgrind report, and fail if any.
#   tests/valgrind/report.sh LOGDIR
set -u
logs=$1
bad=0 runs=0
for f in "$logs"/*.log; do
	[ -f "$f" ] || continue
	runs=$((runs + 1))
	if [ -s "$f" ]; then
		bad=$((bad + 1))
		echo "--- $f"; head -n 60 "$f"
	fi
done
echo "valgrind: $runs command runs, $bad with errors or definite leaks"
[ $bad = 0 ]
