# Shared by the bench's NRP scripts (nrp-check.py, nrp-greedy.py, nrp-data.py, nrp-gen.py):
# a reader of the Shift Scheduling Benchmark format (Curtois and Qu; described in
# ../shared/data/README.md, roster/) and the benchmark's own rule semantics, written once
# here so that the checker and the peers cannot drift apart.  The converter that rota-roster
# is fed by is bench/nrp2rota.c, a reader of its own in C (bench/nrp.c): the checker's
# verdict on rota's rosters does not rest on the code that made rota's input.
import datetime
import sys

DEFAULT_START = "2026-01-05"   # a Monday: the benchmark's day 0 is a Monday


class Staff:
    def __init__(self, sid, max_shifts, max_min, min_min, max_cons, min_cons, min_off, max_we):
        self.id = sid
        self.max_shifts = max_shifts      # shift id -> count (a type not named: no limit)
        self.max_min, self.min_min = max_min, min_min
        self.max_cons, self.min_cons = max_cons, min_cons
        self.min_off, self.max_we = min_off, max_we
        self.days_off = set()


class Instance:
    def __init__(self):
        self.name = ""
        self.days = 0
        self.shifts = []          # ids, in file order
        self.length = {}          # shift id -> minutes
        self.cannot_follow = {}   # shift id -> set of ids that may not come the next day
        self.staff = []           # Staff, in file order
        self.on = []              # (staff, day, shift, weight)
        self.off = []
        self.cover = []           # (day, shift, req, under, over)

    def staff_by_id(self):
        return {s.id: s for s in self.staff}


def _fail(path, lineno, msg):
    sys.stderr.write("%s:%d: %s\n" % (path, lineno, msg))
    sys.exit(2)


def read(path):
    inst = Instance()
    inst.name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    section = None
    by_id = {}
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("SECTION_"):
                section = line
                continue
            p = [x.strip() for x in line.split(",")]
            try:
                if section == "SECTION_HORIZON":
                    inst.days = int(p[0])
                elif section == "SECTION_SHIFTS":
                    sid = p[0]
                    inst.shifts.append(sid)
                    inst.length[sid] = int(p[1])
                    inst.cannot_follow[sid] = set(x for x in (p[2] if len(p) > 2 else "").split("|") if x)
                elif section == "SECTION_STAFF":
                    ms = {}
                    for kv in p[1].split("|"):
                        if kv:
                            k, v = kv.split("=")
                            ms[k] = int(v)
                    s = Staff(p[0], ms, int(p[2]), int(p[3]), int(p[4]), int(p[5]), int(p[6]), int(p[7]))
                    inst.staff.append(s)
                    by_id[s.id] = s
                elif section == "SECTION_DAYS_OFF":
                    by_id[p[0]].days_off.update(int(x) for x in p[1:] if x != "")
                elif section == "SECTION_SHIFT_ON_REQUESTS":
                    inst.on.append((p[0], int(p[1]), p[2], int(p[3])))
                elif section == "SECTION_SHIFT_OFF_REQUESTS":
                    inst.off.append((p[0], int(p[1]), p[2], int(p[3])))
                elif section == "SECTION_COVER":
                    inst.cover.append((int(p[0]), p[1], int(p[2]), int(p[3]), int(p[4])))
                else:
                    _fail(path, lineno, "data outside a known section")
            except (ValueError, IndexError, KeyError) as e:
                _fail(path, lineno, "cannot read '%s' in %s (%s)" % (line, section, e))
    for s in inst.staff:
        for k in s.max_shifts:
            if k not in inst.length:
                _fail(path, 0, "staff %s: max shifts names unknown shift %s" % (s.id, k))
    for sid, cf in inst.cannot_follow.items():
        for k in cf:
            if k not in inst.length:
                _fail(path, 0, "shift %s: cannot follow names unknown shift %s" % (sid, k))
    return inst


def date_of(start, day):
    return (datetime.date.fromisoformat(start) + datetime.timedelta(days=day)).isoformat()


