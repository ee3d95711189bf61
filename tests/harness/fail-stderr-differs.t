# Standard error other than the '!' lines fails the case.
# expect: stderr differs
$ echo other >&2
! expected
