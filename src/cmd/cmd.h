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
#include <string.h>
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
/* The config and the planning zone (--tz, else the config's, else UTC), or exit with
 * the error: what every command that reads clocks starts with. */
struct rota_config *cmd_config_and_tz(const struct cmd_cli *cli, const rota_tz **tz);

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
/* A time option's value (--at, --from): ISO 8601, a naive time or a date read in tz, DST
 * gaps per --lenient; a bad one ends the command with "OPT: why", exit 2. */
rota_time cmd_time_arg(const char *opt, const char *s, const rota_tz *tz,
                       const struct cmd_cli *cli);
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
	int csv_safe;         /* --csv-safe: ROTA_RECORD_CSV_SAFE */
	const char *path;     /* -o; NULL: standard output */
	rota_out *out;
};
extern const struct argp cmd_output_argp;
/* --csv-safe alone (input: an int set to 1), the child of cmd_output_argp and
 * cmd_list_argp.  Not for outputs that echo input to be read back (rota-import
 * --rejects), which stay exact. */
extern const struct argp cmd_csv_safe_argp;
rota_record *cmd_output_open(struct cmd_output *o, const rota_column *cols, size_t ncols,
                             rota_error *err);
int cmd_output_commit(struct cmd_output *o, rota_record *r, rota_error *err);
/* A whole document (an SVG chart) into path, atomically like -o.  0, or -1 with err. */
int cmd_write_text(const char *path, const char *text, rota_error *err);

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
 * only ticket's rows when not NULL (not for imports); times in tz; flags as
 * rota_record_new's. */
struct rota_store;
int cmd_store_list(struct rota_store *s, const char *what, const char *ticket, int format,
                   unsigned flags, FILE *f, const rota_tz *tz, rota_error *err);
/* The option group --list WHAT, --ticket KEY, --format FMT, -o FILE, --csv-safe (a child
 * whose input is a struct cmd_list, zeroed: format csv), and running it: the listing
 * written atomically, errors printed and exit. */
struct cmd_list {
	const char *what, *ticket, *output;
	int format;
	int csv_safe;         /* --csv-safe */
};
extern const struct argp cmd_list_argp;
int cmd_list_run(const struct cmd_list *l, struct rota_store *s, const struct cmd_cli *cli);

/* ---- queries: a command's words, on its command line or on a batch line ---- */
typedef struct cmd_words {
	int n;
	char **w;            /* w[0] names the query, w[1..n) are its arguments */
	const long *cols;    /* on a batch line, each word's 1-based column; NULL: argv */
} cmd_words;

/* An error about word i (col: a 1-based column inside it, 0 when unknown), status 2; in
 * a batch the loop adds FILE:LINE.  Returns -1. */
int cmd_word_error(const cmd_words *q, rota_error *err, int i, long col, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));
/* e, the library's error about word i (its col inside the word), as err; one about a
 * file (e->file set) stays as it is.  Returns -1. */
int cmd_word_fail(const cmd_words *q, rota_error *err, int i, const rota_error *e);

/* A command's queries by name, as a table ending with { NULL }: name, synopsis of the
 * arguments, their count, a value for run (op), and run itself. */
struct cmd_query {
	const char *name;
	const char *args;    /* "CALENDAR TIME DURATION" */
	int nargs;
	int op;
	int (*run)(void *ctx, const struct cmd_query *query, const cmd_words *q,
	           rota_error *err);
};
/* Run the query that q->w[0] names; an unknown name or a wrong count of arguments is an
 * error about the words ("add takes 3 arguments, 4 given: add CALENDAR TIME DURATION"). */
int cmd_query_run(const struct cmd_query *table, void *ctx, const cmd_words *q,
                  rota_error *err);
/* "add, between or days" into buf; returns buf. */
const char *cmd_query_names(const struct cmd_query *table, char *buf, size_t n);
/* The synopses, one a line, then more (argp's args_doc); free it. */
char *cmd_query_usage(const struct cmd_query *table, const char *more);

