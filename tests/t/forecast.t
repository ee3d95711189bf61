# rota-forecast: arrivals or counts in, volume per interval and series out (issue 11).
# Fixtures (tests/data/forecast/): weeks.csv, five weeks of hourly counts of one desk
# (UTC, Monday 5 January to Sunday 8 February 2026); zones.csv, weekday arrivals of
# customers in New York (peak at 09:00 their time) and in Berlin (peak at 10:00 theirs),
# 2 February to 20 March 2026; rota.yaml, a desk calendar, a holiday and a queue.
%setup F="--input $TD/forecast/weeks.csv -c $TD/forecast/rota.yaml"

# Each model's forecast of Monday 9 February, 06:00-11:00, and its daily total.  snaive is
# the Monday before (2 February: 1, 3, 9, 19, 21, 18); avg the mean of the last four
# Mondays (09:00: 14, 12, 16 and 19 give 15.25).
$ rota-forecast $F --model snaive --horizon 1d | sed -n '1p;8,13p'
interval_start,queue,channel,customer_tz,forecast,lo80,hi80,lo95,hi95,model
2026-02-09T06:00:00+00:00,,,,1,0,2.921,0,3.293,snaive
2026-02-09T07:00:00+00:00,,,,3,1.36,5.336,0.337,5.787,snaive
2026-02-09T08:00:00+00:00,,,,9,6.698,12.278,5.262,12.911,snaive
2026-02-09T09:00:00+00:00,,,,19,15.894,23.423,13.957,24.277,snaive
2026-02-09T10:00:00+00:00,,,,21,17.757,25.618,15.735,26.51,snaive
2026-02-09T11:00:00+00:00,,,,18,14.964,22.322,13.072,23.157,snaive
$ rota-forecast $F --model snaive --horizon 1d | awk -F, 'NR > 1 { s += $5 } END { print s }'
178
$ rota-forecast $F --model avg --horizon 1d | sed -n '8,13p'
2026-02-09T06:00:00+00:00,,,,0.75,0,2.72,0,3.108,avg
2026-02-09T07:00:00+00:00,,,,3.5,2.316,6.246,0.937,6.788,avg
2026-02-09T08:00:00+00:00,,,,10,8.266,14.024,6.244,14.818,avg
2026-02-09T09:00:00+00:00,,,,15.25,13.175,20.065,10.756,21.015,avg
2026-02-09T10:00:00+00:00,,,,18,15.767,23.181,13.164,24.204,avg
2026-02-09T11:00:00+00:00,,,,15.75,13.645,20.633,11.192,21.597,avg
$ rota-forecast $F --model avg --horizon 1d | awk -F, 'NR > 1 { s += $5 } END { print s }'
159.5
$ rota-forecast $F --model avg --avg-weeks 2 --horizon 1d | sed -n '11p'
2026-02-09T09:00:00+00:00,,,,17.5,15.345,22.17,13.188,23.374,avg

# hw (double-seasonal Holt-Winters), mstl (multi-seasonal decomposition) and auto (what
# its own backtest chose), the same rows and total.
$ rota-forecast $F --model hw --horizon 1d | sed -n '8,13p'
2026-02-09T06:00:00+00:00,,,,1.35,0.959,3.555,0.17,3.916,hw
2026-02-09T07:00:00+00:00,,,,3.75,3.241,6.619,2.215,7.088,hw
2026-02-09T08:00:00+00:00,,,,9.75,9.026,13.831,7.566,14.498,hw
2026-02-09T09:00:00+00:00,,,,14.55,13.691,19.387,11.961,20.178,hw
2026-02-09T10:00:00+00:00,,,,16.95,16.032,22.123,14.181,22.969,hw
2026-02-09T11:00:00+00:00,,,,15.75,14.861,20.758,13.07,21.577,hw
$ rota-forecast $F --model hw --horizon 1d | awk -F, 'NR > 1 { s += $5 } END { print s }'
157.163
$ rota-forecast $F --model mstl --horizon 1d | sed -n '8,13p'
2026-02-09T06:00:00+00:00,,,,0.876,0.441,2.56,0,2.821,mstl
2026-02-09T07:00:00+00:00,,,,3.687,3.035,6.212,1.618,6.605,mstl
2026-02-09T08:00:00+00:00,,,,9.559,8.6,13.27,6.518,13.847,mstl
2026-02-09T09:00:00+00:00,,,,15.509,14.317,20.121,11.73,20.838,mstl
2026-02-09T10:00:00+00:00,,,,17.963,16.687,22.898,13.919,23.665,mstl
2026-02-09T11:00:00+00:00,,,,16.201,14.985,20.906,12.345,21.637,mstl
$ rota-forecast $F --model mstl --horizon 1d | awk -F, 'NR > 1 { s += $5 } END { print s }'
161.883
$ rota-forecast $F --horizon 1d | sed -n '8,13p'
2026-02-09T06:00:00+00:00,,,,0.994,0.518,2.77,0,3.02,auto:avg+hw+mstl+snaive
2026-02-09T07:00:00+00:00,,,,3.502,2.835,5.986,1.722,6.336,auto:avg+hw+mstl+snaive
2026-02-09T08:00:00+00:00,,,,9.6,8.614,13.275,6.966,13.792,auto:avg+hw+mstl+snaive
2026-02-09T09:00:00+00:00,,,,15.969,14.734,20.57,12.672,21.217,auto:avg+hw+mstl+snaive
2026-02-09T10:00:00+00:00,,,,18.385,17.068,23.292,14.869,23.982,auto:avg+hw+mstl+snaive
2026-02-09T11:00:00+00:00,,,,16.366,15.118,21.019,13.032,21.674,auto:avg+hw+mstl+snaive
$ rota-forecast $F --horizon 1d | awk -F, 'NR > 1 { s += $5 } END { print s }'
163.621

