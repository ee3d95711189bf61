#!/usr/bin/env python3
"""nrp-check.py: an independent check of a roster against a Shift Scheduling Benchmark
instance, with the benchmark's own semantics (bench/nrp_instance.py), not rota's.

  bench/nrp-check.py [--start DATE] [--brief] INSTANCE.txt ROSTER.csv

ROSTER.csv is what rota-roster writes (agent,date,shift,start,end,breaks; day 0 is DATE,
default 2026-01-05 as bench/nrp2rota uses).  Prints every broken hard rule (rule, agent,
detail), then the objective and its parts; --brief prints one line instead:
"ok OBJECTIVE" or "broken N OBJECTIVE".  Exit 0 when every hard rule holds, 1 when one is
broken, 2 on unreadable input."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nrp_instance as nrp  # noqa: E402


def main(argv):
    opt, files = nrp.args(argv, "nrp-check.py [--start DATE] [--brief] INSTANCE.txt ROSTER.csv",
                          {"--start": nrp.DEFAULT_START}, ("--brief",), (2, 2))
    start, brief = opt["--start"], opt["--brief"]
    inst = nrp.read(files[0])
    roster, probs = nrp.read_roster(inst, files[1], start)
    probs += nrp.violations(inst, roster)
    obj, parts = nrp.objective(inst, roster)
    if brief:
        print("ok %d" % obj if not probs else "broken %d %d" % (len(probs), obj))
    else:
        for rule, who, what in probs:
            print("%s,%s,%s" % (rule, who, what))
        print("%s: %d shifts, hard rules %s; objective %d (on requests %d, off requests %d, "
              "under %d, over %d)" % (inst.name, sum(len(a) for a in roster.values()),
                                      "hold" if not probs else "broken %d times" % len(probs),
                                      obj, parts["on"], parts["off"], parts["under"], parts["over"]))
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
