#!/bin/bash
# Build rota twice -- plain with -Werror, and with AddressSanitizer + UndefinedBehavior-
# Sanitizer -- run the whole suite in both, fuzz every parser for 30 s (ROTA_FUZZ_SECONDS),
# run distcheck, and end with "N passed, N failed".
#   tests/run-all.sh            everything (what CI runs)
#   tests/run-all.sh --quick    the plain build only
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
sh .ci/deps || exit 3
jobs=$(nproc 2>/dev/null || echo 2)
quick=0; [ "${1:-}" = --quick ] && quick=1

if [ ! -x configure ] || [ configure.ac -nt configure ]; then
	autoreconf -fi >/dev/null 2>&1 || { autoreconf -fi; exit 3; }
fi

passed=0 failed=0
count() {  # add a build's automake summary to the totals
	local log=$1/test-suite.log p f e x
	if [ ! -f "$log" ]; then   # the tests did not even build
		echo "   no test-suite.log: make check failed before running the tests:"
		tail -n 25 "$1/check.out" 2>/dev/null | sed 's/^/   /'
		failed=$((failed + 1)); return
	fi
	p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log")
	e=$(sed -n 's/^# ERROR: *//p' "$log"); x=$(sed -n 's/^# XPASS: *//p' "$log")
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0}))
}

suite() {  # suite NAME CONFIGURE-ARGS...
	local name=$1; shift
	local dir=$top/_build/$name
	mkdir -p "$dir"
	echo "== $name build"
	if ! (cd "$dir" && "$top/configure" -q --enable-werror "$@" >configure.out 2>&1 &&
	      make -s -j"$jobs" >make.out 2>&1); then
		echo "   $name: build FAILED"; tail -n 30 "$dir/configure.out" "$dir/make.out" 2>/dev/null
		failed=$((failed + 1)); return
	fi
	(cd "$dir" && make -s -j"$jobs" check >check.out 2>&1)
	grep -E '^(FAIL|ERROR|XPASS):' "$dir/check.out" | sed 's/^/   /'
	for t in $(grep -E '^(FAIL|ERROR):' "$dir/check.out" | awk '{print $2}'); do
		l=${t%.*}.log; echo "   --- $l:"; tail -n 25 "$dir/$l" | sed 's/^/   /'
	done
	count "$dir"
	sed -n 's/^# \(TOTAL\|PASS\|FAIL\|ERROR\):/   \1:/p' "$dir/test-suite.log" 2>/dev/null | paste -sd' '
}

suite plain
if [ $quick = 0 ]; then
	san='-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer'
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	ROTA_FUZZ_ROUNDS=200 \
		suite sanitize CFLAGS="-g -O1 $san" LDFLAGS="$san"
	echo "== fuzz (libFuzzer + ASan + UBSan, ${ROTA_FUZZ_SECONDS:-30} s a target)"
	sh "$top/tests/fuzz/fuzz-all.sh" --build "$top/_build/plain" > "$top/_build/fuzz.out" 2>&1
	sed '$d' "$top/_build/fuzz.out" | sed 's/^/   /'
	fz=$(tail -n 1 "$top/_build/fuzz.out")
	case $fz in
	*' passed, '*' failed')
		read -r fp _ ff _ <<< "$fz"; passed=$((passed + fp)); failed=$((failed + ff)) ;;
	*) echo "   fuzz: did not run"; failed=$((failed + 1)) ;;
	esac
	echo "== distcheck"
	if (cd "$top/_build/plain" && make -s -j"$jobs" distcheck \
	      DISTCHECK_CONFIGURE_FLAGS=--enable-werror >distcheck.out 2>&1); then
		passed=$((passed + 1)); echo "   distcheck: ok"
	else
		failed=$((failed + 1)); echo "   distcheck: FAILED"; tail -n 30 "$top/_build/plain/distcheck.out"
	fi
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
