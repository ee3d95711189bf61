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
};

/* The shared option group.  Use it as a child:
 *   static struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 0 }, { 0 } };
 * and in the command's parser: case ARGP_KEY_INIT: state->child_inputs[0] = &cli; */
extern const struct argp cmd_argp;

/* Call first in main(): fills defaults from the environment, sets argp's version
 * string to "PROG (rota) VERSION", makes argp's usage errors exit 2 and installs the
 * out-of-memory handler (message, exit 3). */
void cmd_init(struct cmd_cli *cli, const char *prog);

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

/* Install handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove the files
 * registered with rota_cleanup_add and end the process by the same signal (cmd_init
 * calls it). */
void cmd_signals_init(void);

/* Repeated option values ("--missing ? --missing -100") and comma-separated lists. */
struct cmd_strv {
	const char **v;
	size_t n;
};
void cmd_strv_add(struct cmd_strv *s, const char *v);
/* Split at commas (list is modified; the pieces point into it). */
void cmd_strv_add_list(struct cmd_strv *s, char *list);
void cmd_strv_free(struct cmd_strv *s);

/* Append "--NAME[=ARG]" of the option with this key to out: what a run was asked, for
 * records such as the imports log. */
void cmd_option_note(const struct argp_option *options, int key, const char *arg,
                     rota_strbuf *out);

/* The planning zone (cmd_tz), loading the config only when --tz is not given; a broken
 * config or an unknown zone ends the command with its message. */
const rota_tz *cmd_planning_tz(const struct cmd_cli *cli);

/* Every named input that is a regular file can be opened: else its message and exit 2,
 * before anything is written.  "-", FIFOs and devices are not tried (read once only). */
void cmd_inputs_check(const struct cmd_strv *files);

/* Problems that do not stop a run (rows left out): the first CMD_PROBLEMS_SHOWN are
 * printed as "prog: file:line:col: WHAT message", the rest counted, and
 * cmd_problems_done prints "prog: ... and N more HINT". */
#define CMD_PROBLEMS_SHOWN 5
struct cmd_problems {
	const char *what;
	int shown;
	long more;
};
/* p is a struct cmd_problems (void: it fits the library's callbacks). */
void cmd_problem(void *p, const rota_error *e);
void cmd_problems_done(struct cmd_problems *p, const char *hint);

/* The database as records onto f: what is "events", "tickets", "attrs" or "imports";
 * only ticket's rows when not NULL (not for imports); times in tz. */
struct rota_store;
int cmd_store_list(struct rota_store *s, const char *what, const char *ticket, int format,
                   FILE *f, const rota_tz *tz, rota_error *err);
/* The option group --list WHAT, --ticket KEY, --format FMT, -o FILE (a child whose
 * input is a struct cmd_list, zeroed: format csv), and running it: the listing written
 * atomically, errors printed and exit. */
struct cmd_list {
	const char *what, *ticket, *output;
	int format;
};
extern const struct argp cmd_list_argp;
int cmd_list_run(const struct cmd_list *l, struct rota_store *s, const struct cmd_cli *cli);

#endif
