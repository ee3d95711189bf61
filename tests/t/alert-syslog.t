# rota-alert --syslog through syslog(3) itself: each case runs in a mount namespace of
# its own where /dev/log is a socket of tests/alert-logd, which prints what it receives.
# The priority is facility * 8 + severity: crit (2) for breaches, warning (4) for warn
# levels, notice (5) for resolved notices; local0 is 16, user 1.
%setup printf 'sla:\n  - name: std\n    metrics:\n      first_response: { target: 1h, start: created, stop: [reply, resolved], warn: [50%%, 75%%] }\n' > rota.yaml
%setup printf 'ticket,time,event,status\nA,2026-01-05T09:00:00Z,created,New\nB,2026-01-05T09:30:00Z,created,New\nB,2026-01-05T10:10:00Z,reply,Open\n' > ev.csv
%setup rota-import -q ev.csv
%setup logd() { mkdir -p ov; unshare -m sh -c 'mount --make-rprivate / && mount -t tmpfs tmpfs ov && mkdir ov/u ov/w && mount -t overlay overlay -o lowerdir=/dev,upperdir=ov/u,workdir=ov/w /dev && exec "$0" /dev/log "$@"' "$ROTA_BUILDDIR/tests/alert-logd" "$@" | sed -E 's/^(<[0-9]+>)[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} rota-alert\[[0-9]+\]: /\1 /'; }
%need unshare -m sh -c 'mkdir -p ov && mount -t tmpfs tmpfs ov && mkdir ov/u ov/w && mount -t overlay overlay -o lowerdir=/dev,upperdir=ov/u,workdir=ov/w /dev'

# Two syslog sinks in one run, each message at its own facility (whichever opened last).
$ logd rota-alert --at 2026-01-05T10:05:00Z --syslog=local0 --syslog; echo "rc=$?"
<130> new A sla/first_response cycle 1: breached (breached, 108.3%, due 2026-01-05T10:00:00+00:00) alert_id=7d8f780e0122f9b41c0833ecb691cbb2
<10> new A sla/first_response cycle 1: breached (breached, 108.3%, due 2026-01-05T10:00:00+00:00) alert_id=7d8f780e0122f9b41c0833ecb691cbb2
<132> new B sla/first_response cycle 1: 50% (running, 58.3%, due 2026-01-05T10:30:00+00:00) alert_id=dda39ff20ce139d7d89a9957be56ac81
<12> new B sla/first_response cycle 1: 50% (running, 58.3%, due 2026-01-05T10:30:00+00:00) alert_id=dda39ff20ce139d7d89a9957be56ac81
rc=0

# Once: the next run logs nothing new; B's reply ends its cycle: a resolved notice.
$ logd rota-alert --at 2026-01-05T10:05:00Z --syslog=local0
> logd rota-alert --at 2026-01-05T10:06:00Z --syslog=local0
> logd rota-alert --at 2026-01-05T10:15:00Z --syslog=local0 --resolved
<130> new A sla/first_response cycle 1: breached (breached, 108.3%, due 2026-01-05T10:00:00+00:00) alert_id=7d8f780e0122f9b41c0833ecb691cbb2
<132> new B sla/first_response cycle 1: 50% (running, 58.3%, due 2026-01-05T10:30:00+00:00) alert_id=dda39ff20ce139d7d89a9957be56ac81
<133> resolved B sla/first_response cycle 1: resolved alert_id=2f58d439767761f2912ec788c79df4c5

# A line break in a ticket key does not forge a log line: control characters are
# written as rsyslog writes them (#012).
$ printf '%s\n' '{"ticket":"X\nrota-alert: forged","kind":"sla","policy":"std","metric":"first_response","team":null,"state":"breached","due":"2026-01-05T10:00:00Z","stop":null,"percent":120,"warn":"75%"}' > rows.jsonl
> logd rota-alert --input rows.jsonl --at 2026-01-05T10:12:00Z --syslog=daemon
<26> new X#012rota-alert: forged sla/first_response cycle 1: breached (breached, 120.0%, due 2026-01-05T10:00:00+00:00) alert_id=8fdebe41b969963ffae00bc9b2863f82

# A facility that syslog(3) does not know is bad usage.
$ rota-alert --syslog=local9
? 2
! rota-alert: --syslog: unknown facility 'local9': expected user, daemon, local0 ... local7, or another name from syslog(3)
