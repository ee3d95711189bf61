# rota-alert: each level of each clock cycle once per sink, retries, the lock, the
# status sinks (Nagios grammar, Prometheus textfile).
%setup printf 'sla:\n  - name: std\n    metrics:\n      first_response: { target: 1h, start: created, stop: [reply, resolved], warn: [50%%, 75%%] }\n' > rota.yaml
%setup printf 'ticket,time,event,status,priority\nA,2026-01-05T09:00:00Z,created,New,P1\nB,2026-01-05T09:30:00Z,created,New,P2\n' > ev.csv
%setup rota-import -q ev.csv

# A level once: the second run has nothing to say (not even a header).
$ rota-alert --at 2026-01-05T09:40:00Z --format csv; rota-alert --at 2026-01-05T09:41:00Z
ticket,kind,policy,metric,cycle,level,state,due,percent,at,team,route,what,alert_id
A,sla,std,first_response,1,50%,running,2026-01-05T10:00:00+00:00,66.7,2026-01-05T09:40:00+00:00,,command-line,new,b7dfff516f9689ba16aa5c422ee09c96

# The highest level reached is what goes out; --repeat sends it again while open.
$ rota-alert --at 2026-01-05T10:05:00Z --format csv | cut -d, -f1,6,13
> rota-alert --at 2026-01-05T10:06:00Z --repeat 1m --format csv | cut -d, -f1,6,13
ticket,level,what
A,breached,new
B,50%,new
ticket,level,what
A,breached,repeat
B,50%,repeat

# --dry-run sends and records nothing.
$ rota-alert -n --at 2026-01-05T10:05:00Z --format csv | wc -l; rota-alert -n --at 2026-01-05T10:05:00Z --format csv | wc -l
3
3

# An --exec program that fails is retried on the next run; nothing is lost or doubled.
$ printf '#!/bin/sh\necho "$ROTA_TICKET $ROTA_LEVEL $ROTA_POLICY" >> log\n[ -e ok ] || exit 1\n' > pg; chmod +x pg
> rota-alert --at 2026-01-05T10:05:00Z --exec ./pg; echo "rc=$?"; touch ok
> rota-alert --at 2026-01-05T10:06:00Z --exec ./pg; rota-alert --at 2026-01-05T10:07:00Z --exec ./pg; cat log
rc=3
A breached std
B 50% std
A breached std
B 50% std
! rota-alert: exec for A first_response breached: ./pg: exit status 1
! rota-alert: exec for B first_response 50%: ./pg: exit status 1
! rota-alert: 2 alerts not sent (tried again on the next run)

# Each --exec delivery is stored as it completes: a run killed during its second one
# (the program kills it) sends again only that one, under the same ROTA_ALERT_ID, which
# is the record's alert_id.  Had the run stored its state only at the end, A would go
# out twice as well.
$ printf '#!/bin/sh\necho "$ROTA_TICKET $ROTA_LEVEL $ROTA_WHAT $ROTA_ALERT_ID" >> log\n[ "$(wc -l < log)" = 2 ] && kill -KILL $PPID\nexit 0\n' > pk; chmod +x pk
> (rota-alert --at 2026-01-05T10:05:00Z --exec ./pk; echo "killed: rc=$?") 2>/dev/null
> rota-alert --at 2026-01-05T10:06:00Z --exec ./pk; rota-alert --at 2026-01-05T10:07:00Z --exec ./pk; cat log
> rota-alert -n --at 2026-01-05T10:05:00Z --format csv | cut -d, -f1,6,14
killed: rc=137
A breached new 7d8f780e0122f9b41c0833ecb691cbb2
B 50% new dda39ff20ce139d7d89a9957be56ac81
B 50% new dda39ff20ce139d7d89a9957be56ac81
ticket,level,alert_id
A,breached,7d8f780e0122f9b41c0833ecb691cbb2
B,50%,dda39ff20ce139d7d89a9957be56ac81

# A repeat is another alert, with an id of its own (the second sending of the level).
$ rota-alert --at 2026-01-05T10:05:00Z --format csv | cut -d, -f1,13,14
> rota-alert --at 2026-01-05T10:06:00Z --repeat 1m --format csv | cut -d, -f1,13,14
> rota-alert --at 2026-01-05T10:07:00Z --repeat 1m --format csv | cut -d, -f1,13,14
ticket,what,alert_id
A,new,7d8f780e0122f9b41c0833ecb691cbb2
B,new,dda39ff20ce139d7d89a9957be56ac81
ticket,what,alert_id
A,repeat,fffbf394eedcd234daf6e5bdf4ece4af
B,repeat,e3ba39c8de7d11796c0c82163e3bc2ad
ticket,what,alert_id
A,repeat,e67052c9a098fba2a1419a2eccaa6182
B,repeat,0205937471b329a8f7ec62340a2a88ea