def day_of(start, date):
    return (datetime.date.fromisoformat(date) - datetime.date.fromisoformat(start)).days


def runs(worked, days):
    """Maximal runs of equal values in worked[0..days-1]: (value, first, length)."""
    out = []
    d = 0
    while d < days:
        e = d
        while e + 1 < days and worked[e + 1] == worked[d]:
            e += 1
        out.append((worked[d], d, e - d + 1))
        d = e + 1
    return out


def violations(inst, roster):
    """Hard-rule violations of roster (staff id -> {day: shift}), with the benchmark's
    semantics: the days before and after the horizon are off for the maximum run of shifts;
    a run of shifts or of days off that touches either edge is never too short.
    Returns a list of (rule, staff, detail)."""
    v = []
    H = inst.days
    for s in inst.staff:
        a = roster.get(s.id, {})
        for d, t in a.items():
            if d in s.days_off:
                v.append(("days_off", s.id, "day %d" % d))
            if t in inst.cannot_follow and a.get(d + 1) in inst.cannot_follow[t]:
                v.append(("cannot_follow", s.id, "%s on day %d then %s on day %d" % (t, d, a[d + 1], d + 1)))
        for t in inst.shifts:
            n = sum(1 for x in a.values() if x == t)
            if t in s.max_shifts and n > s.max_shifts[t]:
                v.append(("max_shifts", s.id, "%d %s shifts, at most %d" % (n, t, s.max_shifts[t])))
        mins = sum(inst.length[x] for x in a.values())
        if mins > s.max_min:
            v.append(("max_minutes", s.id, "%d minutes, at most %d" % (mins, s.max_min)))
        if mins < s.min_min:
            v.append(("min_minutes", s.id, "%d minutes, at least %d" % (mins, s.min_min)))
        worked = [d in a for d in range(H)]
        for w, first, n in runs(worked, H):
            edge = first == 0 or first + n == H
            if w and n > s.max_cons:
                v.append(("max_consecutive", s.id, "%d shifts from day %d, at most %d" % (n, first, s.max_cons)))
            if w and n < s.min_cons and not edge:
                v.append(("min_consecutive", s.id, "%d shifts from day %d, at least %d" % (n, first, s.min_cons)))
            if not w and n < s.min_off and not edge:
                v.append(("min_consecutive_off", s.id, "%d days off from day %d, at least %d" % (n, first, s.min_off)))
        we = sum(1 for k in range((H + 1) // 7 + 1)
                 if (7 * k + 5 < H and worked[7 * k + 5]) or (7 * k + 6 < H and worked[7 * k + 6]))
        if we > s.max_we:
            v.append(("max_weekends", s.id, "%d weekends, at most %d" % (we, s.max_we)))
    return v


def objective(inst, roster):
    """The benchmark objective and its parts (on requests, off requests, under, over)."""
    on = sum(w for (e, d, t, w) in inst.on if roster.get(e, {}).get(d) != t)
    off = sum(w for (e, d, t, w) in inst.off if roster.get(e, {}).get(d) == t)
    count = {}
    for e, a in roster.items():
        for d, t in a.items():
            count[(d, t)] = count.get((d, t), 0) + 1
    under = over = 0
    for (d, t, req, wu, wo) in inst.cover:
        n = count.get((d, t), 0)
        under += wu * max(0, req - n)
        over += wo * max(0, n - req)
    return on + off + under + over, {"on": on, "off": off, "under": under, "over": over}


def read_roster(inst, path, start):
    """A rota-roster CSV (agent,date,shift,start,end,breaks) as staff id -> {day: shift},
    and the problems found while reading it: (rule, staff, detail), the same shape as
    violations(): two shifts on a day, an unknown agent or shift, a date outside the
    horizon, a start/end that does not match the date and the shift's length."""
    import csv
    roster, probs = {}, []
    known = inst.staff_by_id()
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows, None)
        if head is None or head[:3] != ["agent", "date", "shift"]:
            sys.stderr.write("%s:1: expected the header agent,date,shift,start,end,breaks\n" % path)
            sys.exit(2)
        col = {k: i for i, k in enumerate(head)}
        for lineno, r in enumerate(rows, 2):
            if not r:
                continue
            e, date, t = r[0], r[1], r[2]
            try:
                d = day_of(start, date)
            except ValueError:
                sys.stderr.write("%s:%d: bad date '%s'\n" % (path, lineno, date))
                sys.exit(2)
            if e not in known:
                probs.append(("unknown_agent", e, "line %d" % lineno))
                continue
            if t not in inst.length:
                probs.append(("unknown_shift", e, "line %d: %s" % (lineno, t)))
                continue
            if not 0 <= d < inst.days:
                probs.append(("outside_horizon", e, "%s" % date))
                continue
            a = roster.setdefault(e, {})
            if d in a:
                probs.append(("one_shift_a_day", e, "day %d: %s and %s" % (d, a[d], t)))
                continue
            a[d] = t
            if "start" in col and "end" in col and r[col["start"]] and r[col["end"]]:
                try:
                    s0 = datetime.datetime.fromisoformat(r[col["start"]])
                    s1 = datetime.datetime.fromisoformat(r[col["end"]])
                except ValueError:
                    probs.append(("shift_times", e, "line %d: unreadable start/end" % lineno))
                    continue
                if s0.tzinfo is None or s1.tzinfo is None:
                    probs.append(("shift_times", e, "line %d: start/end without an offset" % lineno))
                elif s0.date().isoformat() != date or (s1 - s0).total_seconds() != 60 * inst.length[t]:
                    probs.append(("shift_times", e, "line %d: %s-%s is not a %d-minute %s on %s"
                                  % (lineno, r[col["start"]], r[col["end"]], inst.length[t], t, date)))
    return roster, probs


