# rota-import as a hostile user tries it: permissions, read-only places, stale temporary
# databases, the imports log, rejects fed back in, rejected rows without --rejects.
%setup cd "$SHARED"
$ cp "$TD"/import/events.csv "$TD"/import/mixed.csv . && chmod 755 . && chmod o+x "$SHARED"/..

# ---- a new database is 0600 whatever the umask (ticket data), and so is its -wal
$ umask 022 && rota-import -q -d u022.db events.csv && stat -c %a u022.db
600
$ umask 000 && rota-import -q -d u000.db events.csv && stat -c %a u000.db
600

# ---- temporary databases that a killed run left are removed by the next one; other
# names are not touched
$ echo x > st.db.tmp-AbC123 && echo x > st.db.tmp-AbC123-wal && echo x > st.db.backup
$ rota-import -q -d st.db events.csv && ls st.db*
st.db
st.db.backup

# ---- the imports log records --lenient
$ rota-import -q --lenient -d len.db events.csv && rota-import -d len.db --list imports | cut -d, -f10
options
--lenient --tz=UTC

# ---- a rejects file fed back through --rejects keeps one set of reject_ columns
$ rota-import -q -d rj.db --rejects r1.csv mixed.csv && head -1 r1.csv
reject_file,reject_line,reject_column,reject_reason,ticket,time,event,team
$ rota-import -q -d rj.db --rejects r2.csv r1.csv && head -1 r2.csv && sed -n 2p r2.csv | sed 's/,"unknown.*reopened"//'
reject_file,reject_line,reject_column,reject_reason,ticket,time,event,team
r1.csv,2,186,T-11,2026-03-05T08:05:00Z,opened,Service Desk

# ---- --skip-bad without --rejects says why: the first 5 reasons, then how many more
$ printf 'ticket,time,event\n' > seven.csv && for i in 1 2 3 4 5 6 7; do echo "B-$i,2026-03-02T08:00:00Z,opened"; done >> seven.csv
$ rota-import -d seven.db --skip-bad seven.csv 2>&1 | sed 's/: expected one of.*//'
rota-import: seven.csv:2:26: row rejected: unknown event 'opened' in column 'event'
rota-import: seven.csv:3:26: row rejected: unknown event 'opened' in column 'event'
rota-import: seven.csv:4:26: row rejected: unknown event 'opened' in column 'event'
rota-import: seven.csv:5:26: row rejected: unknown event 'opened' in column 'event'
rota-import: seven.csv:6:26: row rejected: unknown event 'opened' in column 'event'
rota-import: ... and 2 more rejected rows (keep them all with --rejects FILE)
rota-import: 7 rows, 0 tickets (0 new), 0 events added, 7 rejected

# ---- formula prefixes (= + - @) in text: CSV stays exact by default (pipelines read it
# back), --csv-safe puts a ' before them for a spreadsheet; numbers (-7200) are untouched,
# JSON never changes, and a rejects file echoes its input as it was
$ printf 'ticket,time,event,status,team,priority,queue\n"=HYPERLINK(""http://evil.test/x"")",2026-03-06T16:00:00+01:00,created,Open,,P1,\n@SUM(A1),2026-03-06T16:00:00+01:00,created,Open,,P1,\n-5,2026-03-06T16:00:00+01:00,created,+1 555,,P1,\n=cmd|x,2026-03-06T16:00:00+01:00,opened,Open,,P1,\n' > formula.csv
$ rota-import -q -d fx.db --skip-bad --rejects fx-rejects.csv formula.csv; grep -o ',=cmd.*' fx-rejects.csv
,=cmd|x,2026-03-06T16:00:00+01:00,opened,Open,,P1,
$ rota-import -d fx.db --list tickets | cut -d, -f1,4
ticket,status
-5,+1 555
"=HYPERLINK(""http://evil.test/x"")",Open
@SUM(A1),Open
$ rota-import -d fx.db --list tickets --csv-safe | cut -d, -f1,4
ticket,status
'-5,'+1 555
"'=HYPERLINK(""http://evil.test/x"")",Open
'@SUM(A1),Open
$ rota-import -d fx.db --list events --csv-safe --format json --ticket @SUM\(A1\) | cut -d, -f1
{"ticket":"@SUM(A1)"
$ cp "$TD"/sla/rota.yaml sla.yaml && rota-sla -c sla.yaml -d fx.db check --at 2026-03-09T12:00 --csv-safe | cut -d, -f1,6,12
ticket,state,remaining
'-5,breached,-7200
"'=HYPERLINK(""http://evil.test/x"")",breached,-7200
'@SUM(A1),breached,-7200
$ rota-sla -c sla.yaml -d fx.db check --at 2026-03-09T12:00 -o fx.csv --csv-safe && rota-sla -c sla.yaml -d fx.db check --at 2026-03-09T12:00 --format json --csv-safe | grep -c '"ticket":"[-=@]'; grep -c "^\"\?'[-=@]" fx.csv
3
3

# (the unprivileged user must reach the build: skipped where it cannot, e.g. a
# build under a private directory)
%need [ "$(id -u)" != 0 ] || setpriv --reuid=65534 --regid=65534 --clear-groups -- rota-import --version
# ---- readers work where they can only read, and leave no -wal/-shm behind (run as an
# unprivileged user when the tests run as root, which may write anywhere)
$ mkdir ro && rota-import -q -d ro/r.db events.csv && chmod 644 ro/r.db && chmod 555 ro
$ as() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi; }; as rota-import -d ro/r.db --list tickets | wc -l; ls ro
3
r.db
$ mkdir rw && chmod 777 rw && cp ro/r.db rw/r.db && chmod 444 rw/r.db
$ as() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi; }; as rota-import -d rw/r.db --list events --ticket T-2 | wc -l; ls rw
5
r.db
$ rota-import -d ro/r.db --list imports --format json | sed 's/"started":"[^"]*","finished":"[^"]*",//'
{"id":1,"layout":"events","files":"events.csv","rows":8,"rejected":0,"events_added":8,"events_removed":0,"options":"--tz=UTC"}
$ chmod 755 ro
