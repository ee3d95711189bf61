# A command that fails inside a pipe fails the case.
# expect: exit status 1, expected 0
$ false | cat