# A run that finds the lock taken skips (exit 0); --wait waits, then exit 3.
$ flock rota.db.alert-lock -c 'rota-alert --at 2026-01-05T10:05:00Z; echo "skip=$?"; rota-alert --wait 1s --at 2026-01-05T10:05:00Z; echo "wait=$?"'
skip=0
wait=3
! rota-alert: another rota-alert held rota.db.alert-lock for longer than --wait

# 20 runs at the same moment: each alert once, whether they skip or wait.
$ for i in $(seq 20); do rota-alert --at 2026-01-05T10:05:00Z --format csv > out.$i & done; wait
> for i in $(seq 20); do rota-alert --wait 30s --at 2026-01-05T10:06:00Z --exec true & done; wait
> cat out.* | grep -v ^ticket | sort | cut -d, -f1,6
A,breached
B,50%

# Nagios: the guidelines' grammar (one line, perfdata 'label'=value;warn;crit;min;max).
$ rota-alert -n --at 2026-01-05T10:05:00Z --nagios > line; echo "rc=$?"; wc -l < line
> grep -Eq "^ROTA-ALERT (OK|WARNING|CRITICAL|UNKNOWN) - [^|]+ \| ('[^'=]+'=-?[0-9.]+[a-zA-Z%]*;[0-9:~@.]*;[0-9:~@.]*;[0-9.]*;[0-9.]* ?)+$" line && echo grammar
rc=2
1
grammar
$ rota-alert -n --at 2026-01-05T09:10:00Z --nagios; echo "rc=$?"
ROTA-ALERT OK - 0 breached, 0 at a warn level, 1 open clocks | 'breached'=0;;0;0; 'warning'=0;0;;0; 'open'=1;;;0; 'paused'=0;;;0;
rc=0
$ rota-alert --nagios -d nosuch.db; echo "rc=$?"
! *
ROTA-ALERT UNKNOWN - cannot open the database: No such file or directory (import data first with rota-import, or name another with -d FILE)
rc=3


# A breach of a ticket that closed between two runs, with no earlier alert, is not
# missed: a run also looks at the tickets closed since the previous one (the first run
# only at open ones: H's old breach is history, not news).  Then it is not sent again.
$ printf 'ticket,time,event,status\nH,2026-01-04T08:00:00Z,created,New\nH,2026-01-04T10:00:00Z,resolved,Resolved\n' > h.csv
> rota-import -q h.csv; rota-alert --at 2026-01-05T09:35:00Z --format csv | cut -d, -f1,6
> printf 'ticket,time,event,status\nG,2026-01-05T09:40:00Z,created,New\nG,2026-01-05T10:50:00Z,resolved,Resolved\n' > g.csv
> rota-import -q g.csv; rota-alert --at 2026-01-05T11:00:00Z --format csv | cut -d, -f1,6,7,13
> rota-alert --at 2026-01-05T11:05:00Z --format csv; rota-alert --at 2026-01-05T12:00:00Z --format csv
ticket,level
A,50%
ticket,level,state,what
A,breached,breached,new
B,breached,breached,new
G,breached,breached,new

