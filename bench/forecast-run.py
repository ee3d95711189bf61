# rota's side of bench/forecast.sh: rota-forecast once per origin and model on a CSV of
# exactly the training window R gets, timed one run at a time.
#   python3 forecast-run.py WORK NAME INTERVAL SLOTS_PER_DAY WEEKS MODELS ROTA-FORECAST [OPTION...]
# OPTIONs are passed to every run (the config, opening hours).  Writes
#   WORK/NAME.rota.MODEL.oK.csv  the command's output for origin K (1-based)
#   WORK/NAME.rota.time.csv      origin,method,seconds,cpu,status
# Seconds are elapsed (process start to exit), CPU seconds the child's user + system time
# from wait4 (microseconds; the shell's `times` counts in 10 ms ticks, too coarse here).
import os
import subprocess
import sys
import time

work, name, interval, spd, weeks, models = sys.argv[1:7]
cmd = sys.argv[7:]
rows = int(weeks) * 7 * int(spd)

with open(os.path.join(work, name + ".grid.csv")) as f:
    grid = f.readlines()
origins = [ln.split() for ln in open(os.path.join(work, name + ".origins")) if ln.strip()]
window = os.path.join(work, name + ".window.csv")
times = [("origin", "method", "seconds", "cpu", "status")]
for k, (_, gi, origin) in enumerate(origins, 1):
    gi = int(gi)
    with open(window, "w") as f:          # the header, then grid rows gi-rows .. gi-1
        f.write(grid[0])
        f.writelines(grid[1 + gi - rows:1 + gi])
    for m in models.split(","):
        out = os.path.join(work, "%s.rota.%s.o%d.csv" % (name, m, k))
        with open(out, "w") as fo, open(os.path.join(work, "err"), "w+") as fe:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd + ["--input", window, "--interval", interval, "--horizon", "7d",
                                        "--model", m, "--tz", "UTC", "--format", "csv"],
                                 stdin=subprocess.DEVNULL, stdout=fo, stderr=fe)
            _, st, ru = os.wait4(p.pid, 0)
            secs = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(st)
            fe.seek(0)
            err = fe.readline().strip().replace(",", " ")
        status = "ok" if p.returncode == 0 else "error %d: %s" % (p.returncode, err)
        if status != "ok":
            print("  rota %s %s origin %s: %s" % (m, name, origin, status), file=sys.stderr)
        times.append((origin, m, "%.4f" % secs, "%.4f" % (ru.ru_utime + ru.ru_stime), status))
with open(os.path.join(work, name + ".rota.time.csv"), "w") as f:
    f.write("".join(",".join(t) + "\n" for t in times))