def starts(inst):
    """The start of each shift type in minutes after midnight, as bench/nrp2rota writes
    them: staggered through the day, every shift ending by 24:00 (so consecutive days never
    overlap and only cannot-follow limits what follows what)."""
    out = {}
    n = len(inst.shifts)
    for i, t in enumerate(inst.shifts):
        room = 1440 - inst.length[t]
        if room < 0:
            sys.stderr.write("%s: shift %s is longer than a day\n" % (inst.name, t))
            sys.exit(2)
        out[t] = (room * i // (n - 1)) // 30 * 30 if n > 1 else 0
    return out


def hhmm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def write_roster(inst, roster, start, f):
    """roster (staff id -> {day: shift}) in rota-roster's CSV shape, times in UTC."""
    st = starts(inst)
    f.write("agent,date,shift,start,end,breaks\n")
    for s in inst.staff:
        for d, t in sorted(roster.get(s.id, {}).items()):
            t0 = datetime.datetime.fromisoformat(date_of(start, d)) + datetime.timedelta(minutes=st[t])
            t1 = t0 + datetime.timedelta(minutes=inst.length[t])
            f.write("%s,%s,%s,%s+00:00,%s+00:00,\n" % (s.id, date_of(start, d), t,
                                                      t0.isoformat(), t1.isoformat()))


def args(argv, usage, values, flags=(), files=(1, 1)):
    """Options of the bench scripts: values maps each option that takes a value to its
    default; flags are options without one.  Returns (options, file arguments); a bad
    command line prints usage and exits 2."""
    opt = dict(values)
    for f in flags:
        opt[f] = False
    rest = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in values and i + 1 < len(argv):
            opt[a] = argv[i + 1]
            i += 2
            continue
        if a in flags:
            opt[a] = True
        elif a.startswith("-") and a != "-":
            rest = None
            break
        else:
            rest.append(a)
        i += 1
    if rest is None or not files[0] <= len(rest) <= files[1]:
        sys.stderr.write("usage: %s\n" % usage)
        sys.exit(2)
    return opt, rest
