# rota-config: check rota.yaml and print what was understood.
$ rota-config --version | head -1
rota-config (rota) 0.1.0
$ rota-config --help | head -2
Usage: rota-config [OPTION...] check [FILE]
Check a rota.yaml configuration and print what was understood.
$ rota-config
! rota-config: missing command: expected check
! Try `rota-config --help' or `rota-config --usage' for more information.
? 2
$ rota-config show
! rota-config: unknown command 'show': expected check
! Try `rota-config --help' or `rota-config --usage' for more information.
? 2
$ rota-config check --format csv
! rota-config: --format: expected text or json, found 'csv'
! Try `rota-config --help' or `rota-config --usage' for more information.
? 2

# No file: the default ./rota.yaml must exist for a check.
$ rota-config check
! rota-config: rota.yaml: cannot read the configuration: No such file or directory; name the file with -c FILE or $ROTA_CONFIG
? 2
$ rota-config check -c nosuch.yaml
! rota-config: nosuch.yaml: cannot read the configuration: No such file or directory; name the file with -c FILE or $ROTA_CONFIG
? 2
$ mkdir d && rota-config check -c d
! rota-config: d: cannot read the configuration: it is a directory; expected a rota.yaml file
? 2

# A small config, normalized: every weekday, defaults filled in, names resolved.
$ cd $TD/config && rota-config check -c small.yaml
tz: Europe/Berlin
calendars: 1
  office: tz Europe/Berlin
    mon 08:00-12:00, 13:00-17:00
    tue 08:00-12:00, 13:00-17:00
    wed 08:00-12:00, 13:00-17:00
    thu 08:00-12:00, 13:00-17:00
    fri 08:00-14:00
    sat closed
    sun closed
    open 38h a week
    override 2026-12-24 08:00-12:00
    holiday 2026-12-31
    holidays from holidays/team.ics
queues: 1
  support: channel voice, aht 4m, sl 90% in 30s, calendar office
sla policies: 1 (the first that matches applies)
  all: every ticket; calendar office
    resolution: target 16h, starts at created, stops at resolved, closed; warn at 75%; on reopen resume
ola policies: 1 (the first that matches applies)
  desk: when team is "Group 70"; calendar none (around the clock)
    handling: target 2h, starts at assigned, stops at unassigned, resolved, closed; on reopen resume
roster: starts 2026-12-07, 7 days (to 2026-12-13)
  shifts: 1
    D: starts 08:00; 9h long; break 1h starting 4h-5h in
  contracts: 0
  agents: 1
    kim: tz Europe/Berlin; contract none; skills support; cost 1
      rules: none
      days off 2026-12-09
  cover lines: 0
  weights: under 100, over 1, preference 1, cost 0, fairness 5
alert routes: 1 (every route that matches fires)
  page: levels breached; every ticket
    sink exec /usr/bin/logger -t rota

# The same through the dispatcher, $ROTA_CONFIG and a FILE argument; -q prints nothing.
$ cd $TD/config && rota config check -c small.yaml | head -3
tz: Europe/Berlin
calendars: 1
  office: tz Europe/Berlin
$ cd $TD/config && ROTA_CONFIG=small.yaml rota-config check | tail -2
  page: levels breached; every ticket
    sink exec /usr/bin/logger -t rota
$ cd $TD/config && rota-config check small.yaml | wc -l
35
$ rota-config check -q -c $TD/config/small.yaml
$ rota-config check -q -c $TD/config/bad-zone.yaml 2>/dev/null
? 2

