# A good file: every feature of the format, used as meant.  It must pass.
%setup printf 'fixture\n' > here.txt
$ cat here.txt && ls
fixture
here.txt
# the file's shared directory carries what a later case needs
$ echo kept > "$SHARED"/kept.txt
$ cat "$SHARED"/kept.txt
kept
# an expected status, expected stderr, an escaped '#' and an empty line
$ echo '# not a comment'; echo; echo oops >&2; exit 3
\# not a comment
\
! oops
? 3
# any stderr, when it is not the point
$ echo noise >&2
! *
# a writer in front of head is not killed by SIGPIPE (pipefail would count it)
$ seq 1000000 | head -2
1
2
$ printf 'a\nb\n' > f && head -1 f
a
# continuation lines and a here-document
$ cat <<'EOF'
> line
> EOF
line
