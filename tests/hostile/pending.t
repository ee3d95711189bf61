# Hostile input that other branches of issue 8 fix (listed in XFAIL_TESTS by
# mk/hostile.am): when this passes, move its cases into hostile.t and drop it from
# XFAIL_TESTS.
#  - text output shows control characters escaped: rota-staff and rota-import --list
#    write through the record writer (libcmd and store branches)
#  - rota-cal --batch reads its lines with the same rules as the CSV reader: NUL and
#    invalid UTF-8 rejected at line:column, a line longer than the limit stops with
#    "record longer than N bytes" (rota-cal's batch reader)
%setup cd "$SHARED"
$ sh "$ROTA_SRCDIR"/tests/hostile/make-inputs.sh

$ rota-import -q events-esc.csv && rota-import --list tickets --format text | grep -c "$(printf '\033')" || :
0
$ for k in nul latin1 surrogate overlong toobig; do rota-cal --batch < batch-$k.txt 2>&1 >/dev/null | grep -c "<stdin>:2:.*\(NUL\|UTF-8\)"; done
1
1
1
1
1
$ tr '\0' a < /dev/zero | head -c 20000000 | rota-cal --batch 2>&1 | cut -c1-80
rota-cal: <stdin>:1: record longer than 16777216 bytes
