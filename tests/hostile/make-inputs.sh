#!/bin/sh
# Write the crafted inputs of tests/hostile/*.t into the current directory.  They are
# made here rather than committed: most are a few bytes that a diff would not show, and
# the endless line is generated while it is read (never-ending.sh).
#   events-K.csv    an events export for rota-import, row 2 holding the hostile bytes
#   forecast-K.csv  a forecast for rota-staff, the queue of row 2 holding them
#   batch-K.txt     a rota-cal --batch query holding them
# for K in: nul (NUL inside a field), latin1 (Latin-1 e-acute), surrogate (U+D800 as
# UTF-8), overlong ('/' in two bytes), toobig (past U+10FFFF), esc (an ANSI colour
# sequence: valid text, shown escaped by text output).
set -eu
for k in nul latin1 surrogate overlong toobig esc; do
	case $k in
	nul) b='Serv\000ice' ;;
	latin1) b='caf\351' ;;
	surrogate) b='x\355\240\200y' ;;
	overlong) b='a\300\257b' ;;
	toobig) b='x\364\220\200\200' ;;
	esc) b='\033[31mred\033[0m' ;;
	esac
	printf "ticket,time,event,queue\nT-1,2026-03-02T08:00:00Z,created,$b\n" > "events-$k.csv"
	printf "interval_start,queue,forecast\n2026-03-02T08:00:00Z,$b,12\n" > "forecast-$k.csv"
	printf "between always 2026-03-02T08:00:00Z 2026-03-02T09:00:00Z\nnext-open $b 2026-03-02T08:00:00Z\n" > "batch-$k.txt"
done
# a good export, to have a database that the bad ones must leave as it is
printf 'ticket,time,event,queue\nT-1,2026-03-02T08:00:00Z,created,support\nT-1,2026-03-02T09:00:00Z,resolved,\nT-2,2026-03-02T10:00:00Z,created,chat\n' > events-good.csv
# more fields than the header (an unquoted comma), and fewer
printf 'interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,1,200\n' > forecast-wide.csv
printf 'interval_start,queue,forecast,hi80\n2026-03-02T08:00:00Z,support,12\n' > forecast-narrow.csv
# instants at the edges of the supported years
printf 'ticket,time,event\nE-1,0001-01-03T00:00:00Z,created\nE-1,9999-12-29T23:59:59Z,resolved\n' > events-edge.csv
printf 'ticket,time,event\nE-2,0001-01-01T00:00:00+14:00,created\n' > events-edge-first.csv
printf 'ticket,time,event\nE-3,9999-12-31T23:59:59-12:00,created\n' > events-edge-last.csv
# a config for rota-cal, and hostile configs
printf 'calendars:\n  always:\n    tz: UTC\n    hours: { mon-sun: "00:00-24:00" }\n' > rota.yaml
printf 'tz: "caf\351"\n' > config-latin1.yaml
printf 'tz: "Serv\000ice"\n' > config-nul.yaml
# a gzip file whose CRC is wrong
printf 'ticket,time,event\nT-9,2026-03-02T08:00:00Z,created\n' | gzip -n > crc.csv.gz
size=$(wc -c < crc.csv.gz)
printf '\377' | dd of=crc.csv.gz bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
