# rota-ical (issue 13): a roster of tests/data/ical/roster.csv (agents in Berlin, New
# York and Kolkata and one called ../evil, over the night Berlin's clocks go forward)
# exported and read back by libical (expand, the holiday reader), Mozilla's ical.js and
# python3-vobject with validation on; re-exports byte for byte, a changed shift, a
# removed one, --split and file names, hostile text, deadlines and expand.
%setup cd "$SHARED"
%setup export ROTA_CONFIG="$SHARED"/rota.yaml ROTA_DB="$SHARED"/rota.db
%setup NODE_PATH=${ROTA_NODE_PATH:-${XDG_CACHE_HOME:-$HOME/.cache}/rota-npm/node_modules}; export NODE_PATH
%setup PY=python3; for p in python3 /usr/bin/python3; do "$p" -c 'import vobject' 2>/dev/null && { PY=$p; break; }; done

$ cp "$TD"/ical/rota.yaml "$TD"/ical/roster*.csv "$SHARED"
> rota-ical export --roster roster.csv --at 2026-03-20T12:00Z -o first.ics
! rota-ical: 7 events (7 new, 0 changed, 0 cancelled, 0 unchanged), 1 calendar

# CRLF everywhere, no line over 75 octets, one VTIMEZONE per zone, the header.
$ awk '!/\r$/ { bad++ } length($0) > 76 { bad++ } END { print NR " lines, " bad + 0 " bad" }' first.ics
130 lines, 0 bad

$ tr -d '\r' < first.ics | grep -E '^(METHOD|X-WR-CALNAME|TZID):'
METHOD:PUBLISH
X-WR-CALNAME:roster
TZID:America/New_York
TZID:Asia/Kolkata
TZID:Europe/Berlin

# libical reads the export back: the dates of its events, as a holiday calendar would.
$ rota-ical expand first.ics --from 2026-03-01 --to 2026-03-31 --tz Europe/Berlin
date,summary
2026-03-28,"Shift E: support, chat (alice)"
2026-03-29,"Shift E: support, chat (../evil)"
2026-03-30,"Shift L: support, chat (alice)"
2026-03-31,Shift N: chat (bob)

%need NODE_PATH=${ROTA_NODE_PATH:-${XDG_CACHE_HOME:-$HOME/.cache}/rota-npm/node_modules} node -e 'require("ical.js")'
# Mozilla's ical.js: the 09:00 shift on 29 March (Berlin's DST day) is at 09:00 local
# time, 07:00 UTC; the day before, 09:00 local is 08:00 UTC.
$ node "$TD"/ical/icaljs-check.js first.ics
VEVENT|Shift E: support, chat (../evil)|2026-03-29T07:00:00|Europe/Berlin|2026-03-29T05:00:00Z|2026-03-29T13:30:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (alice)|2026-03-28T09:00:00|Europe/Berlin|2026-03-28T08:00:00Z|2026-03-28T16:30:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (alice)|2026-03-29T09:00:00|Europe/Berlin|2026-03-29T07:00:00Z|2026-03-29T15:30:00Z|0|CONFIRMED
VEVENT|Shift L: support, chat (alice)|2026-03-30T13:00:00|Europe/Berlin|2026-03-30T11:00:00Z|2026-03-30T19:30:00Z|0|CONFIRMED
VEVENT|Shift L: chat (bob)|2026-03-29T13:00:00|America/New_York|2026-03-29T17:00:00Z|2026-03-30T01:30:00Z|0|CONFIRMED
VEVENT|Shift N: chat (bob)|2026-03-30T22:00:00|America/New_York|2026-03-31T02:00:00Z|2026-03-31T11:00:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (chandra)|2026-03-29T07:00:00|Asia/Kolkata|2026-03-29T01:30:00Z|2026-03-29T10:00:00Z|0|CONFIRMED

