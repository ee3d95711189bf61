/* The roster model: per agent and day the shifts (with start and break placement and
 * queue) that may be worked, and the coverage grid in the planning zone. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>

/* More break placements than this per shift start would swell the integer program more
 * than finer placement helps coverage. */
#define MAX_PLACEMENTS 24
#define MAX_POSITIONS 6

int64_t
rota_roster_worked(const rota_roster_asg *a)
{
	int64_t w = a->end - a->start;
	for (int i = 0; i < a->nbreaks; i++)
		w -= a->breaks[i].end - a->breaks[i].start;
	return w;
}

static void
cover_span(const rota_roster_model *m, rota_time s, rota_time e, double *row,
           void (*emit)(void *ctx, size_t cell, double frac), void *ctx)
{
	if (e <= m->cell_start[0] || s >= m->cell_start[m->ncells])
		return;
	if (s < m->cell_start[0])
		s = m->cell_start[0];
	if (e > m->cell_start[m->ncells])
		e = m->cell_start[m->ncells];
	size_t i = (size_t)((s - m->cell_start[0]) / m->interval);
	for (; i < m->ncells && m->cell_start[i] < e; i++) {
		rota_time a = s > m->cell_start[i] ? s : m->cell_start[i];
		rota_time b = e < m->cell_start[i + 1] ? e : m->cell_start[i + 1];
		if (b <= a)
			continue;
		double f = (double)(b - a) / (double)(m->cell_start[i + 1] - m->cell_start[i]);
		if (row)
			row[i] += f;
		if (emit)
			emit(ctx, i, f);
	}
}

/* The worked parts of an assignment: its span cut by its breaks (sorted, disjoint). */
static void
cover_asg(const rota_roster_model *m, const rota_roster_asg *a, double *row,
          void (*emit)(void *ctx, size_t cell, double frac), void *ctx)
{
	rota_time t = a->start;
	for (int i = 0; i < a->nbreaks; i++) {
		if (a->breaks[i].start > t)
			cover_span(m, t, a->breaks[i].start, row, emit, ctx);
		if (a->breaks[i].end > t)
			t = a->breaks[i].end;
	}
	if (a->end > t)
		cover_span(m, t, a->end, row, emit, ctx);
}

void
rota_roster_coverage(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                     double *scheduled)
{
	memset(scheduled, 0, m->nqueues * m->ncells * sizeof *scheduled);
	for (size_t i = 0; i < n; i++)
		if (a[i].queue >= 0 && (size_t)a[i].queue < m->nqueues)
			cover_asg(m, &a[i], scheduled + (size_t)a[i].queue * m->ncells, NULL, NULL);
	if (m->hcover)
		for (size_t i = 0; i < m->nqueues * m->ncells; i++)
			scheduled[i] += m->hcover[i];
}

static long
queue_of(rota_roster_model *m, const char *name)
{
	for (size_t i = 0; i < m->nqueues; i++)
		if (strcmp(m->queues[i], name) == 0)
			return (long)i;
	return -1;
}

static int
cmp_need(const void *x, const void *y)
{
	const rota_roster_need *a = *(rota_roster_need *const *)x, *b = *(rota_roster_need *const *)y;
	int c = strcmp(a->queue, b->queue);
	return c ? c : (a->start > b->start) - (a->start < b->start);
}

/* Each need row holds for its own interval (the step between a queue's rows, else the
 * grid's): every grid cell starting in it, or the cell it starts in, takes the largest
 * requirement that falls on it. */
static void
place_need(rota_roster_model *m, const rota_roster_needs *need)
{
	if (need == NULL || need->n == 0)
		return;
	const rota_roster_need **rows = rota_xreallocarray(NULL, need->n, sizeof *rows);
	for (size_t i = 0; i < need->n; i++) {
		rows[i] = &need->rows[i];
		if (queue_of(m, need->rows[i].queue) < 0) {
			m->queues = rota_xreallocarray(m->queues, m->nqueues + 1, sizeof *m->queues);
			m->queues[m->nqueues++] = rota_xstrdup(need->rows[i].queue);
		}
	}
	qsort(rows, need->n, sizeof *rows, cmp_need);
	m->required = rota_xreallocarray(NULL, m->nqueues * m->ncells + 1, sizeof *m->required);
	for (size_t i = 0; i < m->nqueues * m->ncells; i++)
		m->required[i] = NAN;
	rota_time t0 = m->cell_start[0], t1 = m->cell_start[m->ncells];
	for (size_t i = 0, j; i < need->n; i = j) {
		int64_t step = 0;
		for (j = i + 1; j < need->n && strcmp(rows[j]->queue, rows[i]->queue) == 0; j++)
			if (rows[j]->start > rows[j - 1]->start &&
			    (step == 0 || rows[j]->start - rows[j - 1]->start < step))
				step = rows[j]->start - rows[j - 1]->start;
		if (step == 0)
			step = m->interval;
		double *req = m->required + (size_t)queue_of(m, rows[i]->queue) * m->ncells;
		for (size_t k = i; k < j; k++) {
			rota_time s = rows[k]->start, e = s + step;
			if (e <= t0 || s >= t1) {
				m->ignored_need++;
				continue;
			}
			size_t c = s < t0 ? 0 : (size_t)((s - t0) / m->interval);
			for (; c < m->ncells && m->cell_start[c] < e; c++)
				if (isnan(req[c]) || rows[k]->required > req[c])
					req[c] = rows[k]->required;
		}
	}
	free(rows);
}

