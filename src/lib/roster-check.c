/* The checker: every hard rule of a roster, and its objective.  It works from the
 * assignments' own instants, not from the model's candidates, so that a roster edited
 * by hand (a shift moved, a break shifted) is judged by what it says. */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>

static void
violate(rota_roster_report *r, const char *rule, size_t agent, int64_t from, int64_t to,
        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
violate(rota_roster_report *r, const char *rule, size_t agent, int64_t from, int64_t to,
        const char *fmt, ...)
{
	if ((r->n & (r->n + 1)) == 0 || r->n == 0)
		r->v = rota_xreallocarray(r->v, 2 * r->n + 2, sizeof *r->v);
	rota_roster_violation *v = &r->v[r->n++];
	v->rule = rule;
	v->agent = agent;
	v->from = from;
	v->to = to;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->what, sizeof v->what, fmt, ap);
	va_end(ap);
}

static int
by_agent_start(const void *x, const void *y)
{
	const rota_roster_asg *a = *(rota_roster_asg *const *)x, *b = *(rota_roster_asg *const *)y;
	if (a->agent != b->agent)
		return a->agent < b->agent ? -1 : 1;
	return (a->start > b->start) - (a->start < b->start);
}

static int
can_serve(char *const *v, size_t n, const char *q)
{
	if (n == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], q) == 0)
			return 1;
	return 0;
}

/* Is the assignment one of the shift's own: a defined start in the agent's zone, the
 * shift's length, each break its length inside its window? */
static void
check_shape(const rota_roster_model *m, const rota_roster_asg *a, rota_roster_report *r)
{
	const rota_shift_def *s = &m->def->shifts[a->shift];
	const rota_agent_def *ag = &m->def->agents[a->agent];
	const rota_tz *tz = m->agent_tz[a->agent];
	rota_civil lt;
	rota_tz_to_local(tz, a->start, &lt, NULL);
	int64_t day = rota_days_from_civil(lt.year, lt.mon, lt.day);
	int secs = lt.hour * 3600 + lt.min * 60 + lt.sec, ok = 0;
	for (size_t k = 0; k < s->nstarts && !ok; k++) {
		rota_civil c = { lt.year, lt.mon, lt.day, s->starts[k] / 3600, s->starts[k] / 60 % 60,
		                 s->starts[k] % 60 };
		ok = s->starts[k] == secs || rota_tz_from_local_earliest(tz, &c) == a->start;
	}
	if (!ok || day != a->day) {
		char date[16];
		rota_date_format(date, sizeof date, a->day);
		violate(r, "shift-start", a->agent, a->day, a->day,
		        "%s on %s does not start at one of shift %s's start times", ag->id, date, s->id);
	}
	if (a->end - a->start != s->length)
		violate(r, "shift-length", a->agent, a->day, a->day,
		        "shift %s lasts %lld minutes instead of %lld", s->id,
		        (long long)((a->end - a->start) / 60), (long long)(s->length / 60));
	int bad = a->nbreaks != (int)s->nbreaks;
	for (int i = 0; i < a->nbreaks && !bad; i++) {
		/* Breaks are matched to the definitions in order of their start. */
		int64_t off = a->breaks[i].start - a->start, len = a->breaks[i].end - a->breaks[i].start;
		int found = 0;
		for (size_t j = 0; j < s->nbreaks && !found; j++)
			found = len == s->breaks[j].length && off >= s->breaks[j].earliest &&
			        off <= s->breaks[j].latest;
		bad = !found;
	}
	if (bad)
		violate(r, "breaks", a->agent, a->day, a->day,
		        "the breaks of shift %s are not those of its definition (length, window)", s->id);
	if (a->queue >= 0 && (size_t)a->queue < m->nqueues &&
	    (!can_serve(ag->skills, ag->nskills, m->queues[a->queue]) ||
	     !can_serve(s->queues, s->nqueues, m->queues[a->queue])))
		violate(r, "skills", a->agent, a->day, a->day, "%s cannot serve queue %s on shift %s",
		        ag->id, m->queues[a->queue], s->id);
}

/* Runs of equal days (worked or not) and the rules on their lengths.  The history's
 * days come first: a run that began there counts whole; one that ended before its last
 * day is the previous roster's business, and so is a maximum broken there alone. */
