/* rota-cal: business-time arithmetic on the calendars of rota.yaml (rota-cal(1)).
 * Options, read, call, write: the calendars come from the library's registry, times
 * from its fast reader, and --batch from the command layer's batch loop. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/ical.h>

enum { OPT_FORMAT = 0x100, OPT_BATCH, OPT_KEEP_GOING };

struct args {
	struct cmd_cli cli;
	int batch, keep_going;
	int format;
	const char *output;
	char **words;         /* the query on the command line, in order */
	int nwords;
};

static const char doc[] =
	"Business-time arithmetic on a calendar of rota.yaml, exact to the second in "
	"the calendar's zone, across DST changes and holidays.\v"
	"Queries:\n"
	"  add CALENDAR TIME DURATION  the earliest instant at which DURATION of\n"
	"                              open time has passed since TIME\n"
	"  between CALENDAR T1 T2      open seconds in [T1, T2) (negative if T2 < T1)\n"
	"  next-open CALENDAR TIME     the first open instant at or after TIME\n"
	"  next-close CALENDAR TIME    the first closed instant at or after TIME\n"
	"  days CALENDAR FROM TO       one line per date FROM..TO (inclusive): date,\n"
	"                              open seconds, holiday name (empty if none),\n"
	"                              as in 2026-12-25,0,Christmas Day; CSV after\n"
	"                              the header date,open_seconds,holiday, or\n"
	"                              --format json or text\n"
	"\n"
	"TIME is ISO 8601 with Z or an offset.  A naive time (2026-03-27 17:00, or\n"
	"a bare date for its midnight) is read in the calendar's zone, or in --tz\n"
	"when given; instants print in that zone with their offset.  DURATION is\n"
	"90s, 30m, 4h, 2d, 1h30m or ISO 8601 (PT4H); it is open time, so 2d means\n"
	"48 open hours, not two days.  Open hours are wall-clock times: a range\n"
	"across a DST change loses or repeats the hour.  A date's override wins\n"
	"over a holiday on that date.\n"
	"\n"
	"--batch reads one query a line from standard input (the words that would\n"
	"follow rota-cal; quote a word that holds blanks) and prints one answer\n"
	"line a query line, in order; blank and # lines give an empty line.  'days'\n"
	"is not available there.  A bad line is reported as <stdin>:LINE:COLUMN and\n"
	"stops the run; with --keep-going its answer is an empty line and the run\n"
	"goes on.\n"
	"\n"
	"Examples:\n"
	"  rota-cal add office 2026-03-27T17:00:00+01:00 4h\n"
	"  rota-cal between office 2026-01-01 2027-01-01\n"
	"  rota-cal next-open office '2026-12-24 14:00'\n"
	"  rota-cal days office 2026-12-21 2027-01-03 --format text\n"
	"  echo 'add office 2026-03-27T17:00:00+01:00 1h' | rota-cal --batch\n"
	"\n"
	"Exit status: 0 success; 2 bad usage or input (an unknown calendar, a bad\n"
	"time or duration, a calendar that never opens again); 3 an I/O error.";

static const struct argp_option options[] = {
	{ "batch", OPT_BATCH, NULL, 0, "Read queries from standard input, one a line", 0 },
	{ "keep-going", OPT_KEEP_GOING, NULL, 0,
	  "With --batch: answer a bad line with an empty line and go on (exit 2 at the end)", 0 },
	{ "format", OPT_FORMAT, "FMT", 0, "Output of 'days': csv (default), json or text", 0 },
	/* --tz comes from the common options: here it is the zone of times in and out. */
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 0 },
	/* A word such as -5m is a value, not options -5 and -m: getopt gives a digit and
	 * the rest, and parse_opt puts the word back among the query's. */
