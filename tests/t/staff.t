# rota-staff: one-shot examples, forecast CSV to requirements CSV, config queues, every
# model, and errors with their exact messages and exit statuses.

# The worked example of the man page: 10 Erlangs need 14 agents for 80/20.
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,100,180,14,0.8884,7.8,0.7143,0.0000,14

# 30% shrinkage: 14 / 0.7 is 20 heads exactly, not 21.
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s --shrinkage 30% --format text
interval_start  queue  volume  aht  agents  service_level  asa  occupancy  abandon_rate  required
                          100  180      14         0.8884  7.8     0.7143        0.0000        20

$ rota staff --volume 100 --interval 30m --aht 180s --sl 80/20s --model erlang-a --patience 3m --format json
{"interval_start":null,"queue":null,"volume":100,"aht":180,"agents":12,"service_level":0.8023,"asa":8.5,"occupancy":0.7891,"abandon_rate":0.0531,"required":12}

# ASA target with an occupancy cap: the cap (10 / 0.7 -> 15) decides.
$ rota-staff --volume 100 --interval 30m --aht 180s --asa 15s --max-occupancy 0.7
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,100,180,15,0.8980,3.7,0.6667,0.0000,15

# An occupancy cap far below the load: a billion agents, and as many heads.
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s --max-occupancy 1e-8 | tail -1
,,100,180,1000000000,1.0000,0.0,0.0000,0.0000,1000000000
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s --max-occupancy 1e-300
! rota-staff: a maximum occupancy of 1e-300 at 10 Erlangs would need more than 1e+15 agents: expected a cap such as 0.85
? 2

# Erlang A with an abandonment target.
$ rota-staff --volume 300 --interval 30m --aht 180s --sl 80/20s --model erlang-a --patience 1m --max-abandon 2%
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,300,180,37,0.9727,0.8,0.7977,0.0162,37

# No contacts need nobody; a tiny load needs one agent.
$ rota-staff --volume 0 --interval 30m --aht 180s --sl 80/20s
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,0,180,0,1.0000,0.0,0.0000,0.0000,0
$ rota-staff --volume 0.001 --interval 30m --aht 180s --sl 80/20s
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,0.001,180,1,0.9999,0.0,0.0001,0.0000,1

# Chat: three chats at a time per agent.
$ rota-staff --volume 40 --interval 30m --aht 7m --sl 80/60s --concurrency 3
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,40,420,5,0.9720,4.7,0.6222,0.0000,5

# E-mail: 40 x 10 minutes within 4 hours.
$ rota-staff --volume 40 --interval 30m --aht 10m --respond-within 4h
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,,40,600,2,1.0000,6000.0,1.0000,0.0000,2

# A forecast as rota-forecast writes it, queue settings from the config.  support's two
# customer zones are added up (40 + 10 = 50 at 08:00); e-mail carries its backlog.
$ rota-staff -c $TD/staff/rota.yaml $TD/staff/forecast.csv
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
2026-03-02T08:00:00+01:00,support,50,180,8,0.8801,10.0,0.6250,0.0000,12
2026-03-02T08:00:00+01:00,chat,12,420,2,0.9522,9.9,0.4667,0.0000,2
2026-03-02T08:00:00+01:00,email,30,600,3,1.0000,3000.0,1.0000,0.0000,3
2026-03-02T08:30:00+01:00,support,100,180,14,0.8884,7.8,0.7143,0.0000,20
2026-03-02T08:30:00+01:00,chat,30,420,4,0.9693,5.3,0.5833,0.0000,4
2026-03-02T08:30:00+01:00,email,10,600,3,1.0000,5136.0,1.0000,0.0000,3
2026-03-02T09:00:00+01:00,support,100,180,14,0.8884,7.8,0.7143,0.0000,20
2026-03-02T09:00:00+01:00,chat,45,420,5,0.9258,13.2,0.7000,0.0000,5
2026-03-02T09:00:00+01:00,email,0,600,3,1.0000,0.0,1.0000,0.0000,3
2026-03-02T09:30:00+01:00,support,150,180,19,0.8434,11.0,0.7895,0.0000,28
2026-03-02T09:30:00+01:00,chat,40,420,5,0.9720,4.7,0.6222,0.0000,5
2026-03-02T09:30:00+01:00,email,0,600,3,1.0000,0.0,1.0000,0.0000,3
2026-03-02T10:00:00+01:00,support,100,180,14,0.8884,7.8,0.7143,0.0000,20
2026-03-02T10:00:00+01:00,chat,20,420,3,0.9698,5.4,0.5185,0.0000,3
2026-03-02T10:00:00+01:00,email,50,600,5,1.0000,3480.0,1.0000,0.0000,5
2026-03-02T10:30:00+01:00,support,60,180,9,0.8596,11.8,0.6667,0.0000,13
2026-03-02T10:30:00+01:00,chat,8,420,2,0.9927,1.3,0.3111,0.0000,2
2026-03-02T10:30:00+01:00,email,0,600,5,1.0000,0.0,1.0000,0.0000,5

