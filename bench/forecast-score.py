# The one scorer of bench/forecast.sh: R's forecasts and rota's, the same targets, the same
# scale.   python3 forecast-score.py WORK WEEKS ROTA_MODELS R_METHODS
# (models comma-separated; either list may be empty).  Reads what forecast-prep.py,
# forecast.R and forecast.sh wrote into WORK; prints the tables and the targets.
#
# Per origin: MASE = mean |forecast - actual| over the scored target slots of its 7 days,
# divided by the in-sample MAE of the weekly seasonal naive forecast on that origin's
# training window (the WEEKS weeks every method was given: y[t] - y[t - week] for the last
# WEEKS - 1 weeks of it).  A method's MASE on a series is the mean over its origins.
# Coverage pools every scored target of every origin.  Seconds are per fit: one series,
# one origin, fitted and forecast 7 days (R: inside R, without its start-up; rota: the
# whole command, start-up and CSV included), as elapsed and as CPU time; the speed target
# compares CPU time, which other work on a shared machine does not inflate.
import csv
import datetime as dt
import os
import sys

work, weeks = sys.argv[1], int(sys.argv[2])
rota_models = [m for m in sys.argv[3].split(",") if m]
r_methods = [m for m in sys.argv[4].split(",") if m]


def key(s):
    """Timestamp text to epoch seconds, whatever offset form it is written in."""
    t = dt.datetime.fromisoformat(s.strip().replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return int(t.timestamp())


def num(s):
    return float(s) if s not in ("", "NA", "nan", "NaN") else None


series = [ln.split() for ln in open(os.path.join(work, "series.txt")) if ln.strip()]
names = [s[0] for s in series]
methods = ["rota:" + m for m in rota_models] + ["R:" + m for m in r_methods]
res = {}          # (series, method) -> dict
notes = []

for name, interval, spd, daily, weekly in series:
    weekly = int(weekly)
    rows = list(csv.DictReader(open(os.path.join(work, name + ".r.csv"))))
    ts = [key(r["t"]) for r in rows]
    y = [float(r["y"]) for r in rows]
    scored = [r["scored"] == "1" for r in rows]
    origins = [ln.split() for ln in open(os.path.join(work, name + ".origins")) if ln.strip()]
    targets, scale = {}, {}
    for ri, _, o in origins:
        ri = int(ri)
        targets[o] = [(ts[j], y[j]) for j in range(ri, ri + weekly) if scored[j]]
        lo = ri - weeks * weekly
        e = [abs(y[j] - y[j - weekly]) for j in range(lo + weekly, ri)]
        scale[o] = sum(e) / len(e)

    fc, secs, cpus, status = {}, {}, {}, {}
    # R: one file of all forecasts, one of timings
    p = os.path.join(work, name + ".R.fc.csv")
    if r_methods and os.path.exists(p) and os.path.getsize(p) > 0:
        for r in csv.DictReader(open(p)):
            fc.setdefault(("R:" + r["method"], r["origin"]), {})[key(r["t"])] = \
                tuple(num(r[c]) for c in ("mean", "lo80", "hi80", "lo95", "hi95"))
    # rota: its own output CSV per model and origin
    for m in rota_models:
        for k, (_, _, o) in enumerate(origins, 1):
            p = os.path.join(work, "%s.rota.%s.o%d.csv" % (name, m, k))
            if not os.path.exists(p):
                continue
            d = fc.setdefault(("rota:" + m, o), {})
            for r in csv.DictReader(open(p)):
                d[key(r["interval_start"])] = tuple(num(r[c]) for c in ("forecast", "lo80", "hi80", "lo95", "hi95"))
    for who, fn in (("R", name + ".R.time.csv"), ("rota", name + ".rota.time.csv")):
        p = os.path.join(work, fn)
        if os.path.exists(p) and os.path.getsize(p) > 0:
            for r in csv.DictReader(open(p)):
                mk = who + ":" + r["method"]
                if r["seconds"] not in ("", "NA"):
                    secs.setdefault(mk, []).append(float(r["seconds"]))
                    if r.get("cpu") not in (None, "", "NA"):
                        cpus.setdefault(mk, []).append(float(r["cpu"]))
                if r["status"] != "ok":
                    status.setdefault(mk, set()).add(r["status"])

    for m in methods:
        mases, n80, n95, ni, ae, act = [], 0, 0, 0, 0.0, 0.0
        missing = 0
        for _, _, o in origins:
            f = fc.get((m, o))
            if not f:
                continue
            errs = []
            for t, a in targets[o]:
                v = f.get(t)
                if v is None or v[0] is None:
                    missing += 1
                    continue
                errs.append(abs(v[0] - a))
                ae += abs(v[0] - a)
                act += a
                if None not in v[1:]:
                    ni += 1
                    n80 += v[1] <= a <= v[2]
                    n95 += v[3] <= a <= v[4]
            if errs:
                mases.append(sum(errs) / len(errs) / scale[o])
        if missing:
            notes.append("%s on %s: %d target slots without a forecast" % (m, name, missing))
        s, c = secs.get(m, []), cpus.get(m, [])
        res[(name, m)] = {
            "mase": sum(mases) / len(mases) if mases else None,
            "n": len(mases), "of": len(origins),
            "wape": ae / act if act else None,
            "c80": n80 / ni if ni else None, "c95": n95 / ni if ni else None,
            "sec": sum(s) / len(s) if s else None,
            "cpu": sum(c) / len(c) if c else None,
            "status": ",".join(sorted(status.get(m, []))),
        }


def cell(name, m, what, fmt):
    r = res.get((name, m))
    st = r["status"] if r else ""
    if r is None or r[what] is None:
        return "timed out" if "timeout" in st else ("failed" if st else "-")
    s = fmt % r[what]
    if what in ("sec", "cpu") and "timeout" in st:
        s = ">" + s             # a fit stopped at the bound took at least that long
    if what == "mase" and r["n"] < r["of"]:
        s += " (%d/%d)" % (r["n"], r["of"])
    return s


def table(title, what, fmt):
    print("\n%s" % title)
    print("%-14s" % "method" + "".join("%16s" % n for n in names))
    for m in methods:
        print("%-14s" % m + "".join("%16s" % cell(n, m, what, fmt) for n in names))


origin_count = {n: res[(n, methods[0])]["of"] for n in names} if methods else {}
print("series: " + ", ".join("%s (%s, %d origins)" % (s[0], s[1], origin_count.get(s[0], 0))
                             for s in series)
      + "; training window %d weeks at every origin, horizon 7 days" % weeks)
table("MASE (lower is better; scaled by the weekly seasonal naive in-sample MAE)", "mase", "%.3f")
table("WAPE", "wape", "%.3f")
for n in names:
    for m in methods:
        r = res[(n, m)]
        for c in ("c80", "c95"):
            if r[c] is not None:
                r[c] *= 100
table("80% interval coverage, % of scored slots (target 75-85%)", "c80", "%.1f")
table("95% interval coverage, % of scored slots", "c95", "%.1f")
table("seconds per fit (one series, one origin: fit + 7-day forecast), elapsed", "sec", "%.3f")
table("CPU seconds per fit", "cpu", "%.3f")
for n in notes:
    print("note: " + n)


def val(n, m, w="mase"):
    r = res.get((n, m))
    return None if r is None else r[w]


print("\ntargets")
auto = "rota:auto"
naive = "R:snaive" if "R:snaive" in methods else "rota:snaive"
if auto in methods and naive in methods:
    line = []
    ok = True
    for n in names:
        a, s = val(n, auto), val(n, naive)
        if a is None or s is None:
            line.append("%s -" % n)
            ok = False
            continue
        gain = 1 - a / s
        ok = ok and gain >= 0.10
        line.append("%s %.1f%%" % (n, 100 * gain))
    print("  auto vs seasonal naive (%s), MASE lower by (target >= 10%% on every series): %s: %s"
          % (naive, "; ".join(line), "yes" if ok else "NO"))
if auto in methods and r_methods:
    wins, line = 0, []
    for n in names:
        rs = [(val(n, "R:" + m), m) for m in r_methods if val(n, "R:" + m) is not None]
        a = val(n, auto)
        if not rs or a is None:
            line.append("%s -" % n)
            continue
        b, bm = min(rs)
        wins += a <= b
        line.append("%s auto %.3f vs R %s %.3f" % (n, a, bm, b))
    print("  auto <= best R method (target: on >= 2 of 3): %s: %d of %d: %s"
          % ("; ".join(line), wins, len(names), "yes" if wins >= 2 else "NO"))
if auto in methods:
    line, ok = [], True
    for n in names:
        c = val(n, auto, "c80")
        if c is None:
            line.append("%s -" % n)
            ok = False
            continue
        ok = ok and 75 <= c <= 85
        line.append("%s %.1f%%" % (n, c))
    print("  auto 80%% interval coverage (target 75-85%%): %s: %s" % ("; ".join(line), "yes" if ok else "NO"))
if auto in methods and "R:tbats" in methods:
    line, ok = [], True
    for n in names:
        a, t = val(n, auto, "cpu"), val(n, "R:tbats", "cpu")
        ae, te = val(n, auto, "sec"), val(n, "R:tbats", "sec")
        if a is None or t is None:
            line.append("%s -" % n)
            ok = False
            continue
        a = max(a, 0.001)             # below the clock's resolution
        ok = ok and t / a >= 50
        gt = ">" if "timeout" in res[(n, "R:tbats")]["status"] else ""
        line.append("%s %s%.0fx (%s%.2f s vs %.3f s; elapsed %s%.0fx)"
                    % (n, gt, t / a, gt, t, a, gt, te / max(ae, 0.001)))
    print("  R tbats / rota auto, CPU seconds per fit (target >= 50x): %s: %s"
          % ("; ".join(line), "yes" if ok else "NO"))