# The horizon is whole slots of the planning grid, 14 days by default; counts per hour
# cannot be split into half hours; JSON Lines has the same fields.
$ rota-forecast $F --model snaive | wc -l
337
$ rota-forecast $F --model snaive --interval 30m --horizon 1h
! rota-forecast: the input counts arrivals per 1h, more than an interval of 30m can split: choose an --interval of 1h or longer
? 2
$ rota-forecast $F --model snaive --horizon 1h --format json
{"interval_start":"2026-02-09T00:00:00+00:00","queue":"","channel":"","customer_tz":"","forecast":0,"lo80":0,"hi80":1.676,"lo95":0,"hi95":2,"model":"snaive"}

# Closed hours (the desk's calendar: weekdays 08:00-18:00) are structural zeros; the
# arrivals the history had in them are said, as they are not forecast.
$ rota-forecast $F --model avg --horizon 1d --hours desk | sed -n '8,10p;18,20p'
2026-02-09T06:00:00+00:00,,,,0,0,0,0,0,avg
2026-02-09T07:00:00+00:00,,,,0,0,0,0,0,avg
2026-02-09T08:00:00+00:00,,,,10,9.104,14.656,7.963,15.55,avg
2026-02-09T16:00:00+00:00,,,,12,11.094,16.711,9.939,17.615,avg
2026-02-09T17:00:00+00:00,,,,9.75,8.856,14.4,7.716,15.293,avg
2026-02-09T18:00:00+00:00,,,,0,0,0,0,0,avg
! rota-forecast: all arrivals: 688 arrivals fell in closed hours (not forecast)

# A holiday (9 February in the calendar 'holidays') is left out of fitting and forecast
# like a Saturday, or closed.
$ rota-forecast $F --model snaive --horizon 1d --holidays holidays --holiday-like sat | sed -n '11p'
2026-02-09T09:00:00+00:00,,,,8,5.794,11.141,4.419,11.747,snaive
$ grep 2026-02-07T09 $TD/forecast/weeks.csv
2026-02-07T09:00:00Z,8
$ rota-forecast $F --model snaive --horizon 1d --holidays holidays --holiday-like closed | cut -d, -f5 | sort -u
0
forecast


