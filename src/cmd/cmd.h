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