/* The command line's query and --batch, --keep-going: an argp child whose input is a
 * struct cmd_queries with table set (words is allocated for argc words: free w).  Parse
 * with ARGP_IN_ORDER: a word such as -5m (a negative value) is a word, not options -5
 * and -m, and an option run that ends in one (-q5m) is argp_error "use -- before a
 * negative value".  No query without --batch, and one with it, are usage errors. */
struct cmd_queries {
	const struct cmd_query *table;
	cmd_words words;
	int batch, keep_going;
};
extern const struct argp cmd_queries_argp;

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

/* The word a batch's lines mostly repeat (the calendar of the line before), for a fast
 * path to know it again by a compare instead of a look-up. */
typedef struct cmd_same {
	const char *word;      /* not copied */
	size_t len;
	uint64_t head, mask;   /* its first eight bytes as memcpy loads them, and which */
} cmd_same;
/* word NULL, or one that a batch line cannot hold as it is (a quote first, a blank):
 * then nothing matches. */
void cmd_same_set(cmd_same *s, const char *word);
/* The end of the word (a space) when p begins with it and a space, else NULL; p lies in
 * the batch buffer.  A byte loop past the first eight, as it stops at the slack. */
static inline const char *
cmd_same_at(const cmd_same *s, const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	if ((x & s->mask) != s->head)
		return NULL;
	for (size_t i = 8; i < s->len; i++)
		if (p[i] != s->word[i])
			return NULL;
	return p[s->len] == ' ' ? p + s->len : NULL;
}

/* ---- calendars by name, the configuration loaded when a query first names one ---- */
typedef struct cmd_calendars {
	const struct cmd_cli *cli;
	struct rota_config *cfg;
	struct rota_calendars *cals;   /* NULL until loaded */
	struct rota_calendar *last;    /* the one named last, and its name as a line has it */
	cmd_same same;
} cmd_calendars;
/* The calendar word i names, built on first use; errors as cmd_word_fail's, and an
 * unknown name when there is no configuration says how to name one. */
struct rota_calendar *cmd_calendar(cmd_calendars *c, const cmd_words *q, int i,
                                   rota_error *err);
/* For a fast path: the calendar whose name p begins with, followed by a space, when it
 * is built (*end: that space); else NULL.  p lies in the batch buffer. */
struct rota_calendar *cmd_calendar_find(cmd_calendars *c, const char *p, const char **end);
static inline struct rota_calendar *
cmd_calendar_at(cmd_calendars *c, const char *p, const char **end)
{
	if ((*end = cmd_same_at(&c->same, p)) != NULL && c->last)
		return c->last;   /* the line before's: no look-up */
	return cmd_calendar_find(c, p, end);
}
void cmd_calendars_free(cmd_calendars *c);

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
	/* Optional: answer lines from b->buf + b->pos on (the unread data, then the slack)
	 * in place, as many as it can, no longer than b->limit each, and return how many,
	 * having moved b->pos and b->line past them; it stops at a line it leaves to the
	 * queries, having printed nothing for that one. */
	long (*fast)(void *ctx, cmd_batch *b);
	/* The queries (cmd_query_run) of lines with words, not # comments.  An error with no
	 * file is about the line: the loop adds FILE:LINE. */
	const struct cmd_query *queries;
	const char *too_many;   /* the end of "too many words: ..." */
};
/* Answers every line of b: blank and # lines with an empty line, others by ops.  A bad
 * line is printed as FILE:LINE:COL: message and stops the run, or with keep_going is
 * answered by an empty line (status 2 at the end).  Returns the exit status. */
int cmd_batch_run(cmd_batch *b, cmd_answers *out, const struct cmd_batch_ops *ops,
                  void *ctx, int keep_going);
/* The same on standard input ("<stdin>"). */
int cmd_batch_stdin(cmd_answers *out, const struct cmd_batch_ops *ops, void *ctx,
                    int keep_going);

#endif