static void
check_runs(const rota_roster_model *m, size_t ai, const unsigned char *horizon,
           rota_roster_report *r)
{
	const rota_rules *ru = &m->def->agents[ai].rules;
	int h = m->hdays, days = h + m->days;
	unsigned char *work = rota_xmalloc((size_t)days + 1);
	for (int d = 0; d < h; d++)
		work[d] = (unsigned char)rota_roster_worked_before(m, ai, d - h);
	memcpy(work + h, horizon, (size_t)m->days);
	for (int d = 0, e; d < days; d = e) {
		for (e = d + 1; e < days && work[e] == work[d]; e++)
			;
		if (e < h)
			continue;
		int len = e - d, edge = d == 0 || e == days;
		int64_t from = m->start + d - h, to = m->start + e - 1 - h;
		if (work[d] && e > h && ru->max_consecutive_days > 0 && len > ru->max_consecutive_days)
			violate(r, "max-consecutive-days", ai, from, to,
			        "%d days in a row, at most %d", len, ru->max_consecutive_days);
		if (work[d] && !edge && ru->min_consecutive_days > 0 && len < ru->min_consecutive_days)
			violate(r, "min-consecutive-days", ai, from, to,
			        "%d day%s in a row, at least %d", len, len == 1 ? "" : "s",
			        ru->min_consecutive_days);
		if (!work[d] && !edge && ru->min_consecutive_days_off > 0 &&
		    len < ru->min_consecutive_days_off)
			violate(r, "min-consecutive-days-off", ai, from, to,
			        "%d day%s off in a row, at least %d", len, len == 1 ? "" : "s",
			        ru->min_consecutive_days_off);
	}
	free(work);
}

/* Worked seconds per Monday-Sunday week: the maximum holds for every week the horizon
 * touches, the minimum for the weeks wholly inside it. */
static void
check_minutes(const rota_roster_model *m, size_t ai, const int64_t *worked,
              rota_roster_report *r)
{
	const rota_rules *ru = &m->def->agents[ai].rules;
	int64_t total = 0;
	for (int d = 0; d < m->days; d++)
		total += worked[d];
	if (ru->horizon_max >= 0 && total > ru->horizon_max * 60)
		violate(r, "horizon-minutes", ai, m->start, m->start + m->days - 1,
		        "%lld minutes in the horizon, at most %lld", (long long)(total / 60),
		        (long long)ru->horizon_max);
	if (ru->horizon_min >= 0 && total < ru->horizon_min * 60)
		violate(r, "horizon-minutes", ai, m->start, m->start + m->days - 1,
		        "%lld minutes in the horizon, at least %lld", (long long)(total / 60),
		        (long long)ru->horizon_min);
	if (ru->week_min < 0 && ru->week_max < 0)
		return;
	for (int d = 0, e; d < m->days; d = e) {
		int64_t day = m->start + d, mon = day - rota_weekday(day), sum = 0;
		for (e = d; e < m->days && m->start + e < mon + 7; e++)
			sum += worked[e];
		int whole = mon >= m->start && mon + 7 <= m->start + m->days;
		if (ru->week_max >= 0 && sum > ru->week_max * 60)
			violate(r, "week-minutes", ai, day, m->start + e - 1,
			        "%lld minutes in the week, at most %lld", (long long)(sum / 60),
			        (long long)ru->week_max);
		if (whole && ru->week_min >= 0 && sum < ru->week_min * 60)
			violate(r, "week-minutes", ai, day, m->start + e - 1,
			        "%lld minutes in the week, at least %lld", (long long)(sum / 60),
			        (long long)ru->week_min);
	}
}

/* Weekends (a Saturday or Sunday with a shift) an agent works in the horizon; one
 * whose Saturday was the history's last day counts when that Saturday was worked. */
static int
weekends(const rota_roster_model *m, size_t ai, const unsigned char *work)
{
	int n = 0;
	int64_t last = INT64_MIN;
	if (rota_weekday(m->start) == 6 && rota_roster_worked_before(m, ai, -1)) {
		n = 1;
		last = m->start - 6;
	}
	for (int d = 0; d < m->days; d++) {
		int64_t day = m->start + d;
		int wd = rota_weekday(day);
		if (wd >= 5 && work[d] && day - wd != last) {
			n++;
			last = day - wd;
		}
	}
	return n;
}