# JSON for scripts: one object, durations in seconds, absent numbers null.
$ cd $TD/config && rota-config check --format json -c small.yaml
{"tz":"Europe/Berlin","calendars":[{"name":"office","tz":"Europe/Berlin","week":{"mon":[["08:00","12:00"],["13:00","17:00"]],"tue":[["08:00","12:00"],["13:00","17:00"]],"wed":[["08:00","12:00"],["13:00","17:00"]],"thu":[["08:00","12:00"],["13:00","17:00"]],"fri":[["08:00","14:00"]],"sat":[],"sun":[]},"overrides":[{"date":"2026-12-24","hours":[["08:00","12:00"]]}],"holidays":[{"date":"2026-12-31","name":null}],"holiday_files":["holidays/team.ics"]}],"queues":[{"name":"support","channel":"voice","aht":240,"sl_target":0.9,"sl_time":30,"asa":null,"max_occupancy":null,"shrinkage":null,"concurrency":1,"respond_within":null,"patience":null,"calendar":"office"}],"sla":[{"name":"all","match":{},"calendar":"office","metrics":[{"name":"resolution","target":57600,"start":"created","stop":["resolved","closed"],"stop_status":[],"pause_status":[],"warn":["75%"],"on_reopen":"resume"}]}],"ola":[{"name":"desk","match":{"team":["Group 70"]},"calendar":null,"metrics":[{"name":"handling","target":7200,"start":"assigned","stop":["unassigned","resolved","closed"],"stop_status":[],"pause_status":[],"warn":[],"on_reopen":"resume"}]}],"roster":{"start":"2026-12-07","days":7,"interval":null,"shifts":[{"id":"D","starts":["08:00"],"length":32400,"breaks":[{"length":3600,"earliest":14400,"latest":18000}],"cannot_follow":[],"queues":[]}],"contracts":[],"agents":[{"id":"kim","tz":"Europe/Berlin","skills":["support"],"contract":null,"rules":{"min_rest":null,"max_consecutive_days":null,"min_consecutive_days":null,"min_consecutive_days_off":null,"max_weekends":null,"week_min":null,"week_max":null,"horizon_min":null,"horizon_max":null,"max_shifts":{}},"cost":1,"days_off":["2026-12-09"],"unavailable":[],"prefer":[],"avoid":[]}],"cover":[],"weights":{"under":100,"over":1,"preference":1,"cost":0,"fairness":5}},"routes":[{"name":"page","levels":["breached"],"match":{},"sinks":[{"exec":["/usr/bin/logger","-t","rota"]}],"repeat":null,"escalate_after":null,"escalate":[],"hours":null}]}

# -o writes the file atomically.
$ rota-config check -c $TD/config/small.yaml -o out.txt && head -1 out.txt
tz: Europe/Berlin

# Errors: file:line:column, what was wrong, what was expected; exit 2.
$ cd $TD/config && rota-config check -c unknown-key.yaml
! rota-config: unknown-key.yaml:4:5: unknown key 'hourz' in calendar 'office': expected one of tz, hours, overrides, holidays (did you mean 'hours'?)
? 2
$ cd $TD/config && rota-config check -c wrong-type.yaml
! rota-config: wrong-type.yaml:4:7: wrong type for 'hours' in calendar 'office': expected a mapping of days to hours, such as { mon-fri: "08:00-18:00", sat: "10:00-14:00" }, found a list
? 2
$ cd $TD/config && rota-config check -c bad-duration.yaml
! rota-config: bad-duration.yaml:2:35: bad duration 'abc' for 'aht' in queue 'support': expected a duration such as 90s, 30m, 4h, 1h30m or PT4H
? 2
$ cd $TD/config && rota-config check -c bad-value.yaml
! rota-config: bad-value.yaml:2:25: value -0.1 for 'shrinkage' in queue 'support' is out of range: expected a fraction from 0 to below 1, such as 0.30 or 30%
? 2
$ rota-config check - < $TD/config/bad-value.yaml
! rota-config: <stdin>:2:25: value -0.1 for 'shrinkage' in queue 'support' is out of range: expected a fraction from 0 to below 1, such as 0.30 or 30%
? 2
$ cd $TD/config && rota-config check -c bad-hours.yaml
! rota-config: bad-hours.yaml:2:31: bad hours '08:00-25:00' for 'mon-fri' in 'hours' in calendar 'office': expected ranges HH:MM-HH:MM between 00:00 and 24:00, several separated by commas, such as "08:00-18:00" or "08:00-12:00,13:00-17:00", or closed
? 2
$ cd $TD/config && rota-config check -c unknown-calendar.yaml
! rota-config: unknown-calendar.yaml:6:15: unknown calendar 'ofice' for 'calendar' in sla policy 'p1': expected one of office, always (did you mean 'office'?)
? 2
$ cd $TD/config && rota-config check -c bad-zone.yaml
! rota-config: bad-zone.yaml:7:11: unknown time zone 'America/NewYork' for 'tz' in agent 'bob': expected an IANA name such as Europe/Berlin, America/New_York or UTC (see /usr/share/zoneinfo)
? 2
$ cd $TD/config && rota-config check -c syntax.yaml
! rota-config: syntax.yaml:4:4: YAML syntax error: did not find expected key (while parsing a block mapping that starts on line 2, column 3): check the indentation, and quote values that contain ': ', '#', '[', '{', or start with '*', '&', '!', '%', '@' or '`'
? 2
$ cd $TD/config && rota-config check -c missing-ics.yaml
! rota-config: missing-ics.yaml:3:36: cannot read holiday file 'holidays/missing.ics' in calendar 'office': No such file or directory; expected an .ics file or a date YYYY-MM-DD
? 2
$ cd $TD && rota-config check -c config/missing-ics.yaml
! rota-config: config/missing-ics.yaml:3:36: cannot read holiday file 'holidays/missing.ics' in calendar 'office' (looked for config/holidays/missing.ics): No such file or directory; relative paths start at the directory of the config file
? 2
$ printf 'tz: UTC\nroster:\n  shifts: [ { id: E, start: "07:00", length: 8h, cannot_follow: [ N ] } ]\n' > r.yaml && rota-config check -c r.yaml
! rota-config: r.yaml:3:67: unknown shift 'N' for 'cannot_follow' in shift 'E': expected one of E
? 2
$ printf 'tz: UTC\n---\ntz: UTC\n' > two.yaml && rota config check -c two.yaml
! rota-config: two.yaml:2:1: a second YAML document ('---'): rota.yaml holds one document; remove the '---' line or merge the documents
? 2

