/* The command layer: what every rota command shares and the library must not know --
 * argp and its common options, GNU --version, exit statuses, the planning-zone choice,
 * diagnostics on stderr, progress on a terminal.  Built as an uninstalled convenience
 * library (src/cmd/libcmd/) that each command links before librota. */
#ifndef ROTA_CMD_H
#define ROTA_CMD_H

#include <argp.h>
#include <stddef.h>
#include <stdint.h>
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

/* How this command spells the settings that library messages name in their fix
 * (rota_error.fix: "{aht}" -> "--aht"), as a table ending with { NULL, NULL }.  The
 * common options (lenient, tz) need no entry.  A fix naming a setting the command does
 * not know is printed in the library's words. */
struct cmd_flag {
	const char *setting;
	const char *flag;
};
void cmd_flags(const struct cmd_flag *table);
/* e->msg with its fix in this command's flags; returns buf. */
const char *cmd_error_text(const rota_error *e, char *buf, size_t n);

/* "prog: file:line:col: msg" on stderr (the parts that are known), msg as in
 * cmd_error_text. */
void cmd_error_print(const rota_error *e);
/* Print and exit with e->status (2 when unset). */
void cmd_error_exit(const rota_error *e) __attribute__((noreturn));
/* errx-style: "prog: message" and exit(status). */
/* Called by cmd_error_exit and cmd_die after the message, before exit: may change the
 * status and print more (rota-alert --nagios: an UNKNOWN status line, exit 3). */
void cmd_on_fatal(void (*hook)(int *status, const char *msg));
void cmd_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Option values, for a command's argp parser; a bad one is argp_error (exit 2) naming
 * opt.  A duration ("90s", "1h30m"; 0 only when zero_ok), and a share ("0.3", "30%") with
 * lo <= R <= hi, each bound excluded when its _open is set. */
int64_t cmd_duration_arg(struct argp_state *state, const char *opt, const char *arg,
                         int zero_ok);
void cmd_share_arg(struct argp_state *state, const char *opt, const char *arg, double lo,
                   int lo_open, double hi, int hi_open, double *out);

/* Progress on stderr for long runs: prints only when stderr is a terminal and at least
 * 2 s passed since cmd_progress_start.  cmd_progress_cb fits the library's progress
 * callbacks (ctx unused): "prog: WHAT: DONE of TOTAL" (or "WHAT: DONE" when total is 0). */
void cmd_progress_start(void);
void cmd_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_progress_cb(void *ctx, const char *what, size_t done, size_t total);
void cmd_progress_done(void);

/* --format FMT and -o FILE, as a second argp child (input: a struct cmd_output whose
 * format holds the default).  cmd_output_open makes the output file and a record writer
 * onto it; cmd_output_commit finishes the table and puts the file in place. */
struct cmd_output {
	int format;           /* enum rota_format */
	int format_given;
	const char *path;     /* -o; NULL: standard output */
	rota_out *out;
};
extern const struct argp cmd_output_argp;
rota_record *cmd_output_open(struct cmd_output *o, const rota_column *cols, size_t ncols,
                             rota_error *err);
int cmd_output_commit(struct cmd_output *o, rota_record *r, rota_error *err);

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

/* ---- batch: one query a line on standard input (rota-cal --batch and its kin) ----
 * Lines are read in large blocks and answered in place; a line longer than the limit
 * stops the run with "FILE:LINE: line longer than N bytes" (status 2), as no reader may
 * hold an input of any size in memory. */
#define CMD_BATCH_LIMIT ((size_t)16 << 20)   /* the longest line, by default */
#define CMD_BATCH_SLACK 64                   /* zero bytes kept after the data */
#define CMD_BATCH_MAX_WORDS 16

typedef struct cmd_batch {
	/* The data not yet read is buf[pos, len), followed by CMD_BATCH_SLACK zero bytes
	 * (>= ROTA_TIME_SLACK), so that a fast path may read a line in place. */
	char *buf;
	size_t cap, len, pos, limit;
	int fd, eof;
	const char *file;   /* for messages: "<stdin>" */
	long line;          /* the number of the line last read */
	char *end_of_line;  /* where the line last read ends (its newline, now a NUL) */
} cmd_batch;

/* limit 0: CMD_BATCH_LIMIT. */
void cmd_batch_open(cmd_batch *b, int fd, const char *file, size_t limit);
void cmd_batch_close(cmd_batch *b);
/* The next line, NUL-terminated in place (without its newline): 1, or 0 at the end, or
 * -1 with err (status 2: too long; 3: a read error). */
int cmd_batch_next(cmd_batch *b, char **line, rota_error *err);
/* Cut a line into at most max words at blanks (any byte <= ' '); "..." and '...' hold
 * blanks.  Returns the count (max + 1 when there are more), or -1 with *bad the column
 * of an unterminated quote; cols[i] is word i's 1-based column. */
int cmd_batch_split(char *line, char **w, long *cols, int max, long *bad);
/* The first byte <= ' ' at or after p, eight bytes at a time: p must lie in the batch
 * buffer (or be followed by 8 readable bytes past the NUL). */
const char *cmd_word_end(const char *p);

/* Short answers gathered in a buffer of their own, as fwrite costs a call each. */
typedef struct cmd_answers {
	FILE *f;
	size_t len;
	char buf[1 << 16];
} cmd_answers;
void cmd_answers_init(cmd_answers *a, FILE *f);
void cmd_answers_put(cmd_answers *a, const char *p, size_t n);
void cmd_answers_int(cmd_answers *a, int64_t v);                     /* with a newline */
void cmd_answers_time(cmd_answers *a, rota_time t, const rota_tz *tz); /* with a newline */
void cmd_answers_flush(cmd_answers *a);

struct cmd_batch_ops {
	/* Optional: answer the line at `line` (the unread data, its newline not yet found,
	 * the slack after it) without cutting it up; return its newline, or NULL having
	 * printed nothing, to leave the line to query. */
	char *(*fast)(void *ctx, char *line);
	/* One query of n >= 1 words (not a # comment).  0, or -1 with err; an error with no
	 * file is about the line: the loop adds FILE:LINE (col, if set, is cols-based). */
	int (*query)(void *ctx, int n, char **w, const long *cols, rota_error *err);
	const char *too_many;   /* the end of "too many words: ..." */
};
/* Answers every line of b: blank and # lines with an empty line, others by ops.  A bad
 * line is printed as FILE:LINE:COL: message and stops the run, or with keep_going is
 * answered by an empty line (status 2 at the end).  Returns the exit status. */
int cmd_batch_run(cmd_batch *b, cmd_answers *out, const struct cmd_batch_ops *ops,
                  void *ctx, int keep_going);

#endif
