#!/bin/bash
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"   # uses bash arrays and its time keyword
# Benchmark: rota-cal --batch against Perl's Business::Hours on the same random queries.
#
#   bench/cal.sh
#   N=1000000 BH_N=10000 BH_ADD_N=2000 SEED=2026 RUNS=3 bench/cal.sh
#
# rota-cal is found by bench/lib.sh: $ROTA_BIN, else _build/plain, else PATH.
#
# Prints operations per second (wall-clock and CPU) for `add` and `between` over N random
# queries (the best of RUNS runs), the same for Business::Hours (Debian:
# libbusiness-hours-perl) on the first BH_N / BH_ADD_N of those queries, the ratio, and
# how many answers disagree on that subset.
#
# Business::Hours knows no time zones (it uses the process's TZ), so the comparison
# calendar is UTC, Monday to Friday 09:00-18:00 (its default hours), no holidays.  Its
# semantics differ at two edges, mapped here so that answers can be compared:
#   - between(S, E) counts seconds S..E inclusive: rota's [t1, t2) is BH's (t1, t2 - 1);
#   - add_seconds(S, N) returns the (N+1)-th open second, so a target met exactly at
#     closing time lands next morning; rota's add(t, d) is BH's add_seconds(t, d-1) + 1.
# Its add_seconds expands every open second into a Perl list, hence the smaller BH_ADD_N.
# Its time is counted inside Perl around each call only; rota-cal's is the whole process
# (start-up, reading the calendar, parsing the query text and printing the answers).
# A second rota run on a Europe/Berlin calendar with split days and .ics holidays shows
# the cost of real zones (no peer has them).
set -eu
N=${N:-1000000}
BH_N=${BH_N:-10000}
BH_ADD_N=${BH_ADD_N:-2000}
SEED=${SEED:-2026}
RUNS=${RUNS:-3}
[ "$RUNS" -ge 1 ] 2>/dev/null || RUNS=1
here=$(cd "$(dirname "$0")/.." && pwd)

. "$here/bench/lib.sh"
rota_cal=$(rota_cmd rota-cal) || exit 2
"$rota_cal" --version >/dev/null ||
	{ echo "cal.sh: $rota_cal does not run" >&2; exit 2; }
