# rota-roster: every hard rule is kept by the solver and caught by check in a roster
# edited by hand; cross-midnight shifts, a DST week, agents in two zones, the
# infeasibility message, and the pipe from rota-staff.
# tests/data/roster/one.yaml: one agent, cover lines for an early shift each day; RULES
# is replaced by the rule under test.  Without rules the agent works all seven days.

%setup one="$TD/roster/one.yaml"; rules() { sed "s/RULES/$1/" "$one" > rota.yaml; }
$ rules "" && rota-roster -q | cut -d, -f1-5
agent,date,shift,start,end
ann,2026-12-07,E,2026-12-07T07:00:00+01:00,2026-12-07T15:00:00+01:00
ann,2026-12-08,E,2026-12-08T07:00:00+01:00,2026-12-08T15:00:00+01:00
ann,2026-12-09,E,2026-12-09T07:00:00+01:00,2026-12-09T15:00:00+01:00
ann,2026-12-10,E,2026-12-10T07:00:00+01:00,2026-12-10T15:00:00+01:00
ann,2026-12-11,E,2026-12-11T07:00:00+01:00,2026-12-11T15:00:00+01:00
ann,2026-12-12,E,2026-12-12T07:00:00+01:00,2026-12-12T15:00:00+01:00
ann,2026-12-13,E,2026-12-13T07:00:00+01:00,2026-12-13T15:00:00+01:00

# Each rule: the seven-day roster breaks it (check says so, exit 1), and the solver's
# roster under the rule passes check.
%setup one="$TD/roster/one.yaml"; rules() { sed "s/RULES/$1/" "$one" > rota.yaml; }; rules "" && rota-roster -q > all7.csv
$ rules "max_consecutive_days: 3" && rota-roster check all7.csv
rule,agent,from,to,detail
max-consecutive-days,ann,2026-12-07,2026-12-13,"7 days in a row, at most 3"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "max_consecutive_days: 3" && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-08 2026-12-09 2026-12-11 2026-12-12 2026-12-13

$ rules "max_weekends: 0" && rota-roster check all7.csv
rule,agent,from,to,detail
max-weekends,ann,2026-12-07,2026-12-13,"1 weekend worked, at most 0"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "max_weekends: 0" && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-08 2026-12-09 2026-12-10 2026-12-11

$ rules 'minutes: { horizon: "-1440" }' && rota-roster check all7.csv
rule,agent,from,to,detail
horizon-minutes,ann,2026-12-07,2026-12-13,"3360 minutes in the horizon, at most 1440"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules 'minutes: { horizon: "-1440" }' && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-11 2026-12-12 2026-12-13

$ rules 'minutes: { week: "-960" }' && rota-roster check all7.csv
rule,agent,from,to,detail
week-minutes,ann,2026-12-07,2026-12-13,"3360 minutes in the week, at most 960"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules 'minutes: { week: "-960" }' && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-12 2026-12-13

# A minimum of minutes the horizon cannot give is the infeasibility message.
$ sed 's/ann, rules/ann, days_off: [ 2026-12-09, 2026-12-10 ], rules/' "$one" | sed 's/RULES/minutes: { horizon: "3000-" }/' > rota.yaml && rota-roster
! rota-roster: the hard rules of agent 'ann' cannot all hold: minutes per horizon with days off; relax one of these rules for the agent (its rules: or its contract)
? 1

$ rules 'max_shifts: { E: 2 }' && rota-roster check all7.csv
rule,agent,from,to,detail
max-shifts,ann,2026-12-07,2026-12-13,"7 shifts E, at most 2"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules 'max_shifts: { E: 2 }' && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2,3 r.csv | paste -sd' '
rule,agent,from,to,detail
date,shift 2026-12-12,E 2026-12-13,E

# Days off and unavailable spans.
$ sed 's/ann, rules/ann, days_off: [ 2026-12-09, 2026-12-11 ], rules/; s/RULES//' "$one" > rota.yaml && rota-roster check all7.csv
rule,agent,from,to,detail
days-off,ann,2026-12-09,2026-12-09,shift E on a day off
days-off,ann,2026-12-11,2026-12-11,shift E on a day off
! rota-roster: 2 hard rules broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/ann, rules/ann, unavailable: [ "2026-12-10T12:00\/2h" ], rules/; s/RULES//' "$one" > rota.yaml && rota-roster check all7.csv
rule,agent,from,to,detail
unavailable,ann,2026-12-10,2026-12-10,shift E overlaps a span when ann is unavailable
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/ann, rules/ann, unavailable: [ "2026-12-10T12:00\/2h" ], rules/; s/RULES//' "$one" > rota.yaml && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-08 2026-12-09 2026-12-11 2026-12-12 2026-12-13

