/* Rosters in: the CSV that rota-roster writes (agent,date,shift,start,end,breaks), with
 * each agent's zone and each shift's queues from the roster: section. */
#include <config.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/csv.h>
#include <rota/ical.h>

enum { C_AGENT, C_DATE, C_SHIFT, C_START, C_END, C_BREAKS, C_QUEUE, NCOLS };
static const char *const colname[NCOLS] = {
	"agent", "date", "shift", "start", "end", "breaks", "queue"
};

struct reader {
	rota_csv *c;
	long col[NCOLS];
	rota_error *err;
	unsigned flags;            /* rota_time_parse's */
	/* A roster lists an agent's shifts together: the last agent's look-up is kept. */
	char *last;
	const rota_agent_def *last_def;
	const rota_tz *last_tz;
};

static int
field_error(struct reader *R, int k, long at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* An error about column k of the current row, at byte `at` inside the field (0-based). */
static int
field_error(struct reader *R, int k, long at, const char *fmt, ...)
{
	size_t i = (size_t)R->col[k];
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(R->err, ROTA_EXIT_USAGE, rota_csv_name(R->c), rota_csv_field_line(R->c, i),
	                rota_csv_field_col(R->c, i) + rota_csv_field_quoted(R->c, i) + at, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *
field(struct reader *R, int k)
{
	return R->col[k] < 0 ? "" : rota_csv_field(R->c, (size_t)R->col[k]);
}

static int
read_time(struct reader *R, int k, const rota_tz *tz, rota_time *t)
{
	rota_error e;
	if (rota_time_parse(field(R, k), tz, R->flags, t, &e) == 0)
		return 0;
	return field_error(R, k, e.col > 0 ? e.col - 1 : 0, "%s: %s", colname[k], e.msg);
}

/* The wall clock hh:mm of the shift's local date (or the next one, when that is before
 * `after`) as an instant. */
static rota_time
wall_after(const rota_tz *tz, rota_time after, int secs)
{
	rota_civil c;
	rota_tz_to_local(tz, after, &c, NULL);
	int64_t day = rota_days_from_civil(c.year, c.mon, c.day);
	int now = c.hour * 3600 + c.min * 60 + c.sec;
	if (secs < now)
		day++;
	rota_civil w;
	rota_civil_from_days(day, &w.year, &w.mon, &w.day);
	w.hour = secs / 3600;
	w.min = secs / 60 % 60;
	w.sec = secs % 60;
	return rota_tz_from_local_earliest(tz, &w);
}

static int
read_break(struct reader *R, rota_ical_shift *sh, const char *tok, size_t len, long at)
{
	char buf[96];
	rota_error e;
	rota_ical_span b;
	if (len >= sizeof buf)
		return field_error(R, C_BREAKS, at, "a break longer than %zu bytes: expected "
		                   "HH:MM-HH:MM or START/END", sizeof buf - 1);
	memcpy(buf, tok, len);
	buf[len] = '\0';
	char *slash = strchr(buf, '/'), *dash = strchr(buf, '-');
	if (slash) {
		*slash = '\0';
		if (rota_time_parse(buf, sh->tz, R->flags, &b.start, &e) < 0 ||
		    rota_time_parse(slash + 1, sh->tz, R->flags, &b.end, &e) < 0)
			return field_error(R, C_BREAKS, at, "break '%.*s': %s", (int)len, tok, e.msg);
	} else if (dash) {
		int s0, s1;
		*dash = '\0';
		if (rota_clock_parse(buf, &s0, &e) < 0 || rota_clock_parse(dash + 1, &s1, &e) < 0)
			return field_error(R, C_BREAKS, at, "break '%.*s': %s: expected HH:MM-HH:MM, "
			                   "e.g. 12:00-12:30", (int)len, tok, e.msg);
		b.start = wall_after(sh->tz, sh->start, s0);
		b.end = wall_after(sh->tz, b.start, s1);
	} else {
		return field_error(R, C_BREAKS, at, "break '%.*s': expected HH:MM-HH:MM (wall "
		                   "clock in the agent's zone) or START/END instants", (int)len, tok);
	}
	if (b.end <= b.start || b.start < sh->start || b.end > sh->end)
		return field_error(R, C_BREAKS, at, "break '%.*s' does not lie inside the shift "
		                   "(it must start and end between the shift's start and end)",
		                   (int)len, tok);
	sh->breaks = rota_xreallocarray(sh->breaks, sh->nbreaks + 1, sizeof *sh->breaks);
	sh->breaks[sh->nbreaks++] = b;
	return 0;
}

static int
read_breaks(struct reader *R, rota_ical_shift *sh)
{
	const char *s = field(R, C_BREAKS);
	for (size_t i = 0; s[i];) {
		if (s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '\t') {
			i++;
			continue;
		}
		size_t j = i;
		while (s[j] && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != '\t')
			j++;
		if (read_break(R, sh, s + i, j - i, (long)i) < 0)
			return -1;
		i = j;
	}
	return 0;
}

static char *
join(char *const *v, size_t n)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			rota_strbuf_puts(&b, ", ");
		rota_strbuf_puts(&b, v[i]);
	}
	return b.s ? rota_strbuf_detach(&b) : rota_xstrdup("");
}

static int
read_row(struct reader *R, const rota_roster_def *def, const rota_tz *dflt, rota_ical_shift *sh)
{
	rota_error e;
	memset(sh, 0, sizeof *sh);
	sh->line = rota_csv_line(R->c);
	const char *agent = field(R, C_AGENT), *shift = field(R, C_SHIFT);
	if (*agent == '\0')
		return field_error(R, C_AGENT, 0, "agent: empty: expected the agent's id");
	if (*shift == '\0')
		return field_error(R, C_SHIFT, 0, "shift: empty: expected a shift id, e.g. E");
	if (R->last == NULL || strcmp(R->last, agent) != 0) {
		free(R->last);
		R->last = rota_xstrdup(agent);
		R->last_def = def ? rota_roster_agent(def, agent) : NULL;
		R->last_tz = R->last_def && R->last_def->tz ? rota_tz_get(R->last_def->tz, &e) : dflt;
		if (R->last_tz == NULL)
			R->last_tz = dflt;
	}
	const rota_agent_def *a = R->last_def;
	sh->tz = R->last_tz;
	if (rota_date_parse(field(R, C_DATE), &sh->day, &e) < 0)
		return field_error(R, C_DATE, e.col > 0 ? e.col - 1 : 0, "date: %s", e.msg);
	if (read_time(R, C_START, sh->tz, &sh->start) < 0 || read_time(R, C_END, sh->tz, &sh->end) < 0)
		return -1;
	if (sh->end <= sh->start)
		return field_error(R, C_END, 0, "end: the shift ends before it starts: expected an "
		                   "end after %s", field(R, C_START));
	sh->agent = rota_xstrdup(agent);
	sh->shift = rota_xstrdup(shift);
	long si = def ? rota_roster_shift_index(def, shift) : -1;
	/* The queue rota-roster assigned the shift to, else what it may serve. */
	if (*field(R, C_QUEUE))
		sh->queues = rota_xstrdup(field(R, C_QUEUE));
	else if (si >= 0 && def->shifts[si].nqueues)
		sh->queues = join(def->shifts[si].queues, def->shifts[si].nqueues);
	else if (a && a->nskills)
		sh->queues = join(a->skills, a->nskills);
	else
		sh->queues = rota_xstrdup("");
	return read_breaks(R, sh);
}

static void
shift_free(rota_ical_shift *sh)
{
	free(sh->agent);
	free(sh->shift);
	free(sh->queues);
	free(sh->breaks);
}

static int
cmp_shift(const void *a, const void *b)
{
	const rota_ical_shift *x = a, *y = b;
	int c = strcmp(x->agent, y->agent);
	if (c)
		return c;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

rota_ical_roster *
rota_ical_roster_read(const char *path, const rota_roster_def *def, const rota_tz *dflt,
                      unsigned flags, rota_error *err)
{
	struct reader R = { .err = err, .flags = flags & ROTA_PARSE_LENIENT };
	if ((R.c = rota_csv_open(path, err)) == NULL)
		return NULL;
	rota_ical_roster *r = rota_xcalloc(1, sizeof *r);
	r->last_day = -1;
	int rc = rota_csv_next(R.c, err);
	if (rc == 0)
		rc = rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(R.c), 1, 1, "an empty roster: "
		                    "expected a header agent,date,shift,start,end,breaks");
	for (int k = 0; rc > 0 && k < NCOLS; k++)
		if ((R.col[k] = rota_csv_find(R.c, colname[k])) < 0 && k < C_BREAKS)
			rc = rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(R.c), 1, 0, "the header "
			                    "has no '%s' column: expected agent,date,shift,start,end,"
			                    "breaks (what rota-roster writes)", colname[k]);
	size_t cap = 0;
	while (rc > 0 && (rc = rota_csv_next(R.c, err)) > 0) {
		if (r->n == cap)
			r->v = rota_xreallocarray(r->v, cap = cap ? 2 * cap : 256, sizeof *r->v);
		if (read_row(&R, def, dflt, &r->v[r->n]) < 0) {
			shift_free(&r->v[r->n]);
			rc = -1;
			break;
		}
		r->n++;
	}
	rota_csv_close(R.c);
	free(R.last);
	if (rc < 0) {
		rota_ical_roster_free(r);
		return NULL;
	}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, cmp_shift);
	for (size_t i = 0; i < r->n; i++) {
		rota_ical_shift *sh = &r->v[i];
		if (i > 0 && strcmp(sh[-1].agent, sh->agent) == 0 && sh[-1].day == sh->day)
			sh->n = sh[-1].n + 1;
		if (i == 0 || sh->day < r->first_day)
			r->first_day = sh->day;
		if (i == 0 || sh->day > r->last_day)
			r->last_day = sh->day;
	}
	return r;
}

void
rota_ical_roster_free(rota_ical_roster *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		shift_free(&r->v[i]);
	free(r->v);
	free(r);
}
