# Prepares the three real series of bench/forecast.sh, the same numbers for rota and for R.
#   python3 forecast-prep.py DATA_DIR WORK_DIR WEEKS ORIGINS
# DATA_DIR is ../shared/data (README there); WEEKS is the training window every method
# gets at every origin; ORIGINS the number of weekly forecast origins (the last ones).
#
# For each series NAME it writes into WORK_DIR:
#   NAME.grid.csv   interval_start,count on rota's regular grid (every slot of every day),
#                   the history rota-forecast reads (sliced per origin by forecast.sh)
#   NAME.r.csv      t,y,scored: the regular series R's seasonal methods need, and whether a
#                   slot counts in the score
#   NAME.origins    one line per origin: R index of its first target, grid row of the
#                   origin, origin timestamp
#   NAME.hours      (only where there are closed hours) the calendar of rota.yaml that
#                   holds its opening hours
# and series.txt: NAME interval slots_per_day daily_period weekly_period (R periods).
#
# Timestamps are written with Z although every source is local wall-clock time: rota reads
# them with --tz UTC, so its slots are the wall-clock slots of the source and a DST change
# (there is none inside the bank's open hours or Taylor's 12 summer weeks) cannot shift a
# daily cycle.
import csv
import datetime as dt
import gzip
import os
import sys

data, work, weeks, norigins = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
series_lines = []


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def write(name, interval, start, slot_min, grid, rform, daily, weekly, hours="-"):
    """grid: counts per slot from start; rform: list of (grid_index, y, scored) in R's
    series order; the series must end on a week boundary (a Monday 00:00)."""
    step = dt.timedelta(minutes=slot_min)
    spd = 1440 // slot_min
    assert len(grid) % (7 * spd) == 0
    with open(os.path.join(work, name + ".grid.csv"), "w") as f:
        f.write("interval_start,count\n")
        for i, v in enumerate(grid):
            f.write("%s,%d\n" % (iso(start + i * step), v))
    with open(os.path.join(work, name + ".r.csv"), "w") as f:
        f.write("t,y,scored\n")
        for gi, y, sc in rform:
            f.write("%s,%d,%d\n" % (iso(start + gi * step), y, sc))
    # Origins: the last NORIGINS Mondays 00:00 whose week lies wholly in the data, each
    # with WEEKS whole weeks of history before it.
    nweeks = len(grid) // (7 * spd)
    first = nweeks - norigins
    if first < weeks:
        sys.exit("forecast-prep: %s has %d weeks: too short for %d origins after %d weeks "
                 "of training" % (name, nweeks, norigins, weeks))
    rindex = {gi: k for k, (gi, _, _) in enumerate(rform)}
    with open(os.path.join(work, name + ".origins"), "w") as f:
        for w in range(first, nweeks):
            g = w * 7 * spd
            r = next(rindex[x] for x in range(g, g + 7 * spd) if x in rindex)
            if r < weeks * weekly:
                sys.exit("forecast-prep: %s: origin %s has too little R history" % (name, iso(start + g * step)))
            f.write("%d %d %s\n" % (r, g, iso(start + g * step)))
    series_lines.append("%s %s %d %d %d" % (name, interval, spd, daily, weekly))
    if hours != "-":
        with open(os.path.join(work, name + ".hours"), "w") as f:
            f.write(hours + "\n")


