/* rota-cal: business-time arithmetic on the calendars of rota.yaml (rota-cal(1)).
 * Options, read, call, write: calendars from the library's registry, times from its fast
 * reader, answers from rota_calendar_query; the query table and --batch from the
 * command layer. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/calendar.h>
#include <rota/ical.h>

enum { OPT_FORMAT = 0x100 };

struct args {
	struct cmd_cli cli;
	struct cmd_queries q;   /* the query on the command line, or --batch */
	int format;
	const char *output;
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
	{ "format", OPT_FORMAT, "FMT", 0, "Output of 'days': csv (default), json or text", 0 },
	/* --tz comes from the common options: here it is the zone of times in and out. */
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 0 },
	{ 0 }
};

#define HOT __attribute__((hot))

struct ctx {
	struct args *a;
	cmd_calendars cals;       /* loaded when a query first names a calendar */
	const rota_tz *out_tz;    /* --tz, or NULL: each calendar's own zone */
	rota_calendar *last;      /* the calendar asked last, and its zone of times */
	const rota_tz *last_tz;
	rota_time_cache tc;
	cmd_answers out;
};

static void
use(struct ctx *C, rota_calendar *cal)
{
	C->last = cal;   /* a batch mostly asks one calendar: no call a query */
	C->last_tz = C->out_tz ? C->out_tz : rota_calendar_tz(cal);
}

static rota_calendar *
calendar(struct ctx *C, const cmd_words *q, rota_error *err)
{
	rota_calendar *cal = cmd_calendar(&C->cals, q, 1, err);
	if (cal != NULL && cal != C->last)
		use(C, cal);
	return cal;
}

static HOT int
get_time(struct ctx *C, const cmd_words *q, int i, rota_time *t, rota_error *err)
{
	unsigned flags = ROTA_PARSE_DATE_OK | (C->a->cli.lenient ? ROTA_PARSE_LENIENT : 0);
	rota_error e;   /* not cleared (1.5 kB a query shows in --batch): no fix to keep */
	e.fix[0] = '\0';
	/* A batch's words lie in the reader's buffer, with the slack the fast reader needs. */
	if ((q->cols ? rota_time_parse_fast(&C->tc, q->w[i], C->last_tz, flags, t, &e)
	             : rota_time_parse(q->w[i], C->last_tz, flags, t, &e)) == 0)
		return 0;
	return cmd_word_fail(q, err, i, &e);
}

static HOT void
answer(struct ctx *C, int op, int64_t v)
{
	if (op == ROTA_CAL_BETWEEN)
		cmd_answers_int(&C->out, v);
	else
		cmd_answers_time(&C->out, v, C->last_tz);
}

/* add, between, next-open, next-close: the operands, the library's answer, printed. */
static HOT int
q_answer(void *ctx, const struct cmd_query *query, const cmd_words *q, rota_error *err)
{
	struct ctx *C = ctx;
	rota_calendar *cal = calendar(C, q, err);
	rota_time t, arg = 0, v;   /* arg and v: seconds or an instant, as the query says */
	rota_error e;   /* set by whatever fails; no fix to keep, as in get_time */
	e.fix[0] = '\0';
	if (cal == NULL || get_time(C, q, 2, &t, err) < 0 ||
	    (query->op == ROTA_CAL_BETWEEN && get_time(C, q, 3, &arg, err) < 0))
		return -1;
	if (query->op == ROTA_CAL_ADD && rota_duration_parse(q->w[3], &arg, &e) < 0)
		return cmd_word_fail(q, err, 3, &e);
	if (rota_calendar_query(cal, query->op, t, arg, C->last_tz, &v, &e) < 0)
		return cmd_word_fail(q, err, 1, &e);
	answer(C, query->op, v);
	return 0;
}

static int
q_days(void *ctx, const struct cmd_query *query, const cmd_words *q, rota_error *err)
{
	struct ctx *C = ctx;
	int64_t from, to;
	rota_error e = { 0 };
	if (C->a->q.batch)
		return cmd_word_error(q, err, 0, 0, "days prints many lines: run it without --batch");
	rota_calendar *cal = calendar(C, q, err);
	if (cal == NULL)
		return -1;
	for (int i = 2; i <= 3; i++)
		if (rota_date_parse(q->w[i], i == 2 ? &from : &to, &e) < 0)
			return cmd_word_fail(q, err, i, &e);
	if (to < from)
		return cmd_word_error(q, err, 3, 0, "TO (%s) is before FROM (%s): the range of "
		                      "dates is inclusive, FROM first", q->w[3], q->w[2]);
	cmd_answers_flush(&C->out);
	return rota_calendar_write_days(cal, from, to, C->a->format, C->out.f, err);
}

