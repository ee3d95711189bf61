/* The command layer: what every rota command shares and the library must not know --
 * argp and its common options, GNU --version, exit statuses, the planning-zone choice,
 * diagnostics on stderr, progress on a terminal.  Built as an uninstalled convenience
 * library (src/cmd/libcmd/) that each command links before librota. */
#ifndef ROTA_CMD_H
#define ROTA_CMD_H

#include <argp.h>
#include <stddef.h>
#include <stdio.h>
#include <rota/rota.h>
#include <rota/record.h>

struct rota_config;

struct cmd_cli {
	const char *config;   /* -c: $ROTA_CONFIG, else ./rota.yaml */
	int config_given;     /* 1 when -c or $ROTA_CONFIG named it (then it must exist) */
	const char *db;       /* -d: $ROTA_DB, else ./rota.db */
	const char *tz;       /* --tz; NULL: config tz, else UTC (see cmd_tz) */
	int quiet;            /* -q */
	int verbose;          /* -v, may repeat */
	int lenient;          /* --lenient: naive times in a DST gap move forward */
	size_t max_record;    /* --max-record; 0: the reader's default (also set as it) */
	int encoding;         /* --encoding: enum rota_csv_encoding (also set as default) */
};

/* The shared option group.  Use it as a child:
 *   static struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 0 }, { 0 } };
 * and in the command's parser: case ARGP_KEY_INIT: state->child_inputs[0] = &cli; */
extern const struct argp cmd_argp;

/* Call first in main(): fills defaults from the environment, sets argp's version
 * string to "PROG (rota) VERSION", makes argp's usage errors exit 2 and installs the
 * out-of-memory handler (message, exit 3). */
void cmd_init(struct cmd_cli *cli, const char *prog);

/* SIGINT, SIGTERM, SIGHUP and SIGPIPE (unless ignored when the program started) and
 * exit() remove the files registered with rota_cleanup_add; the signal then kills the
 * process as it would have.  cmd_init calls it. */
void cmd_signals_init(void);

/* The planning zone name: --tz, else config's tz (config_tz may be NULL), else "UTC". */
const char *cmd_tz(const struct cmd_cli *cli, const char *config_tz);

/* Load cli->config: a missing default ./rota.yaml is an empty config, a missing file
 * named by -c or $ROTA_CONFIG an error. */
struct rota_config *cmd_config_load(const struct cmd_cli *cli, rota_error *err);

/* "prog: file:line:col: msg" on stderr (the parts that are known). */
void cmd_error_print(const rota_error *e);
/* Print and exit with e->status (2 when unset). */
void cmd_error_exit(const rota_error *e) __attribute__((noreturn));
/* errx-style: "prog: message" and exit(status). */
void cmd_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Progress on stderr for long runs: prints only when stderr is a terminal and at least
 * 2 s passed since cmd_progress_start.  cmd_progress_cb fits the library's progress
 * callbacks (ctx unused): "prog: WHAT: DONE of TOTAL" (or "WHAT: DONE" when total is 0). */
void cmd_progress_start(void);
void cmd_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_progress_cb(void *ctx, const char *what, size_t done, size_t total);
void cmd_progress_done(void);

#endif
