#!/bin/sh
# Run one fuzz target under libFuzzer (coverage-guided), beyond the corpus replay that
# `make check` does:   tests/fuzz/run-libfuzzer.sh csv [SECONDS]
# Needs clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev) and a
# configured build in _build/plain (for config.h).  New crashers land in _build/fuzz/.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
name=${1:?usage: run-libfuzzer.sh NAME [SECONDS]}
secs=${2:-60}
out=$top/_build/fuzz
mkdir -p "$out/corpus-$name"
cc=${CC:-clang}
# shellcheck disable=SC2046
$cc -g -O1 -fsanitize=fuzzer,address,undefined -I"$top/_build/plain" -I"$top/include" \
	-D_GNU_SOURCE -o "$out/fuzz-$name" "$top/tests/fuzz/fuzz-$name.c" "$top"/src/lib/*.c \
	$(pkg-config --cflags --libs libical sqlite3 yaml-0.1 zlib) -lglpk -lm
cp "$top/tests/fuzz/corpus/$name"/* "$out/corpus-$name/" 2>/dev/null || true
cd "$out"
exec "./fuzz-$name" -max_total_time="$secs" "corpus-$name"
