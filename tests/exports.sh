#!/bin/sh
# librota's face is its installed headers: every symbol the shared library exports is
# declared in include/rota/*.h, and no name without the rota_ prefix is exported (rota(7),
# "Layout").  A helper that should be private fails here.
lib=${ROTA_BUILDDIR:?}/src/lib/.libs/librota.so
[ -f "$lib" ] || { echo "1..0 # SKIP no shared library (--disable-shared)"; exit 0; }
fail=0 n=0
for s in $(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }'); do
	n=$((n + 1))
	case $s in
	rota_*) grep -qw "$s" "$ROTA_SRCDIR"/include/rota/*.h || { echo "not declared in include/rota: $s"; fail=1; } ;;
	_init|_fini) ;;
	*) echo "exported without the rota_ prefix: $s"; fail=1 ;;
	esac
done
echo "exports: $n symbols checked"
exit $fail
