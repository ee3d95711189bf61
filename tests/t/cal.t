# rota-cal: business-time arithmetic.  The calendars are in tests/data/cal/rota.yaml,
# copied into every case's directory so that messages name ./rota.yaml.
%setup cp "$TD"/cal/* .

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
date        day  open    holiday
2026-04-04  Sat  24h
2026-04-05  Sun  24h30m
2026-04-06  Mon  24h

# Split days, Saturday mornings, a short Dec 24, an empty override on Dec 31, German
# holidays from an .ics file (RRULE), an unnamed holiday date.
$ rota-cal days split 2026-12-23 2027-01-02 --format text
date        day  open  holiday
2026-12-23  Wed  9h
2026-12-24  Thu  3h
2026-12-25  Fri  0s    Weihnachten
2026-12-26  Sat  0s    Weihnachten
2026-12-27  Sun  0s
2026-12-28  Mon  0s    holiday
2026-12-29  Tue  9h
2026-12-30  Wed  9h
2026-12-31  Thu  0s
2027-01-01  Fri  0s    Neujahr
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

# Lines of the usual shape (add, between, next-open or next-close; a calendar already
# used; one space between words; times YYYY-MM-DDTHH:MM[:SS] with Z, an offset or
# nothing) are answered on a path of their own that reads neither words nor times in
# general.  Every line must get the answer, or the message, that the command line gives
# (which never takes that path): the same instants written in several forms, naive
# times in DST gaps and folds (Berlin, New York, Lord Howe's half hour), leap days, the
# ends of the range of times, shapes only the full reader knows, bad times (the old fast
# reader took +01: for +01:00), answers of nine digits and more.  Calendars: split days
# with holidays, five ranges a day, a name longer than eight bytes that begins with
# another calendar's name.
$ cat > fast.yaml <<'EOF'
> calendars:
>   berlin-split-days:
>     tz: Europe/Berlin
>     hours: { mon-fri: "08:00-12:00,13:00-18:00", sat: "10:00-14:00" }
>     holidays: [ de.ics ]
>   berlin: { tz: Europe/Berlin, hours: { mon-sun: "00:00-24:00" } }
>   ny: { tz: America/New_York, hours: { mon-fri: "09:00-17:00" } }
>   howe:
>     tz: Australia/Lord_Howe
>     hours: { mon-sun: "06:00-07:00,08:00-09:00,10:00-11:00,12:00-13:00,14:00-22:00" }
> EOF
> printf '%s\n' 2026-03-27T17:00:00Z 2026-03-27T17:00Z 2026-03-27t17:00:00z \
>   2026-03-27T17:00:00+01:00 2026-03-27T18:00+0100 2026-03-27T18:00:00+01 \
>   2026-03-27T13:30:00-03:30 2026-03-27T13:30-0330 2026-03-27T22:45:00+05:45 \
>   2026-03-28T16:59:00+23:59 2026-03-26T17:01:00-23:59 2026-03-27T17:00:00 \
>   2026-03-27T17:00 2026-10-25T02:30 2026-10-25T02:30:00+01:00 2026-03-29T01:59:59 \
>   2026-03-29T03:00 2024-02-29T12:00:00Z 2000-02-29T00:00 2100-02-28T23:59:59-23:59 \
>   2026-12-31T23:59:59+01:00 2027-01-01T00:00:00+01:00 0001-01-01T00:00:00Z \
>   9999-12-31T23:59:59Z 2026-03-27T24:00 2026-03-27T17:00:00.999Z \
>   2026-03-27T17:00:00,5+01:00 2026-03-27T17:00:00+01:00:30 2026-03-27 \
>   2026-03-29T02:30 2026-02-29T10:00Z 2100-02-29T00:00Z 2026-04-31T00:00 \
>   2026-00-10T00:00 2026-13-01T00:00 0000-01-01T00:00Z 2026-03-27T24:00:01 \
>   2026-03-27T23:60 2026-03-27T23:59:60Z 2026-03-27T17:00+24:00 2026-03-27T17:00+01:60 \
>   2026-03-27T17:00:00+01: 2026-03-27T17:00:00+1 2026-03-27T17:00:00+013 2026-03-27T17Z \
>   2026-03-27T17:00:00Zx 2026-03-27T17:00:00+01:00x 2026-3-27T17:00 2026-03-27X17:00 \
>   20260327T170000Z > times
> while read -r t; do
>   echo "next-open berlin $t"
>   echo "between berlin-split-days $t 2026-04-15T12:00:00Z"
> done < times > queries
> cat > more <<'EOF'
> add ny 2026-03-08T02:30 90m
> add ny 2026-03-08T01:59:59 1s
> add ny 2026-11-01T01:30 90m
> add ny 2026-11-01T01:30-05:00 90m
> add ny 2026-03-06T16:00:00-05:00 PT2H
> add ny 2026-03-06T16:00:00-05:00 2h
> add ny 2026-03-06T16:00:00-05:00 1h1h
> add ny 2026-03-06T16:00:00-05:00 0s
> add ny 9999-12-31T23:59:59Z 90m
> next-close howe 2026-10-04T02:15
> next-close howe 2026-10-04T02:30
> next-close howe 2026-04-05T01:45
> next-close howe 2026-04-05T01:45+10:30
> next-close howe 2026-04-05T06:30:00+10:30
> next-close berlin 2026-04-05T06:30:00Z
> next-open howe 2026-04-05T09:30
> between howe 2026-04-01T00:00Z 2026-04-02T00:00Z
> between howe 2026-04-02T00:00Z 2026-04-01T00:00Z
> between berlin 1970-01-01T00:00:00Z 1973-03-03T09:46:39Z
> between berlin 1970-01-01T00:00:00Z 1973-03-03T09:46:40Z
> between berlin 1973-03-03T09:46:40Z 1970-01-01T00:00:00Z
> between berlin 1973-03-03T09:46:39Z 1970-01-01T00:00:00Z
> between berlin 0001-01-01T00:00:00Z 9999-12-31T23:59:59Z
> between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:00Z
> between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:09Z
> between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:10Z
> between berlin 2026-03-27T17:00:00Z 2026-03-27T16:59:59Z
> EOF
> cat more >> queries
> while read -r q; do rota-cal -c fast.yaml $q 2>> one.err || echo; done < queries > one.out
> rota-cal -c fast.yaml --batch --keep-going < queries > batch.out 2> batch.err; echo "exit $?"
> sed 's/^rota-cal: <stdin>:[0-9]*:[0-9]*: /rota-cal: /' batch.err > batch.msg
> cmp one.out batch.out && cmp one.err batch.msg && echo same
> cp fast.yaml times more batch.out batch.err "$SHARED"
exit 2
same
# ... and pinned: the instants read (next-open on a 24/7 calendar gives the time
# itself; nothing after | for a time rejected) ...
$ cd "$SHARED" && paste -d '|' times <(awk 'NR % 2' batch.out | head -n "$(wc -l < times)")
2026-03-27T17:00:00Z|2026-03-27T18:00:00+01:00
2026-03-27T17:00Z|2026-03-27T18:00:00+01:00
2026-03-27t17:00:00z|2026-03-27T18:00:00+01:00
2026-03-27T17:00:00+01:00|2026-03-27T17:00:00+01:00
2026-03-27T18:00+0100|2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01|2026-03-27T18:00:00+01:00
2026-03-27T13:30:00-03:30|2026-03-27T18:00:00+01:00
2026-03-27T13:30-0330|2026-03-27T18:00:00+01:00
2026-03-27T22:45:00+05:45|2026-03-27T18:00:00+01:00
2026-03-28T16:59:00+23:59|2026-03-27T18:00:00+01:00
2026-03-26T17:01:00-23:59|2026-03-27T18:00:00+01:00
2026-03-27T17:00:00|2026-03-27T17:00:00+01:00
2026-03-27T17:00|2026-03-27T17:00:00+01:00
2026-10-25T02:30|2026-10-25T02:30:00+02:00
2026-10-25T02:30:00+01:00|2026-10-25T02:30:00+01:00
2026-03-29T01:59:59|2026-03-29T01:59:59+01:00
2026-03-29T03:00|2026-03-29T03:00:00+02:00
2024-02-29T12:00:00Z|2024-02-29T13:00:00+01:00
2000-02-29T00:00|2000-02-29T00:00:00+01:00
2100-02-28T23:59:59-23:59|2100-03-02T00:58:59+01:00
2026-12-31T23:59:59+01:00|2026-12-31T23:59:59+01:00
2027-01-01T00:00:00+01:00|2027-01-01T00:00:00+01:00
0001-01-01T00:00:00Z|0001-01-01T00:53:28+00:53:28
9999-12-31T23:59:59Z|
2026-03-27T24:00|2026-03-28T00:00:00+01:00
2026-03-27T17:00:00.999Z|2026-03-27T18:00:00+01:00
2026-03-27T17:00:00,5+01:00|2026-03-27T17:00:00+01:00
2026-03-27T17:00:00+01:00:30|2026-03-27T16:59:30+01:00
2026-03-27|2026-03-27T00:00:00+01:00
2026-03-29T02:30|
2026-02-29T10:00Z|
2100-02-29T00:00Z|
2026-04-31T00:00|
2026-00-10T00:00|
2026-13-01T00:00|
0000-01-01T00:00Z|
2026-03-27T24:00:01|
2026-03-27T23:60|
2026-03-27T23:59:60Z|
2026-03-27T17:00+24:00|
2026-03-27T17:00+01:60|
2026-03-27T17:00:00+01:|
2026-03-27T17:00:00+1|
2026-03-27T17:00:00+013|
2026-03-27T17Z|
2026-03-27T17:00:00Zx|
2026-03-27T17:00:00+01:00x|
2026-3-27T17:00|
2026-03-27X17:00|
20260327T170000Z|
# ... the other queries ...
$ cd "$SHARED" && paste -d '|' more <(tail -n "$(wc -l < more)" batch.out)
add ny 2026-03-08T02:30 90m|
add ny 2026-03-08T01:59:59 1s|2026-03-09T09:00:01-04:00
add ny 2026-11-01T01:30 90m|2026-11-02T10:30:00-05:00
add ny 2026-11-01T01:30-05:00 90m|2026-11-02T10:30:00-05:00
add ny 2026-03-06T16:00:00-05:00 PT2H|2026-03-09T10:00:00-04:00
add ny 2026-03-06T16:00:00-05:00 2h|2026-03-09T10:00:00-04:00
add ny 2026-03-06T16:00:00-05:00 1h1h|
add ny 2026-03-06T16:00:00-05:00 0s|2026-03-06T16:00:00-05:00
add ny 9999-12-31T23:59:59Z 90m|
next-close howe 2026-10-04T02:15|
next-close howe 2026-10-04T02:30|2026-10-04T02:30:00+11:00
next-close howe 2026-04-05T01:45|2026-04-05T01:45:00+11:00
next-close howe 2026-04-05T01:45+10:30|2026-04-05T01:45:00+10:30
next-close howe 2026-04-05T06:30:00+10:30|2026-04-05T07:00:00+10:30
next-close berlin 2026-04-05T06:30:00Z|
next-open howe 2026-04-05T09:30|2026-04-05T10:00:00+10:30
between howe 2026-04-01T00:00Z 2026-04-02T00:00Z|43200
between howe 2026-04-02T00:00Z 2026-04-01T00:00Z|-43200
between berlin 1970-01-01T00:00:00Z 1973-03-03T09:46:39Z|99999999
between berlin 1970-01-01T00:00:00Z 1973-03-03T09:46:40Z|100000000
between berlin 1973-03-03T09:46:40Z 1970-01-01T00:00:00Z|-100000000
between berlin 1973-03-03T09:46:39Z 1970-01-01T00:00:00Z|-99999999
between berlin 0001-01-01T00:00:00Z 9999-12-31T23:59:59Z|315537897599
between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:00Z|0
between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:09Z|9
between berlin 2026-03-27T17:00:00Z 2026-03-27T17:00:10Z|10
between berlin 2026-03-27T17:00:00Z 2026-03-27T16:59:59Z|-1
# ... and the messages, with their lines and columns.
$ cat "$SHARED"/batch.err
rota-cal: <stdin>:47:11: the answer +10000-01-01T00:59:59+01:00 lies after 9999-12-31 in Europe/Berlin: rota reads and writes the years 0001 to 9999 only
rota-cal: <stdin>:59:18: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
rota-cal: <stdin>:60:27: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
rota-cal: <stdin>:61:26: invalid time '2026-02-29T10:00Z': day 29 is out of range for February 2026 (01-28)
rota-cal: <stdin>:62:35: invalid time '2026-02-29T10:00Z': day 29 is out of range for February 2026 (01-28)
rota-cal: <stdin>:63:26: invalid time '2100-02-29T00:00Z': day 29 is out of range for February 2100 (01-28)
rota-cal: <stdin>:64:35: invalid time '2100-02-29T00:00Z': day 29 is out of range for February 2100 (01-28)
rota-cal: <stdin>:65:26: invalid time '2026-04-31T00:00': day 31 is out of range for April 2026 (01-30)
rota-cal: <stdin>:66:35: invalid time '2026-04-31T00:00': day 31 is out of range for April 2026 (01-30)
rota-cal: <stdin>:67:23: invalid time '2026-00-10T00:00': month 00 is out of range (01-12)
rota-cal: <stdin>:68:32: invalid time '2026-00-10T00:00': month 00 is out of range (01-12)
rota-cal: <stdin>:69:23: invalid time '2026-13-01T00:00': month 13 is out of range (01-12)
rota-cal: <stdin>:70:32: invalid time '2026-13-01T00:00': month 13 is out of range (01-12)
rota-cal: <stdin>:71:18: invalid time '0000-01-01T00:00Z': year 0000 is out of range (0001-9999)
rota-cal: <stdin>:72:27: invalid time '0000-01-01T00:00Z': year 0000 is out of range (0001-9999)
rota-cal: <stdin>:73:29: invalid time '2026-03-27T24:00:01': hour 24 is only allowed as 24:00:00, the midnight that ends the day
rota-cal: <stdin>:74:38: invalid time '2026-03-27T24:00:01': hour 24 is only allowed as 24:00:00, the midnight that ends the day
rota-cal: <stdin>:75:32: invalid time '2026-03-27T23:60': minute 60 is out of range (00-59)
rota-cal: <stdin>:76:41: invalid time '2026-03-27T23:60': minute 60 is out of range (00-59)
rota-cal: <stdin>:77:35: invalid time '2026-03-27T23:59:60Z': second 60 is out of range (00-59; leap seconds are not counted)
rota-cal: <stdin>:78:44: invalid time '2026-03-27T23:59:60Z': second 60 is out of range (00-59; leap seconds are not counted)
rota-cal: <stdin>:79:35: invalid time '2026-03-27T17:00+24:00': offset +24:00 is out of range (-23:59 to +23:59)
rota-cal: <stdin>:80:44: invalid time '2026-03-27T17:00+24:00': offset +24:00 is out of range (-23:59 to +23:59)
rota-cal: <stdin>:81:35: invalid time '2026-03-27T17:00+01:60': offset +01:60 is out of range (-23:59 to +23:59)
rota-cal: <stdin>:82:44: invalid time '2026-03-27T17:00+01:60': offset +01:60 is out of range (-23:59 to +23:59)
rota-cal: <stdin>:83:41: invalid time '2026-03-27T17:00:00+01:': expected 2-digit offset minutes, as in +02:00 at column 24, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:84:50: invalid time '2026-03-27T17:00:00+01:': expected 2-digit offset minutes, as in +02:00 at column 24, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:85:39: invalid time '2026-03-27T17:00:00+1': expected a 2-digit offset hour, as in +02:00 at column 22, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:86:48: invalid time '2026-03-27T17:00:00+1': expected a 2-digit offset hour, as in +02:00 at column 22, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:87:41: invalid time '2026-03-27T17:00:00+013': expected 2-digit offset minutes, as in +02:00 at column 24, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:88:50: invalid time '2026-03-27T17:00:00+013': expected 2-digit offset minutes, as in +02:00 at column 24, found the end; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:89:31: invalid time '2026-03-27T17Z': expected ':' after the hour at column 14, found 'Z'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:90:40: invalid time '2026-03-27T17Z': expected ':' after the hour at column 14, found 'Z'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:91:38: invalid time '2026-03-27T17:00:00Zx': expected the end of the time at column 21, found 'x'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:92:47: invalid time '2026-03-27T17:00:00Zx': expected the end of the time at column 21, found 'x'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:93:43: invalid time '2026-03-27T17:00:00+01:00x': expected the end of the time at column 26, found 'x'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:94:52: invalid time '2026-03-27T17:00:00+01:00x': expected the end of the time at column 26, found 'x'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:95:24: invalid time '2026-3-27T17:00': expected a 2-digit month (01-12) at column 7, found '-'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:96:33: invalid time '2026-3-27T17:00': expected a 2-digit month (01-12) at column 7, found '-'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:97:28: invalid time '2026-03-27X17:00': expected 'T' or a space between the date and the time at column 11, found 'X'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:98:37: invalid time '2026-03-27X17:00': expected 'T' or a space between the date and the time at column 11, found 'X'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:99:22: invalid time '20260327T170000Z': expected '-' after the year at column 5, found '0'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:100:31: invalid time '20260327T170000Z': expected '-' after the year at column 5, found '0'; write a time such as 2026-03-29T09:00:00+02:00
rota-cal: <stdin>:101:8: 2026-03-08 02:30 does not exist in America/New_York (clocks go forward at 02:00); give an offset or use --lenient
rota-cal: <stdin>:107:37: invalid duration '1h1h': expected the units in the order w, d, h, m, s, each once at column 4, found 'h'; write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H
rota-cal: <stdin>:109:5: calendar 'ny' has not enough open time before the year 10000
rota-cal: <stdin>:110:17: 2026-10-04 02:15 does not exist in Australia/Lord_Howe (clocks go forward at 02:00); give an offset or use --lenient
rota-cal: <stdin>:115:12: calendar 'berlin' never closes again before the year 10000
# Random times, most of them well formed, some bent by a character: each read on that
# path (next-open, between) and by rota_time_parse (the same time quoted after a blank,
# which the fast reader leaves alone), in one process each.  The same answers, and the
# same lines rejected (an empty answer), of 8000 lines about half of them.
$ cp "$SHARED"/fast.yaml .
> cat > gen.awk <<'EOF'
> function d2(lo, hi) { return sprintf("%02d", lo + int(rand() * (hi - lo + 1))) }
> function pick(s,   a, n) { n = split(s, a, " "); return a[1 + int(rand() * n)] }
> BEGIN {
> 	srand(2026)
> 	for (i = 0; i < 4000; i++) {
> 		y = pick("0000 0001 1999 2000 2024 2026 2026 2026 2027 2100 9999")
> 		t = y "-" d2(0, 13) "-" d2(0, 32) pick("T T T t") d2(0, 25) ":" d2(0, 61)
> 		if (rand() < 0.7) t = t ":" d2(0, 61)
> 		z = pick("Z Z z +01:00 -05:00 +0530 -0330 +02 +HH:MM +HHMM - none none")
> 		if (z == "+HH:MM") z = pick("+ -") d2(0, 25) ":" d2(0, 61)
> 		if (z == "+HHMM") z = pick("+ -") d2(0, 25) d2(0, 61)
> 		if (z == "-") z = pick("+01: +1 +013 +01:00:30 .5Z ,25+01:00 Zx")
> 		if (z != "none") t = t z
> 		if (rand() < 0.15) {   # one character replaced, dropped or doubled
> 			k = 1 + int(rand() * length(t)); c = substr("0123456789-:+TZ.x", 1 + int(rand() * 17), 1)
> 			r = rand()
> 			t = substr(t, 1, k - 1) (r < 0.5 ? c : r < 0.75 ? "" : substr(t, k, 1) substr(t, k, 1)) substr(t, k + 1)
> 		}
> 		print t
> 	}
> }
> EOF
> awk -f gen.awk > random-times
> awk '{ print "next-open berlin " $0
>        print "between berlin-split-days " $0 " 2026-04-15T12:00:00Z" }' random-times > fast.q
> awk -v q="'" '{ print "next-open berlin " q " " $0 q
>        print "between berlin-split-days " q " " $0 q " 2026-04-15T12:00:00Z" }' random-times > full.q
> rota-cal -c fast.yaml --batch --keep-going < fast.q > fast.out 2> /dev/null
> rota-cal -c fast.yaml --batch --keep-going < full.q > full.out 2> /dev/null
> cmp fast.out full.out && echo same
> awk 'NF { a++ } !NF { r++ } END { if (a > 2000 && r > 2000) print "both kinds, many" }' fast.out
same
both kinds, many
# Lines of other shapes go the general way: other blanks than one space (a CR before
# the newline, tabs, two spaces, at the start or end), quotes, a NUL (refused: rota(7)), a
# calendar name that begins or extends a known one, words too many or too few.
$ cp "$SHARED"/fast.yaml .
> printf '%s\r\n' 'next-open berlin 2026-03-27T17:00Z' > ws
> printf '%s\n' 'next-open  berlin 2026-03-27T17:00Z' 'next-open	berlin	2026-03-27T17:00Z' \
>   'next-open berlin 2026-03-27T17:00Z ' ' next-open berlin 2026-03-27T17:00Z' \
>   "next-open \"berlin\" '2026-03-27T17:00Z'" >> ws
> printf 'next-open berlin 2026-03-27T17:00Z\0 garbage\n' >> ws
> printf '%s\n' 'next-open berlin-split-days 2026-03-27T17:00Z' \
>   'next-open berlin-split-day 2026-03-27T17:00Z' 'next-open berlin-split-daysx 2026-03-27T17:00Z' \
>   'next-open berli 2026-03-27T17:00Z' 'next-open berlinx 2026-03-27T17:00Z' \
>   'between berlin 2026-03-27T17:00Z  2026-03-27T18:00Z' \
>   'between berlin 2026-03-27T17:00Z 2026-03-27T18:00Z x' 'between berlin 2026-03-27T17:00Z' \
>   'add ny 2026-03-27T17:00Z "90m"' 'add ny 2026-03-27T17:00Z 90m x' \
>   'next-close berlin-split-days 2026-03-27T17:00Z x' \
>   'between berlin 2026-03-27T17:00Z 2026-03-27T18:00Z#' \
>   'betweenx berlin 2026-03-27T17:00Z 2026-03-27T18:00Z' 'next-opens berlin 2026-03-27T17:00Z' \
>   'add ny 2026-03-27T17:00Z' 'between ny 2026-03-27T17:00Z 2026-03-30T14:00:00Z' >> ws
> rota-cal -c fast.yaml --batch --keep-going < ws
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
2026-03-27T18:00:00+01:00
\
2026-03-28T10:00:00+01:00
\
\
\
\
3600
\
\
2026-03-27T14:30:00-04:00
\
\
\
\
\
\
18000
! rota-cal: <stdin>:7:35: a NUL byte, which text does not hold (is the file UTF-16, or not text?)
! rota-cal: <stdin>:9:11: unknown calendar 'berlin-split-day': fast.yaml defines berlin-split-days, berlin, ny, howe
! rota-cal: <stdin>:10:11: unknown calendar 'berlin-split-daysx': fast.yaml defines berlin-split-days, berlin, ny, howe
! rota-cal: <stdin>:11:11: unknown calendar 'berli': fast.yaml defines berlin-split-days, berlin, ny, howe
! rota-cal: <stdin>:12:11: unknown calendar 'berlinx': fast.yaml defines berlin-split-days, berlin, ny, howe
! rota-cal: <stdin>:14:52: between takes 3 arguments, 4 given: between CALENDAR T1 T2
! rota-cal: <stdin>:15:1: between takes 3 arguments, 2 given: between CALENDAR T1 T2
! rota-cal: <stdin>:17:30: add takes 3 arguments, 4 given: add CALENDAR TIME DURATION
! rota-cal: <stdin>:18:48: next-close takes 2 arguments, 3 given: next-close CALENDAR TIME
! rota-cal: <stdin>:19:51: invalid time '2026-03-27T18:00Z#': expected the end of the time at column 18, found '#'; write a time such as 2026-03-29T09:00:00+02:00
! rota-cal: <stdin>:20:1: unknown query 'betweenx': expected add, between, next-open, next-close or days
! rota-cal: <stdin>:21:1: unknown query 'next-opens': expected add, between, next-open, next-close or days
! rota-cal: <stdin>:22:1: add takes 3 arguments, 2 given: add CALENDAR TIME DURATION
? 2

# Durations: the shapes the fast reader takes (digits and units in order, nine digits
# a unit at most) and those it leaves to the general one (ISO 8601, ten digits, a bare
# number, an error) answer alike, and as on the command line.
$ printf 'add always 2026-01-01T00:00:00Z %s\n' 1h30m 0090m 5400 PT1H30M 1w2d3h4m5s \
>   1000000000s 999999999s 1h1h 1.5h | rota-cal --batch --keep-going
2026-01-01T02:30:00+01:00
2026-01-01T02:30:00+01:00
2026-01-01T02:30:00+01:00
2026-01-01T02:30:00+01:00
2026-01-10T04:04:05+01:00
2057-09-09T03:46:40+02:00
2057-09-09T03:46:39+02:00
\
\
! rota-cal: <stdin>:8:36: invalid duration '1h1h': expected the units in the order w, d, h, m, s, each once at column 4, found 'h'; write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H
! rota-cal: <stdin>:9:34: invalid duration '1.5h': fractions are not supported (column 2); use a smaller unit, e.g. 90m instead of 1.5h
? 2
$ rota-cal add always 2026-01-01T00:00:00Z 1000000000s
2057-09-09T03:46:40+02:00

# --tz and --lenient hold on that path too: naive times read, and answers printed, in
# --tz's zone, its gaps moved forward only when asked.
$ printf '%s\n' 'add office 2026-03-27T17:00 1h' 'next-open always 2026-03-08T02:30' \
>   'between office 2026-03-30T03:00 2026-03-30T12:00:00-04:00' > tz.q
> rota-cal --tz America/New_York --lenient --batch < tz.q > batch
> while read -r q; do rota-cal --tz America/New_York --lenient $q; done < tz.q | cmp - batch
> cat batch && cp tz.q "$SHARED"
2026-03-30T04:00:00-04:00
2026-03-08T03:30:00-04:00
28800
$ rota-cal --tz America/New_York --batch --keep-going < "$SHARED"/tz.q
2026-03-30T04:00:00-04:00
\
28800
! rota-cal: <stdin>:2:18: 2026-03-08 02:30 does not exist in America/New_York (clocks go forward at 02:00); give an offset or use --lenient
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

# The edges of the years (rota(7)): every instant whose local form lies in 0001-9999
# works, whatever its offset, and what is printed reads back; an answer that would be
# written in the year 10000 (or 0000) in the calendar's zone is refused, exit 2.
# (always as in examples/rota.yaml: UTC, 24/7)
$ cd "$SHARED" && grep '^  always:' "$ROTA_SRCDIR/examples/rota.yaml" | sed 's/^/calendars:\n/' > ex.yaml && cat ex.yaml
calendars:
  always: { tz: UTC, hours: { mon-sun: "00:00-24:00" } }
$ cd "$SHARED" && rota-cal -c ex.yaml between always 0001-01-01T00:00:00+14:00 0001-01-01T01:00:00Z
54000
$ cd "$SHARED" && rota-cal -c ex.yaml between always 9999-12-31T00:00:00Z 9999-12-31T23:59:59-12:00
129599
$ cd "$SHARED" && rota-cal -c ex.yaml add always 9999-12-31T22:00:00Z 1h
9999-12-31T23:00:00+00:00
$ cd "$SHARED" && rota-cal -c ex.yaml add always 9999-12-31T22:00:00Z 2h
! rota-cal: the answer +10000-01-01T00:00:00+00:00 lies after 9999-12-31 in UTC: rota reads and writes the years 0001 to 9999 only
? 2
$ rota-cal add always 9999-12-31T22:00:00Z 1h
! rota-cal: the answer +10000-01-01T00:00:00+01:00 lies after 9999-12-31 in Europe/Berlin: rota reads and writes the years 0001 to 9999 only
? 2
$ rota-cal --tz UTC add always 9999-12-31T22:00:00Z 1h
9999-12-31T23:00:00+00:00
$ rota-cal next-open always 0001-01-01T00:30:00+02:00
! rota-cal: the answer 0000-12-31T23:23:28+00:53:28 lies before 0001-01-01 in Europe/Berlin: rota reads and writes the years 0001 to 9999 only
? 2
$ rota-cal next-open always 0001-01-01T00:53:28+00:53:28
0001-01-01T00:53:28+00:53:28
$ rota-cal next-open always "$(rota-cal next-open always 0001-01-01T00:53:28+00:53:28)"
0001-01-01T00:53:28+00:53:28
$ cd "$SHARED" && printf '%s\n' 'between always 0001-01-01T00:00:00+14:00 0001-01-01T01:00:00Z' \
>   'add always 9999-12-31T22:00:00Z 1h' 'add always 9999-12-31T22:00:00Z 2h' |
>   rota-cal -c ex.yaml --batch --keep-going; echo "exit $?"
54000
9999-12-31T23:00:00+00:00
\
exit 2
! rota-cal: <stdin>:3:5: the answer +10000-01-01T00:00:00+00:00 lies after 9999-12-31 in UTC: rota reads and writes the years 0001 to 9999 only

# A negative value is a value, not options: -5m reaches the duration reader (which
# refuses it); after -- too.
$ rota-cal add always 2026-01-01T00:00:00Z -5m
! rota-cal: invalid duration '-5m': negative durations are not allowed
? 2
$ rota-cal add always 2026-01-01T00:00:00Z -- -5m
! rota-cal: invalid duration '-5m': negative durations are not allowed
? 2
$ rota-cal -q5m add always 2026-01-01T00:00:00Z 1h
! rota-cal: use -- before a negative value
! Try `rota-cal --help' or `rota-cal --usage' for more information.
? 2

# A batch line has a limit (16 MiB): a line that never ends is refused, not held.
$ { echo 'between always 2026-01-01 2026-01-02'; head -c 17000000 /dev/zero | tr '\0' x; } |
>   rota-cal --batch
86400
! rota-cal: <stdin>:2: line longer than 16777216 bytes
? 2