# --input -: rota-sla check's JSON Lines in place of the clock engine give the same
# alerts as the direct run, run after run: warn levels and breaches of sla and ola
# clocks, a route that matches the priority (which the rows lack: the store has it), a
# ticket closed between two runs (G) and not an old one (H); each once.
$ cat > r.yaml <<'EOF'
> sla:
>   - name: std
>     metrics:
>       first_response: { target: 1h, start: created, stop: [reply, resolved], warn: [50%, 75%] }
> ola:
>   - name: desk
>     match: { team: [L1] }
>     metrics:
>       handling: { target: 30m, stop: [resolved], warn: [50%] }
> alerts:
>   routes:
>     - { name: p1, levels: [ breached ], match: { priority: [P1] }, sinks: [ { stdout: text } ] }
>     - { name: all, sinks: [ { stdout: text } ] }
> EOF
> printf 'ticket,time,event,status,priority,team\nA,2026-01-05T09:00:00Z,created,New,P1,L1\nB,2026-01-05T09:30:00Z,created,New,P2,\nG,2026-01-05T09:40:00Z,created,New,P1,\nG,2026-01-05T10:50:00Z,resolved,Resolved,P1,\nH,2026-01-04T08:00:00Z,created,New,P1,\nH,2026-01-04T10:00:00Z,resolved,Resolved,P1,\n' > r.csv
> rota-import -q -d direct.db r.csv; cp direct.db piped.db
> for t in 09:20 09:40 10:05 10:06 11:00 11:05; do
>   rota-alert -c r.yaml -d direct.db --at 2026-01-05T$t:00Z --format csv >> direct.out
>   rota-sla check -c r.yaml -d piped.db --at 2026-01-05T$t:00Z --format json |
>     rota-alert -c r.yaml -d piped.db --input - --at 2026-01-05T$t:00Z --format csv >> piped.out
> done; diff direct.out piped.out && grep -v ^ticket piped.out | cut -d, -f1,2,4,6,12
A,ola,handling,50%,all
A,ola,handling,50%,command-line
A,sla,first_response,50%,all
A,sla,first_response,50%,command-line
A,ola,handling,breached,p1
A,ola,handling,breached,all
A,ola,handling,breached,command-line
A,sla,first_response,breached,p1
A,sla,first_response,breached,all
A,sla,first_response,breached,command-line
B,sla,first_response,50%,all
B,sla,first_response,50%,command-line
B,sla,first_response,breached,all
B,sla,first_response,breached,command-line
G,sla,first_response,breached,p1
G,sla,first_response,breached,all
G,sla,first_response,breached,command-line

# Rows from another producer, for tickets the database has never seen (a new database
# keeps the state): other string keys are the ticket's attributes for the routes' match;
# without "warn", the level is counted from elapsed and target; escapes are decoded.
$ printf '%s\n' '{"ticket":"X-\u00e9\ud83d\ude00","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"elapsed":4320,"target":3600,"priority":"P1"}' \
>   '{"ticket":"Y","kind":"sla","policy":"std","metric":"first_response","team":"","state":"running","due":"2026-01-05T10:00:00Z","stop":null,"percent":80,"elapsed":2880,"target":3600}' > rows.jsonl
> printf 'sla:\n  - name: std\n    metrics:\n      first_response: { target: 1h, warn: [50%%, 75%%] }\nalerts:\n  routes: [ { name: p1, levels: [ breached ], match: { priority: [P1] }, sinks: [ { stdout: text } ] } ]\n' > x.yaml
> rota-alert -c x.yaml -d new.db --input rows.jsonl --at 2026-01-05T10:12:00Z --format csv | cut -d, -f1,6,9,12
> rota-alert -c x.yaml -d new.db --input - --at 2026-01-05T10:13:00Z < rows.jsonl; echo "again: $?"
ticket,level,percent,route
X-é😀,breached,120,p1
X-é😀,breached,120,command-line
Y,75%,80,command-line
again: 0

# A new database is in place before the first delivery: a first --input run killed
# during its second --exec leaves the first one stored (and no temporary file), so the
# next run sends only the second again.
$ printf '%s\n' '{"ticket":"X","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"warn":"75%"}' \
>   '{"ticket":"Y","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"warn":"75%"}' > rows.jsonl
> printf '#!/bin/sh\necho "$ROTA_TICKET $ROTA_ALERT_ID" >> log\n[ "$(wc -l < log)" = 2 ] && kill -KILL $PPID\nexit 0\n' > pk; chmod +x pk
> (rota-alert -d new.db --input rows.jsonl --at 2026-01-05T10:12:00Z --exec ./pk; echo "killed: rc=$?") 2>/dev/null
> ls new.db; echo "temporary files: $(ls | grep -c tmp)"
> rota-alert -d new.db --input rows.jsonl --at 2026-01-05T10:13:00Z --exec ./pk; cat log
killed: rc=137
new.db
temporary files: 0
X a10cd16291f76283795a4d7fea3bb230
Y bfd841544e8e658b42c0c2f2c15a0329
Y bfd841544e8e658b42c0c2f2c15a0329

