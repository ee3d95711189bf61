# rota-import: the three layouts, idempotent re-import, overlapping exports, bad rows,
# gzip, stdin, zones, and the real ServiceNow log (a slice) with the documented command.
# Every case gets its own copy of the test data; what a later case reads from an earlier
# one (a database, a file of rejects) lives in $SHARED.
%setup cp "$TD"/import/*.csv "$TD"/import/*.gz .
$ cp "$TD"/import/*.csv "$TD"/import/*.gz "$SHARED" && ls "$SHARED" | wc -l
11
$ rota-import --version | head -1
rota-import (rota) 0.1.0
$ rota-import --help | grep -A3 '^Exit status'
Exit status:
  0  imported (rows left out by --skip-bad are counted, not fatal)
  2  bad usage or a bad row (file:line:column named; nothing written)
  3  I/O error, or the database locked past --busy-timeout
$ rota-import --help | grep -A1 '^ Common options:'
 Common options:
  -c, --config=FILE          Configuration file (default: $ROTA_CONFIG, else

# ---- events layout: one event a row; naive times are read in the planning zone (UTC)
$ cd "$SHARED" && rota-import events.csv
! rota-import: 8 rows, 2 tickets (2 new), 8 events added, 0 rejected
$ cd "$SHARED" && rota-import --list events
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
T-1,2026-03-02T08:00:00+00:00,created,New,Service Desk,2 - High,,support,voice,Europe/Berlin
T-1,2026-03-02T08:20:00+00:00,reply,,,,alice,,,
T-1,2026-03-02T09:00:00+00:00,assign,,Network,,bob,,,
T-1,2026-03-02T12:30:00+00:00,resolved,Resolved,,,,,,
T-2,2026-03-02T10:15:00+00:00,created,New,Service Desk,3 - Moderate,,chat,chat,America/New_York
T-2,2026-03-02T10:15:00+00:00,note,,,,,,,
T-2,2026-03-02T10:15:00+00:00,note,,,,,,,
T-2,2026-03-03T08:00:00+00:00,status,Awaiting User Info,,,,,,
# the same file again changes nothing
$ cd "$SHARED" && rota-import events.csv
! rota-import: 8 rows, 2 tickets (0 new), 0 events added, 0 rejected
# a newer export that overlaps the first adds only what is new
$ cd "$SHARED" && rota-import events-newer.csv
! rota-import: 10 rows, 3 tickets (1 new), 2 events added, 0 rejected
$ cd "$SHARED" && rota-import --list tickets
ticket,created,updated,status,team,priority,agent,queue,channel,customer_tz
T-1,2026-03-02T08:00:00+00:00,2026-03-02T12:30:00+00:00,Resolved,Network,2 - High,bob,support,voice,Europe/Berlin
T-2,2026-03-02T10:15:00+00:00,2026-03-04T16:45:00+00:00,Resolved,Service Desk,3 - Moderate,,chat,chat,America/New_York
T-3,2026-03-04T17:00:00+00:00,2026-03-04T17:00:00+00:00,New,Service Desk,4 - Low,,email,email,Asia/Tokyo
$ cd "$SHARED" && rota-import --list events --ticket T-1 --format json | head -2
{"ticket":"T-1","time":"2026-03-02T08:00:00+00:00","event":"created","status":"New","team":"Service Desk","priority":"2 - High","agent":"","queue":"support","channel":"voice","customer_tz":"Europe/Berlin"}
{"ticket":"T-1","time":"2026-03-02T08:20:00+00:00","event":"reply","status":"","team":"","priority":"","agent":"alice","queue":"","channel":"","customer_tz":""}

# ---- a broken row: named by file:line:column, and the database is left byte for byte
# as it was
$ cd "$SHARED" && rota-import --list events | wc -l
11
$ cd "$SHARED" && cksum < rota.db > before && ls rota.db*
rota.db
$ cd "$SHARED" && rota-import broken.csv
! rota-import: broken.csv:3:16: column 'time': invalid time '2026-03-04T25:00:00Z': hour 25 is out of range (00-23, or 24:00 for the end of a day)
! rota-import: nothing was imported (use --skip-bad to import the good rows and --rejects FILE to keep the bad ones)
? 2
$ cd "$SHARED" && rota-import --list events | wc -l
11
$ cd "$SHARED" && rota-import --list tickets --ticket T-7
ticket,created,updated,status,team,priority,agent,queue,channel,customer_tz
$ cd "$SHARED" && cksum < rota.db | cmp - before && ls rota.db*
rota.db
# a first import that fails (a bad row, a bad header) or a dry run creates no database,
# and leaves no temporary file; an empty file (touch) stays empty (the messages are
# those above)
$ rota-import -q -d first.db broken.csv 2>/dev/null; echo $?; ls | grep -c '^first' || :
2
0
$ rota-import -q -d first.db --layout tickets events.csv 2>/dev/null; echo $?; ls | grep -c '^first' || :
2
0
$ rota-import -q -n -d first.db events.csv; echo $?; ls | grep -c '^first' || :
0
0
$ touch empty.db && rota-import -q -d empty.db broken.csv 2>/dev/null; echo $?; wc -c < empty.db; ls empty.db*
2
0
empty.db
$ rota-import -q -d empty.db events.csv && rota-import -d empty.db --list events | wc -l && ls empty.db*
9
empty.db

# a CSV syntax error cannot be skipped (the rows after it cannot be found): no hint
$ cd "$SHARED" && printf 'ticket,time,event\nQ-1,2026-03-02T08:00:00Z,created\nQ-2,"2026-03-02,created\n' > quote.csv
$ cd "$SHARED" && rota-import quote.csv
! rota-import: quote.csv:3:5: unterminated quoted field: expected a closing '"' before the end of input
! rota-import: nothing was imported
? 2
$ cd "$SHARED" && cksum < rota.db | cmp - before && echo unchanged
unchanged

# ---- --skip-bad imports the good rows; --rejects keeps the bad ones with the reason
$ cd "$SHARED" && rota-import --skip-bad --rejects rejects.csv mixed.csv
! rota-import: 6 rows, 2 tickets (2 new), 2 events added, 4 rejected
$ cd "$SHARED" && cat rejects.csv
reject_file,reject_line,reject_column,reject_reason,ticket,time,event,team
mixed.csv,3,27,"unknown event 'opened' in column 'event': expected one of created, message, reply, note, status, assign, priority, resolved, closed, reopened",T-11,2026-03-05T08:05:00Z,opened,Service Desk
mixed.csv,4,1,no ticket in column 'ticket': every row needs the ticket it belongs to,,2026-03-05T08:10:00Z,created,Service Desk
mixed.csv,5,48,"the row has 5 fields but the header has 4: a field with a comma or a line break must be quoted (""..."")",T-12,2026-03-05T08:15:00Z,created,Service Desk,extra
mixed.csv,6,6,"column 'time': invalid time 'yesterday': expected a 4-digit year at column 1, found 'y'; write a time such as 2026-03-29T09:00:00+02:00",T-13,yesterday,created,Service Desk
$ cd "$SHARED" && rota-import --list events --ticket T-14
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
T-14,2026-03-05T08:20:00+00:00,created,,"Network, Tier 2",,,,,
# --dry-run checks and counts, and writes nothing
$ cd "$SHARED" && rota-import --dry-run events-newer.csv mixed.csv --skip-bad
! rota-import: mixed.csv:3:27: row rejected: unknown event 'opened' in column 'event': expected one of created, message, reply, note, status, assign, priority, resolved, closed, reopened
! rota-import: mixed.csv:4:1: row rejected: no ticket in column 'ticket': every row needs the ticket it belongs to
! rota-import: mixed.csv:5:48: row rejected: the row has 5 fields but the header has 4: a field with a comma or a line break must be quoted ("...")
! rota-import: mixed.csv:6:6: row rejected: column 'time': invalid time 'yesterday': expected a 4-digit year at column 1, found 'y'; write a time such as 2026-03-29T09:00:00+02:00
! rota-import: 16 rows, 5 tickets (0 new), 0 events added, 4 rejected (dry run: nothing written)

# -v: the counts of each file too
$ rota-import -v -d "$SHARED"/v.db events.csv - < events-newer.csv
! rota-import: events.csv: 8 rows, 0 rejected
! rota-import: <stdin>: 10 rows, 0 rejected
! rota-import: 18 rows, 3 tickets (3 new), 10 events added, 0 rejected
$ rota-import -q -d "$SHARED"/v.db events.csv

# ---- gzip is read directly (by content), stdin as '-' or with no file
$ rota-import -q -d "$SHARED"/plain.db events.csv && rota-import -q -d "$SHARED"/gz.db events.csv.gz
$ rota-import -d "$SHARED"/gz.db --list events > gz.out && rota-import -d "$SHARED"/plain.db --list events | cmp - gz.out && echo same
same
$ rota-import -d "$SHARED"/stdin.db - < events.csv
! rota-import: 8 rows, 2 tickets (2 new), 8 events added, 0 rejected
$ cat events.csv.gz | rota-import -d "$SHARED"/stdin.db
! rota-import: 8 rows, 2 tickets (0 new), 0 events added, 0 rejected
# a named pipe is opened once: checking it beforehand would swallow what it holds
$ mkfifo pipe && { cat events.csv > pipe & } && timeout 10 rota-import -d fifo.db pipe
! rota-import: 8 rows, 2 tickets (2 new), 8 events added, 0 rejected

# ---- zones: naive times are read in --tz; --list prints in --tz
$ rota-import -q -d "$SHARED"/ny.db --tz America/New_York events.csv
$ rota-import -d "$SHARED"/ny.db --list events --ticket T-2 --tz America/New_York
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
T-2,2026-03-02T10:15:00-05:00,created,New,Service Desk,3 - Moderate,,chat,chat,America/New_York
T-2,2026-03-02T10:15:00-05:00,note,,,,,,,
T-2,2026-03-02T10:15:00-05:00,note,,,,,,,
T-2,2026-03-03T03:00:00-05:00,status,Awaiting User Info,,,,,,
$ rota-import -d "$SHARED"/ny.db --list events --ticket T-2 | cut -d, -f2 | sed -n 2p
2026-03-02T15:15:00+00:00
# without --tz, the configuration's tz; a broken configuration stops the import
$ mkdir cfg && cd cfg && printf 'tz: America/New_York\n' > rota.yaml && rota-import -q ../events.csv && rota-import --list events --ticket T-2 | sed -n 2p
T-2,2026-03-02T10:15:00-05:00,created,New,Service Desk,3 - Moderate,,chat,chat,America/New_York
$ printf 'tz: Mars/Base\n' > bad.yaml && rota-import -c bad.yaml -d cfg.db events.csv 2>&1 | cut -d: -f1-4; test -e cfg.db || echo no database
rota-import: bad.yaml:1:5
no database
$ printf 'ticket,time,event\nG-1,2026-03-29 02:30,created\n' | rota-import -d "$SHARED"/gap.db --tz Europe/Berlin
! rota-import: <stdin>:2:5: column 'time': 2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at 02:00); give an offset or use --lenient
! rota-import: nothing was imported (use --skip-bad to import the good rows and --rejects FILE to keep the bad ones)
? 2
$ printf 'ticket,time,event\nG-1,2026-03-29 02:30,created\n' | rota-import -q -d "$SHARED"/gap.db --tz Europe/Berlin --lenient
$ rota-import -d "$SHARED"/gap.db --list events --tz Europe/Berlin | tail -1
G-1,2026-03-29T03:30:00+02:00,created,,,,,,,
$ printf 'ticket,time,event,customer_tz\nZ-1,2026-03-02T08:00:00Z,created,Mars/Olympus\n' | rota-import -d zone.db
! rota-import: <stdin>:2:34: unknown time zone 'Mars/Olympus' in column 'customer_tz': expected an IANA name such as America/New_York
! rota-import: nothing was imported (use --skip-bad to import the good rows and --rejects FILE to keep the bad ones)
? 2

# ---- snapshots layout: rows of the ticket's whole state, diffed into events.  Rows of
# several tickets interleave; '?' and -100 mean no value (a lost status is kept); a row
# stamped before the creation counts at the creation; identical rows count once.
$ rota-import -d "$SHARED"/snap.db --layout snapshots --missing '?' --missing -100 \
>   --map ticket=id --map status=state --map team=group --map agent=assignee \
>   --map priority=prio --map time=updated --map created=opened --map resolved=resolved_at \
>   --attr made_sla=sla snapshots.csv
! rota-import: 12 rows, 3 tickets (3 new), 17 events added, 0 rejected
$ rota-import -d "$SHARED"/snap.db --list events
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
S-1,2026-03-02T08:00:00+00:00,created,New,Service Desk,3 - Moderate,,,,
S-1,2026-03-02T09:00:00+00:00,status,Active,Network,3 - Moderate,bob,,,
S-1,2026-03-02T09:00:00+00:00,assign,Active,Network,3 - Moderate,bob,,,
S-1,2026-03-02T11:00:00+00:00,status,Resolved,Network,3 - Moderate,bob,,,
S-1,2026-03-02T11:00:00+00:00,resolved,Resolved,Network,3 - Moderate,bob,,,
S-1,2026-03-03T09:00:00+00:00,status,Active,Network,3 - Moderate,bob,,,
S-1,2026-03-03T09:00:00+00:00,reopened,Active,Network,3 - Moderate,bob,,,
S-1,2026-03-03T09:00:00+00:00,status,Resolved,Network,3 - Moderate,bob,,,
S-1,2026-03-03T09:00:00+00:00,resolved,Resolved,Network,3 - Moderate,bob,,,
S-1,2026-03-08T12:00:00+00:00,status,Closed,Network,3 - Moderate,bob,,,
S-1,2026-03-08T12:00:00+00:00,closed,Closed,Network,3 - Moderate,bob,,,
S-2,2026-03-02T08:10:00+00:00,created,New,Service Desk,2 - High,,,,
S-2,2026-03-02T08:40:00+00:00,status,Active,Service Desk,1 - Critical,carol,,,
S-2,2026-03-02T08:40:00+00:00,assign,Active,Service Desk,1 - Critical,carol,,,
S-2,2026-03-02T08:40:00+00:00,priority,Active,Service Desk,1 - Critical,carol,,,
S-3,2026-03-02T09:45:00+00:00,created,Active,Network,4 - Low,,,,
S-3,2026-03-02T10:00:00+00:00,assign,Active,,4 - Low,,,,
$ rota-import -d "$SHARED"/snap.db --list tickets
ticket,created,updated,status,team,priority,agent,queue,channel,customer_tz
S-1,2026-03-02T08:00:00+00:00,2026-03-08T12:00:00+00:00,Closed,Network,3 - Moderate,bob,,,
S-2,2026-03-02T08:10:00+00:00,2026-03-02T08:40:00+00:00,Active,Service Desk,1 - Critical,carol,,,
S-3,2026-03-02T09:45:00+00:00,2026-03-02T10:00:00+00:00,Active,,4 - Low,,,,
$ rota-import -d "$SHARED"/snap.db --layout snapshots --missing '?' --missing -100 \
>   --map ticket=id --map status=state --map team=group --map agent=assignee \
>   --map priority=prio --map time=updated --map created=opened --map resolved=resolved_at \
>   --attr made_sla=sla snapshots.csv
! rota-import: 12 rows, 3 tickets (0 new), 0 events added, 0 rejected
# a newer export starting in the middle of the tickets' histories: S-2 goes on, and a
# late S-3 row (09:55) moves its unassignment from 10:00 to 09:55
$ rota-import -d "$SHARED"/snap.db --layout snapshots --missing '?' --missing -100 \
>   --map ticket=id --map status=state --map team=group --map agent=assignee \
>   --map priority=prio --map time=updated --map created=opened --map resolved=resolved_at \
>   --attr made_sla=sla snapshots-newer.csv
! rota-import: 5 rows, 2 tickets (0 new), 4 events added, 1 event removed (no longer derived), 0 rejected
$ rota-import -d "$SHARED"/snap.db --list events --ticket S-2 | tail -3
S-2,2026-03-04T10:00:00+00:00,status,Awaiting User Info,Service Desk,1 - Critical,carol,,,
S-2,2026-03-05T10:00:00+00:00,status,Resolved,Service Desk,1 - Critical,carol,,,
S-2,2026-03-05T10:00:00+00:00,resolved,Resolved,Service Desk,1 - Critical,carol,,,
$ rota-import -d "$SHARED"/snap.db --list events --ticket S-3
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
S-3,2026-03-02T09:45:00+00:00,created,Active,Network,4 - Low,,,,
S-3,2026-03-02T09:55:00+00:00,assign,Active,,4 - Low,,,,
$ rota-import -d "$SHARED"/snap.db --list attrs
ticket,name,value
S-1,made_sla,false
S-2,made_sla,false
S-3,made_sla,true
$ rota-import -d "$SHARED"/snap.db --layout snapshots --missing '?' --missing -100 \
>   --map ticket=id --map status=state --map team=group --map agent=assignee \
>   --map priority=prio --map time=updated --map created=opened --map resolved=resolved_at \
>   --attr made_sla=sla snapshots.csv snapshots-newer.csv -v
! rota-import: snapshots.csv: 12 rows, 0 rejected
! rota-import: snapshots-newer.csv: 5 rows, 0 rejected
! rota-import: 0 snapshot rows new
! rota-import: 17 rows, 3 tickets (0 new), 0 events added, 0 rejected

# ---- tickets layout: one row per ticket; a newer export adds the replies and resolutions
$ rota-import -d "$SHARED"/tk.db --layout tickets --attr tier tickets.csv
! rota-import: 2 rows, 2 tickets (2 new), 4 events added, 0 rejected
$ rota-import -d "$SHARED"/tk.db --list events
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
K-1,2026-03-02T08:00:00+00:00,created,,Service Desk,2 - High,,,email,Europe/Berlin
K-1,2026-03-02T08:30:00+00:00,reply,,Service Desk,2 - High,,,email,Europe/Berlin
K-1,2026-03-02T15:00:00+00:00,resolved,Resolved,Service Desk,2 - High,,,email,Europe/Berlin
K-2,2026-03-02T09:00:00+00:00,created,,Service Desk,3 - Moderate,,,email,Asia/Tokyo
$ rota-import -d "$SHARED"/tk.db --layout tickets --attr tier tickets-newer.csv
! rota-import: tickets-newer.csv:4:1: ticket 'K-2' has a row already (line 3): the tickets layout takes one row per ticket; for a ticket's history use --layout snapshots
! rota-import: nothing was imported (use --skip-bad to import the good rows and --rejects FILE to keep the bad ones)
? 2
$ rota-import -d "$SHARED"/tk.db --layout tickets --attr tier --skip-bad tickets-newer.csv
! rota-import: tickets-newer.csv:4:1: row rejected: ticket 'K-2' has a row already (line 3): the tickets layout takes one row per ticket; for a ticket's history use --layout snapshots
! rota-import: 3 rows, 2 tickets (0 new), 2 events added, 1 rejected
$ rota-import -d "$SHARED"/tk.db --list events --ticket K-2
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
K-2,2026-03-02T09:00:00+00:00,created,,Service Desk,3 - Moderate,,,email,Asia/Tokyo
K-2,2026-03-02T10:00:00+00:00,reply,,Service Desk,3 - Moderate,,,email,Asia/Tokyo
K-2,2026-03-03T11:00:00+00:00,resolved,Resolved,Service Desk,3 - Moderate,,,email,Asia/Tokyo
$ rota-import -d "$SHARED"/tk.db --list attrs
ticket,name,value
K-1,tier,gold
K-2,tier,gold

# ---- a UTF-8 BOM, CRLF line ends, quoted commas, quotes and line breaks; header names
# match in any case
$ rota-import -d "$SHARED"/bom.db --attr subject=Subject bom-crlf.csv
! rota-import: 2 rows, 1 ticket (1 new), 2 events added, 0 rejected
$ rota-import -d "$SHARED"/bom.db --list events
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
C-1,2026-03-06T08:00:00+00:00,created,,"Network, Tier 2",,,,,
C-1,2026-03-06T08:30:00+00:00,reply,,"Network, Tier 2",,,,,
$ rota-import -d "$SHARED"/bom.db --list attrs --format json
{"ticket":"C-1","name":"subject","value":"printer on fire\r\nsecond line"}

# ---- the real ServiceNow audit log: 52 rows of 6 incidents, with the command of
# examples/import-servicenow.sh (the one rota-import(1) documents)
$ sh "$ROTA_SRCDIR/examples/import-servicenow.sh" servicenow-slice.csv -d "$SHARED"/sn.db
! rota-import: 52 rows, 6 tickets (6 new), 50 events added, 0 rejected
$ sh "$ROTA_SRCDIR/examples/import-servicenow.sh" servicenow-slice.csv -d "$SHARED"/sn.db
! rota-import: 52 rows, 6 tickets (0 new), 0 events added, 0 rejected
$ rota-import -d "$SHARED"/sn.db --list tickets
ticket,created,updated,status,team,priority,agent,queue,channel,customer_tz
INC0000045,2016-02-29T01:16:00+00:00,2016-03-05T12:00:00+00:00,Closed,Group 56,3 - Moderate,,,Phone,
INC0000047,2016-02-29T04:40:00+00:00,2016-03-06T10:00:00+00:00,Closed,Group 24,3 - Moderate,Resolver 89,,Phone,
INC0000062,2016-02-29T06:58:00+00:00,2016-03-05T16:00:00+00:00,Closed,Group 23,2 - High,,,Phone,
INC0000102,2016-02-29T09:06:00+00:00,2016-03-24T18:59:00+00:00,Closed,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000130,2016-02-29T09:41:00+00:00,2016-03-08T11:00:00+00:00,Closed,Group 73,3 - Moderate,Resolver 198,,Phone,
INC0028089,2016-05-10T22:09:00+00:00,2016-06-21T13:07:00+00:00,Closed,Group 64,3 - Moderate,Resolver 15,,Phone,
# reassigned four times, resolved, reopened, resolved again, closed
$ rota-import -d "$SHARED"/sn.db --list events --ticket INC0000102
ticket,time,event,status,team,priority,agent,queue,channel,customer_tz
INC0000102,2016-02-29T09:06:00+00:00,created,New,Group 70,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-02-29T20:09:00+00:00,status,Awaiting User Info,Group 70,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-03T17:29:00+00:00,status,Active,Group 70,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-04T11:15:00+00:00,assign,Active,Group 50,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-04T12:17:00+00:00,assign,Active,Group 70,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-04T14:08:00+00:00,assign,Active,Group 29,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-04T15:51:00+00:00,assign,Active,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-07T11:50:00+00:00,status,Awaiting User Info,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-14T08:13:00+00:00,status,Resolved,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-14T08:13:00+00:00,resolved,Resolved,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-17T16:27:00+00:00,status,Active,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-17T16:27:00+00:00,reopened,Active,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-17T16:28:00+00:00,status,Resolved,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-17T16:28:00+00:00,resolved,Resolved,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-24T18:59:00+00:00,status,Closed,Group 23,3 - Moderate,Resolver 31,,Phone,
INC0000102,2016-03-24T18:59:00+00:00,closed,Closed,Group 23,3 - Moderate,Resolver 31,,Phone,
# the priority raised 31 minutes after opening
$ rota-import -d "$SHARED"/sn.db --list events --ticket INC0000062 | sed -n 2,4p
INC0000062,2016-02-29T06:58:00+00:00,created,New,Group 70,3 - Moderate,,,Phone,
INC0000062,2016-02-29T07:29:00+00:00,priority,New,Group 70,2 - High,,,Phone,
INC0000062,2016-02-29T07:34:00+00:00,assign,New,Group 23,2 - High,,,Phone,
# first update stamped 07:27, before opened_at 09:41: it counts at the opening
$ rota-import -d "$SHARED"/sn.db --list events --ticket INC0000130 | sed -n 2,3p
INC0000130,2016-02-29T09:41:00+00:00,created,New,Group 72,3 - Moderate,,,Phone,
INC0000130,2016-02-29T09:59:00+00:00,assign,New,Group 73,3 - Moderate,,,Phone,
# state -100 on two rows: the ticket stays New until it is resolved
$ rota-import -d "$SHARED"/sn.db --list events --ticket INC0028089 | cut -d, -f2-4
time,event,status
2016-05-10T22:09:00+00:00,created,New
2016-06-16T12:03:00+00:00,status,Resolved
2016-06-16T12:03:00+00:00,resolved,Resolved
2016-06-21T13:07:00+00:00,status,Closed
2016-06-21T13:07:00+00:00,closed,Closed
$ rota-import -d "$SHARED"/sn.db --list attrs --ticket INC0000102
ticket,name,value
INC0000102,category,Category 37
INC0000102,impact,2 - Medium
INC0000102,made_sla,false
INC0000102,urgency,2 - Medium
$ rota-import -d "$SHARED"/sn.db --list events --ticket INC0000062 --format text | head -3
ticket      time                       event     status    team      priority      agent  queue  channel  customer_tz
INC0000062  2016-02-29T06:58:00+00:00  created   New       Group 70  3 - Moderate                Phone
INC0000062  2016-02-29T07:29:00+00:00  priority  New       Group 70  2 - High                    Phone
$ rota-import -d "$SHARED"/sn.db --list imports | cut -d, -f4-9
layout,files,rows,rejected,events_added,events_removed
snapshots,servicenow-slice.csv,52,0,50,0
snapshots,servicenow-slice.csv,52,0,0,0

# ---- usage errors: exit 2, and the database is not created
$ rota-import -d "$SHARED"/u.db --layout rows x.csv
! rota-import: unknown layout 'rows': expected events, snapshots or tickets
! Try `rota-import --help' or `rota-import --usage' for more information.
? 2
$ rota-import -d "$SHARED"/u.db --map nosuch=x events.csv
! rota-import: --map nosuch=x: unknown field 'nosuch': expected one of ticket, time, event, status, team, priority, agent, queue, channel, customer_tz, created, first_reply, resolved, closed
? 2
$ rota-import -d "$SHARED"/u.db --map ticket events.csv
! rota-import: --map 'ticket': expected FIELD=COLUMN, e.g. --map ticket=number
? 2
$ rota-import -d "$SHARED"/u.db --map created=opened_at events.csv
! rota-import: --map created=opened_at: the events layout does not read 'created' (it reads status, team, priority, agent, queue, channel, customer_tz, ticket, time, event)
? 2
$ rota-import -d "$SHARED"/u.db --map time= --layout snapshots events.csv
! rota-import: --map time=: the snapshots layout needs 'time' in every row: name the column that holds it
? 2
$ rota-import -d "$SHARED"/u.db --time-format '%d/%m/%Q' events.csv
! rota-import: --time-format '%d/%m/%Q': time format '%d/%m/%Q' has an unknown conversion '%Q' at column 7; use %Y %y %m %b %d %H %I %M %S %p %z %T %F or %%
! Try `rota-import --help' or `rota-import --usage' for more information.
? 2
$ rota-import -d "$SHARED"/u.db missing.csv
! rota-import: missing.csv: cannot open: No such file or directory
? 2
$ rota-import -d "$SHARED"/u.db --tz Mars/Olympus events.csv
! rota-import: --tz: unknown time zone 'Mars/Olympus': expected an IANA name such as Europe/Berlin
? 2
$ rota-import --list events events.csv
! rota-import: --list reads the database: give no files with it
! Try `rota-import --help' or `rota-import --usage' for more information.
? 2
$ rota-import --format json events.csv
! rota-import: --ticket, --format and --output go with --list
! Try `rota-import --help' or `rota-import --usage' for more information.
? 2
$ rota-import -d '' events.csv
! rota-import: the database name is empty: name the file with -d FILE or $ROTA_DB
? 2
$ test -e "$SHARED"/u.db || echo no database
no database
# a header without a needed column, and a --map naming a column that is not there
$ rota-import -d h.db --layout tickets events.csv
! rota-import: events.csv:1: no 'created' column, which the tickets layout needs: name the column that holds it with --map created=COLUMN (the header has: ticket, time, event, status, team, priority, agent, queue, channel, customer_tz)
! rota-import: nothing was imported
? 2
$ rota-import -d h.db --map team=group events.csv
! rota-import: events.csv:1: --map team=group: the header has no column 'group' (it has: ticket, time, event, status, team, priority, agent, queue, channel, customer_tz)
! rota-import: nothing was imported
? 2
# databases that are not rota's
$ echo 'some notes' > notes.txt && rota-import -d notes.txt events.csv
! rota-import: notes.txt: not a rota database (not an SQLite file at all): give a new or a rota database with -d FILE
? 2
$ rota-import -d none.db --list events
! rota-import: none.db: cannot open the database: No such file or directory (import data first with rota-import, or name another with -d FILE)
? 2
# ROTA_DB names the database; -o writes --list output atomically
$ ROTA_DB="$SHARED"/sn.db rota-import --list tickets -o tickets.out && wc -l < tickets.out
7

# customer messages are events of their own (next-response clocks start on them)
$ printf 'ticket,time,event\nM-1,2026-01-01T00:00:00Z,created\nM-1,2026-01-01T01:00:00Z,message\nM-1,2026-01-01T01:30:00Z,reply\n' > m.csv
> rota-import -q -d m.db m.csv && rota-import -d m.db --list events | cut -d, -f1-3
ticket,time,event
M-1,2026-01-01T00:00:00+00:00,created
M-1,2026-01-01T01:00:00+00:00,message
M-1,2026-01-01T01:30:00+00:00,reply
