# rota-cal: business-time arithmetic.  The calendars are in tests/data/cal/rota.yaml,
# copied here so that messages name ./rota.yaml.
$ cp "$TD"/cal/* .

# The famous cases.  Friday 17:00 + 1h on Mon-Fri 09-17 is Monday 10:00 (after the
# clocks went forward on Sunday).
$ rota-cal add office 2026-03-27T17:00:00+01:00 1h
2026-03-30T10:00:00+02:00
# A 4h target started Saturday 22:00 on a 24/7 calendar is due at 03:00+02:00: the
# night loses its 02:00 hour.
$ rota-cal add always '2026-03-28 22:00' 4h
2026-03-29T03:00:00+02:00
$ rota-cal add always 2026-03-28T22:00:00+01:00 PT4H
2026-03-29T03:00:00+02:00
# A holiday on the next Monday moves it to Tuesday.
$ rota-cal add office-hol 2026-03-27T17:00:00+01:00 1h
2026-03-31T10:00:00+02:00
$ rota-cal days office-hol 2026-03-27 2026-03-31
date,open_seconds,holiday
2026-03-27,28800,
2026-03-28,0,
2026-03-29,0,
2026-03-30,0,Brückentag
2026-03-31,28800,

# A target met exactly at closing is due at closing, not next morning.
$ rota-cal add office 2026-03-30T09:00:00+02:00 8h
2026-03-30T17:00:00+02:00
$ rota-cal add office 2026-03-27T16:59:59+01:00 2s
2026-03-30T09:00:01+02:00
# Adding nothing at a closed time gives the time itself.
$ rota-cal add office 2026-03-28T12:00:00+01:00 0s
2026-03-28T12:00:00+01:00

# between: [T1, T2), negative backwards; real seconds on a 24/7 calendar.
$ rota-cal between office 2026-03-27T17:00:00+01:00 2026-03-30T10:00:00+02:00
3600
$ rota-cal between office 2026-03-30T10:00:00+02:00 2026-03-27T17:00:00+01:00
-3600
$ rota-cal between always 2026-03-29 2026-03-30
82800
$ rota-cal between always 2026-10-25 2026-10-26
90000
# 261 weekdays of 8 h in 2026; 26089 in the 21st century.
$ rota-cal between office 2026-01-01 2027-01-01
7516800
$ rota-cal between office 2000-01-01 2100-01-01
751363200

# next-open and next-close: the time itself when already open / closed.
$ rota-cal next-open office '2026-03-27 17:00'
2026-03-30T09:00:00+02:00
$ rota-cal next-open office '2026-03-27 16:00'
2026-03-27T16:00:00+01:00
$ rota-cal next-open office-hol 2026-03-28
2026-03-31T09:00:00+02:00
$ rota-cal next-close office '2026-03-27 12:00'
2026-03-27T17:00:00+01:00
$ rota-cal next-close split '2026-12-22 09:30'
2026-12-22T12:00:00+01:00
$ rota-cal next-close office '2026-03-28 12:00'
2026-03-28T12:00:00+01:00

# Wall-clock ranges: 00:00-03:00 is 2 real hours on a spring-forward night, 4 on a
# fall-back night.
$ rota-cal days nights 2026-03-28 2026-03-30
date,open_seconds,holiday
2026-03-28,10800,
2026-03-29,7200,
2026-03-30,10800,
$ rota-cal days nights 2026-10-24 2026-10-26 --format json
{"date":"2026-10-24","open_seconds":10800,"holiday":null}
{"date":"2026-10-25","open_seconds":14400,"holiday":null}
{"date":"2026-10-26","open_seconds":10800,"holiday":null}
$ rota-cal add nights 2026-10-25T00:00:00+02:00 3h
2026-10-25T02:00:00+01:00
# Sao Paulo fell back at midnight: 2019-02-16 had 23:00-24:00 twice.
$ rota-cal days saopaulo 2019-02-15 2019-02-17
date,open_seconds,holiday
2019-02-15,86400,
2019-02-16,90000,
2019-02-17,86400,
# Lord Howe changes by 30 minutes.
$ rota-cal days lordhowe 2026-04-04 2026-04-06 --format text
date        day  open      holiday
2026-04-04  Sat  24h
2026-04-05  Sun  24h30m
2026-04-06  Mon  24h

# Split days, Saturday mornings, a short Dec 24, an empty override on Dec 31, German
# holidays from an .ics file (RRULE), an unnamed holiday date.
$ rota-cal days split 2026-12-23 2027-01-02 --format text
date        day  open      holiday
2026-12-23  Wed  9h
2026-12-24  Thu  3h
2026-12-25  Fri  0s        Weihnachten
2026-12-26  Sat  0s        Weihnachten
2026-12-27  Sun  0s
2026-12-28  Mon  0s        holiday
2026-12-29  Tue  9h
2026-12-30  Wed  9h
2026-12-31  Thu  0s
2027-01-01  Fri  0s        Neujahr
2027-01-02  Sat  4h
$ rota-cal add split '2026-12-23 17:00' 5h
2026-12-29T09:00:00+01:00
# US holidays: Thanksgiving (4th Thursday, two days) from an RRULE with DURATION.
$ rota-cal days newyork 2026-11-25 2026-11-28 --format json
{"date":"2026-11-25","open_seconds":28800,"holiday":null}
{"date":"2026-11-26","open_seconds":0,"holiday":"Thanksgiving"}
{"date":"2026-11-27","open_seconds":0,"holiday":"Thanksgiving"}
{"date":"2026-11-28","open_seconds":0,"holiday":null}

# --tz: naive times are read, and instants printed, in another zone.
$ rota-cal --tz Asia/Tokyo add office 2026-03-27T17:00:00+01:00 1h
2026-03-30T17:00:00+09:00
$ rota-cal --tz UTC next-open office '2026-03-28 12:00'
2026-03-30T07:00:00+00:00

# -o writes atomically; a failed run leaves no file.
$ rota-cal -o out.csv days office 2026-01-01 2026-01-02 && cat out.csv
date,open_seconds,holiday
2026-01-01,28800,
2026-01-02,28800,
$ rota-cal -o out2.csv add nope 2026-01-01 1h; test -e out2.csv || echo absent
absent
! rota-cal: unknown calendar 'nope': rota.yaml defines office, office-hol, always, split, nights, newyork, saopaulo, lordhowe, closed

# --batch: one answer line a query line; blank and comment lines give empty lines.
$ printf '%s\n' 'add office 2026-03-27T17:00:00+01:00 1h' '' '# comment' \
>   'between always "2026-10-25 00:00" 2026-10-26' 'next-open office-hol 2026-03-28' \
>   "next-close office '2026-03-27 12:00'" | rota-cal --batch
2026-03-30T10:00:00+02:00
\
\
90000
2026-03-31T09:00:00+02:00
2026-03-27T17:00:00+01:00
# The last line needs no newline; an empty input gives no answer.
$ printf 'add office 2026-03-27T17:00:00+01:00 1h\nbetween office 2026-03-27 2026-03-28' | rota-cal --batch
2026-03-30T10:00:00+02:00
28800
$ rota-cal --batch < /dev/null | wc -c
0
# The first bad line stops the run with its line and column ...
$ printf '%s\n' 'add office 2026-03-27T17:00:00+01:00 1h' 'add office 2026-13-01T00:00 1h' \
>   'between office 2026-01-01 2026-01-02' | rota-cal --batch
2026-03-30T10:00:00+02:00
! rota-cal: <stdin>:2:17: invalid time '2026-13-01T00:00': month 13 is out of range (01-12)
? 2
# ... and with --keep-going every bad line answers with an empty line.
$ printf '%s\n' 'add office 2026-13-01T00:00 1h' 'between office 2026-01-01 2026-01-02' \
>   '   add  nope 2026-01-01 1h' 'add office "2026-01-01' 'add office 2026-01-01 1h x' \
>   'days office 2026-01-01 2026-01-02' 'add office 2026-01-01 -1h' 'add always 2026-01-01 1h' \
>   | rota-cal --batch --keep-going
\
28800
\
\
\
\
\
2026-01-01T01:00:00+01:00
! rota-cal: <stdin>:1:17: invalid time '2026-13-01T00:00': month 13 is out of range (01-12)
! rota-cal: <stdin>:3:9: unknown calendar 'nope': rota.yaml defines office, office-hol, always, split, nights, newyork, saopaulo, lordhowe, closed
! rota-cal: <stdin>:4:12: unterminated quote: close it with the same quote mark
! rota-cal: <stdin>:5:26: add takes 3 arguments, 4 given: add CALENDAR TIME DURATION
! rota-cal: <stdin>:6:1: days prints many lines: run it without --batch
! rota-cal: <stdin>:7:23: invalid duration '-1h': negative durations are not allowed
? 2

# --batch reads the usual shapes of times on a fast path of its own; every shape must
# read as on the command line (rota_time_parse).  A 24/7 calendar's next-open shows the
# instant read.
$ printf '%s\n' 2026-03-27T17:00:00+01:00 2026-03-27T17:00+01:00 '2026-03-27 17:00:00Z' \
>   2026-03-27T17:00:00z 2026-03-27T17:00:00-0330 2026-03-27T17:00:00+05 \
>   '2026-03-27 17:00:00 +02:00' 2026-03-27T17:00 2026-03-27t17:00 2026-10-25T02:30 \
>   2026-03-29T02:30 2026-03-29T01:59:59 2026-03-29T03:00 2026-03-27T17:00:00.999Z \
>   2026-03-27 2000-02-29T12:00:00Z 2100-02-28T23:59:59-23:59 2026-03-27T24:00 \
>   2026-03-27T17:00:00+02:00:30 > times
> while read -r t; do rota-cal --lenient next-open always "$t"; done < times > one-by-one
> sed "s/.*/next-open always '&'/" times | rota-cal --lenient --batch > batch
> cmp one-by-one batch && cat batch
2026-03-27T17:00:00+01:00
2026-03-27T17:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T21:30:00+01:00
2026-03-27T13:00:00+01:00
2026-03-27T16:00:00+01:00
2026-03-27T17:00:00+01:00
2026-03-27T17:00:00+01:00
2026-10-25T02:30:00+02:00
2026-03-29T03:30:00+02:00
2026-03-29T01:59:59+01:00
2026-03-29T03:00:00+02:00
2026-03-27T18:00:00+01:00
2026-03-27T00:00:00+01:00
2000-02-29T13:00:00+01:00
2100-03-02T00:58:59+01:00
2026-03-28T00:00:00+01:00
2026-03-27T15:59:30+01:00
# Bad shapes and values fall back to the full reader and its messages.
$ printf '%s\n' 'next-open always 2026-02-29T10:00Z' 'next-open always 2026-03-29T02:30' \
>   'next-open always 2026-03-27T17:60' 'next-open always 2026-03-27T17:00+24:00' \
>   'next-open always 2026-3-27T17:00' 'next-open always 2026-01-01T00:00:00Z' \
>   | rota-cal --batch --keep-going
\
\
\
\
\
2026-01-01T01:00:00+01:00
! rota-cal: <stdin>:1:26: invalid time '2026-02-29T10:00Z': day 29 is out of range for February 2026 (01-28)
! rota-cal: <stdin>:2:18: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
! rota-cal: <stdin>:3:32: invalid time '2026-03-27T17:60': minute 60 is out of range (00-59)
! rota-cal: <stdin>:4:35: invalid time '2026-03-27T17:00+24:00': offset +24:00 is out of range (-23:59 to +23:59)
! rota-cal: <stdin>:5:24: invalid time '2026-3-27T17:00': expected a 2-digit month (01-12) at column 7, found '-'; write a time such as 2026-03-29T09:00:00+02:00
? 2