static int
has_name(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

struct builder {
	rota_roster_model *m;
	size_t cap, cellcap;
};

static void
emit_cell(void *ctx, size_t cell, double frac)
{
	struct builder *b = ctx;
	rota_roster_model *m = b->m;
	if (m->ncellrefs == b->cellcap) {
		b->cellcap = b->cellcap ? 2 * b->cellcap : 1024;
		m->cells = rota_xreallocarray(m->cells, b->cellcap, sizeof *m->cells);
	}
	m->cells[m->ncellrefs++] = (rota_roster_cell){ cell, frac };
}

static void
add_cand(struct builder *b, const rota_roster_asg *a)
{
	rota_roster_model *m = b->m;
	if (m->ncands == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 1024;
		m->cands = rota_xreallocarray(m->cands, b->cap, sizeof *m->cands);
	}
	rota_roster_cand *c = &m->cands[m->ncands++];
	c->a = *a;
	c->worked = rota_roster_worked(a);
	c->cell_first = m->ncellrefs;
	if (a->queue >= 0)
		cover_asg(m, a, NULL, emit_cell, b);
	c->ncells = m->ncellrefs - c->cell_first;
}

static int
unavailable(const rota_agent_def *ag, rota_time s, rota_time e)
{
	for (size_t i = 0; i < ag->nunavailable; i++)
		if (ag->unavailable[i].start < e && s < ag->unavailable[i].end)
			return 1;
	return 0;
}

/* Break placements of a shift: offsets from its start, nbreaks per placement. */
static size_t
placements(const rota_roster_model *m, const rota_shift_def *s, int64_t *out)
{
	size_t nb = s->nbreaks, npos[ROTA_ROSTER_MAX_BREAKS], total = 1;
	int64_t pos[ROTA_ROSTER_MAX_BREAKS][MAX_POSITIONS];
	for (size_t i = 0; i < nb; i++) {
		const rota_break_def *d = &s->breaks[i];
		int64_t span = d->latest - d->earliest;
		/* Without interval needs a break's place changes nothing: the earliest will do. */
		size_t steps = (size_t)(span / m->interval) + 1;
		size_t n = m->nqueues ? (steps < MAX_POSITIONS ? steps : MAX_POSITIONS) : 1;
		for (size_t k = 0; k < n; k++)
			pos[i][k] = n == 1 ? d->earliest : n == steps ? d->earliest + (int64_t)k * m->interval
			                   : d->earliest + span * (int64_t)k / (int64_t)(n - 1);
		npos[i] = n;
		total *= n;
	}
	size_t out_n = 0;
	if (total > MAX_PLACEMENTS) {
		for (size_t i = 0; i < nb; i++)
			out[i] = s->breaks[i].earliest + (s->breaks[i].latest - s->breaks[i].earliest) / 2;
		return 1;
	}
	for (size_t k = 0; k < total; k++) {
		size_t r = k;
		int64_t *p = out + out_n * nb;
		int ok = 1;
		for (size_t i = 0; i < nb; i++) {
			p[i] = pos[i][r % npos[i]];
			r /= npos[i];
		}
		/* Breaks that overlap are one placement too many. */
		for (size_t i = 0; i < nb && ok; i++)
			for (size_t j = 0; j < nb && ok; j++)
				if (i != j && p[i] <= p[j] && p[j] < p[i] + s->breaks[i].length)
					ok = 0;
		if (ok)
			out_n++;
	}
	return out_n;
}

static int
cmp_span(const void *x, const void *y)
{
	const rota_span *a = x, *b = y;
	return (a->start > b->start) - (a->start < b->start);
}

static void
agent_day(struct builder *b, size_t ai, int d)
{
	rota_roster_model *m = b->m;
	const rota_agent_def *ag = &m->def->agents[ai];
	const rota_tz *atz = m->agent_tz[ai];
	int64_t day = m->start + d;
	int y, mo, dd;
	rota_civil_from_days(day, &y, &mo, &dd);
	for (size_t si = 0; si < m->nshifts; si++) {
		const rota_shift_def *s = &m->def->shifts[si];
		int64_t place[MAX_PLACEMENTS * ROTA_ROSTER_MAX_BREAKS];
		size_t np = placements(m, s, place);
		int queues[64], nq = 0;
		for (size_t q = 0; q < m->nqueues && nq < 64; q++)
			if ((ag->nskills == 0 || has_name(ag->skills, ag->nskills, m->queues[q])) &&
			    (s->nqueues == 0 || has_name(s->queues, s->nqueues, m->queues[q])))
				queues[nq++] = (int)q;
		if (nq == 0)
			queues[nq++] = -1;
		for (size_t k = 0; k < s->nstarts; k++) {
			rota_civil lt = { y, mo, dd, s->starts[k] / 3600, s->starts[k] / 60 % 60,
			                  s->starts[k] % 60 };
			rota_roster_asg a = { .agent = ai, .day = day, .shift = si };
			a.start = rota_tz_from_local_earliest(atz, &lt);
			a.end = a.start + s->length;
			if (unavailable(ag, a.start, a.end))
				continue;
			a.nbreaks = (int)s->nbreaks;
			for (size_t p = 0; p < np; p++) {
				for (size_t i = 0; i < s->nbreaks; i++) {
					a.breaks[i].start = a.start + place[p * s->nbreaks + i];
					a.breaks[i].end = a.breaks[i].start + s->breaks[i].length;
				}
				qsort(a.breaks, s->nbreaks, sizeof *a.breaks, cmp_span);
				for (int q = 0; q < nq; q++) {
					a.queue = queues[q];
					add_cand(b, &a);
				}
			}
		}
	}
}

int
rota_roster_model_build(const rota_config *cfg, const rota_tz *tz, int64_t start, int days,
                        const rota_roster_needs *need, rota_roster_model *m, rota_error *err)
{
	memset(m, 0, sizeof *m);
	m->cfg = cfg;
	m->def = cfg->roster;
	m->tz = tz;
	m->start = start;
	m->days = days;
	m->interval = m->def->interval > 0 ? m->def->interval : 1800;
	m->nagents = m->def->nagents;
	m->nshifts = m->def->nshifts;
	for (size_t i = 0; i < m->nshifts; i++)
		if (m->def->shifts[i].nbreaks > ROTA_ROSTER_MAX_BREAKS)
			return rota_error_set(err, ROTA_EXIT_USAGE, m->def->shifts[i].file,
			                      m->def->shifts[i].line, m->def->shifts[i].col,
			                      "shift '%s' has %zu breaks: at most %d are supported",
			                      m->def->shifts[i].id, m->def->shifts[i].nbreaks,
			                      ROTA_ROSTER_MAX_BREAKS);
	m->agent_tz = rota_xcalloc(m->nagents + 1, sizeof *m->agent_tz);
	for (size_t i = 0; i < m->nagents; i++) {
		const char *z = m->def->agents[i].tz;
		m->agent_tz[i] = z ? rota_tz_get(z, err) : tz;
		if (m->agent_tz[i] == NULL) {
			rota_roster_model_free(m);
			return -1;
		}
	}
	rota_time t0 = rota_tz_day_start(tz, start), t1 = rota_tz_day_start(tz, start + days);
	m->ncells = (size_t)((t1 - t0 + m->interval - 1) / m->interval);
	m->cell_start = rota_xreallocarray(NULL, m->ncells + 1, sizeof *m->cell_start);
	for (size_t i = 0; i < m->ncells; i++)
		m->cell_start[i] = t0 + (rota_time)i * m->interval;
	m->cell_start[m->ncells] = t1;
	place_need(m, need);

	struct builder b = { .m = m };
	size_t nslots = m->nagents * (size_t)days;
	m->slot = rota_xcalloc(nslots + 1, sizeof *m->slot);
	m->day_off = rota_xcalloc(nslots + 1, 1);
	for (size_t a = 0; a < m->nagents; a++) {
		const rota_agent_def *ag = &m->def->agents[a];
		for (size_t k = 0; k < ag->ndays_off; k++)
			if (ag->days_off[k] >= start && ag->days_off[k] < start + days)
				m->day_off[a * (size_t)days + (size_t)(ag->days_off[k] - start)] = 1;
		for (int d = 0; d < days; d++) {
			m->slot[a * (size_t)days + (size_t)d] = m->ncands;
			if (!m->day_off[a * (size_t)days + (size_t)d])
				agent_day(&b, a, d);
		}
	}
	m->slot[nslots] = m->ncands;
	return 0;
}

void
rota_roster_model_free(rota_roster_model *m)
{
	for (size_t i = 0; i < m->nqueues; i++)
		free(m->queues[i]);
	free(m->queues);
	free(m->required);
	free(m->agent_tz);
	free(m->cell_start);
	free(m->cands);
	free(m->slot);
	free(m->cells);
	free(m->day_off);
	free(m->hwork);
	free(m->hist);
	free(m->hcover);
	memset(m, 0, sizeof *m);
}