%need sh -c 'for p in python3 /usr/bin/python3; do "$p" -c "import vobject" 2>/dev/null && exit 0; done; exit 1'
# python3-vobject, validation on: the same instants.
$ "$PY" "$TD"/ical/vobject-check.py first.ics
VEVENT|Shift E: support, chat (../evil)|2026-03-29T05:00:00Z|2026-03-29T13:30:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (alice)|2026-03-28T08:00:00Z|2026-03-28T16:30:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (alice)|2026-03-29T07:00:00Z|2026-03-29T15:30:00Z|0|CONFIRMED
VEVENT|Shift L: support, chat (alice)|2026-03-30T11:00:00Z|2026-03-30T19:30:00Z|0|CONFIRMED
VEVENT|Shift L: chat (bob)|2026-03-29T17:00:00Z|2026-03-30T01:30:00Z|0|CONFIRMED
VEVENT|Shift N: chat (bob)|2026-03-31T02:00:00Z|2026-03-31T11:00:00Z|0|CONFIRMED
VEVENT|Shift E: support, chat (chandra)|2026-03-29T01:30:00Z|2026-03-29T10:00:00Z|0|CONFIRMED

# The same roster again, later: the same bytes (DTSTAMP comes from the state).
$ rota-ical export --roster roster.csv -o again.ics && cmp first.ics again.ics && echo same
same
! rota-ical: 7 events (0 new, 0 changed, 0 cancelled, 7 unchanged), 1 calendar

# Bob's Sunday starts an hour later: only his VEVENT changes, SEQUENCE 0 -> 1.
$ rota-ical export --roster roster-changed.csv --at 2026-03-21T08:00Z -o changed.ics
> diff first.ics changed.ics | tr -d '\r'
? 1
94,97c94,97
< DTSTAMP:20260320T120000Z
< SEQUENCE:0
< DTSTART;TZID=America/New_York:20260329T130000
< DTEND;TZID=America/New_York:20260329T213000
---
> DTSTAMP:20260321T080000Z
> SEQUENCE:1
> DTSTART;TZID=America/New_York:20260329T140000
> DTEND;TZID=America/New_York:20260329T223000
99,100c99,100
< DESCRIPTION:Agent: bob\nShift: L\, 13:00-21:30\nQueues: chat\nBreaks: 16:30
<  -17:00
---
> DESCRIPTION:Agent: bob\nShift: L\, 14:00-22:30\nQueues: chat\nBreaks: 17:30
>  -18:00
! rota-ical: 7 events (0 new, 1 changed, 0 cancelled, 6 unchanged), 1 calendar

# Alice's Monday is dropped: it comes out cancelled, once raised, then stable.
$ grep -v '^alice,2026-03-30' roster-changed.csv > dropped.csv
> rota-ical export --roster dropped.csv --agent alice --at 2026-03-22T08:00Z | tr -d '\r' |
> grep -E '^(DTSTART;|SEQUENCE|STATUS)'
SEQUENCE:0
DTSTART;TZID=Europe/Berlin:20260328T090000
STATUS:CONFIRMED
SEQUENCE:0
DTSTART;TZID=Europe/Berlin:20260329T090000
STATUS:CONFIRMED
SEQUENCE:1
DTSTART;TZID=Europe/Berlin:20260330T130000
STATUS:CANCELLED
! rota-ical: 3 events (0 new, 0 changed, 1 cancelled, 2 unchanged), 1 calendar

$ rota-ical export --roster dropped.csv --agent alice -o a1.ics && rota-ical export --roster dropped.csv --agent alice -o a2.ics && cmp a1.ics a2.ics && echo same
same
! rota-ical: 3 events (0 new, 0 changed, 1 cancelled, 2 unchanged), 1 calendar
! rota-ical: 3 events (0 new, 0 changed, 1 cancelled, 2 unchanged), 1 calendar

