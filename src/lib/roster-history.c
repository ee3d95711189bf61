/* The previous roster at the planning boundary.  A horizon's rules on runs of days,
 * rest and cannot-follow do not start afresh on its first day: an agent who worked the
 * last five days of the previous roster has five days in a row behind her.  The model
 * keeps which history days were worked (the integer program and the checker read them
 * as constants) and drops the first days' candidates that the last history shift rules
 * out, so that every solver phase sees them gone. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>

int
rota_roster_worked_before(const rota_roster_model *m, size_t a, int d)
{
	if (d >= 0 || d < -m->hdays || m->hwork == NULL)
		return 0;
	return m->hwork[a * (size_t)m->hdays + (size_t)(m->hdays + d)];
}

const rota_roster_asg *
rota_roster_history_last(const rota_roster_model *m, size_t a)
{
	const rota_roster_asg *last = NULL;
	for (size_t i = 0; i < m->nhist; i++)
		if (m->hist[i].agent == a && (last == NULL || m->hist[i].end > last->end))
			last = &m->hist[i];
	return last;
}

static int
by_agent_start(const void *x, const void *y)
{
	const rota_roster_asg *a = x, *b = y;
	if (a->agent != b->agent)
		return a->agent < b->agent ? -1 : 1;
	return (a->start > b->start) - (a->start < b->start);
}

/* Would candidate c break a rule with the history shift h before it? */
static int
ruled_out(const rota_roster_model *m, const rota_roster_asg *h, const rota_roster_cand *c)
{
	int64_t rest = m->def->agents[h->agent].rules.min_rest;
	if (c->a.start < h->end + (rest > 0 ? rest : 0))
		return 1;
	if (c->a.day == h->day + 1) {
		const rota_shift_def *s = &m->def->shifts[h->shift];
		for (size_t k = 0; k < s->ncannot_follow; k++)
			if (s->cannot_follow[k] == c->a.shift)
				return 1;
	}
	return 0;
}

void
rota_roster_history(rota_roster_model *m, const rota_roster_asg *h, size_t n)
{
	free(m->hist);
	free(m->hwork);
	free(m->hcover);
	m->hist = NULL;
	m->hwork = NULL;
	m->hcover = NULL;
	m->nhist = 0;
	m->hdays = 0;
	int64_t first = m->start;
	for (size_t i = 0; i < n; i++)
		if (h[i].day < m->start && h[i].agent < m->nagents) {
			m->hist = rota_xreallocarray(m->hist, m->nhist + 1, sizeof *m->hist);
			m->hist[m->nhist++] = h[i];
			if (h[i].day < first)
				first = h[i].day;
		}
	if (m->nhist == 0)
		return;
	qsort(m->hist, m->nhist, sizeof *m->hist, by_agent_start);
	m->hdays = (int)(m->start - first);
	m->hwork = rota_xcalloc(m->nagents * (size_t)m->hdays + 1, 1);
	for (size_t i = 0; i < m->nhist; i++)
		m->hwork[m->hist[i].agent * (size_t)m->hdays + (size_t)(m->hist[i].day - first)] = 1;
	if (m->nqueues) {
		/* Computed before it is set: rota_roster_coverage adds m->hcover. */
		double *cov = rota_xcalloc(m->nqueues * m->ncells + 1, sizeof *cov);
		rota_roster_coverage(m, m->hist, m->nhist, cov);
		m->hcover = cov;
	}

	/* Compact the candidates, slot by slot; their cell references stay where they are. */
	size_t days = (size_t)m->days, o = 0;
	for (size_t a = 0; a < m->nagents; a++) {
		const rota_roster_asg *last = rota_roster_history_last(m, a);
		const rota_roster_asg *eve = NULL;
		for (size_t i = 0; i < m->nhist; i++)
			if (m->hist[i].agent == a && m->hist[i].day == m->start - 1)
				eve = &m->hist[i];
		for (size_t d = 0; d < days; d++) {
			size_t s = a * days + d, s0 = m->slot[s], s1 = m->slot[s + 1];
			m->slot[s] = o;
			for (size_t k = s0; k < s1; k++) {
				const rota_roster_cand *c = &m->cands[k];
				if ((last && ruled_out(m, last, c)) || (eve && eve != last && ruled_out(m, eve, c)))
					continue;
				m->cands[o++] = *c;
			}
		}
	}
	m->slot[m->nagents * days] = o;
	m->ncands = o;
}
