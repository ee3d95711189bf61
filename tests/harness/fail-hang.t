# A hang fails the case (run with a short ROTA_T_TIMEOUT).
# expect: timed out
$ sleep 30
