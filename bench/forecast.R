# The peer of bench/forecast.sh: R's forecast package on one prepared series, at every
# origin, from the same training window rota gets.
#   Rscript forecast.R WORK NAME DAILY WEEKLY WEEKS TIMEOUT METHODS
# reads WORK/NAME.r.csv and WORK/NAME.origins (bench/forecast-prep.py), writes
#   WORK/NAME.R.fc.csv    origin,method,t,mean,lo80,hi80,lo95,hi95 (NA: no interval)
#   WORK/NAME.R.time.csv  origin,method,seconds,cpu,status (elapsed and CPU seconds)
# METHODS: comma-separated among snaive,dshw,tbats,stlf.  TIMEOUT bounds one fit and
# forecast in CPU seconds (and elapsed time at three times that, for a loaded machine):
# a fit that runs over is recorded as "timeout", and that method is not tried again on
# later origins of this series.
suppressPackageStartupMessages(library(forecast))
a <- commandArgs(trailingOnly = TRUE)
work <- a[1]; name <- a[2]
daily <- as.integer(a[3]); weekly <- as.integer(a[4]); weeks <- as.integer(a[5])
timeout <- as.numeric(a[6]); methods <- strsplit(a[7], ",")[[1]]

d <- read.csv(file.path(work, paste0(name, ".r.csv")), stringsAsFactors = FALSE)
o <- read.table(file.path(work, paste0(name, ".origins")), stringsAsFactors = FALSE)
h <- weekly                 # 7 days ahead is one weekly period in R's series
lv <- c(80, 95)

# Each method as a practitioner calls it on a double-seasonal series: defaults, with
# the two periods given.  tbats runs on one core (use.parallel = FALSE), as every other
# method and rota's per-series timing do.
fit <- list(
  snaive = function(y) snaive(ts(y, frequency = weekly), h = h, level = lv),
  # dshw is Taylor's multiplicative double-seasonal Holt-Winters: it refuses series
  # with zeros (the incident log's quiet hours).  It is then fitted to y + 1 and its
  # forecast shifted back, the usual workaround; it gives no prediction intervals.
  dshw = function(y) {
    if (min(y) > 0) return(dshw(y, period1 = daily, period2 = weekly, h = h))
    f <- dshw(y + 1, period1 = daily, period2 = weekly, h = h)
    f$mean <- f$mean - 1
    f
  },
  tbats = function(y) forecast(tbats(msts(y, seasonal.periods = c(daily, weekly)),
                                     use.parallel = FALSE), h = h, level = lv),
  # With several seasonal periods stlf decomposes by mstl, then forecasts the
  # seasonally adjusted series by ETS and adds the last seasonal cycles back.
  stlf = function(y) stlf(msts(y, seasonal.periods = c(daily, weekly)), h = h, level = lv)
)

col <- function(f, which, k) {
  if (is.null(f[[which]])) return(rep(NA_real_, h))
  m <- as.matrix(f[[which]])
  if (ncol(m) < k) rep(NA_real_, h) else as.numeric(m[, k])
}

# CPU seconds a running child has used so far (Linux /proc; 100 ticks a second)
child_cpu <- function(pid) {
  st <- tryCatch(scan(sprintf("/proc/%d/stat", pid), what = "", quiet = TRUE),
                 error = function(e) NULL, warning = function(w) NULL)
  if (length(st) < 15) 0 else (as.numeric(st[14]) + as.numeric(st[15])) / 100
}

fc_rows <- list(); tm_rows <- list(); dead <- character(0)
for (i in seq_len(nrow(o))) {
  r <- o[i, 1]                          # 0-based index of the first target
  origin <- o[i, 3]
  y <- d$y[(r - weeks * weekly + 1):r]   # the WEEKS weeks before the origin
  tt <- d$t[(r + 1):(r + h)]
  for (m in methods) {
    if (m %in% dead) {
      tm_rows[[length(tm_rows) + 1]] <- data.frame(origin = origin, method = m, seconds = NA,
                                                   cpu = NA, status = "skipped")
      next
    }
    status <- "ok"
    p0 <- proc.time()
    # The fit runs in a forked child that is killed at the bound: setTimeLimit() is not
    # checked inside tbats' compiled inner loops (a fit ran for 40 minutes past it).
    # the child times itself: its CPU time reaches our proc.time() only when it is
    # reaped, which mccollect leaves to a later call
    job <- parallel::mcparallel({
      c0 <- proc.time()
      r <- tryCatch(fit[[m]](y), error = function(e) e)
      c1 <- proc.time() - c0
      list(r, c1[["user.self"]] + c1[["sys.self"]])
    })
    f <- NULL
    cpu <- 0
    repeat {
      got <- parallel::mccollect(job, wait = FALSE, timeout = 1)
      if (!is.null(got)) { f <- got[[1]][[1]]; cpu <- got[[1]][[2]]; break }
      cpu <- child_cpu(job$pid)
      if (cpu > timeout || (proc.time() - p0)[["elapsed"]] > 3 * timeout) {
        tools::pskill(job$pid); suppressWarnings(parallel::mccollect(job, wait = TRUE))
        status <- "timeout"; break
      }
    }
    if (inherits(f, "error")) {
      status <- paste("error:", gsub("[\r\n,]", " ", conditionMessage(f))); f <- NULL
    }
    secs <- (proc.time() - p0)[["elapsed"]]
    if (status == "timeout") dead <- c(dead, m)
    tm_rows[[length(tm_rows) + 1]] <- data.frame(origin = origin, method = m, seconds = secs,
                                                 cpu = cpu, status = status)
    cat(sprintf("  R %-6s %-10s origin %s: %7.2f s (CPU %7.2f s) %s\n", m, name, origin,
                secs, cpu, status), file = stderr())
    if (is.null(f)) next
    # Counts are never negative: R's forecasts and bounds are cut at zero, as a user
    # of them would, so that the comparison is not won on a trivial clamp.
    z <- function(v) pmax(v, 0)
    fc_rows[[length(fc_rows) + 1]] <- data.frame(
      origin = origin, method = m, t = tt, mean = z(as.numeric(f$mean)),
      lo80 = z(col(f, "lower", 1)), hi80 = z(col(f, "upper", 1)),
      lo95 = z(col(f, "lower", 2)), hi95 = z(col(f, "upper", 2)))
  }
}
write.csv(do.call(rbind, fc_rows), file.path(work, paste0(name, ".R.fc.csv")),
          row.names = FALSE, quote = FALSE, na = "")
write.csv(do.call(rbind, tm_rows), file.path(work, paste0(name, ".R.time.csv")),
          row.names = FALSE, quote = FALSE, na = "")