# Min consecutive days: days off on Wednesday and Friday leave Thursday alone.
$ sed 's/ann, rules/ann, days_off: [ 2026-12-09, 2026-12-11 ], rules/; s/RULES/min_consecutive_days: 2/' "$one" > rota.yaml && grep -v -e 12-09 -e 12-11 all7.csv > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
min-consecutive-days,ann,2026-12-10,2026-12-10,"1 day in a row, at least 2"
! rota-roster: 1 hard rule broken; objective 26.00 (under 26.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/ann, rules/ann, days_off: [ 2026-12-09, 2026-12-11 ], rules/; s/RULES/min_consecutive_days: 2/' "$one" > rota.yaml && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-08 2026-12-12 2026-12-13

# Min consecutive days off: with Wednesday off, Tuesday (the cheaper loss) goes too.
$ rules "min_consecutive_days_off: 2" && grep -v 12-09 all7.csv > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
min-consecutive-days-off,ann,2026-12-09,2026-12-09,"1 day off in a row, at least 2"
! rota-roster: 1 hard rule broken; objective 12.00 (under 12.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/ann, rules/ann, days_off: [ 2026-12-09 ], rules/; s/RULES/min_consecutive_days_off: 2/' "$one" > rota.yaml && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-10 2026-12-11 2026-12-12 2026-12-13

# The edges of the horizon: a block touching one is never too short.
$ rules "min_consecutive_days: 3, min_consecutive_days_off: 3" && grep -v -e 12-07 -e 12-13 all7.csv > edited.csv && rota-roster -q check edited.csv
rule,agent,from,to,detail

# One shift a day, min rest, cannot-follow: hand-edited rows.
$ rules "" && { cat all7.csv; echo 'ann,2026-12-08,L,2026-12-08T14:00:00+01:00,2026-12-08T22:00:00+01:00,,'; } > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
one-shift-a-day,ann,2026-12-08,2026-12-08,shifts E and L on the same day
overlap,ann,2026-12-08,2026-12-08,shifts E and L overlap
! rota-roster: 2 hard rules broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "min_rest: 11h" && sed 's/^ann,2026-12-07,E,.*/ann,2026-12-07,L,2026-12-07T14:00:00+01:00,2026-12-07T22:00:00+01:00,,/' all7.csv > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
min-rest,ann,2026-12-07,2026-12-08,"540 minutes of rest between L and E, at least 660"
! rota-roster: 1 hard rule broken; objective 10.00 (under 10.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
# A night shift crosses midnight; N may not be followed by E.
$ rules "" && sed 's/^ann,2026-12-07,E,.*/ann,2026-12-07,N,2026-12-07T22:00:00+01:00,2026-12-08T06:00:00+01:00,,/' all7.csv > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
cannot-follow,ann,2026-12-07,2026-12-08,shift E the day after N
! rota-roster: 1 hard rule broken; objective 10.00 (under 10.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/RULES//; s/2026-12-07, shift: E, need: 1, under: 10/2026-12-07, shift: N, need: 1, under: 50/' "$one" > rota.yaml && rota-roster -q > r.csv && rota-roster -q check r.csv && cut -d, -f2-5 r.csv | head -3
rule,agent,from,to,detail
date,shift,start,end
2026-12-07,N,2026-12-07T22:00:00+01:00,2026-12-08T06:00:00+01:00
2026-12-09,E,2026-12-09T07:00:00+01:00,2026-12-09T15:00:00+01:00

# A shift moved off its start times, or made longer, is not that shift any more.
$ rules "" && sed 's/^ann,2026-12-07,E,.*/ann,2026-12-07,E,2026-12-07T07:30:00+01:00,2026-12-07T16:00:00+01:00,,/' all7.csv > edited.csv && rota-roster check edited.csv
rule,agent,from,to,detail
shift-start,ann,2026-12-07,2026-12-07,ann on 2026-12-07 does not start at one of shift E's start times
shift-length,ann,2026-12-07,2026-12-07,shift E lasts 510 minutes instead of 480
! rota-roster: 2 hard rules broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1

%setup
# The week the clocks go back: a night shift from Saturday 22:00 CEST lasts 8 real
# hours and ends 05:00 CET; the planning grid has the repeated hour twice.
$ rota-roster -q -c "$TD/roster/dst.yaml" --need "$TD/roster/need-dst.csv" --coverage cov.csv && cat cov.csv
agent,date,shift,start,end,breaks,queue
nina,2026-10-24,N,2026-10-24T22:00:00+02:00,2026-10-25T05:00:00+01:00,,phone
interval,queue,required,scheduled,gap
2026-10-25T01:00:00+02:00,phone,1,1,0
2026-10-25T02:00:00+02:00,phone,1,1,0
2026-10-25T02:00:00+01:00,phone,1,1,0
2026-10-25T03:00:00+01:00,phone,1,1,0

# Sakhalin (UTC+11) and Moscow (UTC+3) cover the same UTC hours at 17:00 and 09:00 local.
$ rota-roster -q -c "$TD/roster/zones.yaml" --need "$TD/roster/need-zones.csv" --coverage cov.csv && cat cov.csv
agent,date,shift,start,end,breaks,queue
yuki,2026-12-07,D,2026-12-07T17:00:00+11:00,2026-12-07T20:00:00+11:00,,support
oleg,2026-12-07,D,2026-12-07T09:00:00+03:00,2026-12-07T12:00:00+03:00,,support
interval,queue,required,scheduled,gap
2026-12-07T06:00:00+00:00,support,2,2,0
2026-12-07T07:00:00+00:00,support,2,2,0
2026-12-07T08:00:00+00:00,support,2,2,0

# The pipe: forecast volume through rota-staff into rota-roster's need.
$ printf 'interval_start,queue,forecast\n2026-12-07T06:00:00Z,support,20\n2026-12-07T07:00:00Z,support,20\n2026-12-07T08:00:00Z,support,20\n' | rota-staff -c "$TD/roster/zones.yaml" --aht 180s --sl 80/20s | tee need.csv | rota-roster -q -c "$TD/roster/zones.yaml" --need - --coverage cov.csv > r.csv && rota-roster -q -c "$TD/roster/zones.yaml" --need need.csv check r.csv && cat cov.csv
rule,agent,from,to,detail
interval,queue,required,scheduled,gap
2026-12-07T06:00:00+00:00,support,3,2,-1
2026-12-07T07:00:00+00:00,support,3,2,-1
2026-12-07T08:00:00+00:00,support,3,2,-1

# --history: the previous roster, so that runs of days, rest and cannot-follow carry
# across the first day (Monday 2026-12-07).  h DAYS writes one with ann's E shift on
# those days of December; the solver's roster with it never breaks the rule there, and
# check with it reports a break that spans the boundary, dated from the history's day.
%setup one="$TD/roster/one.yaml"; rules() { sed "s/RULES/$1/" "$one" > rota.yaml; }; rules "" && rota-roster -q > all7.csv; h() { echo agent,date,shift,start,end,breaks,queue; for d in "$@"; do echo "ann,2026-12-0$d,E,2026-12-0${d}T07:00:00+01:00,2026-12-0${d}T15:00:00+01:00,,"; done; }
$ rules "max_consecutive_days: 5" && h 2 3 4 5 6 > hist.csv && rota-roster check --history hist.csv all7.csv
rule,agent,from,to,detail
max-consecutive-days,ann,2026-12-02,2026-12-13,"12 days in a row, at most 5"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "max_consecutive_days: 5" && h 2 3 4 5 6 > hist.csv && rota-roster -q --history hist.csv > r.csv && rota-roster -q --history hist.csv check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-09 2026-12-10 2026-12-11 2026-12-12 2026-12-13

# Without history Monday alone (touching the edge) is worked; after a Sunday off it
# would be a one-day block.
$ sed 's/ann, rules/ann, days_off: [ 2026-12-08 ], rules/; s/RULES/min_consecutive_days: 2/' "$one" > rota.yaml && rota-roster -q > r0.csv && cut -d, -f2 r0.csv | paste -sd' ' && h 5 > hist.csv && rota-roster check --history hist.csv r0.csv
date 2026-12-07 2026-12-09 2026-12-10 2026-12-11 2026-12-12 2026-12-13
rule,agent,from,to,detail
min-consecutive-days,ann,2026-12-07,2026-12-07,"1 day in a row, at least 2"
! rota-roster: 1 hard rule broken; objective 11.00 (under 11.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ sed 's/ann, rules/ann, days_off: [ 2026-12-08 ], rules/; s/RULES/min_consecutive_days: 2/' "$one" > rota.yaml && h 5 > hist.csv && rota-roster -q --history hist.csv > r.csv && rota-roster -q --history hist.csv check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-09 2026-12-10 2026-12-11 2026-12-12 2026-12-13
# A block the history began on its last day goes on into the horizon.
$ rules "min_consecutive_days: 2" && h 4 6 > hist.csv && grep -v 12-07 all7.csv > edited.csv && rota-roster check --history hist.csv edited.csv
rule,agent,from,to,detail
min-consecutive-days,ann,2026-12-06,2026-12-06,"1 day in a row, at least 2"
! rota-roster: 1 hard rule broken; objective 10.00 (under 10.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1

# Sunday was the history's only day off: Monday must be off too.
$ rules "min_consecutive_days_off: 2" && h 5 > hist.csv && rota-roster check --history hist.csv all7.csv
rule,agent,from,to,detail
min-consecutive-days-off,ann,2026-12-06,2026-12-06,"1 day off in a row, at least 2"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "min_consecutive_days_off: 2" && h 5 > hist.csv && rota-roster -q --history hist.csv > r.csv && rota-roster -q --history hist.csv check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-08 2026-12-09 2026-12-10 2026-12-11 2026-12-12 2026-12-13

# Sunday's late shift ends at 22:00: Monday's early one leaves 9 hours of rest.
$ rules "min_rest: 11h" && { h; echo 'ann,2026-12-06,L,2026-12-06T14:00:00+01:00,2026-12-06T22:00:00+01:00,,'; } > hist.csv && rota-roster check --history hist.csv all7.csv
rule,agent,from,to,detail
min-rest,ann,2026-12-06,2026-12-07,"540 minutes of rest between L and E, at least 660"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "min_rest: 11h" && { h; echo 'ann,2026-12-06,L,2026-12-06T14:00:00+01:00,2026-12-06T22:00:00+01:00,,'; } > hist.csv && rota-roster -q --history hist.csv > r.csv && rota-roster -q --history hist.csv check r.csv && cut -d, -f2,3 r.csv | head -2
rule,agent,from,to,detail
date,shift
2026-12-08,E

# Sunday's night shift may not be followed by E.
$ rules "" && { h; echo 'ann,2026-12-06,N,2026-12-06T22:00:00+01:00,2026-12-07T06:00:00+01:00,,'; } > hist.csv && rota-roster check --history hist.csv all7.csv
rule,agent,from,to,detail
cannot-follow,ann,2026-12-06,2026-12-07,shift E the day after N
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "" && { h; echo 'ann,2026-12-06,N,2026-12-06T22:00:00+01:00,2026-12-07T06:00:00+01:00,,'; } > hist.csv && rota-roster -q --history hist.csv > r.csv && rota-roster -q --history hist.csv check r.csv && cut -d, -f2,3 r.csv | head -2
rule,agent,from,to,detail
date,shift
2026-12-08,E

# A horizon from Sunday 2026-12-06: the history's Saturday makes that weekend one
# worked, so with at most one the next weekend stays free.
$ rules "max_weekends: 1" && h 5 > hist.csv && rota-roster -q --start 2026-12-06 --days 8 > r0.csv && rota-roster check --start 2026-12-06 --days 8 --history hist.csv r0.csv
rule,agent,from,to,detail
max-weekends,ann,2026-12-06,2026-12-13,"2 weekends worked, at most 1"
! rota-roster: 1 hard rule broken; objective 0.00 (under 0.00, over 0.00, preference 0.00, cost 0.00, fairness 0.00)
? 1
$ rules "max_weekends: 1" && h 5 > hist.csv && rota-roster -q --start 2026-12-06 --days 8 --history hist.csv > r.csv && rota-roster -q --start 2026-12-06 --days 8 --history hist.csv check r.csv && cut -d, -f2 r.csv | paste -sd' '
rule,agent,from,to,detail
date 2026-12-07 2026-12-08 2026-12-09 2026-12-10 2026-12-11

# The history's rules can leave none: after five days, Monday is needed off, and a
# minimum of minutes wants all seven.
$ rules 'max_consecutive_days: 5, minutes: { horizon: "3360-" }' && h 2 3 4 5 6 > hist.csv && rota-roster --history hist.csv
! rota-roster: the hard rules of agent 'ann' cannot all hold: minutes per horizon, max consecutive days; relax one of these rules for the agent (its rules: or its contract)
? 1

# A bad history: an unknown agent, a shift inside the horizon (at the row's date).
$ rules "" && { h 6; echo 'bob,2026-12-06,E,2026-12-06T07:00:00+01:00,2026-12-06T15:00:00+01:00,,'; } > hist.csv && rota-roster --history hist.csv
! rota-roster: hist.csv:3:1: unknown agent 'bob': expected one of roster: agents
? 2
$ rules "" && h 6 7 > hist.csv && rota-roster check --history hist.csv all7.csv
! rota-roster: hist.csv:3:5: a previous roster's shift on 2026-12-07: the history must end before the first day, 2026-12-07
? 2

%setup
# A history in UTC for an agent in Berlin, from the night the clocks go back: its night
# shift runs into the new horizon's first morning, 25 hours long, and covers it there
# (history shifts give no other coverage).
$ printf 'agent,date,shift,start,end,breaks,queue\nnina,2026-10-24,N,2026-10-24T20:00:00Z,2026-10-25T04:00:00Z,,phone\n' > hist.csv && rota-roster -q -c "$TD/roster/dst.yaml" --start 2026-10-25 --days 2 --need "$TD/roster/need-dst.csv" --history hist.csv --coverage cov.csv && cat cov.csv
agent,date,shift,start,end,breaks,queue
interval,queue,required,scheduled,gap
2026-10-25T01:00:00+02:00,phone,1,1,0
2026-10-25T02:00:00+02:00,phone,1,1,0
2026-10-25T02:00:00+01:00,phone,1,1,0
2026-10-25T03:00:00+01:00,phone,1,1,0

# --svg FILE: required vs scheduled per queue and the roster as a Gantt chart, a
# standalone SVG that an XML parser reads and a renderer draws; an agent id with < & "
# is escaped, in its row's label and in its bar's title.  Sakhalin's 16:00 and Moscow's
# 08:00 are the same bar position (05:00 UTC, the planning zone).
%need rsvg-convert --version && xmllint --version
$ rota-roster -q -c "$TD/roster/escape.yaml" --need "$TD/roster/need-zones.csv" --svg chart.svg > r.csv
> xmllint --noout chart.svg && rsvg-convert chart.svg -o chart.png && test -s chart.png && echo rendered
> grep -c 'class="shift"' chart.svg; grep -c 'class="brk"' chart.svg; grep -o '<title>[^<]*</title>' chart.svg
> grep -o 'class="agent"[^>]*>[^<]*' chart.svg | sed 's/.*>//'; grep -o 'class="title"[^>]*>[^<]*' chart.svg | sed 's/.*>//'
> grep 'class="shift"' chart.svg | grep -o 'x="[0-9.]*"' | uniq -c | sed 's/^ *//'
rendered
2
2
<title>&lt;R&amp;D&gt; &quot;2nd&quot; D 16:00-20:00 support</title>
<title>oleg D 08:00-12:00 support</title>
&lt;R&amp;D&gt; &quot;2nd&quot;
oleg
Queue support: agents required and scheduled
Shifts and breaks, 2 agents
2 x="205.0"
# The need's step line where it has rows, over the scheduled area; the 2-day horizon
# is 48 cells.
$ rota-roster -q -c "$TD/roster/escape.yaml" --need "$TD/roster/need-zones.csv" --svg chart.svg > /dev/null
> grep -o '<path class="req" d="[^"]*"' chart.svg; grep -o '<path class="sch" d="[^"]*"' chart.svg | grep -o H | wc -l
<path class="req" d="M222.0,96.0 H239.0 V96.0 H256.0 V96.0 H273.0"
48
# Written atomically like -o: a directory that is not there leaves nothing behind.
$ rota-roster -q -c "$TD/roster/escape.yaml" --svg /nonexistent/chart.svg > r.csv; echo $?; ls
3
r.csv
! rota-roster: /nonexistent/chart.svg: cannot create a temporary file beside it: No such file or directory