# The shipped example: a two-site desk that uses every section.
$ rota-config check -c $ROTA_SRCDIR/examples/rota.yaml
tz: Europe/Berlin
calendars: 3
  berlin: tz Europe/Berlin
    mon 08:00-12:30, 13:00-18:00
    tue 08:00-12:30, 13:00-18:00
    wed 08:00-12:30, 13:00-18:00
    thu 08:00-12:30, 13:00-18:00
    fri 08:00-12:30, 13:00-18:00
    sat 10:00-14:00
    sun closed
    open 51h30m a week
    override 2026-12-24 08:00-12:00
    override 2026-12-31 08:00-12:30, 13:00-15:00
    holiday 2026-12-28 "Company day off"
    holidays from holidays/de.ics
  new-york: tz America/New_York
    mon 08:00-20:00
    tue 08:00-20:00
    wed 08:00-20:00
    thu 08:00-20:00
    fri 08:00-20:00
    sat 09:00-12:00, 13:00-17:00
    sun closed
    open 67h a week
    override 2026-11-27 08:00-14:00
    override 2026-12-24 08:00-13:00
    holidays from holidays/us.ics
  always: tz UTC
    mon 00:00-24:00
    tue 00:00-24:00
    wed 00:00-24:00
    thu 00:00-24:00
    fri 00:00-24:00
    sat 00:00-24:00
    sun 00:00-24:00
    open 168h a week
queues: 4
  phone-de: channel voice, aht 5m20s, sl 80% in 20s, max occupancy 85%, shrinkage 30%, patience 1m30s, calendar berlin
  phone-us: channel voice, aht 6m, sl 80% in 30s, shrinkage 32%, calendar new-york
  chat: channel chat, aht 7m, sl 80% in 1m, shrinkage 25%, concurrency 2
  email: channel email, aht 10m, respond within 4h, calendar berlin
sla policies: 4 (the first that matches applies)
  p1: when priority is "1 - Critical"; calendar always
    first_response: target 30m, starts at created, stops at reply, resolved; warn at 50%, 75%; on reopen resume
    resolution: target 4h, starts at created, stops at status Resolved, status Closed; paused in status "Awaiting User Info"; warn at 75%; on reopen resume
  p2: when priority is "2 - High"; calendar always
    first_response: target 1h, starts at created, stops at reply, resolved; warn at 50%, 75%; on reopen resume
    resolution: target 8h, starts at created, stops at status Resolved, status Closed; paused in status "Awaiting User Info", "Awaiting Vendor"; warn at 75%; on reopen resume
  p3: when priority is "3 - Moderate"; calendar berlin
    first_response: target 4h, starts at created, stops at reply, resolved; warn at 75%; on reopen resume
    resolution: target 24h, starts at created, stops at status Resolved, status Closed; paused in status "Awaiting User Info", "Awaiting Vendor"; on reopen restart
  p4: when priority is "4 - Low"; calendar berlin
    first_response: target 8h, starts at created, stops at reply, resolved; warn at 75%; on reopen resume
    resolution: target 40h, starts at created, stops at status Resolved, status Closed; on reopen resume
ola policies: 2 (the first that matches applies)
  service-desk: when team is "Group 70"; calendar berlin
    handling: target 2h, starts at assigned, stops at unassigned, resolved; warn at 75%; on reopen resume
  second-level: when team is one of "Group 20", "Group 24", "Group 25"; calendar berlin
    handling: target 8h, starts at assigned, stops at unassigned, resolved, closed; paused in status "Awaiting Vendor", "Awaiting Problem"; warn at 75%; on reopen resume