static void
check_agent(const rota_roster_model *m, size_t ai, rota_roster_asg *const *a, size_t n,
            unsigned char *work, int64_t *worked, rota_roster_report *r)
{
	const rota_agent_def *ag = &m->def->agents[ai];
	const rota_rules *ru = &ag->rules;
	int counts[256] = { 0 };
	int *cnt = m->nshifts <= 256 ? counts : rota_xcalloc(m->nshifts, sizeof *cnt);
	const rota_roster_asg **byday = rota_xcalloc((size_t)m->days + 1, sizeof *byday);

	memset(work, 0, (size_t)m->days);
	memset(worked, 0, (size_t)m->days * sizeof *worked);
	for (size_t i = 0; i < n; i++) {
		const rota_roster_asg *x = a[i];
		const char *sid = m->def->shifts[x->shift].id;
		check_shape(m, x, r);
		if (x->day < m->start || x->day >= m->start + m->days) {
			violate(r, "horizon", ai, x->day, x->day, "shift %s lies outside the horizon", sid);
			continue;
		}
		int d = (int)(x->day - m->start);
		if (byday[d])
			violate(r, "one-shift-a-day", ai, x->day, x->day, "shifts %s and %s on the same day",
			        m->def->shifts[byday[d]->shift].id, sid);
		else
			byday[d] = x;
		work[d] = 1;
		worked[d] += rota_roster_worked(x);
		cnt[x->shift]++;
		if (m->day_off[ai * (size_t)m->days + (size_t)d])
			violate(r, "days-off", ai, x->day, x->day, "shift %s on a day off", sid);
		for (size_t k = 0; k < ag->nunavailable; k++)
			if (ag->unavailable[k].start < x->end && x->start < ag->unavailable[k].end) {
				violate(r, "unavailable", ai, x->day, x->day,
				        "shift %s overlaps a span when %s is unavailable", sid, ag->id);
				break;
			}
		const rota_roster_asg *p = i > 0 ? a[i - 1] : rota_roster_history_last(m, ai);
		if (p) {
			if (x->start < p->end)
				violate(r, "overlap", ai, p->day, x->day, "shifts %s and %s overlap",
				        m->def->shifts[p->shift].id, sid);
			else if (ru->min_rest > 0 && x->start - p->end < ru->min_rest)
				violate(r, "min-rest", ai, p->day, x->day,
				        "%lld minutes of rest between %s and %s, at least %lld",
				        (long long)((x->start - p->end) / 60), m->def->shifts[p->shift].id, sid,
				        (long long)(ru->min_rest / 60));
		}
	}
	const rota_roster_asg *eve = NULL;
	for (size_t i = 0; i < m->nhist; i++)
		if (m->hist[i].agent == ai && m->hist[i].day == m->start - 1)
			eve = &m->hist[i];
	for (int d = -1; d + 1 < m->days; d++) {
		const rota_roster_asg *x = d < 0 ? eve : byday[d];
		if (!x || !byday[d + 1])
			continue;
		const rota_shift_def *s = &m->def->shifts[x->shift];
		for (size_t k = 0; k < s->ncannot_follow; k++)
			if (s->cannot_follow[k] == byday[d + 1]->shift)
				violate(r, "cannot-follow", ai, m->start + d, m->start + d + 1,
				        "shift %s the day after %s", m->def->shifts[byday[d + 1]->shift].id, s->id);
	}
	if (ru->max_shifts)
		for (size_t s = 0; s < m->nshifts; s++)
			if (ru->max_shifts[s] >= 0 && cnt[s] > ru->max_shifts[s])
				violate(r, "max-shifts", ai, m->start, m->start + m->days - 1,
				        "%d shifts %s, at most %d", cnt[s], m->def->shifts[s].id, ru->max_shifts[s]);
	check_minutes(m, ai, worked, r);
	check_runs(m, ai, work, r);
	int w = weekends(m, ai, work);
	if (ru->max_weekends >= 0 && w > ru->max_weekends)
		violate(r, "max-weekends", ai, m->start, m->start + m->days - 1,
		        "%d weekend%s worked, at most %d", w, w == 1 ? "" : "s", ru->max_weekends);
	free(byday);
	if (cnt != counts)
		free(cnt);
}

static int
works(rota_roster_asg *const *a, size_t n, int64_t day, long shift)
{
	for (size_t i = 0; i < n; i++)
		if (a[i]->day == day && (shift < 0 || a[i]->shift == (size_t)shift))
			return 1;
	return 0;
}

