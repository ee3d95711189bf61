# bench/nrp2rota, the Shift Scheduling Benchmark converter that bench/roster.sh runs: the
# rota.yaml it writes (byte for byte what the Python converter it replaced wrote, pinned
# by tests/data/nrp/python-nrp2rota.sha256), and its strict reader's errors, each at
# file:line:column with exit status 2 and nothing written.
%setup N="$ROTA_BUILDDIR/bench/nrp2rota"

# ---- every section, blanks around fields, an empty cannot-follow piece, a shift of a
# whole day, a days-off line with a trailing comma: the mapping of rota-roster's rules
$ "$N" "$TD"/nrp/small.txt
\# small of the Shift Scheduling Benchmark, converted by bench/nrp2rota.
\# rota-roster's objective for this file is the benchmark's objective.
tz: UTC
roster:
  start: 2026-01-05
  days: 7
  shifts:
    - { id: E, start: "00:00", length: 480m, cannot_follow: [ L ] }
    - { id: L, start: "07:00", length: 600m, cannot_follow: [ E, N ] }
    - { id: N, start: "00:00", length: 1440m }
  contracts:
    c1: { minutes: { horizon: "480-2400" }, max_consecutive_days: 4, max_weekends: 1, max_shifts: { E: 3 } }
    c2: { minutes: { horizon: "0-3000" }, max_consecutive_days: 5, min_consecutive_days: 2, min_consecutive_days_off: 2, max_weekends: 2 }
  agents:
    - id: A
      contract: c1
      days_off: [ 2026-01-05, 2026-01-11 ]
      prefer:
        - { date: 2026-01-07, shift: E, weight: 2 }
    - id: B
      contract: c2
      avoid:
        - { date: 2026-01-08, shift: N, weight: 1 }
  cover:
    - { date: 2026-01-05, shift: E, need: 1, under: 100, over: 1 }
    - { date: 2026-01-11, shift: N, need: 0, under: 100, over: 1 }
  weights: { under: 100, over: 1, preference: 1, cost: 0, fairness: 0 }

# ---- --start moves the dates; -o is written whole, CRLF input reads the same; what it
# writes is a config rota reads
$ "$N" --start 2026-02-02 -o out.yaml "$TD"/nrp/small.txt && grep -E '^  start|^      days_off' out.yaml
  start: 2026-02-02
      days_off: [ 2026-02-02, 2026-02-08 ]
$ sed 's/$/\r/' "$TD"/nrp/small.txt > crlf.txt && "$N" crlf.txt | sed 1d | cmp - <("$N" "$TD"/nrp/small.txt | sed 1d) && echo same
same
$ "$N" -o rota.yaml "$TD"/nrp/small.txt && rota-config check -c rota.yaml > /dev/null && echo ok
ok

# ---- the largest published shape (150 staff, 364 days, 32 shift types; bench/nrp-gen.py
# --seed 1): the Python converter's bytes
$ zcat "$TD"/nrp/gen-150x364x32.txt.gz > gen-150x364x32.txt && "$N" -o gen-150x364x32.yaml gen-150x364x32.txt && grep gen-150 "$TD"/nrp/python-nrp2rota.sha256 | sha256sum -c
gen-150x364x32.yaml: OK

# ---- a truncated file: cut inside a line, and cut before a section that must be there
$ head -c 300 "$TD"/nrp/small.txt > cut.txt && "$N" -o out.yaml cut.txt; ls out.yaml
! nrp2rota: cut.txt:13:5: SECTION_STAFF: expected 8 fields (id, max shifts, max minutes, min minutes, max consecutive shifts, min consecutive shifts, min consecutive days off, max weekends), found 3 fields
! ls: cannot access 'out.yaml': No such file or directory
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\n' > cut.txt && "$N" cut.txt
! nrp2rota: cut.txt:5: no SECTION_STAFF: the file ends before it (cut short?)
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\n' > cut.txt && "$N" cut.txt
! nrp2rota: cut.txt:4: SECTION_SHIFTS ends without a shift
? 2
$ : > empty.txt && "$N" empty.txt
! nrp2rota: empty.txt:1: no SECTION_HORIZON: the file ends before it (cut short?)
? 2