#define DIGIT(d) { NULL, d, "REST", OPTION_HIDDEN | OPTION_ARG_OPTIONAL, NULL, 0 }
	DIGIT('0'), DIGIT('1'), DIGIT('2'), DIGIT('3'), DIGIT('4'),
	DIGIT('5'), DIGIT('6'), DIGIT('7'), DIGIT('8'), DIGIT('9'),
	{ 0 }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->cli;
		break;
	case OPT_BATCH: a->batch = 1; break;
	case OPT_KEEP_GOING: a->keep_going = 1; break;
	case 'o': a->output = arg; break;
	case OPT_FORMAT:
		if ((a->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format '%s': expected csv, json or text", arg);
		break;
	case ARGP_KEY_ARG:   /* in order (ARGP_IN_ORDER), so that -5m keeps its place */
		a->words[a->nwords++] = arg;
		break;
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		/* getopt took "-5m" for -5 with "m": the word is the argument getopt just read */
		if (strncmp(state->argv[state->next - 1], (char[]){ '-', (char)key, 0 }, 2) != 0)
			argp_error(state, "use -- before a negative value");
		a->words[a->nwords++] = state->argv[state->next - 1];
		break;
	case ARGP_KEY_END:
		if (a->batch && a->nwords > 0)
			argp_error(state, "--batch reads its queries from standard input: "
			           "give no query on the command line");
		if (!a->batch && a->nwords == 0)
			argp_error(state, "no query: expected add, between, next-open, next-close "
			           "or days");
		if (a->keep_going && !a->batch)
			argp_error(state, "--keep-going goes with --batch");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = { { &cmd_argp, 0, "Common options:", 0 },
                                               { 0 } };
static const struct argp argp = {
	options, parse_opt,
	"add CALENDAR TIME DURATION\n"
	"between CALENDAR T1 T2\n"
	"next-open CALENDAR TIME\n"
	"next-close CALENDAR TIME\n"
	"days CALENDAR FROM TO\n"
	"--batch < QUERIES",
	doc, children, NULL, NULL
};


#define HOT __attribute__((hot))

struct ctx {
	struct args *a;
	rota_config *cfg;         /* loaded when a query first names a calendar */
	rota_calendars *cals;
	const rota_tz *out_tz;    /* --tz, or NULL: each calendar's own zone */
	rota_calendar *last;      /* the calendar asked last, and its zone of times */
	const rota_tz *last_tz;
	rota_time_cache tc;
	const long *cols;         /* --batch: the columns of the words; NULL: argv */
	cmd_answers out;
};

/* An error about word i of the query; col is a column inside that word (0: unknown).
 * In a batch the loop adds <stdin>:LINE. */
static int __attribute__((format(printf, 5, 6)))
word_error(struct ctx *C, rota_error *err, int i, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(err, ROTA_EXIT_USAGE, NULL, 0,
	                C->cols ? C->cols[i] + (col > 0 ? col - 1 : 0) : 0, fmt, ap);
	va_end(ap);
	return -1;
}

static rota_calendar *
calendar(struct ctx *C, const char *name, rota_error *err)
{
	if (C->cfg == NULL) {
		if ((C->cfg = cmd_config_load(&C->a->cli, err)) == NULL)
			return NULL;
		C->cals = rota_calendars_new(C->cfg->calendars, C->cfg->ncalendars, C->cfg->path);
	}
	if (C->cfg->path == NULL)
		return word_error(C, err, 1, 0, "unknown calendar '%s': there is no configuration "
		                  "(%s does not exist); name one with -c FILE or ROTA_CONFIG", name,
		                  C->a->cli.config), NULL;
	rota_error e;
	rota_calendar *cal = rota_calendars_get(C->cals, name, strlen(name), &e);
	if (cal == NULL && e.file[0] == '\0')   /* unknown, not a definition that failed */
		word_error(C, err, 1, 0, "%s", e.msg);
	else if (cal == NULL)
		*err = e;
	return cal;
}

static const rota_tz *
zone_of(struct ctx *C, rota_calendar *cal)
{
	if (cal != C->last)   /* a batch mostly asks one calendar: no call a query */
		C->last = cal, C->last_tz = C->out_tz ? C->out_tz : rota_calendar_tz(cal);
	return C->last_tz;
}

static HOT int
get_time(struct ctx *C, rota_calendar *cal, char **w, int i, rota_time *t, rota_error *err)
{
	unsigned flags = ROTA_PARSE_DATE_OK | (C->a->cli.lenient ? ROTA_PARSE_LENIENT : 0);
	rota_error e;   /* not cleared: 1.5 kB per query shows in --batch, and is set on error */
	/* A batch's words lie in the reader's buffer, with the slack the fast reader needs. */
	if ((C->cols ? rota_time_parse_fast(&C->tc, w[i], zone_of(C, cal), flags, t, &e)
	             : rota_time_parse(w[i], zone_of(C, cal), flags, t, &e)) == 0)
		return 0;
	/* The message quotes the time; in a batch the column points into the line. */
	word_error(C, err, i, e.col, "%s", e.msg);
	rota_error_keep_fix(err, &e);
	return -1;
}

/* An answer is printed only when it can be read back: in years 0001-9999 locally. */
static HOT int
put_time(struct ctx *C, const rota_tz *tz, rota_time t, rota_error *err)
{
	rota_error e;
	if (!ROTA_TIME_SAFE(t) && rota_time_check(t, tz, &e) < 0)
		return word_error(C, err, 1, 0, "the answer %s", e.msg);
	cmd_answers_time(&C->out, t, tz);
	return 0;
}

static int
q_days(struct ctx *C, rota_calendar *cal, char **w, rota_error *err)
{
	static const char *const wd[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const rota_column cols[] = { { "date", ROTA_COL_STRING },
	                                    { "open_seconds", ROTA_COL_NUMBER },
	                                    { "holiday", ROTA_COL_STRING } };
	/* for people: the weekday, and open time as 24h30m */
	static const rota_column text_cols[] = { { "date", ROTA_COL_STRING },
	                                         { "day", ROTA_COL_STRING },
	                                         { "open", ROTA_COL_STRING },
	                                         { "holiday", ROTA_COL_STRING } };
	int64_t from, to;
	rota_error e = { 0 };
	for (int i = 2; i <= 3; i++)
		if (rota_date_parse(w[i], i == 2 ? &from : &to, &e) < 0)
			return word_error(C, err, i, e.col, "%s", e.msg);
	if (to < from)
		return word_error(C, err, 3, 0, "TO (%s) is before FROM (%s): the range of "
		                  "dates is inclusive, FROM first", w[3], w[2]);
	int text = C->a->format == ROTA_FORMAT_TEXT;
	cmd_answers_flush(&C->out);
	rota_record *r = rota_record_new(C->out.f, C->a->format, text ? text_cols : cols,
	                                 text ? 4 : 3, 0);
	for (int64_t d = from; d <= to; d++) {
		rota_calendar_day info;
		char date[16], dur[32];
		rota_calendar_day_info(cal, d, &info);
		rota_date_format(date, sizeof date, d);
		rota_record_str(r, date);
		if (text) {
			rota_record_str(r, wd[info.weekday]);
			long long o = info.open;   /* 24h30m, 8h, 45m, 0s */
			snprintf(dur, sizeof dur, "%.0lld%s%.0lld%s%.0lld%s", o / 3600, o / 3600 ? "h" : "",
			         o / 60 % 60, o / 60 % 60 ? "m" : "", o % 60, o % 60 || !o ? "s" : "");
			rota_record_str(r, o ? dur : "0s");
		} else {
			rota_record_int(r, info.open);
		}
		rota_record_str(r, info.holiday && !*info.holiday ? "holiday" : info.holiday);
		rota_record_end(r);
	}
	return rota_record_finish(r, err);
}

/* ---- one query ---- */

static const struct { const char *name; int nargs; const char *synopsis; } queries[] = {
	{ "add", 3, "add CALENDAR TIME DURATION" }, { "between", 3, "between CALENDAR T1 T2" },
	{ "next-open", 2, "next-open CALENDAR TIME" },
	{ "next-close", 2, "next-close CALENDAR TIME" }, { "days", 3, "days CALENDAR FROM TO" },
};
#define NQUERIES (sizeof queries / sizeof *queries)

static HOT int
query(void *ctx, int n, char **w, const long *cols, rota_error *err)
{
	struct ctx *C = ctx;
	size_t q;
	C->cols = cols;
	for (q = 0; q < NQUERIES; q++)
		if (strcmp(w[0], queries[q].name) == 0)
			break;
	if (q == NQUERIES)
		return word_error(C, err, 0, 0, "unknown query '%s': expected add, between, "
		                  "next-open, next-close or days", w[0]);
	if (n != queries[q].nargs + 1)   /* point at the first word too many, if any */
		return word_error(C, err, n > queries[q].nargs + 1 ? queries[q].nargs + 1 : 0, 0,
		                  "%s takes %d arguments, %d given: %s", w[0],
		                  queries[q].nargs, n - 1, queries[q].synopsis);
	if (q == 4 && C->a->batch)
		return word_error(C, err, 0, 0, "days prints many lines: run it without --batch");
	rota_calendar *cal = calendar(C, w[1], err);
	if (cal == NULL)
		return -1;
	rota_time t, u;
	int64_t secs;
	rota_error e;   /* set by whatever fails */
	if (q == 4)
		return q_days(C, cal, w, err);
	if (get_time(C, cal, w, 2, &t, err) < 0 || (q == 1 && get_time(C, cal, w, 3, &u, err) < 0))
		return -1;
	switch (q) {
	case 0:
		if (rota_duration_parse(w[3], &secs, &e) < 0)
			return word_error(C, err, 3, e.col, "%s", e.msg);
		if (rota_calendar_add(cal, t, secs, &u, &e) < 0)
			return word_error(C, err, 1, 0, "%s", e.msg);
		return put_time(C, zone_of(C, cal), u, err);
	case 1:
		cmd_answers_int(&C->out, rota_calendar_between(cal, t, u));
		return 0;
	case 2:
		if (rota_calendar_next_open(cal, t, &u, &e) < 0)
			return word_error(C, err, 1, 0, "%s", e.msg);
		return put_time(C, zone_of(C, cal), u, err);
	default:
		if ((u = rota_calendar_next_close(cal, t)) > ROTA_TIME_LAST)
			return word_error(C, err, 1, 0, "calendar '%s' never closes again before the "
			                  "year 10000", w[1]);
		return put_time(C, zone_of(C, cal), u, err);
	}
}

/* A line of the shape a batch almost always has, answered in place without cutting it
 * into words: add, between, next-open or next-close; a calendar already built; times
 * that rota_time_scan reads; one space between words and a newline after the last.
 * Returns that newline, or NULL having printed nothing, for any other line and for a
 * query that fails: query() then reads it from scratch, so that what it prints and
 * says stays the one answer.  The line is followed by the reader's slack. */
static HOT char *
fast_line(void *ctx, char *line)
{
	struct ctx *C = ctx;
	int q;   /* constant-size memcmp: compiled to a load and a compare each */
	const char *p;
	if (memcmp(line, "between ", 8) == 0)
		q = 1, p = line + 8;
	else if (memcmp(line, "add ", 4) == 0)
		q = 0, p = line + 4;
	else if (memcmp(line, "next-open ", 10) == 0)
		q = 2, p = line + 10;
	else if (memcmp(line, "next-close ", 11) == 0)
		q = 3, p = line + 11;
	else
		return NULL;
	const char *e = cmd_word_end(p);
	if (C->cals == NULL)
		return NULL;
	rota_calendar *cal;
	if (*e != ' ' || e == p || *p == '"' || *p == '\'' ||
	    (cal = rota_calendars_find_built(C->cals, p, (size_t)(e - p))) == NULL)
		return NULL;
	const rota_tz *tz = zone_of(C, cal);
	rota_time t, u;
	rota_error err;   /* not cleared, as in get_time */
	if ((p = rota_time_scan(&C->tc, e + 1, tz, 0, &t)) == NULL)
		return NULL;
	if (q == 0) {   /* the duration: the last word, not quoted, read as a string of its own */
		char *d = (char *)p + 1, *nl = (char *)cmd_word_end(d);
		int64_t secs;
		if (*p != ' ' || *nl != '\n' || nl == d || *d == '"' || *d == '\'')
			return NULL;
		*nl = '\0';
		int ok = rota_duration_parse(d, &secs, &err) == 0 &&
		         rota_calendar_add(cal, t, secs, &u, &err) == 0 &&
		         (ROTA_TIME_SAFE(u) || rota_time_check(u, tz, &err) == 0);
		*nl = '\n';
		if (!ok)
			return NULL;
		cmd_answers_time(&C->out, u, tz);
		return nl;
	}
	if (q == 1) {
		if (*p != ' ' || (p = rota_time_scan(&C->tc, p + 1, tz, 0, &u)) == NULL || *p != '\n')
			return NULL;
		cmd_answers_int(&C->out, rota_calendar_between(cal, t, u));
		return (char *)p;
	}
	if (*p != '\n' || (q == 2 ? rota_calendar_next_open(cal, t, &u, &err) < 0
	                          : (u = rota_calendar_next_close(cal, t)) > ROTA_TIME_LAST) ||
	    (!ROTA_TIME_SAFE(u) && rota_time_check(u, tz, &err) < 0))
		return NULL;
	cmd_answers_time(&C->out, u, tz);
	return (char *)p;
}

int
main(int argc, char **argv)
{
	struct args a = { .words = rota_xcalloc((size_t)argc + 1, sizeof(char *)) };
	rota_error err = { 0 };

	cmd_init(&a.cli, "rota-cal");
	argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, &a);

	struct ctx *C = rota_xcalloc(1, sizeof *C);
	C->a = &a;
	if (a.cli.tz && (C->out_tz = rota_tz_get(a.cli.tz, &err)) == NULL)
		cmd_error_exit(&err);
	rota_out *o = rota_out_open(a.output, &err);
	if (o == NULL)
		cmd_error_exit(&err);
	cmd_answers_init(&C->out, rota_out_file(o));
	/* Answers are small and many: write them in large blocks. */
	if (a.output == NULL || strcmp(a.output, "-") == 0)
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);

	int status = 0;
	if (a.batch) {
		static const struct cmd_batch_ops ops = {
			fast_line, query, "a query is one of add, between, next-open, next-close "
			"with its arguments" };
		cmd_batch b;
		cmd_batch_open(&b, STDIN_FILENO, "<stdin>", 0);
		status = cmd_batch_run(&b, &C->out, &ops, C, a.keep_going);
		cmd_batch_close(&b);
	} else if (query(C, a.nwords, a.words, NULL, &err) < 0) {
		cmd_error_print(&err);
		status = err.status ? err.status : ROTA_EXIT_USAGE;
	}
	cmd_answers_flush(&C->out);
	/* A failed run leaves -o's target as it was; partial answers on stdout stand. */
	if (status != 0 && !(a.batch && a.keep_going && status == ROTA_EXIT_USAGE) && a.output) {
		rota_out_abort(o);
	} else if (rota_out_commit(o, &err) < 0) {
		cmd_error_print(&err);
		status = ROTA_EXIT_RUNTIME;
	}
	rota_calendars_free(C->cals);
	rota_config_free(C->cfg);
	free(C);
	free(a.words);
	rota_tz_cache_free();
	rota_ical_cleanup();
	return status;
}
