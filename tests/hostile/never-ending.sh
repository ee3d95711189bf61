#!/bin/sh
# A CSV line that never ends, on standard output: a header, then the start of a row and
# bytes of the kind $1 names (a: letters; comma: empty fields; quote: a quoted field of
# doubled quotes; line: letters from the first byte; zero: NUL bytes, as /dev/zero) until
# the reader stops reading.
set -eu
case ${1:-a} in
a) printf 'ticket,time,event\nT-1,'; tr '\0' a < /dev/zero ;;
comma) printf 'ticket,time,event\nT-1,'; tr '\0' , < /dev/zero ;;
quote) printf 'ticket,time,event\n"'; tr '\0' '"' < /dev/zero ;;
line) tr '\0' a < /dev/zero ;;
zero) cat /dev/zero ;;
esac 2>/dev/null || :