roster: starts 2026-12-07, 14 days (to 2026-12-20), grid 30m
  shifts: 4
    E: starts 07:00, 07:30, 08:00; 8h30m long; break 30m starting 3h-5h in
    D: starts 09:00; 8h30m long; break 30m starting 3h30m-5h in
    L: starts 12:00, 12:30; 8h30m long; break 30m starting 4h-5h30m in; not followed the next day by E; queues phone-de, phone-us, chat
    N: starts 22:00; 8h30m long; break 30m starting 3h30m-5h in; not followed the next day by E or D; queues chat
  contracts: 3
    full-time: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    part-time: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    nights: min rest 11h; days in a row <= 4; days off in a row >= 2; minutes a week 1440-2400; minutes in the horizon 2880-4320; shifts E <= 0; shifts D <= 0; shifts L <= 0
  agents: 29
    anna: tz Europe/Berlin; contract full-time; skills phone-de, chat, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      prefers E on 2026-12-09 (weight 3)
    ben: tz Europe/Berlin; contract full-time; skills phone-de, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      days off 2026-12-11
      avoids L on 2026-12-14 (weight 2)
    clara: tz Europe/Berlin; contract full-time; skills phone-de, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 0; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      unavailable 2026-12-10T16:00:00+01:00 to 2026-12-10T18:00:00+01:00
    deniz: tz Europe/Berlin; contract full-time; skills phone-de, chat, email; cost 1.2
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      avoids working on 2026-12-18 (weight 1)
    emil: tz Europe/Berlin; contract part-time; skills email, chat; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    finn: tz Europe/Berlin; contract full-time; skills phone-de; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    greta: tz Europe/Berlin; contract full-time; skills phone-de, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    hanna: tz Europe/Berlin; contract full-time; skills phone-de, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      days off 2026-12-17, 2026-12-18
    ivan: tz Europe/Berlin; contract part-time; skills phone-de; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    jana: tz Europe/Berlin; contract part-time; skills phone-de, chat; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    luis: tz Europe/Lisbon; contract full-time; skills phone-de, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    marta: tz Europe/Lisbon; contract part-time; skills phone-de, email; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    yusuf: tz Europe/Istanbul; contract full-time; skills phone-de, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    nico: tz Europe/Berlin; contract nights; skills chat; cost 1
      rules: min rest 11h; days in a row <= 4; days off in a row >= 2; minutes a week 1440-2400; minutes in the horizon 2880-4320; shifts E <= 0; shifts D <= 0; shifts L <= 0
    olga: tz Europe/Berlin; contract nights; skills chat; cost 1
      rules: min rest 11h; days in a row <= 4; days off in a row >= 2; minutes a week 1440-2400; minutes in the horizon 2880-4320; shifts E <= 0; shifts D <= 0; shifts L <= 0
      unavailable 2026-12-12T00:00:00+01:00 to 2026-12-14T00:00:00+01:00
    pia: tz Europe/Berlin; contract nights; skills chat; cost 1
      rules: min rest 11h; days in a row <= 4; days off in a row >= 2; minutes a week 1440-2400; minutes in the horizon 2880-4320; shifts E <= 0; shifts D <= 0; shifts L <= 0
    frank: tz America/New_York; contract full-time; skills phone-us, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      unavailable 2026-12-15T08:00:00-05:00 to 2026-12-15T12:00:00-05:00
    grace: tz America/New_York; contract full-time; skills phone-us, chat, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
      prefers D on 2026-12-12 (weight 1)
    hector: tz America/New_York; contract part-time; skills phone-us; cost 1
      rules: min rest 11h; days in a row <= 2; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
      days off 2026-12-07, 2026-12-08
    pablo: tz America/New_York; contract full-time; skills phone-us, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    quinn: tz America/New_York; contract full-time; skills phone-us; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    rosa: tz America/New_York; contract part-time; skills phone-us, chat; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    tom: tz America/Chicago; contract full-time; skills phone-us, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    uma: tz America/Chicago; contract part-time; skills phone-us; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    wade: tz America/Denver; contract full-time; skills phone-us, chat; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    vic: tz Asia/Manila; contract full-time; skills chat, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    wen: tz Asia/Manila; contract full-time; skills chat, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
    xia: tz Asia/Manila; contract part-time; skills chat; cost 1
      rules: min rest 11h; days in a row <= 3; days off in a row >= 2; weekends <= 1; minutes a week 960-1440; minutes in the horizon 1920-2880; shifts L <= 3; shifts N <= 0
    yan: tz Asia/Manila; contract full-time; skills chat, email; cost 1
      rules: min rest 11h; days in a row 2-5; days off in a row >= 2; weekends <= 1; minutes a week 1920-2400; minutes in the horizon 3840-4800; shifts L <= 6; shifts N <= 0
  cover lines: 3
    2026-12-07 E: need 3 (under 100, over 1)
    2026-12-12 D: need 1 (under 50, over 1)
    2026-12-19 D: need 1 (under 50, over 1)
  weights: under 100, over 1, preference 1, cost 0, fairness 5