# (a) bank_calls: 5-minute counts, weekdays, bins 07:00 .. 21:00 (169 a day), wall-clock.
# Hourly: hours 07..20 are 14 whole hours; the lone 21:00-21:05 bin (0.3% of calls) is
# dropped rather than made a 15th, 5-minute "hour".  Nights and weekends are closed.
#   R sees only the open hours, 14 a day, 70 a week (daily period 14, weekly 70), the
#   regular series its seasonal methods need; zeros for closed hours would force periods
#   24/168 on a series that is 58% structural zeros and break dshw's multiplicative fit.
#   rota sees the full hourly grid with zeros for closed hours (what it reads in practice:
#   zero-filled) and is told the opening hours (--hours bank, a calendar of rota.yaml), so
#   they are structural zeros to it.  Both are scored on the open hours only.
#   Six weekdays are missing (holidays: 2003-04-04, 04-07, 05-26, 07-04, 09-01, 10-14).
#   Either tool would fit a holiday's zeros as a collapse of demand, and R's series must
#   not lose a day (its weekly cycle would slip by a day), so both get the same weekday
#   of the week before in its place, and such a day is never scored.
cnt = {}
with open(os.path.join(data, "forecast", "bank_calls.csv"), newline="") as f:
    for row in csv.DictReader(f):
        t = dt.datetime.strptime(row["DateTime"][:16], "%Y-%m-%dT%H:%M")
        if 7 <= t.hour <= 20:
            k = (t.date(), t.hour)
            cnt[k] = cnt.get(k, 0) + int(row["Calls"])
days = sorted({d for d, _ in cnt})
d0, d1 = days[0], days[-1]
assert d0.weekday() == 0
end = d1 + dt.timedelta(days=7 - d1.weekday())         # the Monday after the last day
ndays = (end - d0).days
grid = [0] * (ndays * 24)
rform = []
imputed = set()
for di in range(ndays):
    d = d0 + dt.timedelta(days=di)
    if d.weekday() >= 5:
        continue
    src = d
    while (src, 7) not in cnt:
        src -= dt.timedelta(days=7)
        imputed.add(d)
    for h in range(7, 21):
        v = cnt[(src, h)]
        grid[di * 24 + h] = v
        rform.append((di * 24 + h, v, 0 if d in imputed else 1))
write("bank", "1h", dt.datetime.combine(d0, dt.time()), 60, grid, rform, 14, 70, "bank")
print("bank: %d hours on rota's grid, %d open hours for R, %d weekdays imputed (%s)"
      % (len(grid), len(rform), len(imputed), " ".join(str(d) for d in sorted(imputed))))

# (b) taylor: half-hourly electricity demand, 12 weeks from Monday 2000-06-05 00:00 (all
# in British Summer Time: no DST change inside).  Every slot is open and scored.
with open(os.path.join(data, "forecast", "taylor.csv"), newline="") as f:
    vals = [int(round(float(r["x"]))) for r in csv.DictReader(f)]
write("taylor", "30m", dt.datetime(2000, 6, 5), 30, vals,
      [(i, v, 1) for i, v in enumerate(vals)], 48, 336)
print("taylor: %d half-hours" % len(vals))

# (c) incident log: one arrival per incident `number` at its first (earliest) opened_at,
# d/m/yyyy HH:MM local.  Arrivals run from Monday 2016-02-29 to 2016-05-31 and then
# all but stop (a few dozen a month): the series is the 13 whole weeks 2016-02-29 ..
# 2016-05-29.  Open around the clock; quiet hours are real zeros, scored like any hour.
first = {}
with gzip.open(os.path.join(data, "tickets", "incident_event_log.csv.gz"), "rt", newline="") as f:
    for row in csv.DictReader(f):
        t = dt.datetime.strptime(row["opened_at"], "%d/%m/%Y %H:%M")
        n = row["number"]
        if n not in first or t < first[n]:
            first[n] = t
start = dt.datetime(2016, 2, 29)
nh = 13 * 7 * 24
grid = [0] * nh
for t in first.values():
    h = int((t - start).total_seconds() // 3600)
    if 0 <= h < nh:
        grid[h] += 1
write("incidents", "1h", start, 60, grid, [(i, v, 1) for i, v in enumerate(grid)], 24, 168)
print("incidents: %d hours, %d of %d incidents" % (nh, sum(grid), len(first)))

with open(os.path.join(work, "rota.yaml"), "w") as f:
    f.write('tz: UTC\ncalendars:\n  bank: { tz: UTC, hours: { mon-fri: "07:00-21:00" } }\n')
with open(os.path.join(work, "series.txt"), "w") as f:
    f.write("\n".join(series_lines) + "\n")