# ---- bad numbers: only plain decimals, in range
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,48x0\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:4:5: shift length in minutes: expected a whole number (digits only), found '48x0'
? 2
$ printf 'SECTION_HORIZON\n-7\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:2:1: horizon: expected a whole number (digits only), found '-7'
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,1441\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:4:3: shift length in minutes 1441 is out of range: expected 1 to 1440
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\nA,D=7,2400,480,4,,1,1\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:6:18: min consecutive shifts: expected a whole number, found nothing
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\nA,D7,2400,480,4,1,1,1\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:6:5: max shifts: expected SHIFT=COUNT, found 'D7'
? 2

# ---- huge counts: a horizon, a count and more staff than the bounds
$ printf 'SECTION_HORIZON\n99999999999999999999999\n' > huge.txt && "$N" huge.txt
! nrp2rota: huge.txt:2:1: horizon 99999999999999999999999 is out of range: expected 1 to 3660
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\nA,D=18446744073709551617,2400,480,4,1,1,1\n' > huge.txt && "$N" huge.txt
! nrp2rota: huge.txt:6:5: max shifts 18446744073709551617 is out of range: expected 0 to 1000000000
? 2
$ { printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\n'; seq -f 'S%g,,2400,480,4,1,1,1' 10001; } > huge.txt && "$N" huge.txt
! nrp2rota: huge.txt:10006:1: more than 10000 staff
? 2
$ { printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,'; head -c 1048577 /dev/zero | tr '\0' D; } > huge.txt && "$N" huge.txt
! nrp2rota: huge.txt:4:1048577: line longer than 1048576 bytes
? 2

# ---- what the format does not allow
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,X\nSECTION_STAFF\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:4:7: unknown shift 'X': not in SECTION_SHIFTS
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nD,600\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:5:1: shift 'D' is defined twice
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_STAFF\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:3:1: SECTION_STAFF before SECTION_SHIFTS: it must come first
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\nA,,2400,480,4,1,1,1\nSECTION_COVER\n7,D,1,100,1\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:8:1: day 7 is out of range: expected 0 to 6
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480\nSECTION_STAFF\nA,,2400,480,4,1,1,1\nSECTION_DAYS_OFF\nB,1\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:8:1: unknown staff 'B': not in SECTION_STAFF
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,4\08\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:4:4: a NUL byte
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFTS\nD;x,480\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:4:2: shift 'D;x': expected letters, digits, '_', '-' or '.'
? 2
$ printf 'SECTION_HORIZON\n7\nSECTION_SHIFT\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:3:1: unknown section 'SECTION_SHIFT'
? 2
$ printf '7\n' > bad.txt && "$N" bad.txt
! nrp2rota: bad.txt:1:1: data before the first SECTION_ line
? 2
$ "$N" missing.txt
! nrp2rota: missing.txt: cannot open: No such file or directory
? 2
$ "$N" --start 2026-13-01 "$TD"/nrp/small.txt
! nrp2rota: --start: invalid date '2026-13-01': month 13 is out of range (01-12)
? 2
$ "$N" --start 9999-12-26 "$TD"/nrp/small.txt
! nrp2rota: --start 9999-12-26: a horizon of 7 days would end after 9999-12-31
? 2
$ "$N" --start 9999-12-25 "$TD"/nrp/small.txt | grep -c 9999-12-31
2
$ "$N"
! usage: nrp2rota [--start DATE] [-o FILE] INSTANCE.txt
? 2
$ head -c 67108865 /dev/zero | tr '\0' '#' > big.txt && "$N" big.txt
! nrp2rota: big.txt: longer than 67108864 bytes
? 2

# ---- Instance1-12 of the shared data (skipped where it is not beside the tree): the
# Python converter's bytes
%need test -f "$ROTA_DATA"/roster/Instance12.txt
$ for i in 1 2 3 4 5 6 7 8 9 10 11 12; do "$N" -o Instance$i.yaml "$ROTA_DATA"/roster/Instance$i.txt || exit; done; grep Instance "$TD"/nrp/python-nrp2rota.sha256 | sha256sum -c
Instance1.yaml: OK
Instance2.yaml: OK
Instance3.yaml: OK
Instance4.yaml: OK
Instance5.yaml: OK
Instance6.yaml: OK
Instance7.yaml: OK
Instance8.yaml: OK
Instance9.yaml: OK
Instance10.yaml: OK
Instance11.yaml: OK
Instance12.yaml: OK
