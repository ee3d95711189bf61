# rota-sla: the clocks that SLA engines get wrong (issue 9), each pinned on a ticket of
# tests/data/sla/events.csv under tests/data/sla/rota.yaml (Berlin office hours
# mon-fri 08:00-18:00, 1 May a holiday): pending time across a weekend, days of 23 and 25
# hours, a night that loses its 02:00 hour, a holiday, waiting time kept on a priority
# change, a reopened ticket (resume and restart), next-response cycles, OLA stints; then
# replaying the past, --due-within, --fail-on-breach, the formats, report and errors.
%setup cd "$SHARED"

$ cp "$TD"/sla/rota.yaml "$TD"/sla/events.csv "$SHARED" && cd "$SHARED" && rota-import events.csv
! rota-import: 30 rows, 11 tickets (11 new), 30 events added, 0 rejected

# Pending from Friday 17:00 to Monday 10:00: only Friday 16-17 and Monday 10-12 count
# (3 of 4 hours); without the pause it would be breached (Fri 16-18 and Mon 08-12).
$ rota-sla check --at 2026-03-09T12:00 | grep -E '^(ticket|W-1),'
ticket,kind,policy,metric,team,state,start,due,stop,elapsed,target,remaining,percent,cycle,warn
W-1,sla,p1,resolution,,running,2026-03-06T16:00:00+01:00,2026-03-09T13:00:00+01:00,,10800,14400,3600,75,1,50%

# The same ticket replayed on Friday at 17:30: paused, due Monday 10:30 if it resumed.
$ rota-sla check --at 2026-03-06T17:30 | grep W-1,
W-1,sla,p1,resolution,,paused,2026-03-06T16:00:00+01:00,2026-03-09T10:30:00+01:00,,3600,14400,10800,25,1,

# Around the clock in Berlin, 24 hours from noon: 13:00 on the 23-hour day of 29 March,
# 11:00 on the 25-hour day of 25 October.
$ rota-sla check --at 2026-03-29T12:00 | grep D-23
D-23,sla,dst,resolution,,running,2026-03-28T12:00:00+01:00,2026-03-29T13:00:00+02:00,,82800,86400,3600,95.8,1,

$ rota-sla check --at 2026-10-25T10:00 | grep D-25
D-25,sla,dst,resolution,,running,2026-10-24T12:00:00+02:00,2026-10-25T11:00:00+01:00,,82800,86400,3600,95.8,1,

# A calendar open 00:00-06:00: the night of 29 March has five open hours (02:00 never
# comes), so six hours from midnight end at 01:00 the next night.
$ rota-sla check --at 2026-03-29T12:00 | grep N-1
N-1,sla,night,resolution,,running,2026-03-29T00:00:00+01:00,2026-03-30T01:00:00+02:00,,18000,21600,3600,83.3,1,

# Thursday 30 April 16:00 with 4 hours: 2 on Thursday, none on the 1 May holiday nor the
# weekend, 2 on Monday.
$ rota-sla check --at 2026-05-04T09:00 | grep H-1
H-1,sla,p1,resolution,,running,2026-04-30T16:00:00+02:00,2026-05-04T10:00:00+02:00,,10800,14400,3600,75,1,50%

# P3 (8h) pending 09:00-11:00, then P1 (4h) at 12:00: the 3 hours elapsed (not the 2
# pending ones) count against the new target.
$ rota-sla check --at 2026-03-09T13:00 | grep P-1
P-1,sla,p1,resolution,,running,2026-03-09T08:00:00+01:00,2026-03-09T14:00:00+01:00,,10800,14400,3600,75,1,50%

$ rota-sla check --at 2026-03-09T11:30 | grep P-1
P-1,sla,p3,resolution,,running,2026-03-09T08:00:00+01:00,2026-03-09T18:00:00+01:00,,5400,28800,23400,18.8,1,

# Resolved at 09:00 after 1 hour, reopened at 10:00: resume goes on from 1 hour (one
# cycle), restart begins a second cycle from zero.
$ rota-sla check --at 2026-03-09T11:00 | grep -E '^R-[12],'
R-1,sla,resume,resolution,,running,2026-03-09T08:00:00+01:00,2026-03-09T13:00:00+01:00,,7200,14400,7200,50,1,
R-2,sla,restart,resolution,,running,2026-03-09T10:00:00+01:00,2026-03-09T14:00:00+01:00,,3600,14400,10800,25,2,

