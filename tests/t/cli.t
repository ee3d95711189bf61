# The dispatcher and the conventions every command shares.
$ rota --version
rota (rota) 0.1.0
$ rota help | head -3
Usage: rota COMMAND [ARGS...]
       rota help [COMMAND]
       rota --version
$ rota nosuch
! rota: 'nosuch' is not a rota command (no rota-nosuch found); see 'rota help'
? 2
$ rota --bogus
! rota: unknown option '--bogus'; see 'rota --help'
? 2
$ rota 2>&1 >/dev/null | head -1
Usage: rota COMMAND [ARGS...]
? 2
