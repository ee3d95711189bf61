# Output other than expected fails the case.
# expect: stdout differs
$ echo got
expected