# A customer zone's series is modelled in its own local time, then placed on the planning
# grid (Berlin).  The US moves its clocks on 8 March 2026, the EU on 29 March: New York's
# 09:00 peak is at 15:00 in Berlin, then at 14:00 for three weeks, then at 15:00 again,
# while Berlin's own customers peak at 10:00 throughout.  Hour of each weekday's peak:
%setup Z="--input $TD/forecast/zones.csv --tz Europe/Berlin --by customer_tz --model snaive"
%setup peak() { awk -F, 'NR > 1 { k = substr($1, 1, 10) " " $4; if ($5 > m[k]) { m[k] = $5; h[k] = substr($1, 12, 5) } } END { for (k in h) print k, h[k] }' | sort; }
$ rota-forecast $Z --start 2026-03-05 --horizon 7d | peak
2026-03-05 America/New_York 15:00
2026-03-05 Europe/Berlin 10:00
2026-03-06 America/New_York 15:00
2026-03-06 Europe/Berlin 10:00
2026-03-09 America/New_York 14:00
2026-03-09 Europe/Berlin 10:00
2026-03-10 America/New_York 14:00
2026-03-10 Europe/Berlin 10:00
2026-03-11 America/New_York 14:00
2026-03-11 Europe/Berlin 10:00
$ rota-forecast $Z --start 2026-03-25 --horizon 7d | peak
2026-03-25 America/New_York 14:00
2026-03-25 Europe/Berlin 10:00
2026-03-26 America/New_York 14:00
2026-03-26 Europe/Berlin 10:00
2026-03-27 America/New_York 14:00
2026-03-27 Europe/Berlin 10:00
2026-03-30 America/New_York 15:00
2026-03-30 Europe/Berlin 10:00
2026-03-31 America/New_York 15:00
2026-03-31 Europe/Berlin 10:00
$ rota-forecast $Z --start 2026-03-25 --horizon 7d | grep -c '2026-03-30T15:00:00+02:00,,,America/New_York,9,'
1



# A customer zone's DST changes on the planning grid (UTC): four arrivals at 01:30 New
# York time every day.  On 1 November 2026 01:00-02:00 happens twice there (EDT, then
# EST): the slot's forecast is shared by both occurrences, 05:00 and 06:00 UTC.
$ awk 'BEGIN { print "time,customer_tz"; for (d = 0; d < 28; d++) { t = 1791091800 + d * 86400; for (k = 0; k < 4; k++) printf "%s,America/New_York\n", strftime("%Y-%m-%dT%H:%M:%SZ", t + k * 60, 1) } }' > fold.csv
> rota-forecast --input fold.csv --by customer_tz --model snaive --start 2026-11-01T04:00:00Z --horizon 1d | awk -F, 'NR == 1 || $5 > 0' | cut -d, -f1,4,5
interval_start,customer_tz,forecast
2026-11-01T05:00:00+00:00,America/New_York,2
2026-11-01T06:00:00+00:00,America/New_York,2
# On 8 March 2026 02:00-03:00 does not exist there: with four arrivals at 02:30 and one
# at 03:30 each day before, the skipped hour is forecast 0 and 03:00 EDT (07:00 UTC, the
# instant 02:00 EST would have been) keeps its one.
$ awk 'BEGIN { print "time,customer_tz"; for (d = 0; d < 28; d++) { t = 1770535800 + d * 86400; for (k = 0; k < 4; k++) printf "%s,America/New_York\n", strftime("%Y-%m-%dT%H:%M:%SZ", t + k * 60, 1); printf "%s,America/New_York\n", strftime("%Y-%m-%dT%H:%M:%SZ", t + 3600, 1) } }' > gap.csv
> rota-forecast --input gap.csv --by customer_tz --model snaive --start 2026-03-08T05:00:00Z --horizon 1d | awk -F, 'NR == 1 || $5 > 0' | cut -d, -f1,4,5
interval_start,customer_tz,forecast
2026-03-08T07:00:00+00:00,America/New_York,1

