/* Rosters as text: the breaks column, and reading a roster back for checking. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>

size_t
rota_roster_breaks_format(char *buf, size_t len, const rota_roster_asg *a, const rota_tz *tz)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; i < a->nbreaks && o < len; i++) {
		rota_civil s, e;
		rota_tz_to_local(tz, a->breaks[i].start, &s, NULL);
		rota_tz_to_local(tz, a->breaks[i].end, &e, NULL);
		int k = snprintf(buf + o, len - o, "%s%02d:%02d-%02d:%02d", i ? " " : "", s.hour, s.min,
		                 e.hour, e.min);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	return o < len ? o : len - 1;
}

/* The first instant at or after `after` whose wall clock in tz reads secs. */
static rota_time
clock_after(const rota_tz *tz, rota_time after, int secs)
{
	rota_civil lt;
	rota_tz_to_local(tz, after, &lt, NULL);
	for (int k = 0; k < 2; k++) {
		rota_civil c = { lt.year, lt.mon, lt.day + k, secs / 3600, secs / 60 % 60, secs % 60 };
		rota_time t = rota_tz_from_local_earliest(tz, &c);
		if (t >= after)
			return t;
	}
	return after;
}

static int
parse_breaks(const char *s, const rota_tz *tz, rota_roster_asg *a, rota_error *err)
{
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ';' || *p == ',')
			p++;
		if (!*p)
			break;
		char from[16], to[16];
		int n = 0, fs, ts;
		if (sscanf(p, "%15[0-9:]-%15[0-9:]%n", from, to, &n) != 2 || n == 0 ||
		    rota_clock_parse(from, &fs, err) < 0 || rota_clock_parse(to, &ts, err) < 0 ||
		    a->nbreaks == ROTA_ROSTER_MAX_BREAKS)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, (long)(p - s) + 1,
			                      "bad break '%s': expected local times such as "
			                      "\"12:00-12:30\", several separated by spaces", p);
		rota_span *b = &a->breaks[a->nbreaks++];
		b->start = clock_after(tz, a->start, fs);
		b->end = clock_after(tz, b->start, ts);
		p += n;
	}
	return 0;
}

static int
field_err(rota_error *err, rota_csv *c, long i, const char *fmt, const char *v)
{
	return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, (size_t)i),
	                      rota_csv_field_col(c, (size_t)i), fmt, v);
}

/* before: NULL, or the first day a row may not have. */
static int
roster_read(rota_csv *c, const rota_roster_model *m, const int64_t *before, rota_roster_asg **out,
            size_t *n, rota_error *err)
{
	static const char *const names[] = { "agent", "date", "shift", "start", "end" };
	long col[5], cb, cq;
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	if ((r = rota_csv_next(c, err)) <= 0) {
		if (r == 0)
			rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), 1, 0, "empty roster: expected "
			               "a header agent,date,shift,start,end,breaks");
		return -1;
	}
	for (int i = 0; i < 5; i++)
		if ((col[i] = rota_csv_find(c, names[i])) < 0)
			return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), 1, 0,
			                      "the roster has no '%s' column: expected a header "
			                      "agent,date,shift,start,end,breaks", names[i]);
	cb = rota_csv_find(c, "breaks");
	cq = rota_csv_find(c, "queue");
	while ((r = rota_csv_next(c, err)) == 1) {
		if (rota_csv_nfields(c) == 1 && rota_csv_field_len(c, 0) == 0)
			continue;
		rota_roster_asg a = { .queue = -1 };
		const char *v = rota_csv_field(c, (size_t)col[0]);
		const rota_agent_def *ag = rota_roster_agent(m->def, v);
		if (ag == NULL) {
			field_err(err, c, col[0], "unknown agent '%s': expected one of roster: agents", v);
			goto fail;
		}
		a.agent = (size_t)(ag - m->def->agents);
		v = rota_csv_field(c, (size_t)col[1]);
		if (rota_date_parse(v, &a.day, err) < 0) {
			field_err(err, c, col[1], "bad date '%s': expected a date such as 2026-12-07", v);
			goto fail;
		}
		if (before && a.day >= *before) {
			char first[16];
			rota_date_format(first, sizeof first, *before);
			rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c),
			               rota_csv_field_line(c, (size_t)col[1]),
			               rota_csv_field_col(c, (size_t)col[1]), "a previous roster's shift on %s:"
			               " the history must end before the first day, %s", v, first);
			goto fail;
		}
		v = rota_csv_field(c, (size_t)col[2]);
		long s = rota_roster_shift_index(m->def, v);
		if (s < 0) {
			field_err(err, c, col[2], "unknown shift '%s': expected one of roster: shifts", v);
			goto fail;
		}
		a.shift = (size_t)s;
		const rota_tz *tz = m->agent_tz[a.agent];
		for (int k = 3; k < 5; k++) {
			v = rota_csv_field(c, (size_t)col[k]);
			rota_error te;
			if (rota_time_parse(v, tz, 0, k == 3 ? &a.start : &a.end, &te) < 0) {
				field_err(err, c, col[k], "bad time '%s': expected ISO 8601 such as "
				          "2026-12-07T07:00:00+01:00", v);
				goto fail;
			}
		}
		if (a.end <= a.start) {
			field_err(err, c, col[4], "end '%s' is not after the start", v);
			goto fail;
		}
		if (cb >= 0 && parse_breaks(rota_csv_field(c, (size_t)cb), tz, &a, err) < 0) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			long bc = err->col;
			rota_error_rewrap(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, (size_t)cb),
			               rota_csv_field_col(c, (size_t)cb) + bc - 1, "%s", msg);
			goto fail;
		}
		if (cq >= 0 && *(v = rota_csv_field(c, (size_t)cq))) {
			for (size_t q = 0; q < m->nqueues; q++)
				if (strcmp(m->queues[q], v) == 0)
					a.queue = (int)q;
			/* A queue the need does not know covers nothing but is no error: the roster
			 * may be checked without the need it was made for. */
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = rota_xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = a;
	}
	if (r == 0)
		return 0;
