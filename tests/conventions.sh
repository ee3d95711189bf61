#!/bin/sh
# Every command in src/cmd/ keeps the conventions of rota(7): GNU --version, --usage and
# --help that exit 0 and show the shared options, a usage error that exits 2 and says
# where to look, and `rota help CMD` reaching it.  New commands are covered by being there.
src=${ROTA_SRCDIR:-.}
fails=0 n=0
check() {  # check WHAT GOT EXPECTED
	n=$((n + 1))
	if [ "$2" != "$3" ]; then
		echo "FAIL $1: got '$2', expected '$3'"
		fails=$((fails + 1))
	fi
}
for f in "$src"/src/cmd/rota-*.c; do
	c=$(basename "$f" .c)
	check "$c --version" "$($c --version | head -1)" "$c (rota) 0.1.0"
	check "$c --version licence" "$($c --version | grep -c 'GPLv3+')" 1
	check "$c --usage" "$($c --usage | head -1 | cut -d' ' -f1-2)" "Usage: $c"
	$c --usage >/dev/null; check "$c --usage status" $? 0
	$c --help >/dev/null; check "$c --help status" $? 0
	check "$c --help common group" "$($c --help | grep -c ' Common options:')" 1
	check "$c --help --config" "$($c --help | grep -c -e '--config=FILE')" 1
	check "$c --help --db" "$($c --help | grep -c -e '--db=FILE')" 1
	check "$c --help --tz" "$($c --help | grep -c -e '--tz=ZONE')" 1
	check "$c --help tells exit statuses" "$($c --help | grep -qi 'exit status' && echo yes)" yes
	$c --bogus >/dev/null 2>&1; check "$c --bogus status" $? 2
	check "$c --bogus hint" "$($c --bogus 2>&1 | tail -1)" \
		"Try \`$c --help' or \`$c --usage' for more information."
	check "rota help ${c#rota-}" "$(rota help "${c#rota-}" | head -1 | cut -d' ' -f1-2)" "Usage: $c"
	check "rota ${c#rota-} --version" "$(rota "${c#rota-}" --version | head -1)" "$c (rota) 0.1.0"
done
echo "$n checks, $fails failed"
[ $fails = 0 ]
