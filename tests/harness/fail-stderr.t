# Standard error no '!' line expects fails the case.
# expect: unexpected stderr
$ echo out; echo surprise >&2
out
