# Each case has its own directory: a file left by one case is not there for the next.
# expect: exit status 1, expected 0
$ touch left-behind
$ test -e left-behind