perl -MBusiness::Hours -e 1 2>/dev/null ||
	{ echo "Business::Hours missing: apt-get install libbusiness-hours-perl" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-cal.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/rota.yaml" <<EOF
calendars:
  bench: { tz: UTC, hours: { mon-fri: "09:00-18:00" } }
  berlin:
    tz: Europe/Berlin
    hours: { mon-fri: "08:00-12:00,13:00-18:00", sat: "10:00-14:00" }
    overrides: { 2026-12-24: "09:00-12:00" }
    holidays: [ $here/tests/data/cal/de.ics, 2026-12-31 ]
EOF

# Queries over 2026: add 1 s to 40 business hours; between spans of up to three weeks.
# The .epoch files hold the same queries as integers for the Perl side.
SEED=$SEED N=$N perl -MPOSIX=strftime -e '
	srand($ENV{SEED});
	my $y0 = 1767225600;   # 2026-01-01T00:00:00Z
	open(my $a, ">", "'"$work"'/add.q"); open(my $ae, ">", "'"$work"'/add.epoch");
	open(my $b, ">", "'"$work"'/between.q"); open(my $be, ">", "'"$work"'/between.epoch");
	open(my $z, ">", "'"$work"'/berlin.q");
	for (1 .. $ENV{N}) {
		my $t = $y0 + int(rand(365 * 86400));
		my $d = 1 + int(rand(40 * 3600));
		my $s = strftime("%Y-%m-%dT%H:%M:%SZ", gmtime $t);
		print $a "add bench $s ${d}s\n"; print $ae "$t $d\n";
		print $z "add berlin $s ${d}s\n";
		my $t1 = $y0 + int(rand(365 * 86400));
		my $t2 = $t1 + int(rand(21 * 86400));
		print $b "between bench ", strftime("%Y-%m-%dT%H:%M:%SZ", gmtime $t1), " ",
		      strftime("%Y-%m-%dT%H:%M:%SZ", gmtime $t2), "\n";
		print $be "$t1 $t2\n";
	}'

# Wall-clock time, and CPU time (user + system) so that a busy machine does not skew
# the ratio: both sides are measured both ways.  bash's own `time` reads them to the
# millisecond; the best of RUNS runs counts, as a run of a fraction of a second is
# easily slowed by whatever else the machine does.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / (s > 0.001 ? s : 0.001) }'; }
TIMEFORMAT='%3R %3U %3S'

echo "rota-cal: $rota_cal ($("$rota_cal" --version | head -1)), best of $RUNS runs"
declare -A WALL CPU
for q in add between berlin; do
	best_wall="" best_cpu=""
	for ((run = 1; run <= RUNS; run++)); do
		{ time "$rota_cal" -c "$work/rota.yaml" --batch < "$work/$q.q" > "$work/$q.a" \
			2> "$work/$q.err"; } 2> "$work/$q.time" ||
			{ cat "$work/$q.err" >&2; exit 3; }
		read -r wall user sys < "$work/$q.time"
		cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
		best_wall=$(awk -v a="$wall" -v b="${best_wall:-$wall}" 'BEGIN { print (a < b ? a : b) }')
		best_cpu=$(awk -v a="$cpu" -v b="${best_cpu:-$cpu}" 'BEGIN { print (a < b ? a : b) }')
	done
	[ "$(wc -l < "$work/$q.a")" -eq "$N" ] ||
		{ echo "cal.sh: rota-cal gave $(wc -l < "$work/$q.a") answers to $N $q queries" >&2; exit 3; }
	WALL[$q]=$(rate "$N" "$best_wall")
	CPU[$q]=$(rate "$N" "$best_cpu")
	label=$q; [ "$q" = berlin ] && label="add (Europe/Berlin, split days, holidays)"
	printf 'rota-cal --batch %-42s %8d queries: %7.3f s wall = %9d ops/s; %7.3f s CPU = %9d ops/s\n' \
		"$label:" "$N" "$best_wall" "${WALL[$q]}" "$best_cpu" "${CPU[$q]}"
done

# Business::Hours on the first queries; its own time only (not reading files).
TZ=UTC perl -MBusiness::Hours -MTime::HiRes=time -MPOSIX=strftime -e '
	my ($dir, $nb, $na) = @ARGV;
	sub epoch { my ($s) = @_;   # rota prints 2026-03-30T10:00:00+00:00
		my ($Y, $M, $D, $h, $m, $x) = $s =~ /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\+00:00$/
			or die "unexpected answer $s";
		require Time::Local; return Time::Local::timegm($x, $m, $h, $D, $M - 1, $Y); }
	for my $op (["add", $na], ["between", $nb]) {
		my ($name, $n) = @$op;
		open(my $q, "<", "$dir/$name.epoch") or die; open(my $a, "<", "$dir/$name.a") or die;
		my ($spent, $cpu, $done, $differ) = (0, 0, 0, 0);
		while ($done < $n and defined(my $l = <$q>)) {
			my ($x, $y) = split " ", $l; my $ans = <$a>; chomp $ans;
			my $bh = Business::Hours->new; my ($got, $want);
			my $t0 = time; my @c0 = times;
			if ($name eq "add") {
				$got = $bh->add_seconds($x, $y - 1); $got += 1 if $got >= 0;
			} else {
				if ($y > $x) { $bh->for_timespan(Start => $x, End => $y);
				               $got = $bh->between($x, $y - 1); } else { $got = 0; }
			}
			my @c1 = times;
			$spent += time - $t0; $cpu += $c1[0] + $c1[1] - $c0[0] - $c0[1];
			$want = $name eq "add" ? epoch($ans) : $ans;
			$differ++ if $got != $want;
			$done++;
		}
		$cpu = 0.01 if $cpu < 0.01;
		printf "Business::Hours %-43s %8d queries: %7.3f s wall = %9d ops/s; %7.3f s CPU = %9d ops/s\n",
		       "$name:", $done, $spent, $done / $spent, $cpu, $done / $cpu;
		printf "Business::Hours %-43s %d of %d answers differ from rota-cal\n", "$name:",
		       $differ, $done;
		open(my $o, ">", "$dir/bh.$name") or die;
		printf $o "%.0f %.0f\n", $done / $spent, $done / $cpu;
	}' "$work" "$BH_N" "$BH_ADD_N"

for q in add between; do
	read -r bhwall bhcpu < "$work/bh.$q"
	printf 'ratio %-8s rota-cal / Business::Hours = %.0fx wall-clock, %.0fx CPU (ops/s against ops/s)\n' "$q:" \
		"$(awk -v a="${WALL[$q]}" -v b="$bhwall" 'BEGIN { print a / b }')" \
		"$(awk -v a="${CPU[$q]}" -v b="$bhcpu" 'BEGIN { print a / b }')"
done