$ node "$TD"/ical/icaljs-check.js a1.ics | grep CANCELLED && "$PY" "$TD"/ical/vobject-check.py a1.ics | grep CANCELLED
VEVENT|Shift L: support, chat (alice)|2026-03-30T13:00:00|Europe/Berlin|2026-03-30T11:00:00Z|2026-03-30T19:30:00Z|1|CANCELLED
VEVENT|Shift L: support, chat (alice)|2026-03-30T11:00:00Z|2026-03-30T19:30:00Z|1|CANCELLED

# --split: one file per agent, ../evil escaped inside the directory; a file's mode is
# kept when it is replaced.
$ rota-ical export --roster dropped.csv --split cal && ls -A cal && find .. -name '*evil*'
%2E.%2Fevil.ics
alice.ics
bob.ics
chandra.ics
../shared/cal/%2E.%2Fevil.ics
! rota-ical: 7 events (0 new, 0 changed, 1 cancelled, 6 unchanged) in 4 calendars

$ chmod 640 cal/bob.ics && rota-ical -q export --roster dropped.csv --split cal && stat -c %a cal/bob.ics && tr -d '\r' < cal/bob.ics | grep -E '^(X-WR-CALNAME|TZID|UID)'
640
X-WR-CALNAME:roster: bob
TZID:America/New_York
UID:20260329-b1eb0762a36cb91e@rota
UID:20260330-33a8955cbe49fbfd@rota

