# Sourced by every bench script, so that all of them find rota the same way:
#   $ROTA_BIN              a directory of rota commands (a build's src/cmd, or an install's bin)
#   else _build/plain      this tree's build (what examples/demo.sh makes)
#   else PATH              the installed commands
# rota_cmd NAME prints the program to run.  In a build directory that is the program
# itself, not libtool's wrapper script (so that a shell's start-up is not timed), with
# LD_LIBRARY_PATH pointing at the build's library.  rota_lib_flags prints the compiler
# flags to link a benchmark against librota (the build's, else the installed one).
# rota_bench_prog NAME prints a program that the build makes for the bench only
# (bench/NAME.c, not installed): from the build ROTA_BIN points into, else _build/plain.
bench_top=$(cd "$(dirname "$0")/.." && pwd)
bench_name=$(basename "$0")

if [ -n "${ROTA_BIN:-}" ]; then
	ROTA_BIN_DIR=$ROTA_BIN
elif [ -x "$bench_top/_build/plain/src/cmd/rota" ]; then
	ROTA_BIN_DIR=$bench_top/_build/plain/src/cmd
elif command -v rota >/dev/null 2>&1; then
	ROTA_BIN_DIR=$(dirname "$(command -v rota)")
else
	echo "$bench_name: no rota commands: build them (sh examples/demo.sh), install them, or set ROTA_BIN" >&2
	exit 2
fi
ROTA_BIN_DIR=$(cd "$ROTA_BIN_DIR" && pwd) || exit 2
# A build directory: its library is beside the commands, in ../lib/.libs.
if [ -d "$ROTA_BIN_DIR/../lib/.libs" ]; then
	ROTA_LIB_DIR=$(cd "$ROTA_BIN_DIR/../lib/.libs" && pwd)
	LD_LIBRARY_PATH=$ROTA_LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
else
	ROTA_LIB_DIR=
fi

rota_cmd() {
	if [ -x "$ROTA_BIN_DIR/.libs/$1" ]; then
		echo "$ROTA_BIN_DIR/.libs/$1"
	elif [ -x "$ROTA_BIN_DIR/$1" ]; then
		echo "$ROTA_BIN_DIR/$1"
	else
		echo "$bench_name: no $1 in $ROTA_BIN_DIR" >&2
		return 2
	fi
}

rota_bench_prog() {
	for d in "$ROTA_BIN_DIR/../../bench" "$bench_top/_build/plain/bench"; do
		if [ -x "$d/$1" ]; then
			echo "$(cd "$d" && pwd)/$1"
			return 0
		fi
	done
	echo "$bench_name: no bench/$1 in the build: run make there" >&2
	return 2
}

rota_lib_flags() {
	if [ -n "$ROTA_LIB_DIR" ]; then
		echo "-I$bench_top/include -L$ROTA_LIB_DIR -lrota"
	elif pkg-config --exists rota 2>/dev/null; then
		pkg-config --cflags --libs rota
	else
		echo "-I$ROTA_BIN_DIR/../include -L$ROTA_BIN_DIR/../lib -lrota"
	fi
}