static void
objective(const rota_roster_model *m, rota_roster_asg *const *sorted, const rota_roster_asg *a,
          size_t n, rota_roster_objective *o)
{
	const rota_weights *w = &m->def->weights;
	memset(o, 0, sizeof *o);
	if (m->nqueues) {
		double *sch = rota_xmalloc(m->nqueues * m->ncells * sizeof *sch);
		rota_roster_coverage(m, a, n, sch);
		for (size_t i = 0; i < m->nqueues * m->ncells; i++) {
			double req = m->required[i];
			if (isnan(req))
				continue;
			size_t c = i % m->ncells;
			double len = (double)(m->cell_start[c + 1] - m->cell_start[c]);
			if (sch[i] < req) {
				o->under += w->under * (req - sch[i]);
				o->uncovered_hours += (req - sch[i]) * len / 3600;
			} else
				o->over += w->over * (sch[i] - req);
		}
		free(sch);
	}
	for (size_t k = 0; k < m->def->ncover; k++) {
		const rota_cover_def *c = &m->def->cover[k];
		if (c->day < m->start || c->day >= m->start + m->days)
			continue;
		int cnt = 0;
		for (size_t i = 0; i < n; i++)
			cnt += a[i].day == c->day && a[i].shift == c->shift;
		if (cnt < c->need)
			o->under += c->under * (c->need - cnt);
		else
			o->over += c->over * (cnt - c->need);
	}
	unsigned char *work = rota_xcalloc((size_t)m->days + 1, 1);
	int wmin = INT32_MAX, wmax = 0;
	for (size_t ai = 0, i = 0; ai < m->nagents; ai++) {
		const rota_agent_def *ag = &m->def->agents[ai];
		size_t j = i;
		while (j < n && sorted[j]->agent == ai)
			j++;
		memset(work, 0, (size_t)m->days);
		for (size_t k = i; k < j; k++) {
			o->cost += w->cost * ag->cost * (double)rota_roster_worked(sorted[k]) / 3600;
			if (sorted[k]->day >= m->start && sorted[k]->day < m->start + m->days)
				work[sorted[k]->day - m->start] = 1;
		}
		for (size_t k = 0; k < ag->nprefer; k++)
			if (ag->prefer[k].day >= m->start && ag->prefer[k].day < m->start + m->days &&
			    !works(sorted + i, j - i, ag->prefer[k].day, ag->prefer[k].shift))
				o->preference += w->preference * ag->prefer[k].weight;
		for (size_t k = 0; k < ag->navoid; k++)
			if (works(sorted + i, j - i, ag->avoid[k].day, ag->avoid[k].shift))
				o->preference += w->preference * ag->avoid[k].weight;
		int we = weekends(m, ai, work);
		if (we < wmin)
			wmin = we;
		if (we > wmax)
			wmax = we;
		i = j;
	}
	if (m->nagents > 1)
		o->fairness = w->fairness * (wmax - wmin);
	free(work);
	o->total = o->under + o->over + o->preference + o->cost + o->fairness;
}

static rota_roster_asg **
sort_asg(const rota_roster_asg *a, size_t n)
{
	rota_roster_asg **s = rota_xreallocarray(NULL, n + 1, sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = (rota_roster_asg *)&a[i];
	qsort(s, n, sizeof *s, by_agent_start);
	return s;
}

void
rota_roster_objective_of(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                         rota_roster_objective *o)
{
	rota_roster_asg **s = sort_asg(a, n);
	objective(m, s, a, n, o);
	free(s);
}

size_t
rota_roster_check(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                  rota_roster_report *r)
{
	memset(r, 0, sizeof *r);
	rota_roster_asg **s = sort_asg(a, n);
	unsigned char *work = rota_xmalloc((size_t)m->days + 1);
	int64_t *worked = rota_xmalloc(((size_t)m->days + 1) * sizeof *worked);
	for (size_t ai = 0, i = 0; ai < m->nagents; ai++) {
		size_t j = i;
		while (j < n && s[j]->agent == ai)
			j++;
		check_agent(m, ai, s + i, j - i, work, worked, r);
		i = j;
	}
	objective(m, s, a, n, &r->obj);
	free(work);
	free(worked);
	free(s);
	return r->n;
}

void
rota_roster_report_free(rota_roster_report *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}