$ node "$TD"/ical/icaljs-check.js cal/*.ics | wc -l && "$PY" "$TD"/ical/vobject-check.py cal/*.ics | wc -l
7
7

# An id too long for a file name is refused before anything is written (and the state
# is not kept: the next export finds the shift new again).
$ awk 'BEGIN { s = sprintf("%300s", ""); gsub(/ /, "x", s); print "agent,date,shift,start,end,breaks"
> print s ",2026-03-29,E,2026-03-29T09:00:00Z,2026-03-29T17:00:00Z," }' > long.csv
> rota-ical export --roster long.csv --plan long --split long-cal || { echo "status $?"; test -e long-cal || echo "no long-cal"; }
status 2
no long-cal
! rota-ical: agent id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is too long for a file name (304 bytes once escaped, 255 at most): use a shorter id

# Hostile text: an agent id, a shift id and a queue with CR/LF, ';', ',' and '\' stay
# inside their values (no ATTENDEE, no STATUS:CANCELLED of their own); all three
# parsers read the file.
$ printf 'agent,date,shift,start,end,breaks,queue\n"m\r\nATTENDEE:mailto:x@example.com",2026-03-29,"E\rSTATUS:CANCELLED",2026-03-29T09:00:00Z,2026-03-29T17:00:00Z,,"q;1,\\2\nX"\n' > hostile.csv
> rota-ical -q export --roster hostile.csv --plan hostile -o hostile.ics && tr -d '\r' < hostile.ics | grep -cE '^(ATTENDEE|STATUS:CANCELLED)'
? 1
0

$ tr -d '\r' < hostile.ics | grep -E '^(SUMMARY|CATEGORIES|DTSTART;)'
DTSTART;TZID=Europe/Berlin:20260329T110000
SUMMARY:Shift E\nSTATUS:CANCELLED: q\;1\,\\2\nX (m\nATTENDEE:mailto:x@examp
CATEGORIES:rota,E\nSTATUS:CANCELLED,q\;1,\\2\nX

$ node "$TD"/ical/icaljs-check.js hostile.ics && "$PY" "$TD"/ical/vobject-check.py hostile.ics && rota-ical expand hostile.ics --from 2026-03-29 --to 2026-03-29 --format json
VEVENT|Shift E\nSTATUS:CANCELLED: q;1,\2\nX (m\nATTENDEE:mailto:x@example.com)|2026-03-29T11:00:00|Europe/Berlin|2026-03-29T09:00:00Z|2026-03-29T17:00:00Z|0|CONFIRMED
VEVENT|Shift E\nSTATUS:CANCELLED: q;1,\2\nX (m\nATTENDEE:mailto:x@example.com)|2026-03-29T09:00:00Z|2026-03-29T17:00:00Z|0|CONFIRMED
{"date":"2026-03-29","summary":"Shift E\nSTATUS:CANCELLED: q;1,\\2\nX (m\nATTENDEE:mailto:x@example.com)"}

# Bad input: the row, column and what was expected; nothing is recorded.
$ printf 'agent,date,shift,start,end,breaks\nalice,2026-03-29,E,2026-03-29T09:00:00+02:00,2026-03-29T08:00:00+02:00,\n' > bad.csv
> rota-ical export --roster bad.csv
? 2
! rota-ical: bad.csv:2:46: end: the shift ends before it starts: expected an end after 2026-03-29T09:00:00+02:00

$ rota-ical export --agent x --split d
? 2
! rota-ical: --agent and --split exclude each other
! Try `rota-ical --help' or `rota-ical --usage' for more information.

# deadlines: the open clocks of tests/data/sla's tickets as VTODOs, an alarm at the
# first warn level (50%), read by ical.js and vobject.
$ cp "$TD"/sla/rota.yaml sla.yaml && rota-import -c sla.yaml -d sla.db "$TD"/sla/events.csv
> rota-ical -c sla.yaml -d sla.db deadlines --at 2026-03-09T12:00 -o deadlines.ics
> node "$TD"/ical/icaljs-check.js deadlines.ics
VTODO|C-1 next_response breached|2026-03-09T10:00:00Z|0|
VTODO|P-1 resolution due|2026-03-09T13:00:00Z|1|2026-03-09T11:00:00Z
VTODO|R-1 resolution due|2026-03-09T12:00:00Z|0|
VTODO|R-2 resolution due|2026-03-09T13:00:00Z|0|
VTODO|W-1 resolution due|2026-03-09T12:00:00Z|1|2026-03-09T10:00:00Z
! rota-import: 30 rows, 11 tickets (11 new), 30 events added, 0 rejected

$ "$PY" "$TD"/ical/vobject-check.py deadlines.ics | cut -d'|' -f1-3
VTODO|C-1 next_response breached|2026-03-09T10:00:00Z
VTODO|P-1 resolution due|2026-03-09T13:00:00Z
VTODO|R-1 resolution due|2026-03-09T12:00:00Z
VTODO|R-2 resolution due|2026-03-09T13:00:00Z
VTODO|W-1 resolution due|2026-03-09T12:00:00Z

# libical (through rota's own reader, which refuses what libical flags) reads every
# file exported above.
$ for f in first.ics again.ics changed.ics a1.ics cal/*.ics hostile.ics deadlines.ics; do
>   rota-ical expand "$f" --from 2026-03-01 --to 2026-04-30 > /dev/null && n=$((${n:-0} + 1))
> done; echo "$n files read"
10 files read

# expand: RRULE with COUNT, EXDATE, RDATE, an instance moved by RECURRENCE-ID, and a
# timed event across midnight (two dates in New York's zone, one in Berlin's).
$ rota-ical expand "$TD"/ical/recur.ics --from 2026-03-01 --to 2026-04-30
date,summary
2026-03-02,Team day
2026-03-09,Team day
2026-03-18,Team day
2026-03-24,Team day (moved)
2026-03-29,Maintenance night
2026-03-30,Team day
2026-04-06,Team day

$ rota-ical expand "$TD"/ical/recur.ics --from 2026-03-28 --to 2026-03-29 --tz America/New_York --format text
date        summary
2026-03-28  Maintenance night
2026-03-29  Maintenance night

$ printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n' > nodate.ics && rota-ical expand nodate.ics --from 2026-01-01 --to 2026-01-31
? 2
! rota-ical: nodate.ics:2: VEVENT 'x' has no DTSTART: a holiday needs a date, e.g. DTSTART;VALUE=DATE:20261224
