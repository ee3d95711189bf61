/* rota-cal: business-time arithmetic on the calendars of rota.yaml. */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/cli.h>
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/ical.h>

enum { OPT_FORMAT = 0x100, OPT_BATCH, OPT_KEEP_GOING };

struct args {
	struct rota_cli cli;
	int batch, keep_going;
	int format;
	const char *output;
	char **words;         /* the query on the command line */
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
	case ARGP_KEY_ARGS:
		a->words = state->argv + state->next;
		a->nwords = state->argc - state->next;
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

static const struct argp_child children[] = { { &rota_cli_argp, 0, "Common options:", 0 },
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

/* GCC takes whatever only main() calls for code that runs once and compiles it for
 * size (divisions by constants as idiv): the batch path is the opposite. */
#define HOT __attribute__((hot))

/* ---- calendars, loaded once each ---- */

struct ctx {
	struct args *a;
	rota_config *cfg;
	rota_calendar **cals;     /* parallel to cfg->calendars, built on first use */
	rota_calendar *last;      /* the one asked last */
	const rota_tz *out_tz;    /* --tz, or NULL: each calendar's own zone */
	FILE *out;
	char obuf[1 << 16];       /* answers, gathered before they go to out */
	size_t olen;
	/* where the words of the current query come from, for messages */
	const char *file;
	long line;
	const long *cols;
};

static void
out_flush(struct ctx *C)
{
	fwrite(C->obuf, 1, C->olen, C->out);
	C->olen = 0;
}

/* Short answers go through a buffer of our own: fwrite costs a call each. */
static void
out_put(struct ctx *C, const char *p, size_t n)
{
	if (C->olen + n > sizeof C->obuf)
		out_flush(C);
	memcpy(C->obuf + C->olen, p, n);
	C->olen += n;
}

/* An error about word i of the query; col is a column inside that word (0: unknown). */
static int
word_error(struct ctx *C, rota_error *err, int i, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int
word_error(struct ctx *C, rota_error *err, int i, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (C->cols)
		rota_error_vset(err, ROTA_EXIT_USAGE, C->file, C->line,
		                C->cols[i] + (col > 0 ? col - 1 : 0), fmt, ap);
	else
		rota_error_vset(err, ROTA_EXIT_USAGE, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* strcmp(a, b) == 0 without a call: short words, compared once a query. */
static int
same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static rota_calendar *
calendar(struct ctx *C, const char *name, rota_error *err)
{
	if (C->last && same(name, rota_calendar_name(C->last)))
		return C->last;   /* a batch mostly asks one calendar */
	if (C->cfg == NULL) {
		C->cfg = rota_config_for_cli(&C->a->cli, err);
		if (C->cfg == NULL)
			return NULL;
		C->cals = rota_xcalloc(C->cfg->ncalendars + 1, sizeof *C->cals);
	}
	for (size_t i = 0; i < C->cfg->ncalendars; i++) {
		if (strcmp(C->cfg->calendars[i].name, name) != 0)
			continue;
		if (C->cals[i] == NULL)
			C->cals[i] = rota_calendar_new(&C->cfg->calendars[i], err);
		return C->last = C->cals[i];
	}
	rota_strbuf names = ROTA_STRBUF_INIT;
	for (size_t i = 0; i < C->cfg->ncalendars; i++)
		rota_strbuf_printf(&names, "%s%s", i ? ", " : "", C->cfg->calendars[i].name);
	const char *path = C->cfg->path ? C->cfg->path : C->a->cli.config;
	if (C->cfg->path == NULL)
		word_error(C, err, 1, 0, "unknown calendar '%s': there is no configuration (%s "
		           "does not exist); name one with -c FILE or ROTA_CONFIG", name, path);
	else if (C->cfg->ncalendars == 0)
		word_error(C, err, 1, 0, "unknown calendar '%s': %s defines no calendars (see "
		           "'calendars:' in rota.yaml(5))", name, path);
	else
		word_error(C, err, 1, 0, "unknown calendar '%s': %s defines %s", name, path,
		           rota_strbuf_str(&names));
	rota_strbuf_free(&names);
	return NULL;
}

static const rota_tz *
zone_of(struct ctx *C, rota_calendar *cal)
{
	return C->out_tz ? C->out_tz : rota_calendar_tz(cal);
}

/* rota_days_from_civil for fields already checked (year 1-9999, month 1-12), inline:
 * the library's general one (any month, carried) was a tenth of a batch query. */
static int64_t
days_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = y / 400, yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return (int64_t)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int
month_days(int y, int m)
{
	static const unsigned char len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return len[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static int
two(const char *p)
{
	return (unsigned)(p[0] - '0') < 10 && (unsigned)(p[1] - '0') < 10 ?
	       (p[0] - '0') * 10 + (p[1] - '0') : -1;
}

/* The shape a --batch query almost always has, read without rota_time_parse's
 * generality (it was 40 % of a batch between): YYYY-MM-DDTHH:MM[:SS] then Z, +HH:MM,
 * +HHMM, +HH or nothing.  Returns 0 when it does not apply (another shape, a value out of
 * range, a naive time in a DST gap): rota_time_parse then reads it, or says what is
 * wrong.  The transcript tests check that both readings agree. */
static HOT int
fast_time(const char *s, const rota_tz *tz, rota_time *out)
{
	int y1 = two(s), y2 = two(s + 2), mon, day, h, mi, sec = 0, off = 0, oh, om = 0;
	if (y1 < 0 || y2 < 0 || s[4] != '-' || (mon = two(s + 5)) < 1 || mon > 12 ||
	    s[7] != '-' || (day = two(s + 8)) < 1 || (s[10] != 'T' && s[10] != ' ') ||
	    (h = two(s + 11)) < 0 || h > 23 || s[13] != ':' || (mi = two(s + 14)) < 0 || mi > 59)
		return 0;
	int year = y1 * 100 + y2;
	if (year < 1 || day > month_days(year, mon))
		return 0;
	const char *p = s + 16;
	if (*p == ':') {
		if ((sec = two(p + 1)) < 0 || sec > 59)
			return 0;
		p += 3;
	}
	int zoned = *p == 'Z' || *p == '+' || *p == '-';
	if (*p == 'Z') {
		p++;
	} else if (zoned) {
		if ((oh = two(p + 1)) < 0 || oh > 23)
			return 0;
		const char *q = p + 3 + (p[3] == ':');
		if (q[0] != '\0' && ((om = two(q)) < 0 || om > 59))
			return 0;
		off = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		p = q[0] ? q + 2 : q;
	}
	if (*p != '\0')
		return 0;
	int64_t days = days_civil(year, mon, day);
	if (zoned) {
		*out = days * 86400 + h * 3600 + mi * 60 + sec - off;
		return 1;
	}
	rota_civil c = { year, mon, day, h, mi, sec };
	return rota_tz_from_local(tz, &c, out, NULL) != ROTA_LOCAL_GAP;
}

static HOT int
get_time(struct ctx *C, rota_calendar *cal, char **w, int i, rota_time *t, rota_error *err)
{
	if (C->cols && fast_time(w[i], zone_of(C, cal), t))
		return 0;
	unsigned flags = ROTA_PARSE_DATE_OK | (C->a->cli.lenient ? ROTA_PARSE_LENIENT : 0);
	rota_error e;   /* not cleared: 1.5 kB per query shows in --batch, and is set on error */
	if (rota_time_parse(w[i], zone_of(C, cal), flags, t, &e) == 0)
		return 0;
	/* The message quotes the time; in a batch the column points into the line. */
	return word_error(C, err, i, e.col, "%s", e.msg);
}

static char *
digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* rota_time_format's text, without its three snprintf calls: they are more than half
 * the time of a --batch add.  Unusual instants (local mean time offsets with seconds,
 * years outside 0000-9999) go to rota_time_format itself. */
static void
put_time(struct ctx *C, rota_calendar *cal, rota_time t)
{
	char buf[ROTA_TIME_BUFSZ + 1];
	const rota_tz *tz = zone_of(C, cal);
	rota_civil c;
	int32_t off;
	size_t n;

	rota_tz_to_local(tz, t, &c, &off);
	int a = off < 0 ? -off : off;
	if (c.year < 0 || c.year > 9999 || a % 60 != 0 || a >= 100 * 3600) {
		n = rota_time_format(buf, sizeof buf - 1, t, tz);
	} else {
		char *p = digits(buf, c.year, 4);
		*p++ = '-';
		p = digits(p, c.mon, 2);
		*p++ = '-';
		p = digits(p, c.day, 2);
		*p++ = 'T';
		p = digits(p, c.hour, 2);
		*p++ = ':';
		p = digits(p, c.min, 2);
		*p++ = ':';
		p = digits(p, c.sec, 2);
		*p++ = off < 0 ? '-' : '+';
		p = digits(p, a / 3600, 2);
		*p++ = ':';
		p = digits(p, a / 60 % 60, 2);
		n = (size_t)(p - buf);
	}
	buf[n++] = '\n';
	out_put(C, buf, n);
}

/* printf is a fifth of the time of a --batch between. */
static void
put_int(struct ctx *C, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	*--p = '\n';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	out_put(C, p, (size_t)(buf + sizeof buf - p));
}

/* ---- days ---- */

/* Open time for people: 24h30m, 8h, 45m, 0s. */
static void
hours_text(char *buf, size_t n, int64_t s)
{
	size_t k = 0;
	if (s == 0)
		snprintf(buf, n, "0s");
	if (s / 3600)
		k += (size_t)snprintf(buf + k, n - k, "%lldh", (long long)(s / 3600));
	if (s / 60 % 60 && k < n)
		k += (size_t)snprintf(buf + k, n - k, "%lldm", (long long)(s / 60 % 60));
	if (s % 60 && k < n)
		snprintf(buf + k, n - k, "%llds", (long long)(s % 60));
}

static void
put_day(struct ctx *C, const rota_calendar_day *d)
{
	static const char *const wd[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	const char *hol = d->holiday ? (*d->holiday ? d->holiday : "holiday") : NULL;
	char date[16], dur[32];
	rota_date_format(date, sizeof date, d->day);
	switch (C->a->format) {
	case ROTA_FORMAT_JSON:
		fprintf(C->out, "{\"date\":\"%s\",\"open_seconds\":%lld,\"holiday\":", date,
		        (long long)d->open);
		if (hol)
			rota_json_put_string(C->out, hol);
		else
			fputs("null", C->out);
		fputs("}\n", C->out);
		break;
	case ROTA_FORMAT_TEXT:
		hours_text(dur, sizeof dur, d->open);
		if (hol)
			fprintf(C->out, "%s  %s  %-8s  %s\n", date, wd[d->weekday], dur, hol);
		else
			fprintf(C->out, "%s  %s  %s\n", date, wd[d->weekday], dur);
		break;
	default:
		fprintf(C->out, "%s,%lld,", date, (long long)d->open);
		if (hol)
			rota_csv_put(C->out, hol);
		fputc('\n', C->out);
	}
}

static int
q_days(struct ctx *C, rota_calendar *cal, char **w, rota_error *err)
{
	int64_t from, to;
	rota_error e = { 0 };
	for (int i = 2; i <= 3; i++)
		if (rota_date_parse(w[i], i == 2 ? &from : &to, &e) < 0)
			return word_error(C, err, i, e.col, "%s", e.msg);
	if (to < from)
		return word_error(C, err, 3, 0, "TO (%s) is before FROM (%s): the range of "
		                  "dates is inclusive, FROM first", w[3], w[2]);
	out_flush(C);
	if (C->a->format == ROTA_FORMAT_CSV)
		fputs("date,open_seconds,holiday\n", C->out);
	else if (C->a->format == ROTA_FORMAT_TEXT)
		fprintf(C->out, "%-10s  %-3s  %-8s  %s\n", "date", "day", "open", "holiday");
	for (int64_t d = from; d <= to; d++) {
		rota_calendar_day info;
		rota_calendar_day_info(cal, d, &info);
		put_day(C, &info);
	}
	return 0;
}

/* ---- one query ---- */

static const struct { const char *name; int nargs; } queries[] = {
	{ "add", 3 }, { "between", 3 }, { "next-open", 2 }, { "next-close", 2 }, { "days", 3 },
};

static const char *const synopsis[] = {
	"add CALENDAR TIME DURATION", "between CALENDAR T1 T2", "next-open CALENDAR TIME",
	"next-close CALENDAR TIME", "days CALENDAR FROM TO",
};

static HOT int
query(struct ctx *C, int n, char **w, rota_error *err)
{
	size_t q;
	for (q = 0; q < sizeof queries / sizeof *queries; q++)
		if (w[0][0] == queries[q].name[0] && same(w[0], queries[q].name))
			break;
	if (q == sizeof queries / sizeof *queries)
		return word_error(C, err, 0, 0, "unknown query '%s': expected add, between, "
		                  "next-open, next-close or days", w[0]);
	if (n != queries[q].nargs + 1)   /* point at the first word too many, if any */
		return word_error(C, err, n > queries[q].nargs + 1 ? queries[q].nargs + 1 : 0, 0,
		                  "%s takes %d arguments, %d given: %s", w[0],
		                  queries[q].nargs, n - 1, synopsis[q]);
	if (q == 4 && C->a->batch)
		return word_error(C, err, 0, 0, "days prints many lines: run it without --batch");
	rota_calendar *cal = calendar(C, w[1], err);
	if (cal == NULL)
		return -1;
	rota_time t, u;
	int64_t secs;
	rota_error e;   /* set by whatever fails */
	switch (q) {
	case 0:
		if (get_time(C, cal, w, 2, &t, err) < 0)
			return -1;
		if (rota_duration_parse(w[3], &secs, &e) < 0)
			return word_error(C, err, 3, e.col, "%s", e.msg);
		if (rota_calendar_add(cal, t, secs, &u, &e) < 0)
			return word_error(C, err, 1, 0, "%s", e.msg);
		put_time(C, cal, u);
		return 0;
	case 1:
		if (get_time(C, cal, w, 2, &t, err) < 0 || get_time(C, cal, w, 3, &u, err) < 0)
			return -1;
		put_int(C, rota_calendar_between(cal, t, u));
		return 0;
	case 2:
		if (get_time(C, cal, w, 2, &t, err) < 0)
			return -1;
		if (rota_calendar_next_open(cal, t, &u, &e) < 0)
			return word_error(C, err, 1, 0, "%s", e.msg);
		put_time(C, cal, u);
		return 0;
	case 3:
		if (get_time(C, cal, w, 2, &t, err) < 0)
			return -1;
		u = rota_calendar_next_close(cal, t);
		if (u > ROTA_TIME_MAX)
			return word_error(C, err, 1, 0, "calendar '%s' never closes again before the "
			                  "year 10000", w[1]);
		put_time(C, cal, u);
		return 0;
	default:
		return q_days(C, cal, w, err);
	}
}

/* ---- batch ---- */

#define MAX_WORDS 16

/* Words are separated by spaces, tabs and any other control character. */
static int
blank(char c)
{
	return (unsigned char)c <= ' ' && c != '\0';
}

/* The end of a word: the first byte <= ' ' (a blank or the line's NUL), eight bytes at a
 * time, as the scan of the words was a quarter of a batch query.  The reader leaves
 * zeroed bytes after the data, so reading past the line is safe. */
static char *
word_end(char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (;; p += 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		/* the lowest flagged byte is exactly the first byte < 0x21 */
		uint64_t hit = (x - 0x2121212121212121ULL) & ~x & 0x8080808080808080ULL;
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
	}
#else
	while ((unsigned char)*p > ' ')
		p++;
	return p;
#endif
}

/* Split a line into words at blanks; "..." and '...' hold blanks.  Returns the number of
 * words, or -1 with *bad at an unterminated quote.  Words point into line. */
static HOT int
split(char *line, char **w, long *cols, int max, long *bad)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return n + 1;   /* too many: the caller says so */
		cols[n] = (long)(p - line) + 1;
		if (*p == '"' || *p == '\'') {
			char qc = *p++;
			char *end = strchr(p, qc);
			if (end == NULL) {
				*bad = cols[n];
				return -1;
			}
			*end = '\0';
			w[n++] = p;
			p = end + 1;
			continue;
		}
		w[n++] = p;
		p = word_end(p);
		if (*p)
			*p++ = '\0';
	}
}

/* Standard input in large blocks, a line at a time (getline costs a call a line). */
#define SLACK 16
struct reader { char *buf; size_t cap, len, pos; int eof; };

static HOT char *
next_line(struct reader *r)
{
	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		if (nl || (r->eof && r->pos < r->len)) {
			char *line = r->buf + r->pos;
			if (nl == NULL) {
				nl = r->buf + r->len;   /* a last line without its newline: */
				r->pos = r->len;        /* the NUL is the first SLACK byte */
			} else {
				r->pos = (size_t)(nl - r->buf) + 1;
			}
			*nl = '\0';
			return line;
		}
		if (r->eof)
			return NULL;
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
		if (r->cap - r->len < 4096)
			r->buf = rota_xrealloc(r->buf, r->cap *= 2);
		/* SLACK zero bytes stay after the data: a NUL for a last line without its
		 * newline, and room for word_end to read eight bytes at a time. */
		ssize_t got = read(STDIN_FILENO, r->buf + r->len, r->cap - r->len - SLACK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rota_die(ROTA_EXIT_RUNTIME, "cannot read standard input: %s", strerror(errno));
		if (got == 0)
			r->eof = 1;
		r->len += (size_t)got * (got > 0);
		memset(r->buf + r->len, 0, SLACK);
	}
}

static HOT int
batch(struct ctx *C)
{
	struct reader r = { rota_xmalloc(1 << 20), 1 << 20, 0, 0, 0 };
	char *line;
	int failed = 0;
	char *w[MAX_WORDS];
	long cols[MAX_WORDS];

	C->file = "<stdin>";
	C->cols = cols;
	C->line = 0;
	while ((line = next_line(&r)) != NULL) {
		rota_error err;   /* set by whatever fails */
		long bad = 0;
		C->line++;
		int n = split(line, w, cols, MAX_WORDS, &bad);
		if (n == 0 || (n > 0 && w[0][0] == '#')) {
			out_put(C, "\n", 1);
			continue;
		}
		int rc;
		if (n < 0)
			rc = rota_error_set(&err, ROTA_EXIT_USAGE, C->file, C->line, bad,
			                    "unterminated quote: close it with the same quote mark");
		else if (n > MAX_WORDS)
			rc = rota_error_set(&err, ROTA_EXIT_USAGE, C->file, C->line,
			                    cols[MAX_WORDS - 1], "too many words: a query is one of "
			                    "add, between, next-open, next-close with its arguments");
		else
			rc = query(C, n, w, &err);
		if (rc == 0)
			continue;
		rota_error_print(&err);
		if (err.status != ROTA_EXIT_USAGE || !C->a->keep_going) {
			free(r.buf);
			return err.status ? err.status : ROTA_EXIT_USAGE;
		}
		failed = 1;
		out_put(C, "\n", 1);
	}
	free(r.buf);
	return failed ? ROTA_EXIT_USAGE : 0;
}

int
main(int argc, char **argv)
{
	struct args a = { 0 };
	rota_error err = { 0 };

	rota_cli_init(&a.cli, "rota-cal");
	argp_parse(&argp, argc, argv, 0, NULL, &a);

	struct ctx C = { .a = &a };
	if (a.cli.tz && (C.out_tz = rota_tz_get(a.cli.tz, &err)) == NULL)
		rota_error_exit(&err);
	rota_out *o = rota_out_open(a.output, &err);
	if (o == NULL)
		rota_error_exit(&err);
	C.out = rota_out_file(o);
	/* Answers are small and many: write them in large blocks. */
	if (a.output == NULL || strcmp(a.output, "-") == 0)
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);

	int status;
	if (a.batch) {
		status = batch(&C);
	} else {
		status = 0;
		if (query(&C, a.nwords, a.words, &err) < 0) {
			rota_error_print(&err);
			status = err.status ? err.status : ROTA_EXIT_USAGE;
		}
	}
	out_flush(&C);
	/* A failed run leaves -o's target as it was; partial answers on stdout stand. */
	if (status != 0 && !(a.batch && a.keep_going && status == ROTA_EXIT_USAGE) && a.output) {
		rota_out_abort(o);
	} else if (rota_out_commit(o, &err) < 0) {
		rota_error_print(&err);
		status = ROTA_EXIT_RUNTIME;
	}
	if (C.cfg) {
		for (size_t i = 0; i < C.cfg->ncalendars; i++)
			rota_calendar_free(C.cals[i]);
		free(C.cals);
		rota_config_free(C.cfg);
	}
	rota_tz_cache_free();
	rota_ical_cleanup();
	return status;
}
