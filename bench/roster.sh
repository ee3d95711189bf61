#!/bin/sh
# rota-roster on the Shift Scheduling Benchmark (Curtois and Qu), Instance1-12 of
# ../shared/data/roster: each instance converted by bench/nrp2rota (bench/nrp2rota.c, built
# with the commands), solved by rota-roster
# under a time limit, its roster checked by bench/nrp-check.py's rules (not rota's), and
# plain GLPK (glpsol on the compact model bench/nrp.mod) run beside it under the same limit
# (one core each, on a 2-core machine).  Prints per instance: best known, rota's objective,
# gap, seconds to the first roster, rota's bound, whether every hard rule holds, and
# glpsol's figures; then the totals against the targets (all feasible, Instance1-4
# optimal, mean gap <= 3%).  Asserts nothing.
#   sh bench/roster.sh [--quick] [--instances LIST] [--limit SECS] [--serial] [--keep DIR]
#     --quick            Instance1-4, 20 s each
#     --instances LIST   e.g. 1-4,7 or Instance9 (default 1-12)
#     --limit SECS       time limit per instance and solver (default 60)
#     --serial           run glpsol after rota-roster instead of beside it
#     --keep DIR         keep the configs, rosters and logs there
#   ROSTER_DATA=DIR      the instances (default ../shared/data/roster beside the tree,
#                        else /work/shared/data/roster)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
prog=$(rota_cmd rota-roster) || exit 2
conv=$(rota_bench_prog nrp2rota) || exit 2
command -v python3 >/dev/null || { echo "roster.sh: python3 is needed" >&2; exit 2; }
list=1-12
limit=60
extra=
while [ $# -gt 0 ]; do
	case $1 in
	--quick) list=1-4; limit=20 ;;
	--instances) list=${2:?}; shift ;;
	--limit) limit=${2:?}; shift ;;
	--serial) extra="$extra --serial" ;;
	--keep) extra="$extra --keep ${2:?}"; shift ;;
	*) echo "usage: sh bench/roster.sh [--quick] [--instances LIST] [--limit SECS] [--serial] [--keep DIR]" >&2
	   exit 2 ;;
	esac
	shift
done
data=${ROSTER_DATA:-}
if [ -z "$data" ]; then
	for d in "$top/../shared/data/roster" "$top/../../shared/data/roster" /work/shared/data/roster; do
		[ -f "$d/Instance1.txt" ] && { data=$d; break; }
	done
fi
[ -n "$data" ] && [ -f "$data/Instance1.txt" ] || { echo "roster.sh: no instances: set ROSTER_DATA" >&2; exit 2; }
glpsol=glpsol
command -v glpsol >/dev/null || { echo "roster.sh: no glpsol (Debian: glpk-utils): no GLPK peer" >&2; glpsol=none; }

files=
for item in $(echo "$list" | tr ',' ' '); do
	item=${item#Instance}
	case $item in
	*-*) i=${item%-*}; j=${item#*-} ;;
	*) i=$item; j=$item ;;
	esac
	while [ "$i" -le "$j" ]; do
		[ -f "$data/Instance$i.txt" ] || { echo "roster.sh: no $data/Instance$i.txt" >&2; exit 2; }
		files="$files $data/Instance$i.txt"
		i=$((i + 1))
	done
done
echo "rota-roster ($prog) vs glpsol on bench/nrp.mod; $(nproc 2>/dev/null || echo '?') cores; $(date -u +%Y-%m-%dT%H:%MZ)"
# shellcheck disable=SC2086
exec python3 "$top/bench/nrp-bench.py" --roster "$prog" --nrp2rota "$conv" --limit "$limit" --glpsol "$glpsol" $extra $files