# Malformed input: exit 2 with file:line:column and what was expected; nothing is sent
# or recorded (the next good run sends everything).
$ rota-sla check --at 2026-01-05T10:05:00Z --format json > rows.jsonl; printf '{"ticket":"C","kind":"sla",}\n' >> rows.jsonl
> rota-alert --input - --at 2026-01-05T10:05:00Z --format csv < rows.jsonl; echo "rc=$?"
> sed 's/"state":"running"/"state":"late"/' rows.jsonl | rota-alert --input - --at 2026-01-05T10:05:00Z; echo "rc=$?"
> sed 's/"policy":"std"/"policy":"gold"/' rows.jsonl | rota-alert --input - --at 2026-01-05T10:05:00Z; echo "rc=$?"
> sed 's/"due":"2026-01-05T10:30/"due":"2026-01-05T25:30/' rows.jsonl | rota-alert --input - --at 2026-01-05T10:05:00Z; echo "rc=$?"
> rota-alert --input rows.jsonl --max-record 200 --at 2026-01-05T10:05:00Z; echo "rc=$?"
> head -n 2 rows.jsonl | rota-alert --input - --at 2026-01-05T10:05:00Z --format csv | cut -d, -f1,6
rc=2
rc=2
rc=2
rc=2
rc=2
ticket,level
A,breached
B,50%
! rota-alert: <stdin>:3:28: expected a key in double quotes
! rota-alert: <stdin>:2:97: "state": 'late': expected running, paused, met or breached
! rota-alert: <stdin>:1:37: "policy": 'gold' is not a policy of the config's sla: section (expected the config the rows were evaluated with)
! *
! rota-alert: rows.jsonl:1: line longer than 200 bytes: expected one JSON object a line (is the input JSON Lines?)

# Retention: a ticket's alert state goes once all its clocks stopped and the last was
# cleared more than --retention (30d) ago: K, cleared at 10:45, is kept at 10:00 thirty
# days on and gone at 11:00.  R, reopened (its cycle resumes), is not paged again and
# keeps its state while open.
$ printf 'ticket,time,event,status\nK,2026-01-05T09:00:00Z,created,New\nK,2026-01-05T10:10:00Z,resolved,Resolved\nR,2026-01-05T09:00:00Z,created,New\nR,2026-01-05T10:10:00Z,resolved,Resolved\nR,2026-01-20T09:00:00Z,reopened,Open\n' > k.csv
> rota-import -q k.csv; q() { sqlite3 rota.db 'SELECT ticket, count(*), count(cleared_at) FROM alert_state GROUP BY ticket' | tr '\n' ' '; echo; }
> rota-alert --at 2026-01-05T10:05:00Z --format csv | cut -d, -f1,6; q
> rota-alert --at 2026-01-05T10:45:00Z --format csv | cut -d, -f1,6; q
> rota-alert --at 2026-01-20T10:00:00Z; q
> rota-alert --at 2026-02-04T10:00:00Z; q
> rota-alert --at 2026-02-04T11:00:00Z; q
> rota-alert -n --at 2026-03-01T00:00:00Z --retention 1d; q
ticket,level
A,breached
B,50%
K,breached
R,breached
A|1|0 B|1|0 K|1|0 R|1|0 
ticket,level
B,breached
A|1|0 B|2|0 K|1|1 R|1|1 
A|1|0 B|2|0 K|1|1 R|1|0 
A|1|0 B|2|0 K|1|1 R|1|0 
A|1|0 B|2|0 R|1|0 
A|1|0 B|2|0 R|1|0 

# A stop older than the retention is history, not news: with runs further apart than
# --retention, the breach of a ticket closed between them is not sent (so keep it
# longer than the longest gap between runs).
$ printf 'ticket,time,event,status\nM,2026-01-05T09:00:00Z,created,New\nM,2026-01-05T10:10:00Z,resolved,Resolved\n' > m.csv
> rota-import -q m.csv; cp rota.db other.db
> rota-alert --at 2026-01-05T09:01:00Z; rota-alert --at 2026-01-05T09:01:00Z -d other.db
> rota-alert --at 2026-01-05T12:00:00Z --retention 1h --format csv | cut -d, -f1,6
> rota-alert --at 2026-01-05T12:00:00Z --retention 2h -d other.db --format csv | cut -d, -f1,6
ticket,level
A,breached
B,breached
ticket,level
A,breached
B,breached
M,breached

