/* The command-line layer every rota command shares: the common options as an argp child,
 * GNU --version, exit statuses, output formats. */
#ifndef ROTA_CLI_H
#define ROTA_CLI_H

#include <argp.h>
#include <stdio.h>
#include <rota/record.h>


struct rota_cli {
	const char *config;   /* -c: $ROTA_CONFIG, else ./rota.yaml */
	int config_given;     /* 1 when -c or $ROTA_CONFIG named it (then it must exist) */
	const char *db;       /* -d: $ROTA_DB, else ./rota.db */
	const char *tz;       /* --tz; NULL: config tz, else UTC (see rota_cli_tz) */
	int quiet;            /* -q */
	int verbose;          /* -v, may repeat */
	int lenient;          /* --lenient: naive times in a DST gap move forward */
};

/* The shared option group.  Use it as a child:
 *   static struct argp_child kids[] = { { &rota_cli_argp, 0, NULL, 0 }, { 0 } };
 * and in the command's parser: case ARGP_KEY_INIT: state->child_inputs[0] = &cli; */
extern const struct argp rota_cli_argp;

/* Call first in main(): fills defaults from the environment, sets argp's version
 * string to "PROG (rota) VERSION" and makes argp's usage errors exit 2. */
void rota_cli_init(struct rota_cli *cli, const char *prog);

/* The planning zone name: --tz, else config's tz (config_tz may be NULL), else "UTC". */
const char *rota_cli_tz(const struct rota_cli *cli, const char *config_tz);

/* Progress on stderr for long runs: prints only when stderr is a terminal and at least
 * 2 s passed since rota_progress_start. */
void rota_progress_start(void);
void rota_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rota_progress_done(void);

#endif
