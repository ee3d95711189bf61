#!/bin/sh
# Coverage-guided fuzzing of every parser: each tests/fuzz/fuzz-NAME.c under libFuzzer with
# AddressSanitizer and UndefinedBehaviorSanitizer, for a bounded time.  `make check` only
# replays the seed corpora; this is what `make fuzz` and CI run.
#
#   tests/fuzz/fuzz-all.sh [--seconds N] [--build DIR] [NAME...]
#
# N defaults to $ROTA_FUZZ_SECONDS, else 30.  DIR is a configured build directory (for
# config.h; default: $ROTA_BUILDDIR, else _build/plain).  The library and the command
# layer are compiled once with clang into DIR/fuzz/, each target is linked against them.
# A crash, leak, sanitizer report or timeout fails the target; its reproducer is kept in
# DIR/fuzz/NAME/ and the input that caused it is printed (replay it with
# `DIR/fuzz/fuzz-NAME FILE`).  Inputs that found new coverage are added to that
# directory's corpus, never to the seed corpus in the source tree.
# Prints one line a target and ends with "N passed, N failed"; exits 1 when one failed,
# 77 (skip) when clang's fuzzer runtime is missing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${ROTA_FUZZ_SECONDS:-30}
build=${ROTA_BUILDDIR:-$top/_build/plain}
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) secs=$2; shift 2 ;;
	--build) build=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "fuzz-all.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $secs in ''|*[!0-9]*) echo "fuzz-all.sh: --seconds wants a whole number, not '$secs'" >&2; exit 2 ;; esac
[ -f "$build/config.h" ] || { echo "fuzz-all.sh: no config.h in $build: configure a build there first" >&2; exit 2; }
cc=${CC_FUZZ:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz-all.sh: needs clang and its fuzzer runtime (apt-get install clang libclang-rt-14-dev)" >&2
	exit 77
fi
out=$build/fuzz
mkdir -p "$out/obj"
san='-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer'
# shellcheck disable=SC2086,SC2046
cflags="-g -O1 $san -I$build -I$top/include -D_GNU_SOURCE $(pkg-config --cflags libical sqlite3 yaml-0.1 zlib)"
libs="$(pkg-config --libs libical sqlite3 yaml-0.1 zlib) -lglpk -lm -lpthread"

# Compile what changed since the last run (an object older than its source, or than any
# header, is rebuilt), the library with -fsanitize=fuzzer-no-link so that libFuzzer sees
# its coverage.
# bench/nrp.c is the benchmark converter's reader (fuzz-nrp), outside the library.
newest_h=$(ls -t "$top"/include/rota/*.h "$top"/src/lib/*.h "$top"/src/cmd/*.h "$top"/bench/*.h \
	"$build/config.h" | head -n 1)
objs=""
for src in "$top"/src/lib/*.c "$top"/src/cmd/libcmd/*.c "$top"/bench/nrp.c; do
	rel=${src#"$top"/}
	o=$out/obj/$(echo "${rel#src/}" | tr / _ | sed 's/\.c$/.o/')
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$cc $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$o" || { echo "fuzz-all.sh: cannot compile $src" >&2; exit 3; }
	fi
	objs="$objs $o"
done

if [ $# -eq 0 ]; then
	set --
	for f in "$top"/tests/fuzz/fuzz-*.c; do
		n=${f##*/fuzz-}; set -- "$@" "${n%.c}"
	done
fi

passed=0 failed=0
for name in "$@"; do
	src=$top/tests/fuzz/fuzz-$name.c
	[ -f "$src" ] || { echo "fuzz-$name: no $src"; failed=$((failed + 1)); continue; }
	bin=$out/fuzz-$name dir=$out/$name
	# shellcheck disable=SC2086
	if ! $cc $cflags -fsanitize=fuzzer "$src" $objs $libs -o "$bin" 2> "$out/$name.link"; then
		echo "fuzz-$name: FAILED to build:"; sed 's/^/   /' "$out/$name.link" | head -20
		failed=$((failed + 1)); continue
	fi
	mkdir -p "$dir/corpus"
	[ -d "$top/tests/fuzz/corpus/$name" ] && cp "$top/tests/fuzz/corpus/$name"/* "$dir/corpus/" 2>/dev/null
	rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*
	# -timeout: an input that takes 10 s is a hang; -rss_limit_mb: bounded memory on any
	# input is part of the contract (the readers have record limits).
	(cd "$dir" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$dir/" corpus > "$dir/log" 2>&1)
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -n 1)
	if [ $rc = 0 ]; then
		echo "fuzz-$name: ok, ${runs:-?} inputs in ${secs}s, ${cov:-cov: ?}, corpus $(ls "$dir/corpus" | wc -l)"
		passed=$((passed + 1))
	else
		echo "fuzz-$name: FAILED (exit $rc):"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^    #[0-9]' "$dir/log" | head -25 | sed 's/^/   /'
		for a in "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*; do
			[ -f "$a" ] && echo "   reproduce: $bin $a"
		done
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