alert routes: 4 (every route that matches fires)
  critical-breaches: levels breached; when priority is "1 - Critical"; repeat every 4h
    sink exec /usr/local/bin/page --team ops
    sink mail ops@example.com
    after 1h unresolved, escalate to:
      sink mail head-of-support@example.com
  high-warnings: levels 75%, breached; when priority is one of "1 - Critical", "2 - High"
    sink mail desk-berlin@example.com, desk-newyork@example.com
  team-warnings: levels 75%; when kind is ola; delivered while calendar berlin is open
    sink syslog facility local0
  dashboard: levels all; every ticket
    sink prometheus textfile /var/lib/node_exporter/textfile/rota.prom

# check builds every calendar: an .ics the calendar engine refuses fails here, with the
# .ics file's own name and line, before a deploy hook copies the config into place.
$ cd $TD/config && rota-config check -c bad-ics.yaml
! rota-config: holidays/bad-rrule.ics:8:7: holidays of calendar 'office': RRULE cannot be read (libical: Can't parse as RECUR value in RRULE property. Removing entire property: FREQ=YEARLY;BYDAY=XX)
? 2
$ cd $TD && { rota-config check -q -c config/bad-ics.yaml 2>&1 || :; } | cut -d: -f2-3
 config/holidays/bad-rrule.ics:8

# A service level is read by the parser rota-staff's --sl uses: 80/0s means the same in
# both, and what rota-staff refuses (100%, or a percentage that rounds to it) check
# refuses with the same message, where the queue is defined.
$ printf 'queues:\n  q: { aht: 3m, sl: 80/0s }\n' > sl0.yaml && rota-config check sl0.yaml | tail -1
  q: channel voice, aht 3m, sl 80% in 0s
$ cd $TD/config && rota-config check sl-100.yaml
! rota-config: sl-100.yaml:3:3: queue 'perfect': a service level of 100% is never reached: with random arrivals some callers always wait; use a target below 100%
? 2
$ cd "$SHARED" && printf 'queues:\n  q: { aht: 3m, sl: 99.9999999999999999999/20s }\n' > sl9.yaml && rota-config check sl9.yaml
! rota-config: sl9.yaml:2:3: queue 'q': a service level of 100% is never reached: with random arrivals some callers always wait; use a target below 100%
? 2
$ cd "$SHARED" && rota-staff -c sl9.yaml --queue q --volume 3 --interval 30m
! rota-staff: sl9.yaml:2:3: queue 'q': a service level of 100% is never reached: with random arrivals some callers always wait; use a target below 100%
? 2

# What is printed reads back as the same value: a target just below 100% is not shown
# as 100%, and -0 is 0%.
$ cd "$SHARED" && printf 'queues:\n  q: { aht: 3m, sl: 99.99999999/20s, shrinkage: -0 }\n' > near.yaml && rota-config check near.yaml | tail -1
  q: channel voice, aht 3m, sl 99.99999999% in 20s, shrinkage 0%
$ cd "$SHARED" && rota-config check --format json near.yaml | grep -o '"shrinkage":[^,]*'
"shrinkage":0

# A range from 24:00 is not told to split at midnight into itself.
$ printf 'calendars:\n  c: { hours: { mon: "24:00-24:00" } }\n' > h24.yaml && rota-config check h24.yaml
! rota-config: h24.yaml:2:22: hours '24:00-24:00' for 'mon' in 'hours' in calendar 'c' start at 24:00, the end of the day: a range starts before 24:00; for hours from midnight on, write "00:00-24:00" for the next day
? 2
$ printf 'calendars:\n  c: { hours: { mon: "08:00-08:00" } }\n' > h0.yaml && rota-config check h0.yaml
! rota-config: h0.yaml:2:22: hours '08:00-08:00' for 'mon' in 'hours' in calendar 'c' are empty (they end when they start): give a range such as "08:00-24:00", or closed
? 2
