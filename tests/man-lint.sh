#!/bin/sh
# Every man page passes `mandoc -Tlint -W warning`, and every command has one.
src=${ROTA_SRCDIR:-.}
command -v mandoc >/dev/null || { echo "mandoc is not installed (apt-get install mandoc)"; exit 1; }
st=0 n=0
for m in "$src"/man/*.[1-8]; do
	n=$((n + 1))
	out=$(mandoc -Tlint -W warning "$m" 2>&1) || true
	if [ -n "$out" ]; then echo "$out"; st=1; fi
done
for c in "$src"/src/cmd/rota-*.c; do
	[ -e "$c" ] || continue
	p=$(basename "$c" .c)
	[ -e "$src/man/$p.1" ] || { echo "$p has no man page man/$p.1"; st=1; }
done
echo "$n man pages checked"
exit $st