# Errors: exit 2 and a message that says what was expected.
$ rota-cal add office 2026-02-30T10:00 1h
! rota-cal: invalid time '2026-02-30T10:00': day 30 is out of range for February 2026 (01-28)
? 2
$ rota-cal add office '2026-03-29 02:30' 1h
! rota-cal: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
? 2
$ rota-cal --lenient add office '2026-03-29 02:30' 1h
2026-03-30T10:00:00+02:00
$ rota-cal add office 2026-03-27 4x
! rota-cal: invalid duration '4x': expected a unit w, d, h, m or s at column 2, found 'x'; write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H
? 2
$ rota-cal days office 2026-04-10 2026-04-01
! rota-cal: TO (2026-04-01) is before FROM (2026-04-10): the range of dates is inclusive, FROM first
? 2
$ rota-cal days office 2026-04-31 2026-05-01
! rota-cal: invalid date '2026-04-31': day 31 is out of range for April 2026 (01-30)
? 2
$ rota-cal bogus office
! rota-cal: unknown query 'bogus': expected add, between, next-open, next-close or days
? 2
$ rota-cal add office 2026-03-27 1h extra
! rota-cal: add takes 3 arguments, 4 given: add CALENDAR TIME DURATION
? 2
$ rota-cal
! rota-cal: no query: expected add, between, next-open, next-close or days
! Try `rota-cal --help' or `rota-cal --usage' for more information.
? 2
$ rota-cal --batch add office 2026-01-01 1h
! rota-cal: --batch reads its queries from standard input: give no query on the command line
! Try `rota-cal --help' or `rota-cal --usage' for more information.
? 2
$ rota-cal --format xml days office 2026-01-01 2026-01-02
! rota-cal: --format 'xml': expected csv, json or text
! Try `rota-cal --help' or `rota-cal --usage' for more information.
? 2
$ rota-cal --tz Mars/X add office 2026-01-01 1h
! rota-cal: unknown time zone 'Mars/X': expected an IANA name such as Europe/Berlin
? 2
# An output file that cannot be written is a runtime failure.
$ rota-cal -o /nonexistent/x days office 2026-01-01 2026-01-02
! rota-cal: /nonexistent/x: cannot create a temporary file beside it: No such file or directory
? 3
$ rota-cal next-close always 2026-03-27
! rota-cal: calendar 'always' never closes again before the year 10000
? 2
# A holiday file that closes every day: libical expands it to 2582, and rota-cal will
# not answer past that.
$ rota-cal add closed 2026-01-01 1h
! rota-cal: calendar 'closed': the answer lies after 2582-12-31, the last date to which libical expands the recurring holidays of daily.ics
? 2
$ rota-cal -c bad.yaml add broken 2026-01-01 1h
! rota-cal: bad.ics:5:7: holidays of calendar 'broken': RRULE cannot be read (libical: Can't parse as RECUR value in RRULE property. Removing entire property: FREQ=YEARLY;BYDAY=XX)
? 2
$ mkdir empty && cd empty && rota-cal add office 2026-01-01 1h
! rota-cal: unknown calendar 'office': there is no configuration (rota.yaml does not exist); name one with -c FILE or ROTA_CONFIG
? 2

# The dispatcher and the conventions.
$ rota cal add office 2026-03-27T17:00:00+01:00 1h
2026-03-30T10:00:00+02:00
$ rota-cal --version | head -1
rota-cal (rota) 0.1.0
$ rota-cal --help | grep -c 'Exit status: 0 success'
1
# --help teaches what days prints, and the shared options come under their own header,
# as in the other commands.
$ rota-cal --help | sed -n '/^  days CALENDAR FROM TO/,/--format json or text/p'
  days CALENDAR FROM TO       one line per date FROM..TO (inclusive): date,
                              open seconds, holiday name (empty if none),
                              as in 2026-12-25,0,Christmas Day; CSV after
                              the header date,open_seconds,holiday, or
                              --format json or text
$ rota-cal --help | sed -n '/^ Common options:$/,/^$/p' | grep -c -e '--config=FILE' -e '--tz=ZONE' -e '--lenient'
3
$ rota-cal --help | sed -n '1,/^ Common options:$/p' | grep -c -e '^      --batch' -e '^      --format=FMT'
2