# Next response: each customer message after a reply starts a cycle; a message while
# one is open (09:30) starts none.
$ rota-sla check --at 2026-03-09T10:00 | grep C-1
C-1,sla,chat,next_response,,running,2026-03-09T09:00:00+01:00,2026-03-09T11:00:00+01:00,,3600,7200,3600,50,2,

$ rota-sla check --at 2026-03-09T08:20 | grep C-1
C-1,sla,chat,next_response,,running,2026-03-09T08:10:00+01:00,2026-03-09T10:10:00+01:00,,600,7200,6600,8.3,1,

# OLA: A, then B, then A again.  stints each: A's second stint is a cycle of its own;
# stints sum (O-2): A's two stints add up to one clock, 30 + 20 minutes.
$ rota-sla check --at 2026-03-09T13:00 | grep -E '^O-[12],'
O-1,ola,teams,handling,A,met,2026-03-09T09:00:00+01:00,2026-03-09T10:00:00+01:00,2026-03-09T09:20:00+01:00,1200,3600,2400,33.3,2,
O-1,ola,teams,handling,B,met,2026-03-09T08:30:00+01:00,2026-03-09T09:30:00+01:00,2026-03-09T09:00:00+01:00,1800,3600,1800,50,1,
O-2,ola,summed,handling,A,met,2026-03-09T08:00:00+01:00,2026-03-09T09:30:00+01:00,2026-03-09T09:20:00+01:00,3000,3600,600,83.3,1,
O-2,ola,summed,handling,B,met,2026-03-09T08:30:00+01:00,2026-03-09T09:50:00+01:00,2026-03-09T09:20:00+01:00,1800,3600,1800,50,1,

# What breaches next, soonest first (running and paused rows due within 2 hours).
$ rota-sla check --at 2026-03-09T09:10 --due-within 2h --format text
ticket  kind  policy  metric         team  state    start                      due                        stop  elapsed  target  remaining  percent  cycle  warn
O-2     ola   summed  handling       A     running  2026-03-09T08:00:00+01:00  2026-03-09T09:30:00+01:00           2400    3600       1200     66.7      1
O-2     ola   summed  handling       B     paused   2026-03-09T08:30:00+01:00  2026-03-09T09:40:00+01:00           1800    3600       1800       50      1
O-1     ola   teams   handling       A     running  2026-03-09T09:00:00+01:00  2026-03-09T10:00:00+01:00            600    3600       3000     16.7      2
C-1     sla   chat    next_response        running  2026-03-09T09:00:00+01:00  2026-03-09T11:00:00+01:00            600    7200       6600      8.3      2

$ rota-sla check --at 2026-03-09T09:10 --due-within 0s
ticket,kind,policy,metric,team,state,start,due,stop,elapsed,target,remaining,percent,cycle,warn

# Open tickets only: O-1 and O-2 were resolved at 09:20; replayed at 09:10 they count.
$ rota-sla check --at 2026-03-09T13:00 --open-only | cut -d, -f1 | uniq
ticket
C-1
P-1
R-1
R-2
W-1

$ rota-sla check --at 2026-03-09T09:10 --open-only | cut -d, -f1 | uniq
ticket
C-1
O-1
O-2
P-1
W-1

# --fail-on-breach: exit 1 when a row is breached (C-1 at 13:00), 0 otherwise.
$ rota-sla check --at 2026-03-09T13:00 --fail-on-breach > out.csv
? 1

$ rota-sla check --at 2026-03-09T13:00 --fail-on-breach --format text | grep -c breached
1
? 1

$ rota-sla check --at 2026-03-09T09:00 --fail-on-breach --open-only > /dev/null

# JSON Lines: numbers bare, no stop yet is null.
$ rota-sla check --at 2026-03-09T10:00 --format json | grep '"C-1"'
{"ticket":"C-1","kind":"sla","policy":"chat","metric":"next_response","team":"","state":"running","start":"2026-03-09T09:00:00+01:00","due":"2026-03-09T11:00:00+01:00","stop":null,"elapsed":3600,"target":7200,"remaining":3600,"percent":50,"cycle":2,"warn":null}

