#!/usr/bin/env python3
"""nrp-data.py: a Shift Scheduling Benchmark instance as MathProg data for bench/nrp.mod.

  bench/nrp-data.py [--start DATE] [--out ROSTER.csv] [--fix ROSTER.csv] INSTANCE.txt > INSTANCE.dat

--out names the roster glpsol writes; --fix fixes every shift to that roster's, so that
glpsol says whether it keeps the hard rules and what it costs (bench/nrp-selftest.py)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nrp_instance as nrp  # noqa: E402


def q(s):
    return "'" + s.replace("'", "''") + "'"


def main(argv):
    opt, (path,) = nrp.args(argv, "nrp-data.py [--start DATE] [--out ROSTER.csv] [--fix ROSTER.csv] "
                            "INSTANCE.txt", {"--start": nrp.DEFAULT_START, "--out": None, "--fix": None})
    start, out = opt["--start"], opt["--out"]
    inst = nrp.read(path)
    w = sys.stdout.write
    w("data;\nparam H := %d;\n" % inst.days)
    w("set I := %s;\n" % " ".join(q(s.id) for s in inst.staff))
    w("set T := %s;\n" % " ".join(q(t) for t in inst.shifts))
    w("param len := %s;\n" % " ".join("%s %d" % (q(t), inst.length[t]) for t in inst.shifts))
    w("set CF := %s;\n" % " ".join("(%s,%s)" % (q(t), q(u)) for t in inst.shifts
                                   for u in inst.shifts if u in inst.cannot_follow[t]))
    w("param maxs := %s;\n" % " ".join("%s %s %d" % (q(s.id), q(t), n) for s in inst.staff
                                       for t, n in s.max_shifts.items() if n < inst.days))
    for name, f in (("minmin", "min_min"), ("maxmin", "max_min"), ("maxc", "max_cons"),
                    ("minc", "min_cons"), ("mino", "min_off"), ("maxw", "max_we")):
        w("param %s := %s;\n" % (name, " ".join("%s %d" % (q(s.id), getattr(s, f)) for s in inst.staff)))
    w("set OFF := %s;\n" % " ".join("(%s,%d)" % (q(s.id), d) for s in inst.staff for d in sorted(s.days_off)))
    for sname, pname, reqs in (("ON", "onw", inst.on), ("OF", "ofw", inst.off)):
        # a request given twice counts twice in the benchmark: sum the weights
        acc = {}
        for (e, d, t, wt) in reqs:
            acc[(e, d, t)] = acc.get((e, d, t), 0) + wt
        w("set %s := %s;\n" % (sname, " ".join("(%s,%d,%s)" % (q(e), d, q(t)) for (e, d, t) in acc)))
        w("param %s := %s;\n" % (pname, " ".join("%s %d %s %d" % (q(e), d, q(t), v) for (e, d, t), v in acc.items())))
    w("set C := %s;\n" % " ".join("(%d,%s)" % (d, q(t)) for (d, t, _, _, _) in inst.cover))
    for pname, k in (("req", 2), ("wu", 3), ("wo", 4)):
        w("param %s := %s;\n" % (pname, " ".join("%d %s %d" % (c[0], q(c[1]), c[k]) for c in inst.cover)))
    w("param date := %s;\n" % " ".join("%d %s" % (d, q(nrp.date_of(start, d))) for d in range(inst.days)))
    if out:
        w("param out := %s;\n" % q(out))
    if opt["--fix"]:
        roster, probs = nrp.read_roster(inst, opt["--fix"], start)
        w("param fixed := 1;\nset FIX := %s;\n" % " ".join(
            "(%s,%d,%s)" % (q(e), d, q(t)) for e, a in roster.items() for d, t in a.items()))
    w("end;\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
