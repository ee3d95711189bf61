#!/bin/sh
# Tests of the transcript runner itself: tests/harness/pass.t must pass, and each
# tests/harness/fail-*.t must fail, saying why (its "# expect: TEXT" line).
src=${ROTA_SRCDIR:-.}
runner=${ROTA_BUILDDIR:-.}/tests/transcript
fails=0 n=0
for t in "$src"/tests/harness/*.t; do
	n=$((n + 1))
	name=$(basename "$t")
	out=$(ROTA_T_TIMEOUT=2 "$runner" "$t" 2>&1); rc=$?
	case $name in
	pass*)
		if [ $rc != 0 ] || printf '%s\n' "$out" | grep -q '^not ok'; then
			echo "FAIL $name: a good file failed:"; printf '%s\n' "$out"; fails=$((fails + 1))
		fi ;;
	fail*)
		want=$(sed -n 's/^# expect: //p' "$t")
		if [ $rc = 0 ]; then
			echo "FAIL $name: passed, but it must fail"; fails=$((fails + 1))
		elif ! printf '%s\n' "$out" | grep -q '^not ok '; then
			echo "FAIL $name: no 'not ok' line:"; printf '%s\n' "$out"; fails=$((fails + 1))
		elif ! printf '%s\n' "$out" | grep -qF -- "$want"; then
			echo "FAIL $name: failed without saying '$want':"; printf '%s\n' "$out"; fails=$((fails + 1))
		fi ;;
	esac
done
echo "$n harness files, $fails failed"
[ $n -gt 1 ] && [ $fails = 0 ]