$ rota-sla check --at 2026-03-09T10:00 --tz UTC -o out.csv && grep C-1 out.csv
C-1,sla,chat,next_response,,running,2026-03-09T08:00:00+00:00,2026-03-09T10:00:00+00:00,,7200,7200,0,100,2,

# report: cycles that start on 9 March, by policy; the log's made_sla is absent here.
$ rota-sla report --at 2026-03-09T13:00 --from 2026-03-09 --to 2026-03-10 --by policy --format text
kind  policy   met  breached  open  compliance  median_elapsed  p90_elapsed  made_sla_rows  made_sla_rate
sla   chat       1         1     0        50.0            1800        14400              0
sla   p1         0         0     1                                                       0
sla   restart    1         0     1       100.0            3600         3600              0
sla   resume     0         0     1                                                       0
ola   summed     2         0     0       100.0            1800         3000              0
ola   teams      3         0     0       100.0            1800         1800              0

$ rota-sla report --at 2026-03-09T13:00 --by kind
! rota-sla: --by: unknown dimension 'kind': expected policy, metric, priority, team or month
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2

$ rota-sla check --at bogus
! rota-sla: --at: invalid time 'bogus': expected a 4-digit year at column 1, found 'b'; write a time such as 2026-03-29T09:00:00+02:00
? 2

$ rota-sla frob
! rota-sla: unknown command 'frob': expected check or report
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2

$ rota-sla report --open-only
! rota-sla: --open-only, --fail-on-breach, --due-within and --threads go with check, not report
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2

$ rota-sla check --by policy
! rota-sla: --from, --to, --by and --made-sla go with report, not check
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2

$ rota-sla check --due-within soon
! rota-sla: --due-within: invalid duration 'soon': expected a number at column 1, found 's'; write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2


# Threads: 3,000 tickets are three shares of the key range and, with one in four open,
# three lists of open tickets; the rows are those of one thread, byte for byte, and the
# attributes (merged per share) choose the gold policy of a quarter of the tickets.
$ printf '%s\n' 'tz: Europe/Berlin' 'sla:' '  - { name: gold, match: { tier: [t1] }, metrics: { resolution: { target: 1h, stop_status: [Resolved] } } }' '  - { name: std, metrics: { resolution: { target: 4h, stop_status: [Resolved] } } }' 'ola:' '  - { name: team, metrics: { handling: { target: 2h, start: assigned, stop: [unassigned, resolved] } } }' > many.yaml && awk 'BEGIN { print "ticket,time,event,status,team,tier"; for (i = 1; i <= 3000; i++) { k = sprintf("M-%04d", (i * 7919) % 3000); d = 1 + i % 27; h = 8 + i % 9; printf "%s,2026-03-%02dT%02d:00:00+01:00,created,Open,G%d,t%d\n", k, d, h, i % 5, i % 4; if (i % 4) printf "%s,2026-03-%02dT%02d:30:00+01:00,resolved,Resolved,G%d,t%d\n", k, d, h + 1, i % 5, i % 4 } }' > many.csv && rota-import -q -d many.db --attr tier many.csv && echo imported
imported

$ rota-sla check -c many.yaml -d many.db --at 2026-04-01T00:00 --threads 1 > one.csv && rota-sla check -c many.yaml -d many.db --at 2026-04-01T00:00 --threads 2 > two.csv && cmp one.csv two.csv && wc -l < one.csv && grep -c ',gold,' one.csv
6001
750

$ rota-sla check -c many.yaml -d many.db --at 2026-04-01T00:00 --open-only --threads 1 > one.csv && rota-sla check -c many.yaml -d many.db --at 2026-04-01T00:00 --open-only --threads 3 > two.csv && cmp one.csv two.csv && wc -l < one.csv
1501

$ rota-sla check -c many.yaml -d many.db --at 2026-03-10T12:00 --due-within 4h --threads 1 > one.csv && rota-sla check -c many.yaml -d many.db --at 2026-03-10T12:00 --due-within 4h --threads 2 > two.csv && cmp one.csv two.csv && wc -l < one.csv
29
$ rota-sla check --threads 0
! rota-sla: --threads: '0' is not a count of threads from 1 to 64
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2

$ rota-sla report --threads 2
! rota-sla: --open-only, --fail-on-breach, --due-within and --threads go with check, not report
! Try `rota-sla --help' or `rota-sla --usage' for more information.
? 2