static const struct cmd_query queries[] = {
	{ "add", "CALENDAR TIME DURATION", 3, ROTA_CAL_ADD, q_answer },
	{ "between", "CALENDAR T1 T2", 3, ROTA_CAL_BETWEEN, q_answer },
	{ "next-open", "CALENDAR TIME", 2, ROTA_CAL_NEXT_OPEN, q_answer },
	{ "next-close", "CALENDAR TIME", 2, ROTA_CAL_NEXT_CLOSE, q_answer },
	{ "days", "CALENDAR FROM TO", 3, 0, q_days },
	{ NULL, NULL, 0, 0, NULL }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->q;
		state->child_inputs[1] = &a->cli;
		a->q.table = queries;
		break;
	case 'o': a->output = arg; break;
	case OPT_FORMAT:
		if ((a->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format '%s': expected csv, json or text", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = { { &cmd_queries_argp, 0, NULL, 0 },
                                               { &cmd_argp, 0, "Common options:", 0 },
                                               { 0 } };
static struct argp argp = { options, parse_opt, NULL, doc, children, NULL, NULL };

/* Lines of the shape a batch almost always has, answered in place without cutting them
 * into words: add, between, next-open or next-close; a calendar already built; times
 * that rota_time_scan reads; one space between words and a newline after the last.  It
 * stops at any other line, and at a query that fails, having printed nothing for it:
 * the batch loop reads that one from scratch, so that what it prints and says stays
 * the one answer.  The lines are followed by the reader's slack. */
static HOT long
fast_lines(void *ctx, cmd_batch *b)
{
	struct ctx *C = ctx;
	char *line = b->buf + b->pos, *nl;
	long n;
	for (n = 0;; n++, line = nl + 1) {
		int op;   /* constant-size memcmp: compiled to a load and a compare each */
		const char *p, *e;
		rota_calendar *cal;
		if (memcmp(line, "between ", 8) == 0)
			op = ROTA_CAL_BETWEEN, p = line + 8;
		else if (memcmp(line, "add ", 4) == 0)
			op = ROTA_CAL_ADD, p = line + 4;
		else if (memcmp(line, "next-open ", 10) == 0)
			op = ROTA_CAL_NEXT_OPEN, p = line + 10;
		else if (memcmp(line, "next-close ", 11) == 0)
			op = ROTA_CAL_NEXT_CLOSE, p = line + 11;
		else
			break;
		if ((cal = cmd_calendar_at(&C->cals, p, &e)) == NULL)
			break;
		if (cal != C->last)
			use(C, cal);
		rota_time t;
		int64_t arg = 0, v;
		rota_error err;   /* not cleared (hot loop): only what an error set reads */
		err.fix[0] = '\0';
		if ((p = rota_time_scan(&C->tc, e + 1, C->last_tz, 0, &t)) == NULL)
			break;
		nl = (char *)p;
		if ((op == ROTA_CAL_ADD || op == ROTA_CAL_BETWEEN) &&   /* the last word */
		    (*p++ != ' ' || (nl = (char *)(op == ROTA_CAL_ADD ? rota_duration_scan(p, &arg)
		                      : rota_time_scan(&C->tc, p, C->last_tz, 0, &arg))) == NULL))
			break;
		if (*nl != '\n' || (size_t)(nl - line) > b->limit)
			break;
		if (op == ROTA_CAL_BETWEEN)   /* the most asked, and it cannot fail: no dispatch */
			v = rota_calendar_between(cal, t, arg);
		else if (rota_calendar_query(cal, op, t, arg, C->last_tz, &v, &err) < 0)
			break;
		answer(C, op, v);
	}
	b->pos = (size_t)(line - b->buf);
	b->line += n;
	return n;
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	rota_error err = { 0 };

	cmd_init(&a.cli, "rota-cal");
	argp.args_doc = cmd_query_usage(queries, "--batch < QUERIES");
	argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, &a);

	struct ctx *C = rota_xcalloc(1, sizeof *C);
	C->a = &a;
	C->cals.cli = &a.cli;
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
	if (a.q.batch) {
		static const struct cmd_batch_ops ops = {
			fast_lines, queries, "a query is one of add, between, next-open, next-close "
			"with its arguments" };
		status = cmd_batch_stdin(&C->out, &ops, C, a.q.keep_going);
	} else if (cmd_query_run(queries, C, &a.q.words, &err) < 0) {
		cmd_error_print(&err);
		status = err.status ? err.status : ROTA_EXIT_USAGE;
	}
	cmd_answers_flush(&C->out);
	/* A failed run leaves -o's target as it was; partial answers on stdout stand. */
	if (status != 0 && !(a.q.batch && a.q.keep_going && status == ROTA_EXIT_USAGE) && a.output) {
		rota_out_abort(o);
	} else if (rota_out_commit(o, &err) < 0) {
		cmd_error_print(&err);
		status = ROTA_EXIT_RUNTIME;
	}
	cmd_calendars_free(&C->cals);
	free(C);
	free(a.q.words.w);
	free((char *)argp.args_doc);
	rota_tz_cache_free();
	rota_ical_cleanup();
	return status;
}
