#!/bin/sh
# Make DIR/bin/rota-* wrappers that run the build's real programs under valgrind's
# memcheck, for `make check-valgrind`: the transcript tests find the commands on PATH, so
# putting DIR/bin first runs every command of every case under valgrind unchanged.
#   tests/valgrind/wrap.sh BUILDDIR DIR
# A memcheck error or a definite leak makes the command exit 86 (not 1: rota's own
# "problems found"), which fails its case; the report is kept in DIR/log/PID.log.
set -eu
build=$1 dir=$2
command -v valgrind >/dev/null || { echo "check-valgrind: needs valgrind (apt-get install valgrind)" >&2; exit 77; }
mkdir -p "$dir/bin" "$dir/log"
dir=$(cd "$dir" && pwd)
n=0
for real in "$build"/src/cmd/.libs/rota*; do
	[ -x "$real" ] && [ -f "$real" ] || continue
	name=${real##*/}
	name=${name#lt-}
	cat > "$dir/bin/$name" <<WRAP
#!/bin/sh
LD_LIBRARY_PATH='$build/src/lib/.libs'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
exec valgrind -q --error-exitcode=86 --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --num-callers=30 --log-file='$dir/log/%p.log' '$real' "\$@"
WRAP
	chmod +x "$dir/bin/$name"
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "check-valgrind: no programs in $build/src/cmd/.libs (build first)" >&2; exit 2; }