# Standard input, one queue, staffed to the upper 80% bound; -v says what was read.
$ rota-staff -c $TD/staff/rota.yaml --quantile hi80 --queue chat -v < $TD/staff/forecast.csv
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
2026-03-02T08:00:00+01:00,chat,14.4,420,2,0.8953,24.3,0.5600,0.0000,2
2026-03-02T08:30:00+01:00,chat,36,420,4,0.8900,21.5,0.7000,0.0000,4
2026-03-02T09:00:00+01:00,chat,54,420,6,0.9492,8.5,0.7000,0.0000,6
2026-03-02T09:30:00+01:00,chat,48,420,5,0.8767,23.4,0.7467,0.0000,5
2026-03-02T10:00:00+01:00,chat,24,420,3,0.9129,17.5,0.6222,0.0000,3
2026-03-02T10:30:00+01:00,chat,9.6,420,2,0.9826,3.3,0.3733,0.0000,2
! rota-staff: queue 'chat': 6 intervals, 186 contacts (column hi80), peak 6 agents (6 required), backlog at the end 0.0

# The command line overrides the config for every queue.
$ rota-staff -c $TD/staff/rota.yaml --queue support --sl 90/10s --shrinkage 0 $TD/staff/forecast.csv | cut -d, -f2,5,6,10
queue,agents,service_level,required
support,9,0.9355,9
support,15,0.9227,15
support,15,0.9227,15
support,21,0.9267,21
support,15,0.9227,15
support,10,0.9189,10

# One-shot with a configured queue (Erlang A: it has a patience).
$ rota-staff -c $TD/staff/rota.yaml --volume 60 --interval 30m --queue callback
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
,callback,60,240,11,0.9103,3.9,0.6977,0.0407,11

# The output is what rota-roster --need reads, written atomically with -o.
$ rota-staff -c $TD/staff/rota.yaml -o need.csv $TD/staff/forecast.csv && head -2 need.csv && wc -l < need.csv
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
2026-03-02T08:00:00+01:00,support,50,180,8,0.8801,10.0,0.6250,0.0000,12
19

# Naive times are read in the planning zone, across the spring-forward change; the
# interval is guessed from the two rows (30 real minutes apart).
$ printf 'interval_start,volume\n2026-03-29 01:30,10\n2026-03-29 03:00,10\n' | rota-staff --tz Europe/Berlin --aht 3m --sl 80/20s
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
2026-03-29T01:30:00+01:00,,10,180,3,0.9272,8.2,0.3333,0.0000,3
2026-03-29T03:00:00+02:00,,10,180,3,0.9272,8.2,0.3333,0.0000,3
$ printf 'interval_start,volume\n2026-03-29 02:30,10\n' | rota-staff --tz Europe/Berlin --aht 3m --sl 80/20s --interval 30m
! rota-staff: <stdin>:2:1: bad interval_start '2026-03-29 02:30': 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
? 2

# A header alone is an empty plan, not an error.
$ printf 'interval_start,queue,forecast\n' | rota-staff --aht 3m --sl 80/20s
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required

# ---- errors ----
$ printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,12\n2026-03-02T08:30:00Z,support,abc\n' > bad.csv; rota-staff --aht 3m --sl 80/20s bad.csv
! rota-staff: bad.csv:3:30: bad forecast 'abc': expected a number of contacts, 0 or more (such as 12 or 12.5)
? 2
$ printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,-3\n' | rota-staff --aht 3m --sl 80/20s --interval 30m
! rota-staff: <stdin>:2:30: bad forecast '-3': expected a number of contacts, 0 or more (such as 12 or 12.5)
? 2
$ printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support\n' | rota-staff --aht 3m --sl 80/20s --interval 30m
! rota-staff: <stdin>:2: row has 2 fields but the header needs 3: each row must have interval_start, queue and forecast
? 2
$ printf 'when,queue,forecast\n' | rota-staff --aht 3m --sl 80/20s
! rota-staff: <stdin>:1: no 'interval_start' column in the header: expected a forecast CSV with interval_start, queue and forecast (or volume)
? 2
$ printf 'interval_start,queue,forecast\n' | rota-staff --aht 3m --sl 80/20s --quantile hi95
! rota-staff: <stdin>:1: no column 'hi95' in the header: --quantile names the column to staff to, such as hi80
? 2
$ rota-staff --aht 3m --sl 80/20s < /dev/null
! rota-staff: <stdin>:1: empty input: expected a forecast CSV whose header names interval_start, queue and forecast (as rota-forecast writes)
? 2
$ rota-staff --aht 3m --sl 80/20s nosuch.csv
! rota-staff: nosuch.csv: cannot open: No such file or directory
? 2