fail:
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

int
rota_roster_read(rota_csv *c, const rota_roster_model *m, rota_roster_asg **out, size_t *n,
                 rota_error *err)
{
	return roster_read(c, m, NULL, out, n, err);
}

int
rota_roster_history_read(rota_csv *c, const rota_roster_model *m, rota_roster_asg **out,
                         size_t *n, rota_error *err)
{
	return roster_read(c, m, &m->start, out, n, err);
}

/* ---- rosters, check reports and coverage as records ---- */

const rota_column rota_roster_columns[ROTA_ROSTER_NCOLS] = {
	{ "agent", ROTA_COL_STRING }, { "date", ROTA_COL_STRING }, { "shift", ROTA_COL_STRING },
	{ "start", ROTA_COL_STRING }, { "end", ROTA_COL_STRING }, { "breaks", ROTA_COL_STRING },
	{ "queue", ROTA_COL_STRING }
};
const rota_column rota_roster_report_columns[ROTA_ROSTER_REPORT_NCOLS] = {
	{ "rule", ROTA_COL_STRING }, { "agent", ROTA_COL_STRING }, { "from", ROTA_COL_STRING },
	{ "to", ROTA_COL_STRING }, { "detail", ROTA_COL_STRING }
};
const rota_column rota_roster_coverage_columns[ROTA_ROSTER_COVERAGE_NCOLS] = {
	{ "interval", ROTA_COL_STRING }, { "queue", ROTA_COL_STRING }, { "required", ROTA_COL_NUMBER },
	{ "scheduled", ROTA_COL_NUMBER }, { "gap", ROTA_COL_NUMBER }
};

static void
put_date(rota_record *w, int64_t day)
{
	char b[16];
	rota_date_format(b, sizeof b, day);
	rota_record_str(w, b);
}

void
rota_roster_write(rota_record *w, const rota_roster_model *m, const rota_roster_asg *a, size_t n)
{
	char b[ROTA_ROSTER_MAX_BREAKS * 16];
	for (size_t i = 0; i < n; i++) {
		const rota_tz *tz = m->agent_tz[a[i].agent];
		rota_record_str(w, m->def->agents[a[i].agent].id);
		put_date(w, a[i].day);
		rota_record_str(w, m->def->shifts[a[i].shift].id);
		rota_record_time(w, a[i].start, tz);
		rota_record_time(w, a[i].end, tz);
		rota_roster_breaks_format(b, sizeof b, &a[i], tz);
		rota_record_str(w, b);
		rota_record_str(w, a[i].queue >= 0 ? m->queues[a[i].queue] : NULL);
		rota_record_end(w);
	}
}

void
rota_roster_report_write(rota_record *w, const rota_roster_model *m, const rota_roster_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		rota_record_str(w, r->v[i].rule);
		rota_record_str(w, m->def->agents[r->v[i].agent].id);
		put_date(w, r->v[i].from);
		put_date(w, r->v[i].to);
		rota_record_str(w, r->v[i].what);
		rota_record_end(w);
	}
}

void
rota_roster_coverage_write(rota_record *w, const rota_roster_model *m, const rota_roster_asg *a,
                           size_t n)
{
	double *sch = rota_xmalloc((m->nqueues * m->ncells + 1) * sizeof *sch);
	rota_roster_coverage(m, a, n, sch);
	for (size_t q = 0; q < m->nqueues; q++)
		for (size_t i = 0; i < m->ncells; i++) {
			double req = m->required[q * m->ncells + i], s = sch[q * m->ncells + i];
			if (isnan(req))
				continue;
			rota_record_time(w, m->cell_start[i], m->tz);
			rota_record_str(w, m->queues[q]);
			rota_record_real(w, req, 3);
			rota_record_real(w, s, 3);
			rota_record_real(w, s - req, 3);
			rota_record_end(w);
		}
	free(sch);
}
