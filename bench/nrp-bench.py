#!/usr/bin/env python3
"""nrp-bench.py: the body of bench/roster.sh (run that).  For each instance: nrp2rota (the
build's bench/nrp2rota, written in C),
rota-roster under a time limit, nrp-check.py on its roster, and glpsol on bench/nrp.mod
under the same limit beside it (one core each), then one line of figures.

  nrp-bench.py --roster PROG --nrp2rota PROG [--limit SECS] [--serial] [--seed N]
               [--keep DIR] [--glpsol PROG|none] [--best best_known.csv] [--trace]
               INSTANCE.txt...

--trace also prints rota-roster's objective and bound over time (from its progress lines).

best_known.csv defaults to the one beside the first instance."""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import nrp_instance as nrp  # noqa: E402

NUM = r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"


def timed(argv, log, stdout_too=False):
    """Run argv; every line of its stderr (and stdout when stdout_too) goes to log with
    the seconds since the start.  Returns (exit status, [(seconds, line)], seconds)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE if stdout_too else subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace")
    lines = []
    lock = threading.Lock()

    def pump(stream):
        for line in stream:
            with lock:
                lines.append((time.monotonic() - t0, line.rstrip("\n")))

    th = [threading.Thread(target=pump, args=(p.stderr,))]
    if stdout_too:
        th.append(threading.Thread(target=pump, args=(p.stdout,)))
    for t in th:
        t.start()
    rc = p.wait()
    for t in th:
        t.join()
    dt = time.monotonic() - t0
    with open(log, "w") as f:
        for s, line in lines:
            f.write("%8.2f %s\n" % (s, line))
    return rc, lines, dt


def rota_progress(lines):
    """(seconds to the first roster, rota's own final objective, bound, [(seconds,
    objective, bound)]) from rota-roster -v's stderr: progress lines "PHASE 12.3s:
    objective X, bound Y, gap Z%", then the summary "objective X, best bound Y, ...
    (first roster after Fs)".  Without that summary, the first progress line with an
    objective gives the time to the first roster (by the wall clock of the line)."""
    first = obj = bound = None
    trace = []
    for s, line in lines:
        m = re.search(r"objective[ =:]+" + NUM, line)
        if m:
            if first is None:
                first = s
            obj = float(m.group(1))
        m = re.search(r"bound[ =:]+" + NUM, line)
        if m:
            bound = float(m.group(1))
            if abs(bound) > 1e300:        # -DBL_MAX: no bound yet
                bound = None
        m = re.search(r"first roster after " + NUM + "s", line)
        if m:
            first = float(m.group(1))
        m = re.search(r" " + NUM + r"s: objective " + NUM, line)
        if m:
            trace.append((float(m.group(1)), float(m.group(2)), bound))
    return first, obj, bound, trace


def glpk_progress(lines):
    first = obj = bound = None
    status = "none"
    for s, line in lines:
        m = re.match(r"\+\s*\d+: (?:mip =|>>>>>)\s+" + NUM + r"\s+>=\s+(?:" + NUM + r"|tree is empty)", line)
        if m:
            if first is None:
                first = s
            obj = float(m.group(1))
            bound = float(m.group(2)) if m.group(2) else obj
        m = re.match(r"nrp.mod objective " + NUM, line)
        if m and status != "none":
            obj = float(m.group(1))
        if "INTEGER OPTIMAL SOLUTION FOUND" in line:
            status = "optimal"
            if first is None:
                first = s
        elif "TIME LIMIT EXCEEDED" in line:
            status = "time limit"
        elif "NO INTEGER FEASIBLE" in line or "NO PRIMAL FEASIBLE" in line:
            status = "infeasible"
    if status == "optimal":
        bound = obj
    if status == "time limit" and first is None:
        obj = None
    return first, obj, bound, status


def check(path, roster_csv):
    """The independent verdict: (hard rules hold, broken count, benchmark objective)."""
    if not os.path.exists(roster_csv):
        return False, None, None
    inst = nrp.read(path)
    roster, probs = nrp.read_roster(inst, roster_csv, nrp.DEFAULT_START)
    probs += nrp.violations(inst, roster)
    return not probs, len(probs), nrp.objective(inst, roster)[0]


def print_trace(trace, limit):
    """The best objective by each checkpoint, and whether it ever got worse."""
    marks = [c for c in (1, 2, 5, 10, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600)
             if c < limit] + [limit]
    print("  %8s %12s %12s" % ("seconds", "objective", "bound"))
    for c in marks:
        seen = [x for x in trace if x[0] <= c]
        if seen:
            print("  %8g %12.0f %12s" % (c, min(x[1] for x in seen),
                                         fmt(seen[-1][2], "%.0f")))
        else:
            print("  %8g %12s %12s" % (c, "none yet", "-"))
    worse = sum(1 for a, b in zip(trace, trace[1:]) if b[1] > a[1] + 1e-9)
    print("  %d progress reports; the incumbent got worse %d times" % (len(trace), worse))


def fmt(x, f="%d"):
    return "-" if x is None else f % x


def main(argv):
    opt, paths = nrp.args(argv, "nrp-bench.py --roster PROG --nrp2rota PROG [--limit SECS] "
                          "[--serial] [--seed N] [--keep DIR] [--glpsol PROG|none] [--best FILE] "
                          "[--trace] INSTANCE.txt...",
                          {"--roster": None, "--nrp2rota": None, "--limit": "60", "--seed": "1",
                           "--keep": None, "--glpsol": "glpsol", "--best": None},
                          ("--serial", "--trace"), (1, 1000))
    if not opt["--roster"] or not opt["--nrp2rota"]:
        sys.stderr.write("nrp-bench.py: --roster PROG and --nrp2rota PROG are required\n")
        return 2
    limit = float(opt["--limit"])
    best = {}
    bk = opt["--best"] or os.path.join(os.path.dirname(os.path.abspath(paths[0])), "best_known.csv")
    if os.path.exists(bk):
        with open(bk, newline="") as f:
            for r in csv.DictReader(f):
                best[r["instance"]] = float(r["best_known"])
    work = opt["--keep"] or tempfile.mkdtemp(prefix="rota-bench-roster.")
    os.makedirs(work, exist_ok=True)
    glpsol = None if opt["--glpsol"] == "none" else opt["--glpsol"]
    print("%-11s %7s %7s %7s %6s %7s %-9s %8s | %7s %7s %6s %7s %-10s" % (
        "instance", "best", "rota", "gap%", "first", "bound", "hard", "rota-obj",
        "glpsol", "gap%", "first", "bound", "status"))
    rows = []
    for path in paths:
        name = os.path.basename(path).rsplit(".", 1)[0]
        yaml = os.path.join(work, name + ".yaml")
        out = os.path.join(work, name + "-rota.csv")
        gout = os.path.join(work, name + "-glpsol.csv")
        dat = os.path.join(work, name + ".dat")
        for f in (out, gout):
            if os.path.exists(f):
                os.remove(f)
        subprocess.run([opt["--nrp2rota"], "-o", yaml, path], check=True)
        if glpsol:
            with open(dat, "w") as f:
                subprocess.run([sys.executable, os.path.join(here, "nrp-data.py"), "--out", gout,
                                path], stdout=f, check=True)
        res = {}

        def run_rota():
            res["rota"] = timed([opt["--roster"], "-c", yaml, "--time-limit", "%gs" % limit,
                                 "--seed", opt["--seed"], "-v", "-o", out],
                                os.path.join(work, name + "-rota.log"))

        def run_glpk():
            res["glpk"] = timed([glpsol, "--math", os.path.join(here, "nrp.mod"), "-d", dat,
                                 "--tmlim", "%d" % max(1, round(limit))],
                                os.path.join(work, name + "-glpsol.log"), stdout_too=True)

        jobs = [run_rota] + ([run_glpk] if glpsol else [])
        if opt["--serial"]:
            for j in jobs:
                j()
        else:
            th = [threading.Thread(target=j) for j in jobs]
            for t in th:
                t.start()
            for t in th:
                t.join()
        rc, lines, dt = res["rota"]
        first, robj, rbound, _ = rota_progress(lines)
        ok, nbroken, obj = check(path, out)
        if rc not in (0,) and obj is None:
            hard = "exit %d" % rc
        else:
            hard = "hold" if ok else "BROKEN %d" % nbroken
        b = best.get(name)
        gap = None if obj is None or not b else 100.0 * (obj - b) / b
        g = (None, None, None, "-")
        gobj = None
        if glpsol:
            g = glpk_progress(res["glpk"][1])
            gok, _, gobj = check(path, gout) if g[1] is not None else (False, None, None)
            if g[1] is not None and not gok:
                g = g[:3] + (g[3] + " BROKEN",)
        ggap = None if gobj is None or not b else 100.0 * (gobj - b) / b
        print("%-11s %7s %7s %7s %6s %7s %-9s %8s | %7s %7s %6s %7s %-10s" % (
            name, fmt(b), fmt(obj), fmt(gap, "%.2f"), fmt(first, "%.1f"), fmt(rbound, "%.0f"), hard,
            fmt(robj, "%.0f"), fmt(gobj), fmt(ggap, "%.2f"), fmt(g[0], "%.1f"), fmt(g[2], "%.0f"), g[3]))
        sys.stdout.flush()
        if robj is not None and obj is not None and abs(robj - obj) > 1e-6 * max(1, abs(obj)):
            print("  note: rota-roster says objective %g, the checker computes %d" % (robj, obj))
        rows.append((name, b, obj, ok, gap, gobj, ggap))
        if opt["--trace"]:
            print_trace(rota_progress(lines)[3], limit)
    feas = sum(1 for r in rows if r[3])
    gaps = [r[4] for r in rows if r[4] is not None and r[3]]
    opt14 = [r for r in rows if r[0] in ("Instance1", "Instance2", "Instance3", "Instance4")]
    ggaps = [r[6] for r in rows if r[6] is not None]
    print()
    print("feasible (hard rules hold by nrp-check.py): %d of %d   target: all" % (feas, len(rows)))
    if opt14:
        print("Instance1-4 at best known (optimal): %d of %d   target: all"
              % (sum(1 for r in opt14 if r[3] and r[1] is not None and r[2] == r[1]), len(opt14)))
    if gaps:
        print("mean gap to best known: %.2f%% over %d feasible   target: <= 3%%"
              % (sum(gaps) / len(gaps), len(gaps)))
    if ggaps:
        print("glpsol on nrp.mod, same limit: mean gap %.2f%% over %d with a roster"
              % (sum(ggaps) / len(ggaps), len(ggaps)))
    if opt["--keep"]:
        print("time limit %gs each; configs, rosters and logs in %s" % (limit, work))
    else:
        print("time limit %gs each" % limit)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