# A queue with no settings anywhere, named at its first row's queue cell.
$ cp $TD/staff/rota.yaml . && printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,12\n2026-03-02T08:30:00Z,billing,3\n' > q.csv && rota-staff -c rota.yaml q.csv
! rota-staff: q.csv:3:22: queue 'billing' has no aht (average handling time): it is not defined under 'queues:' in rota.yaml; define it there or give --aht
? 2
$ mkdir -p empty && cd empty && printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,12\n' | rota-staff --interval 30m
! rota-staff: <stdin>:2:22: queue 'support' has no aht (average handling time): it is not defined under 'queues:' in the config (none was read); define it there or give --aht
? 2
$ printf 'interval_start,forecast\n2026-03-02T08:00:00Z,12\n' | rota-staff --aht 3m
! rota-staff: <stdin>:2:1: rows without a queue have no sl (a service-level target such as 80/20s, or an 'asa' target): queue settings come from the config only by queue name, so give --sl or --asa
? 2
$ printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,12\n' | rota-staff --aht 3m --sl 80/20s
! rota-staff: <stdin>:2: cannot tell the interval length: no queue has two intervals; give it with --interval (such as --interval 30m)
? 2

# Rows closer together than --interval would each be staffed for more time than their
# contacts arrive in: an error at the row, with the spacing to give instead.
$ printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,12\n2026-03-02T08:30:00Z,support,10\n' > half.csv; rota-staff --aht 3m --sl 80/20s --interval 1h half.csv
! rota-staff: half.csv:3:30: queue 'support', interval 2026-03-02T08:30:00Z: starts 30m after the queue's previous interval, inside it: the interval length is 1h; give the rows' own spacing with --interval 30m, or leave --interval out
? 2

# Targets that can never be met are errors, where they were set.
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 100/20s
! rota-staff: a service level of 100% is never reached: with random arrivals some callers always wait; use a target below 100%
? 2
$ cp $TD/staff/rota.yaml . && rota-staff -c rota.yaml --volume 3 --interval 30m --queue perfect
! rota-staff: rota.yaml:8:3: queue 'perfect': a service level of 100% is never reached: with random arrivals some callers always wait; use a target below 100%
? 2
$ rota-staff --volume 1e9 --interval 30m --aht 180s --sl 80/20s --shrinkage 0.9999999999999999
! rota-staff: 100000015 agents at a shrinkage of 0.99999999999999989 would need 9.01e+23 heads: expected a shrinkage that leaves time to answer, such as 0.3
? 2
$ rota-staff --volume 2e9 --interval 30m --aht 180s --sl 80/20s
! rota-staff: offered load of 2e+08 Erlangs (volume x aht / interval) is more than rota-staff handles (1e+08): check the volume column and --interval
? 2
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s --max-abandon 5%
! rota-staff: an abandonment target needs the Erlang A model: give the callers' mean patience (--patience, or 'patience' in the queue's config)
? 2
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s --model erlang-a
! rota-staff: no patience (mean time callers wait before they hang up, for Erlang A): give --patience, or --queue NAME to use the settings of a queue in the config
? 2
$ rota-staff --volume 100 --interval 30m --sl 80/20s
! rota-staff: no aht (average handling time): give --aht, or --queue NAME to use the settings of a queue in the config
? 2

# Usage errors: argp's message, then the hint; exit 2.
$ rota-staff --volume 100 --interval 30m --aht 180s --sl 80
! rota-staff: --sl: bad service level '80': expected PERCENT/DURATION such as 80/20s (80% answered within 20 seconds)
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --volume 100 --aht 180s --sl 80/20s
! rota-staff: --volume needs --interval: the length of the interval the volume arrives in (such as --interval 30m)
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --volume 1 --interval 1h --aht 3m --sl 80/20s --shrinkage 1
! rota-staff: --shrinkage: bad value '1': expected a share R with 0 <= R < 1, as a fraction (0.3) or a percentage (30%)
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --volume 1 --interval 1h --aht 1.5m --sl 80/20s
! rota-staff: --aht: invalid duration '1.5m': fractions are not supported (column 2); use a smaller unit, e.g. 90m instead of 1.5h
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --volume 1 --interval 1h --aht 0s --sl 80/20s
! rota-staff: --aht: bad duration '0s': expected a duration above 0 such as 90s, 3m or 1h30m
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --model erlang-b --volume 1 --interval 1h
! rota-staff: --model: unknown model 'erlang-b': expected erlang-c or erlang-a
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2
$ rota-staff --volume 1 --interval 1h --aht 1m --sl 80/20s f.csv
! rota-staff: --volume computes one interval from the options; it reads no FILE (drop one or the other)
! Try `rota-staff --help' or `rota-staff --usage' for more information.
? 2

# --help teaches; --version is GNU's.
$ rota-staff --help | head -1
Usage: rota-staff [OPTION...] [FILE]
$ rota-staff --help | grep -c -e 'Examples:' -e 'Exit status:' -e 'rota-roster --need'
3
$ rota-staff --version | head -1
rota-staff (rota) 0.1.0

# The shared options come last, under their own header, as in every rota command.
$ rota-staff --help | grep -e '^ [A-Z].*:$'
 Targets and queue settings (override the config):
 Input and output:
 Common options:
$ rota-staff --help | grep -A1 '^ Common options:' | tail -1 | cut -c1-19
  -c, --config=FILE
