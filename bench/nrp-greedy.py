#!/usr/bin/env python3
"""nrp-greedy.py: a feasible roster for a Shift Scheduling Benchmark instance without any
solver, to test bench/nrp-check.py before rota-roster exists and as a floor to compare with.

  bench/nrp-greedy.py [--start DATE] [--beam N] [--passes N] INSTANCE.txt > ROSTER.csv

Every hard rule concerns one agent, so agents are planned one at a time: a beam search over
the days finds a cheap pattern that keeps all of that agent's rules, the others' shifts
fixed (the cost of a shift is what it changes in cover and requests).  Passes over all
agents repeat while the objective falls.  Prints the objective of each pass on stderr."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nrp_instance as nrp  # noqa: E402


def plan_agent(inst, s, count, cover, on, off, beam, costs=True):
    """The cheapest pattern found for s, count[(d, t)] being the others' shifts; with
    costs false, any pattern that keeps the rules (the beam ordered by pace alone)."""
    H = inst.days
    # types the agent may not work are left out, and only caps below the horizon are
    # counted: fewer distinct states, so that the beam keeps variety where it matters
    T = [t for t in inst.shifts if s.max_shifts.get(t, H) > 0]
    capped = [t for t in T if s.max_shifts.get(t, H) < H]
    maxlen = max(inst.length.values())

    def gain(d, t):
        if not costs:
            return 0
        c = 0
        cv = cover.get((d, t))
        if cv:
            req, wu, wo = cv
            c += -wu if count.get((d, t), 0) < req else wo
        return c - on.get((s.id, d, t), 0) + off.get((s.id, d, t), 0)

    # state: (last shift or None, run length (+ worked, - off), run started on day 0,
    #         minutes, weekends, per-type counts) -> (cost, pattern)
    states = {(None, 0, True, 0, 0, tuple(0 for _ in capped)): (0, ())}
    for d in range(H):
        nxt = {}
        weekend_day = d % 7 in (5, 6)
        left = H - d - 1
        for (last, run, edge, mins, we, cnt), (cost, pat) in states.items():
            # a day off
            if run > 0 and run < s.min_cons and not edge:
                pass                      # that would end a too-short block of shifts
            else:
                nrun, nedge = (run - 1, edge) if run < 0 else (-1, False)
                if run == 0:
                    nedge = True
                if mins + left * maxlen >= s.min_min:
                    k = (None, nrun, nedge, mins, we, cnt)
                    if k not in nxt or nxt[k][0] > cost:
                        nxt[k] = (cost, pat + (None,))
            if d in s.days_off:
                continue
            if run < 0 and -run < s.min_off and not edge:
                continue                  # would end a too-short block of days off
            if run > 0 and run + 1 > s.max_cons:
                continue
            nrun, nedge = (run + 1, edge) if run > 0 else (1, run == 0)
            nwe = we + (1 if weekend_day and (d % 7 == 5 or run <= 0) else 0)
            if nwe > s.max_we:
                continue
            for t in T:
                if mins + inst.length[t] > s.max_min:
                    continue
                if last is not None and t in inst.cannot_follow[last]:
                    continue
                nc = cnt
                if t in capped:
                    j = capped.index(t)
                    if cnt[j] + 1 > s.max_shifts[t]:
                        continue
                    nc = cnt[:j] + (cnt[j] + 1,) + cnt[j + 1:]
                k = (t, nrun, nedge, mins + inst.length[t], nwe, nc)
                c = cost + gain(d, t)
                if k not in nxt or nxt[k][0] > c:
                    nxt[k] = (c, pat + (t,))
        if len(nxt) > beam:
            # cheapest first, but a state behind the pace that the minimum minutes ask
            # for (aiming midway to the maximum) pays for it here: else cheap idle states
            # fill the beam and all die later
            pace = (s.min_min + s.max_min) / 2 * (d + 1) / H

            def key(kv):
                return kv[1][0] + 1000.0 * max(0.0, pace - kv[0][3]) / maxlen
            nxt = dict(sorted(nxt.items(), key=key)[:beam])
        states = nxt
    best = None
    for (last, run, edge, mins, we, cnt), (cost, pat) in states.items():
        if mins >= s.min_min and (best is None or cost < best[0]):
            best = (cost, pat)
    if best is None:
        return None
    return {d: t for d, t in enumerate(best[1]) if t is not None}


def main(argv):
    opt, (path,) = nrp.args(argv, "nrp-greedy.py [--start DATE] [--beam N] [--passes N] INSTANCE.txt",
                            {"--start": nrp.DEFAULT_START, "--beam": "2000", "--passes": "10"})
    start, beam, passes = opt["--start"], int(opt["--beam"]), int(opt["--passes"])
    inst = nrp.read(path)
    cover = {(d, t): (req, wu, wo) for (d, t, req, wu, wo) in inst.cover}
    on, off = {}, {}
    for (e, d, t, w) in inst.on:
        on[(e, d, t)] = on.get((e, d, t), 0) + w
    for (e, d, t, w) in inst.off:
        off[(e, d, t)] = off.get((e, d, t), 0) + w
    roster = {s.id: {} for s in inst.staff}
    count = {}
    best = None
    for p in range(passes):
        for s in inst.staff:
            for d, t in roster[s.id].items():
                count[(d, t)] -= 1
            old = roster[s.id]
            new = plan_agent(inst, s, count, cover, on, off, beam)
            if new is None:               # the costs led the beam astray: rules alone, wider
                new = plan_agent(inst, s, count, cover, on, off, 10 * beam, costs=False)
            if new is None:
                sys.stderr.write("nrp-greedy: no pattern found for %s (try a larger --beam)\n" % s.id)
                return 3
            if p > 0:
                cur = nrp.objective(inst, roster)[0]
                roster[s.id] = new
                if nrp.objective(inst, roster)[0] > cur:
                    new = old             # the beam missed the current pattern: keep it
            roster[s.id] = new
            for d, t in new.items():
                count[(d, t)] = count.get((d, t), 0) + 1
        obj = nrp.objective(inst, roster)[0]
        sys.stderr.write("nrp-greedy: pass %d objective %d\n" % (p + 1, obj))
        if best is not None and obj >= best:
            break
        best = obj
    nrp.write_roster(inst, roster, start, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