# Bad input: exit 2, the file, line and column, what was expected.
%setup
$ printf 'interval_start,count\n2026-03-02T09:00:00Z,3\n2026-03-02T10:0:00Z,1\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: c.csv:3:16: bad time: invalid time '2026-03-02T10:0:00Z': expected 2-digit minutes (00-59) at column 16, found ':'; write a time such as 2026-03-29T09:00:00+02:00
? 2
$ printf 'interval_start,count\n2026-03-02T09:00:00Z,three\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: c.csv:2:22: bad count 'three': expected a number of arrivals from 0 to 10^15
? 2
$ printf 'when,count\n2026-03-02T09:00:00Z,3\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: c.csv:1:1: no time column: expected a header with interval_start (and count) for counts per interval, or time (or created, timestamp, datetime) for one arrival a row
? 2
$ printf 'time,customer_tz\n2026-03-02T09:00:00Z,Europe/Paris\n2026-03-02T09:05:00Z,Mars/Olympus\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: c.csv:3:22: customer_tz: unknown time zone 'Mars/Olympus': expected an IANA name such as Europe/Berlin
? 2
$ printf 'time\n2026-03-08 02:30\n' > c.csv; rota-forecast --input c.csv --tz America/New_York
! rota-forecast: c.csv:2:1: bad time: 2026-03-08 02:30 does not exist in America/New_York (clocks go forward at 02:00); give an offset or use --lenient
? 2
$ printf 'time\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: no arrivals to forecast from: the input has no rows
? 2
$ printf 'interval_start,count\n2026-01-05T00:00:00Z,1\n2026-01-05T02:00:00Z,1\n' > c.csv; rota-forecast --input c.csv --interval 30m
! rota-forecast: the input counts arrivals per 2h, more than an interval of 30m can split
? 2
$ printf 'interval_start,count\n1970-01-05T00:00:00Z,1\n2026-01-05T00:00:00Z,1\n' > c.csv; rota-forecast --input c.csv
! rota-forecast: the history spans 20454 days from 1970-01-05T00:00:00+00:00, more than 3700: expected at most ten years of arrivals (a time far in the past is likely a bad row)
? 2
$ rota-forecast --input missing.csv
! rota-forecast: missing.csv: cannot open: No such file or directory
? 2
$ rota-forecast --by queue,team
! rota-forecast: --by: unknown series column 'team': expected queue, channel or customer_tz, separated by commas
! Try `rota-forecast --help' or `rota-forecast --usage' for more information.
? 2
$ rota-forecast --model prophet
! rota-forecast: --model: unknown model 'prophet' (rota-forecast --list lists them)
! Try `rota-forecast --help' or `rota-forecast --usage' for more information.
? 2
$ rota-forecast --backtest 2 --svg chart.svg
! rota-forecast: --svg draws a forecast: it does not go with --backtest
! Try `rota-forecast --help' or `rota-forecast --usage' for more information.
? 2
$ rota-forecast --interval 20m
! rota-forecast: --interval: '20m': expected 1h, 30m or 15m
! Try `rota-forecast --help' or `rota-forecast --usage' for more information.
? 2
$ rota-forecast --input $TD/forecast/weeks.csv --start 2025-12-01
! rota-forecast: the forecast would start at 2025-12-01T00:00:00+00:00, but the history starts at 2026-01-05T00:00:00+00:00: give a --start after the first arrival
? 2
$ rota-forecast --input $TD/forecast/weeks.csv --holidays holidays
! rota-forecast: unknown calendar 'holidays': there is no configuration (rota.yaml does not exist); name one with -c FILE or ROTA_CONFIG
? 2
$ cp $TD/forecast/rota.yaml .; rota-forecast --input $TD/forecast/weeks.csv --hours office
! rota-forecast: unknown calendar 'office': rota.yaml defines desk, holidays
? 2
$ rota-forecast --input $TD/forecast/weeks.csv --model snaive --start 2026-01-08
! rota-forecast: all arrivals: left out: model 'snaive' needs at least 1 week of history (168 slots at 24 a day), the series has 72 slots: give a longer history or a model needing less, such as --model snaive
! rota-forecast: no series had history enough
? 2

# The models, by --list.
$ rota-forecast --list | cut -d' ' -f1
auto
snaive
avg
hw
mstl

# The forecast feeds rota-staff unchanged: a queue column, the queue's settings from the
# config, the desk's hours.
$ awk -F, 'NR == 1 { print $0 ",queue"; next } { print $0 ",support" }' $TD/forecast/weeks.csv > q.csv
> rota-forecast --input q.csv -c $TD/forecast/rota.yaml --by queue --queue-hours --model avg --horizon 1d |
> rota-staff -c $TD/forecast/rota.yaml | sed -n '1p;9,11p'
interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,required
2026-02-09T07:00:00+00:00,support,0,300,0,1.0000,0.0,0.0000,0.0000,0
2026-02-09T08:00:00+00:00,support,10,300,3,0.9501,8.0,0.2778,0.0000,3
2026-02-09T09:00:00+00:00,support,15.25,300,3,0.8560,28.0,0.4236,0.0000,3
! rota-forecast: queue=support: 688 arrivals fell in closed hours (not forecast)

# --backtest WEEKS: per series and model, over WEEKS weekly origins.
$ rota-forecast --input $TD/forecast/weeks.csv --backtest 2 --format text
queue  channel  customer_tz  model     origins   mase   wape    bias  cover80  cover95
                             auto:avg        2  0.796  0.224  -0.158    0.860    0.973
                             snaive          2  0.969  0.273  -0.070    0.833    0.940
                             avg             2  0.796  0.224  -0.158    0.860    0.973
                             hw              2  0.814  0.229  -0.133    0.792    0.899
                             mstl            2  0.842  0.237  -0.139    0.810    0.893