# Mail: one message per alert through sendmail -t -i, found on PATH (here a stand-in
# that keeps what it gets), with the headers RFC 5322 asks for (From, To, Subject, Date,
# a Message-ID of its own for each: the alert's id) and MIME's.  No header is made of ticket text: a key
# with CR/LF stays inside the Subject; one beyond ASCII goes as RFC 2047 encoded words,
# folded within 78 columns, that decode to the subject.
$ mkdir bin; printf '#!/bin/sh\necho "args: $*" >> mail.txt\ncat >> mail.txt\n' > bin/sendmail; chmod +x bin/sendmail
> printf '%s\n' '{"ticket":"EVIL\r\nBcc: victim@example.com\r\nX-Evil: 1","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"warn":"75%"}' \
>   '{"ticket":"ÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜ","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"warn":"75%"}' > rows.jsonl
> unset ROTA_SENDMAIL; export PATH=$PWD/bin:$PATH
> rota-alert --at 2026-01-05T10:05:00Z --mail ops@example.com
> rota-alert --input rows.jsonl --at 2026-01-05T10:12:00Z --mail ops@example.com
> sed -n '1,/^$/p' mail.txt | sed -E 's/^(From: rota-alert <)[^@>]+@[^>]+>$/\1USER@HOST>/; s/^Message-ID: <[^<>@ ]+@[^<>@ ]+>$/Message-ID: <ID@HOST>/; s/^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] \+0000$/Date: DATE/'
> awk '/^args:/ { h = 1; n = ""; next } h && /^$/ { h = 0; print n } h && /^[^ ]/ { sub(/:.*/, ""); n = n (n ? "," : "") $0 }' mail.txt
> sed -n '/^Subject:/,/^From:/p' mail.txt | grep -v ^From:
> echo "message ids: $(grep ^Message-ID: mail.txt | sort -u | wc -l)"
> echo "message id is the alert id: $(awk '/^Message-ID: <rota-alert\./ { m = substr($2, 13, 33) } /^alert_id: / && $2 "@" == m && $2 ~ /^[0-9a-f]+$/ && length($2) == 32 { n++ } END { print n }' mail.txt)"
> echo "header lines over 78: $(awk '/^args:/ { h = 1; next } h && /^$/ { h = 0 } h && length > 78' mail.txt | wc -l)"
> grep -o '=?UTF-8?B?[^?]*?=' mail.txt | sed 's/^=?UTF-8?B?//; s/?=$//' | while read -r w; do printf %s "$w" | base64 -d; done; echo
args: -t -i
To: ops@example.com
Subject: rota-alert: A first_response breached
From: rota-alert <USER@HOST>
Message-ID: <ID@HOST>
Date: DATE
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
\
To,Subject,From,Message-ID,Date,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding
To,Subject,From,Message-ID,Date,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding
To,Subject,From,Message-ID,Date,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding
To,Subject,From,Message-ID,Date,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding
Subject: rota-alert: A first_response breached
Subject: rota-alert: B first_response 50%
Subject: rota-alert: EVIL??Bcc: victim@example.com??X-Evil: 1 first_response
 breached
Subject: =?UTF-8?B?cm90YS1hbGVydDogw5zDnMOcw5zDnMOcw5zDnMOcw5zDnMOcw5w=?=
 =?UTF-8?B?w5zDnMOcw5zDnMOcw5zDnMOcw5zDnMOcw5zDnMOcw5zDnMOcw5w=?=
 =?UTF-8?B?w5zDnMOcw5zDnMOcw5zDnCBmaXJzdF9yZXNwb25zZSBicmVhY2hl?=
 =?UTF-8?B?ZA==?=
message ids: 4
message id is the alert id: 4
header lines over 78: 0
rota-alert: ÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜÜ first_response breached

# Nagios: WARNING (exit 1) while a clock is at a warn level and none breached; UNKNOWN
# (exit 3) when a sink failed, whatever the clocks say (its alerts go on the next run).
$ rota-alert -n --at 2026-01-05T09:40:00Z --nagios; echo "rc=$?"
> rota-alert --at 2026-01-05T10:05:00Z --nagios --exec false; echo "rc=$?"
ROTA-ALERT WARNING - 0 breached, 1 at a warn level, 2 open clocks | 'breached'=0;;0;0; 'warning'=1;0;;0; 'open'=2;;;0; 'paused'=0;;;0;
rc=1
ROTA-ALERT UNKNOWN - 1 breached, 1 at a warn level, 2 open clocks (a sink failed) | 'breached'=1;;0;0; 'warning'=1;0;;0; 'open'=2;;;0; 'paused'=0;;;0;
rc=3
! rota-alert: exec for A first_response breached: false: exit status 1
! rota-alert: exec for B first_response 50%: false: exit status 1
! rota-alert: 2 alerts not sent (tried again on the next run)

# Prometheus's own linter accepts the textfile (Debian's prometheus package ships
# promtool; .ci/deps installs it): with open clocks, and with none at all.
%need command -v promtool
$ rota-alert --prometheus rota.prom --at 2026-01-05T10:05:00Z; promtool check metrics < rota.prom
> rota-alert --prometheus empty.prom --at 2026-01-05T08:00:00Z; promtool check metrics < empty.prom
