#!/bin/sh
# rota-staff speed: Erlang C agent searches per second (the library, one interval each) at
# typical and large loads, 100,000 intervals at 5,000 Erlangs (library and the whole
# command, CSV in and out), and the same search in straightforward Python on the same
# inputs as the peer.  Prints figures; asserts nothing.
#   sh bench/staff.sh     (rota-staff and librota found by bench/lib.sh: $ROTA_BIN,
#                          _build/plain, PATH)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
real=$(rota_cmd rota-staff) || exit 2
command -v python3 >/dev/null || { echo "staff.sh: python3 is needed for the peer" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rota-bench-staff.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# ---- the library: rota_erlang_c_staff on loads spread around each typical value ----
cat > "$tmp/bench.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <rota/erlang.h>

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Loads a (1 + k/100 * 0.2) for k = 0..99 above a, the way a day's intervals vary. */
static void
run(double a, long n, const char *what)
{
	rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
	rota_erlang_perf p;
	rota_error e;
	long sum = 0;
	t.sl = 0.8;
	t.sl_time = 20;
	double t0 = now();
	for (long i = 0; i < n; i++) {
		if (rota_erlang_c_staff(a * (1 + (double)(i % 100) * 2e-3), 180, &t, &p, &e) != 0)
			exit(1);
		sum += p.agents;
	}
	double dt = now() - t0;
	printf("%-34s %10.0f intervals/s  (%.3f us each; %ld intervals in %.3f s; agents sum %ld)\n",
	       what, (double)n / dt, dt / (double)n * 1e6, n, dt, sum);
}

int
main(void)
{
	run(10, 2000000, "library, ~10 Erlangs:");
	run(50, 2000000, "library, ~50 Erlangs:");
	run(100, 1000000, "library, ~100 Erlangs:");
	run(5000, 100000, "library, 100,000 x ~5,000 Erlangs:");
	run(50000, 10000, "library, ~50,000 Erlangs:");
	return 0;
}
EOF
# shellcheck disable=SC2046
cc -O2 "$tmp/bench.c" -o "$tmp/bench" $(rota_lib_flags) -lm
echo "== rota (C library), Erlang C, 80/20, AHT 180 s"
"$tmp/bench" | tee "$tmp/c.txt"

# ---- the whole command: 100,000 half-hour intervals at ~5,000 Erlangs, CSV to CSV ----
python3 - "$tmp/big.csv" <<'EOF'
import sys, datetime
t0 = datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc)
with open(sys.argv[1], "w") as f:
    f.write("interval_start,queue,forecast\n")
    for i in range(100000):
        t = t0 + datetime.timedelta(minutes=30 * i)
        # 5,000 Erlangs at AHT 180 s over 30 minutes is 50,000 calls, +-10%
        f.write("%s,support,%.1f\n" % (t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                      50000 * (0.9 + 0.2 * ((i * 7919) % 1000) / 1000)))
EOF
echo
echo "== rota-staff (the command), 100,000 intervals at ~5,000 Erlangs, CSV in and out"
start=$(date +%s.%N)
"$real" --aht 180s --sl 80/20s < "$tmp/big.csv" > "$tmp/out.csv"
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('rota-staff: %d rows in %.3f s (%.0f rows/s)' % (100000, s, 100000/s))" "$start" "$end"

# ---- the peer: the same search, written plainly in Python ----
cat > "$tmp/peer.py" <<'EOF'
# Erlang C agent search as a careful Python programmer writes it: the stable Erlang B
# recursion up to floor(a)+1, then one agent at a time until 80/20 is met.
import math, sys, time

def staff(a, aht=180.0, target=0.8, t=20.0):
    n = int(math.floor(a)) + 1
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    while True:
        rho = a / n
        c = b / (1 - rho * (1 - b))
        sl = 1 - c * math.exp(-(n - a) * t / aht)
        if sl >= target:
            return n
        n += 1
        b = a * b / (n + a * b)

def run(a, n, what):
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += staff(a * (1 + (i % 100) * 2e-3))
    dt = time.perf_counter() - t0
    print("%-34s %10.0f intervals/s  (%.3f us each; %d intervals in %.3f s; agents sum %d)"
          % (what, n / dt, dt / n * 1e6, n, dt, s))

run(10, 200000, "python, ~10 Erlangs:")
run(50, 100000, "python, ~50 Erlangs:")
run(100, 50000, "python, ~100 Erlangs:")
run(5000, 1000, "python, 1,000 x ~5,000 Erlangs:")
run(50000, 100, "python, ~50,000 Erlangs:")
EOF
echo
echo "== peer: straightforward Python Erlang C (fewer intervals: the rates compare)"
python3 "$tmp/peer.py" | tee "$tmp/py.txt"

# Same inputs (every run covers whole cycles of the 100 loads) must give the same agents.
echo
echo "== ratio (rota / python, intervals per second) and agreement (mean agents per interval)"
paste "$tmp/c.txt" "$tmp/py.txt" | python3 -c '
import re, sys
for line in sys.stdin:
    c, p = line.rstrip("\n").split("\t")
    rc = float(re.search(r"([0-9.]+) intervals/s", c).group(1))
    rp = float(re.search(r"([0-9.]+) intervals/s", p).group(1))
    nc, sc = map(int, re.search(r"; (\d+) intervals in .*agents sum (\d+)", c).groups())
    np_, sp = map(int, re.search(r"; (\d+) intervals in .*agents sum (\d+)", p).groups())
    load = re.search(r"~?([0-9,]+) Erlangs", c).group(1)
    print("~%-7s Erlangs: %7.0fx faster; mean agents rota %.3f, python %.3f"
          % (load, rc / rp, sc / nc, sp / np_))
'
