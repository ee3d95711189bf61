#!/usr/bin/env python3
"""nrp-selftest.py: bench/nrp-check.py against an independent judge.  Starting from a
feasible roster (bench/nrp-greedy.py), random edits (a shift added, removed or changed on
1-3 agent-days) are checked twice: by nrp-check.py's rules, and by glpsol on bench/nrp.mod
with every shift fixed to the edited roster (infeasible exactly when a hard rule breaks;
else its objective is the roster's).  Prints the agreement; exit 1 on any disagreement.

  bench/nrp-selftest.py [--edits N] [--seed N] INSTANCE.txt..."""
import os
import random
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import nrp_instance as nrp  # noqa: E402


def glpk_verdict(inst_path, roster_csv, tmp):
    dat = os.path.join(tmp, "fix.dat")
    with open(dat, "w") as f:
        subprocess.run([sys.executable, os.path.join(here, "nrp-data.py"), "--out",
                        os.path.join(tmp, "glpk.csv"), "--fix", roster_csv, inst_path],
                       stdout=f, check=True)
    r = subprocess.run(["glpsol", "--math", os.path.join(here, "nrp.mod"), "-d", dat],
                       capture_output=True, text=True)
    if "NO PRIMAL FEASIBLE" in r.stdout or "NO INTEGER FEASIBLE" in r.stdout:
        return False, None
    m = re.findall(r"nrp.mod objective (\S+)", r.stdout)
    if "INTEGER OPTIMAL" not in r.stdout or not m:
        sys.stderr.write(r.stdout[-2000:])
        raise SystemExit("nrp-selftest: glpsol gave no verdict")
    return True, round(float(m[-1]))


def main(argv):
    opt, paths = nrp.args(argv, "nrp-selftest.py [--edits N] [--seed N] INSTANCE.txt...",
                          {"--edits": "40", "--seed": "1"}, (), (1, 1000))
    edits, seed = int(opt["--edits"]), int(opt["--seed"])
    rnd = random.Random(seed)
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            inst = nrp.read(path)
            base = os.path.join(tmp, "greedy.csv")
            with open(base, "w") as f:
                subprocess.run([sys.executable, os.path.join(here, "nrp-greedy.py"), path],
                               stdout=f, stderr=subprocess.DEVNULL, check=True)
            roster0, _ = nrp.read_roster(inst, base, nrp.DEFAULT_START)
            agree = feas = 0
            rules = {}
            for k in range(edits + 1):
                roster = {e: dict(a) for e, a in roster0.items()}
                for _ in range(0 if k == 0 else rnd.randint(1, 3)):
                    s = rnd.choice(inst.staff)
                    d = rnd.randrange(inst.days)
                    t = rnd.choice(inst.shifts + [None])
                    a = roster.setdefault(s.id, {})
                    a.pop(d, None)
                    if t is not None:
                        a[d] = t
                csv = os.path.join(tmp, "edit.csv")
                with open(csv, "w") as f:
                    nrp.write_roster(inst, roster, nrp.DEFAULT_START, f)
                r2, probs = nrp.read_roster(inst, csv, nrp.DEFAULT_START)
                probs += nrp.violations(inst, r2)
                obj = nrp.objective(inst, r2)[0]
                ok, gobj = glpk_verdict(path, csv, tmp)
                for rule, _, _ in probs:
                    rules[rule] = rules.get(rule, 0) + 1
                if ok == (not probs) and (not ok or gobj == obj):
                    agree += 1
                else:
                    bad += 1
                    print("DISAGREE %s edit %d: checker %s objective %d, glpsol %s %s"
                          % (inst.name, k, "ok" if not probs else probs, obj,
                             "feasible" if ok else "infeasible", gobj))
                feas += ok
            print("%s: checker and glpsol agree on %d of %d rosters (%d feasible); rules "
                  "caught: %s" % (inst.name, agree, edits + 1, feas,
                                  ", ".join("%s %d" % kv for kv in sorted(rules.items())) or "none"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