$ rota-forecast --input $TD/forecast/zones.csv --by customer_tz --model avg --backtest 2
queue,channel,customer_tz,model,origins,mase,wape,bias,cover80,cover95
,,America/New_York,avg,2,,0.000,0.000,1.000,1.000
,,Europe/Berlin,avg,2,,0.000,0.000,1.000,1.000
$ rota-forecast --input $TD/forecast/weeks.csv --model snaive --backtest 5
queue,channel,customer_tz,model,origins,mase,wape,bias,cover80,cover95
,,,snaive,4,0.968,0.300,-0.076,0.853,0.952

# --svg FILE: a standalone SVG that a renderer draws and an XML parser reads; series
# names are escaped.
%need rsvg-convert --version && python3 -c 'import xml.dom.minidom'
$ awk -F, 'NR == 1 { print $0 ",queue"; next } { print $0 ",<R&D> \"2nd\"" }' $TD/forecast/weeks.csv > q.csv
> rota-forecast --input q.csv --by queue --model snaive --horizon 2d --svg chart.svg -o fc.csv
> rsvg-convert chart.svg -o chart.png && test -s chart.png && echo rendered
> python3 -c 'import sys, xml.dom.minidom as m; d = m.parse("chart.svg"); print(d.documentElement.tagName, len(d.getElementsByTagName("polygon")))'
> grep -c 'queue=&lt;R&amp;D&gt; &quot;2nd&quot;' chart.svg; wc -l < fc.csv
rendered
svg 2
1
49
$ rota-forecast --input $TD/forecast/zones.csv --by customer_tz --model snaive --horizon 1d --svg-panels 1 --svg chart.svg > /dev/null
> grep -c 'class="title"' chart.svg; grep -o 'and 1 more series' chart.svg
1
and 1 more series
$ rota-forecast --input $TD/forecast/weeks.csv --svg /nonexistent/chart.svg -o fc.csv; echo $?; ls
3
! rota-forecast: /nonexistent/chart.svg: cannot create a temporary file beside it: No such file or directory

# From the database: tickets' created times, three weeks of a desk with two queues and
# some customers in Tokyo.
%setup cd "$SHARED"
$ awk 'BEGIN { print "ticket,time,event,queue,customer_tz"; n = 0; for (d = 0; d < 21; d++) for (h = 8; h < 18; h++) for (k = 0; k < (h == 10 ? 3 : 1) + (d % 7 < 5); k++) { t = 1767571200 + d * 86400 + h * 3600 + k * 600; printf "T%d,%s,created,%s,%s\n", ++n, strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), (n % 3 ? "support" : "chat"), (n % 2 ? "Asia/Tokyo" : "") } }' > ev.csv
> rota-import -q ev.csv && rota-forecast --model snaive --horizon 2h
interval_start,queue,channel,customer_tz,forecast,lo80,hi80,lo95,hi95,model
2026-01-25T18:00:00+00:00,,,,0,0,0,0,0,snaive
2026-01-25T19:00:00+00:00,,,,0,0,0,0,0,snaive
$ rota-forecast --by queue --model snaive --start 2026-01-19T08:00:00Z --horizon 3h
interval_start,queue,channel,customer_tz,forecast,lo80,hi80,lo95,hi95,model
2026-01-19T08:00:00+00:00,chat,,,1,0,2.736,0,2.736,snaive
2026-01-19T09:00:00+00:00,chat,,,1,0,2.736,0,2.736,snaive
2026-01-19T10:00:00+00:00,chat,,,1,0,2.736,0,2.736,snaive
2026-01-19T08:00:00+00:00,support,,,1,0.255,2.004,0,3.32,snaive
2026-01-19T09:00:00+00:00,support,,,1,0.255,2.004,0,3.32,snaive
2026-01-19T10:00:00+00:00,support,,,3,1.792,4.626,1.374,6.759,snaive
$ rota-forecast --by queue,customer_tz --model avg --start 2026-01-19T09:00:00+00:00 --horizon 1h --format text
interval_start             queue    channel  customer_tz  forecast  lo80   hi80  lo95   hi95  model
2026-01-19T09:00:00+00:00  chat                                0.5     0  2.415     0  2.415  avg
2026-01-19T09:00:00+00:00  chat              Asia/Tokyo        0.5     0  2.051     0  2.051  avg
2026-01-19T09:00:00+00:00  support                             0.5     0  1.971     0  1.971  avg
2026-01-19T09:00:00+00:00  support           Asia/Tokyo        0.5     0  1.979     0  1.979  avg
$ rota-forecast -d nothing.db
! rota-forecast: nothing.db: cannot open the database: No such file or directory (import data first with rota-import, or name another with -d FILE)
? 2
