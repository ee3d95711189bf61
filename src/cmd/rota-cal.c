/* rota-cal: business-time arithmetic on the calendars of rota.yaml. */
#include <config.h>
#include <errno.h>
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

/* GCC takes whatever only main() calls for code that runs once and compiles it for
 * size (divisions by constants as idiv): the batch path is the opposite. */
#define HOT __attribute__((hot))

/* ---- calendars, loaded once each ---- */

/* The months of one year: a batch's times mostly fall in a few years, so that the day
 * number of a date is a look-up.  mlen is indexed by any two-digit month, 0 for
 * months out of range.  Kept for four years (by year % 4: a span across New Year
 * alternates between two). */
struct year {
	unsigned year;            /* 0 until filled */
	int32_t first[13];        /* day number of the first of month 1-12 */
	unsigned char mlen[100];
};

/* A calendar of the configuration, with what a batch line needs to find it fast. */
struct slot {
	rota_calendar *cal;       /* built on first use */
	const rota_tz *tz;        /* the zone of its times: --tz, else its own */
	const char *name;
	size_t len;               /* strlen(name) */
	uint64_t head, mask;      /* its first eight bytes as load8 reads them, and which */
};

struct ctx {
	struct args *a;
	rota_config *cfg;
	struct slot *cals;        /* parallel to cfg->calendars */
	struct slot *last;        /* the one asked last */
	struct year years[4];     /* for fast_time */
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

static uint64_t load8(const char *p);

static void
load_config(struct ctx *C, rota_config *cfg)
{
	C->cfg = cfg;
	C->cals = rota_xcalloc(cfg->ncalendars + 1, sizeof *C->cals);
	for (size_t i = 0; i < cfg->ncalendars; i++) {
		struct slot *s = &C->cals[i];
		s->name = cfg->calendars[i].name;
		s->len = strlen(s->name);
		char head[8] = { 0 };
		memcpy(head, s->name, s->len < 8 ? s->len : 8);
		s->head = load8(head);
		s->mask = s->len >= 8 ? UINT64_MAX : (1ULL << 8 * s->len) - 1;
	}
}

static rota_calendar *
calendar(struct ctx *C, const char *name, rota_error *err)
{
	if (C->last && same(name, C->last->name))
		return C->last->cal;   /* a batch mostly asks one calendar */
	if (C->cfg == NULL) {
		rota_config *cfg = cmd_config_load(&C->a->cli, err);
		if (cfg == NULL)
			return NULL;
		load_config(C, cfg);
	}
	for (size_t i = 0; i < C->cfg->ncalendars; i++) {
		struct slot *s = &C->cals[i];
		if (strcmp(s->name, name) != 0)
			continue;
		if (s->cal == NULL) {
			s->cal = rota_calendar_new(&C->cfg->calendars[i], err);
			if (s->cal == NULL)
				return NULL;
			s->tz = C->out_tz ? C->out_tz : rota_calendar_tz(s->cal);
		}
		return (C->last = s)->cal;
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

static void
year_fill(struct year *Y, unsigned year)
{
	Y->year = year;
	for (int m = 1; m <= 12; m++) {
		Y->first[m] = (int32_t)rota_days_from_civil((int)year, m, 1);
		Y->mlen[m] = (unsigned char)rota_days_in_month((int)year, m);
	}
}

/* Eight bytes from p, the first in the lowest byte whatever the machine's order. */
static uint64_t
load8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* The eight characters of a C string literal as load8 reads them. */
#define LE8(s) ((uint64_t)(unsigned char)(s)[0] | (uint64_t)(unsigned char)(s)[1] << 8 | \
	(uint64_t)(unsigned char)(s)[2] << 16 | (uint64_t)(unsigned char)(s)[3] << 24 | \
	(uint64_t)(unsigned char)(s)[4] << 32 | (uint64_t)(unsigned char)(s)[5] << 40 | \
	(uint64_t)(unsigned char)(s)[6] << 48 | (uint64_t)(unsigned char)(s)[7] << 56)

#define ONES 0x0101010101010101ULL

/* 0xff under the characters of a LE8 template that are not '0'. */
#define FIXED1(s, i) ((uint64_t)((s)[i] != '0') * 0xffULL << 8 * (i))
#define FIXED8(s) (FIXED1(s, 0) | FIXED1(s, 1) | FIXED1(s, 2) | FIXED1(s, 3) | \
	FIXED1(s, 4) | FIXED1(s, 5) | FIXED1(s, 6) | FIXED1(s, 7))

/* x against a template of eight characters, '0' standing for any digit (the shape's
 * other characters, here '-', 'T' and ':', must be there exactly).  Returns x with each
 * digit's value in its byte and the fixed characters zeroed, or UINT64_MAX when x does
 * not fit; branch-free, as one mispredicted test a character was most of a time's cost. */
#define DIGITS8(x, s) digits8((x), LE8(s), FIXED8(s))
static uint64_t
digits8(uint64_t x, uint64_t tmpl, uint64_t fixed)
{
	uint64_t v = x ^ tmpl;   /* a digit is its value, a matching fixed character 0 */
	uint64_t bad = (v & 0xf0 * ONES) | ((v + 6 * ONES) & 0xf0 * ONES) | (v & fixed);
	return bad ? UINT64_MAX : v;
}

static unsigned
digit(char c)
{
	return (unsigned)(unsigned char)c - '0';   /* > 9 when c is not a digit */
}

/* A naive time (no offset) in tz, unless it falls in a gap. */
static __attribute__((noinline)) const char *
fast_naive(const char *p, const rota_tz *tz, unsigned year, unsigned mon, unsigned day,
           unsigned hms, rota_time *out)
{
	rota_civil c = { (int)year, (int)mon, (int)day, (int)(hms / 3600), (int)(hms / 60 % 60),
	                 (int)(hms % 60) };
	return rota_tz_from_local(tz, &c, out, NULL) != ROTA_LOCAL_GAP ? p : NULL;
}

/* The shapes a --batch query almost always has, read without rota_time_parse's
 * generality (it was 40 % of a batch between): YYYY-MM-DDTHH:MM[:SS] then Z, +HH:MM,
 * +HHMM, +HH or nothing (t and z as T and Z; a space as T when space is nonzero, in a
 * word of its own).  Returns where the time ends (the caller checks what follows: a
 * blank or the end), or NULL when this shape does not apply: another shape (a space
 * before the offset, fractions of a second, an offset with seconds), a value out of
 * range, a naive time in a DST gap.  rota_time_parse then reads the time, or says
 * what is wrong with it; it gives the same instant for every time read here, which the
 * transcript tests check shape by shape.  years caches the months of recent years.
 *
 * The first 16 bytes are read at once, and 32 for a t or a space: s must lie in the
 * batch reader's buffer, whose data is followed by SLACK zero bytes (below).  After the
 * first 16, a byte is read only when the ones before it matched. */
static const char *fast_new_year(const char *s, const rota_tz *tz, struct year *years,
                                  int space, unsigned year, rota_time *out);
static const char *fast_odd(const char *s, const rota_tz *tz, struct year *years, int space,
                            rota_time *out);

static HOT const char *
fast_time(const char *s, const rota_tz *tz, struct year *years, int space, rota_time *out)
{
	uint64_t a = DIGITS8(load8(s), "0000-00-"), b = DIGITS8(load8(s + 8), "00T00:00");
	if ((a == UINT64_MAX) | (b == UINT64_MAX))
		return fast_odd(s, tz, years, space, out);
	/* Byte k becomes 10 * digit k + digit k + 1: each two-digit field in one byte. */
	a = a * 10 + (a >> 8);
	b = b * 10 + (b >> 8);
	unsigned year = (unsigned)(a & 0xff) * 100 + (unsigned)(a >> 16 & 0xff),
	         mon = (unsigned)(a >> 40 & 0xff), day = (unsigned)(b & 0xff),
	         hour = (unsigned)(b >> 24 & 0xff), min = (unsigned)(b >> 48 & 0xff), sec = 0;
	struct year *Y = &years[year % 4];
	if (year != Y->year)   /* a tail call, so that this path calls nothing */
		return fast_new_year(s, tz, years, space, year, out);
	/* day 1 .. the month's length (0 for a month out of 1-12), hour 0-23, minute 0-59 */
	if ((day - 1 >= Y->mlen[mon]) | (hour > 23) | (min > 59))
		return NULL;
	const char *p = s + 16;
	if (*p == ':') {
		unsigned s1 = digit(p[1]), s2 = digit(p[2]);
		if (s1 > 5 || s2 > 9)
			return NULL;
		sec = s1 * 10 + s2;
		p += 3;
	}
	unsigned hms = hour * 3600 + min * 60 + sec;
	int64_t local = (int64_t)(Y->first[mon] + (int32_t)day - 1) * 86400 + hms;
	if (*p == 'Z' || *p == 'z') {
		*out = local;
		return p + 1;
	}
	if (*p == '+' || *p == '-') {
		/* +HH, then :MM or MM; a colon or digit that begins no minutes is an error,
		 * and seconds after the minutes are left to rota_time_parse (not a blank). */
		unsigned h1 = digit(p[1]), h2, m1 = 0, m2 = 0;
		if (h1 > 2 || (h2 = digit(p[2])) > 9)
			return NULL;
		const char *q = p + 3;
		if (*q == ':' || digit(*q) <= 9) {
			q += *q == ':';
			if ((m1 = digit(q[0])) > 5 || (m2 = digit(q[1])) > 9)
				return NULL;
			q += 2;
		}
		unsigned oh = h1 * 10 + h2;
		if (oh > 23)
			return NULL;
		int32_t off = (int32_t)(oh * 3600 + (m1 * 10 + m2) * 60);
		*out = local - (*p == '-' ? -off : off);
		return q;
	}
	return fast_naive(p, tz, year, mon, day, hms, out);
}

/* fast_time for a t or a space instead of the T: read a copy with a T. */
static __attribute__((noinline)) const char *
fast_odd(const char *s, const rota_tz *tz, struct year *years, int space, rota_time *out)
{
	char copy[32];   /* more than fast_time reads */
	if (s[10] != 't' && !(space && s[10] == ' '))
		return NULL;
	memcpy(copy, s, sizeof copy);
	copy[10] = 'T';
	const char *end = fast_time(copy, tz, years, 0, out);
	return end ? s + (end - copy) : NULL;
}

/* fast_time for a year not in the cache: fill it in, and read again. */
static __attribute__((noinline)) const char *
fast_new_year(const char *s, const rota_tz *tz, struct year *years, int space,
              unsigned year, rota_time *out)
{
	if (year == 0)
		return NULL;
	year_fill(&years[year % 4], year);
	return fast_time(s, tz, years, space, out);
}

static HOT int
get_time(struct ctx *C, rota_calendar *cal, char **w, int i, rota_time *t, rota_error *err)
{
	const char *end;
	if (C->cols && (end = fast_time(w[i], zone_of(C, cal), C->years, 1, t)) != NULL &&
	    *end == '\0')
		return 0;
	unsigned flags = ROTA_PARSE_DATE_OK | (C->a->cli.lenient ? ROTA_PARSE_LENIENT : 0);
	rota_error e;   /* not cleared: 1.5 kB per query shows in --batch, and is set on error */
	if (rota_time_parse(w[i], zone_of(C, cal), flags, t, &e) == 0)
		return 0;
	/* The message quotes the time; in a batch the column points into the line. */
	word_error(C, err, i, e.col, "%s", e.msg);
	rota_error_keep_fix(err, &e);
	return -1;
}

/* The two digits of v (0-99) from a table: a digit at a time was a division each. */
static char *
two(char *p, int v)
{
	static const char pairs[201] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	memcpy(p, pairs + 2 * v, 2);
	return p + 2;
}

/* rota_time_format's text, without its three snprintf calls: they are more than half
 * the time of a --batch add.  Unusual instants (local mean time offsets with seconds,
 * years outside 0000-9999) go to rota_time_format itself. */
static void
put_time(struct ctx *C, const rota_tz *tz, rota_time t)
{
	char buf[ROTA_TIME_BUFSZ + 1];
	rota_civil c;
	int32_t off;
	size_t n;

	rota_tz_to_local(tz, t, &c, &off);
	int a = off < 0 ? -off : off;
	if (c.year < 0 || c.year > 9999 || a % 60 != 0 || a >= 100 * 3600) {
		n = rota_time_format(buf, sizeof buf - 1, t, tz);
	} else {
		char *p = two(two(buf, c.year / 100), c.year % 100);
		*p++ = '-';
		p = two(p, c.mon);
		*p++ = '-';
		p = two(p, c.day);
		*p++ = 'T';
		p = two(p, c.hour);
		*p++ = ':';
		p = two(p, c.min);
		*p++ = ':';
		p = two(p, c.sec);
		*p++ = off < 0 ? '-' : '+';
		p = two(p, a / 3600);
		*p++ = ':';
		p = two(p, a / 60 % 60);
		n = (size_t)(p - buf);
	}
	buf[n++] = '\n';
	out_put(C, buf, n);
}

/* The decimal digits of u < 10^8 as eight digit values (leading zeros included), the
 * first in the lowest byte: after the split in two halves, each step divides all the
 * lanes of the word at once, by a multiplication and a shift. */
static uint64_t
eight_digits(uint64_t u)
{
	uint64_t x = u / 10000 | (u % 10000) << 32;                 /* two lanes < 10^4 */
	uint64_t h = (x * 10486) >> 20 & 0x0000007f0000007fULL;     /* lane / 100 */
	x = h | (x - h * 100) << 16;                                /* four lanes < 100 */
	h = (x * 103) >> 10 & 0x000f000f000f000fULL;                /* lane / 10 */
	return h | (x - h * 10) << 8;
}

/* printf was a fifth of the time of a --batch between; building the text byte by byte
 * and copying it out stalled on the copy.  Small numbers are made in a register and
 * stored at once. */
static void
put_int(struct ctx *C, int64_t v)
{
	if (sizeof C->obuf - C->olen < 32)
		out_flush(C);
	char *o = C->obuf + C->olen;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	*o = '-';
	o += v < 0;
	if (u < 100000000) {
		uint64_t d = eight_digits(u);
		int lead = d ? __builtin_ctzll(d) >> 3 : 7;   /* leading zeros, not the last */
		uint64_t text = (d + 0x3030303030303030ULL) >> 8 * lead;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		text = __builtin_bswap64(text);
#endif
		memcpy(o, &text, 8);
		o += 8 - lead;
	} else {
		char buf[24], *p = buf + sizeof buf;
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		memcpy(o, p, (size_t)(buf + sizeof buf - p));
		o += buf + sizeof buf - p;
	}
	*o++ = '\n';
	C->olen = (size_t)(o - C->obuf);
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
		put_time(C, zone_of(C, cal), u);
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
		put_time(C, zone_of(C, cal), u);
		return 0;
	case 3:
		if (get_time(C, cal, w, 2, &t, err) < 0)
			return -1;
		u = rota_calendar_next_close(cal, t);
		if (u > ROTA_TIME_MAX)
			return word_error(C, err, 1, 0, "calendar '%s' never closes again before the "
			                  "year 10000", w[1]);
		put_time(C, zone_of(C, cal), u);
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
static const char *
word_end(const char *p)
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

/* The loaded calendar named by the n bytes at p (followed by readable slack), or NULL:
 * the first of the configuration with that name, as calendar() finds it. */
static struct slot *
known(struct ctx *C, const char *p, size_t n)
{
	uint64_t head = load8(p);
	struct slot *s = C->last;
	if (s == NULL || s->len != n || (head & s->mask) != s->head ||
	    (n > 8 && memcmp(p + 8, s->name + 8, n - 8) != 0)) {
		for (s = C->cals; s < C->cals + C->cfg->ncalendars; s++)
			if (s->len == n && (head & s->mask) == s->head &&
			    (n <= 8 || memcmp(p + 8, s->name + 8, n - 8) == 0))
				break;
		if (s == C->cals + C->cfg->ncalendars || s->cal == NULL)
			return NULL;
		C->last = s;
	}
	return s;
}

/* A line of the shape a batch almost always has, answered where the reader has it,
 * without looking for its end first nor cutting it into words: add, between, next-open
 * or next-close; a calendar already loaded; times that fast_time reads; one space
 * between words and a newline right after the last.  Returns that newline, or NULL,
 * having printed nothing, for any other line (one not yet read to its newline too) and
 * for a query that fails: next_line(), split() and query() then read it from scratch,
 * so that what they print and say stays the one answer.  The data after line is
 * followed by the reader's slack, which no match reads past. */
static HOT char *
fast_line(struct ctx *C, char *line)
{
	uint64_t w = load8(line);
	int q;
	const char *p, *e;
	if (w == LE8("between "))
		q = 1, p = line + 8;
	else if ((uint32_t)w == (uint32_t)LE8("add     "))
		q = 0, p = line + 4;
	else if (w == LE8("next-ope") && line[8] == 'n' && line[9] == ' ')
		q = 2, p = line + 10;
	else if (w == LE8("next-clo") && line[8] == 's' && line[9] == 'e' && line[10] == ' ')
		q = 3, p = line + 11;
	else
		return NULL;
	struct slot *s;
	e = word_end(p);
	if (C->cfg == NULL || *e != ' ' || e == p || *p == '"' || *p == '\'' ||
	    (s = known(C, p, (size_t)(e - p))) == NULL)
		return NULL;
	rota_time t, u;
	rota_error err;   /* not cleared, as in get_time */
	if ((p = fast_time(e + 1, s->tz, C->years, 0, &t)) == NULL)
		return NULL;
	switch (q) {
	case 0: {
		/* the duration: the last word, not quoted, read as a string of its own */
		char *d = (char *)p + 1, *nl = (char *)word_end(d);
		int64_t secs;
		if (*p != ' ' || *nl != '\n' || nl == d || *d == '"' || *d == '\'')
			return NULL;
		*nl = '\0';
		if (rota_duration_parse(d, &secs, &err) < 0 ||
		    rota_calendar_add(s->cal, t, secs, &u, &err) < 0) {
			*nl = '\n';
			return NULL;
		}
		put_time(C, s->tz, u);
		return nl;
	}
	case 1:
		if (*p != ' ' || (p = fast_time(p + 1, s->tz, C->years, 0, &u)) == NULL ||
		    *p != '\n')
			return NULL;
		put_int(C, rota_calendar_between(s->cal, t, u));
		break;
	case 2:
		if (*p != '\n' || rota_calendar_next_open(s->cal, t, &u, &err) < 0)
			return NULL;
		put_time(C, s->tz, u);
		break;
	default:
		if (*p != '\n' || (u = rota_calendar_next_close(s->cal, t)) > ROTA_TIME_MAX)
			return NULL;
		put_time(C, s->tz, u);
	}
	return (char *)p;
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
		p += word_end(p) - p;
		if (*p)
			*p++ = '\0';
	}
}

/* Standard input in large blocks, a line at a time (getline costs a call a line). */
#define SLACK 64
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
		 * newline, and room to read past a line's end (word_end and known() eight
		 * bytes at a time, fast_time the 16 of a time at once).  fast_line() reads
		 * lines not yet split off: no newline and no match in the slack. */
		ssize_t got = read(STDIN_FILENO, r->buf + r->len, r->cap - r->len - SLACK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			cmd_die(ROTA_EXIT_RUNTIME, "cannot read standard input: %s", strerror(errno));
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
	for (;;) {
		rota_error err;   /* set by whatever fails */
		long bad = 0;
		char *nl;
		C->line++;
		if (r.pos < r.len && (nl = fast_line(C, r.buf + r.pos)) != NULL) {
			r.pos = (size_t)(nl - r.buf) + 1;
			continue;
		}
		if ((line = next_line(&r)) == NULL)
			break;
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
		cmd_error_print(&err);
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

	cmd_init(&a.cli, "rota-cal");
	argp_parse(&argp, argc, argv, 0, NULL, &a);

	struct ctx C = { .a = &a };
	if (a.cli.tz && (C.out_tz = rota_tz_get(a.cli.tz, &err)) == NULL)
		cmd_error_exit(&err);
	rota_out *o = rota_out_open(a.output, &err);
	if (o == NULL)
		cmd_error_exit(&err);
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
			cmd_error_print(&err);
			status = err.status ? err.status : ROTA_EXIT_USAGE;
		}
	}
	out_flush(&C);
	/* A failed run leaves -o's target as it was; partial answers on stdout stand. */
	if (status != 0 && !(a.batch && a.keep_going && status == ROTA_EXIT_USAGE) && a.output) {
		rota_out_abort(o);
	} else if (rota_out_commit(o, &err) < 0) {
		cmd_error_print(&err);
		status = ROTA_EXIT_RUNTIME;
	}
	if (C.cfg) {
		for (size_t i = 0; i < C.cfg->ncalendars; i++)
			rota_calendar_free(C.cals[i].cal);
		free(C.cals);
		rota_config_free(C.cfg);
	}
	rota_tz_cache_free();
	rota_ical_cleanup();
	return status;
}
