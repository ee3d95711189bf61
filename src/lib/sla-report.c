/* Compliance reports over the clock rows (include/rota/sla.h): groups found by a hash
 * of their key, the elapsed times of each kept for the median and p90. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <rota/rota.h>
#include <rota/sla.h>

struct grp {
	rota_sla_group g;
	char *text;              /* the key values, NUL-separated (g.key points into it) */
	size_t textlen;
	uint64_t hash;
	int64_t *el;
	size_t nel, capel;
};

struct rota_sla_report {
	int by[ROTA_SLA_NBY];
	size_t nby;
	rota_time from, to;
	const rota_tz *tz;
	const char *made_sla;
	struct grp *g;
	size_t ng, capg;
	size_t *slot;            /* open addressing: index + 1, 0 empty */
	size_t nslot;
	rota_sla_group *out;
	char key[1024];
};

static const char *const BY[ROTA_SLA_NBY] = { "policy", "metric", "priority", "team", "month" };

const char *
rota_sla_by_name(int by)
{
	return by >= 0 && by < ROTA_SLA_NBY ? BY[by] : NULL;
}

int
rota_sla_by_parse(const char *s)
{
	for (int i = 0; i < ROTA_SLA_NBY; i++)
		if (strcmp(s, BY[i]) == 0)
			return i;
	return -1;
}

rota_sla_report *
rota_sla_report_new(const int *by, size_t nby, rota_time from, rota_time to, const rota_tz *tz,
                    const char *made_sla)
{
	rota_sla_report *r = rota_xcalloc(1, sizeof *r);
	for (size_t i = 0; i < nby && i < ROTA_SLA_NBY; i++)
		r->by[r->nby++] = by[i];
	r->from = from;
	r->to = to;
	r->tz = tz ? tz : rota_tz_utc();
	r->made_sla = made_sla;
	return r;
}

static void
rehash(rota_sla_report *r)
{
	free(r->slot);
	r->nslot = r->nslot ? 2 * r->nslot : 64;
	r->slot = rota_xcalloc(r->nslot, sizeof *r->slot);
	for (size_t i = 0; i < r->ng; i++) {
		size_t k = r->g[i].hash & (r->nslot - 1);
		while (r->slot[k])
			k = (k + 1) & (r->nslot - 1);
		r->slot[k] = i + 1;
	}
}

static struct grp *
group(rota_sla_report *r, int kind, const char *const val[ROTA_SLA_NBY])
{
	size_t n = 0;
	r->key[n++] = (char)('0' + kind);
	for (size_t i = 0; i < r->nby; i++) {
		size_t len = strlen(val[r->by[i]]);
		if (n + len + 1 > sizeof r->key)
			len = sizeof r->key - n - 1;
		memcpy(r->key + n, val[r->by[i]], len);
		n += len;
		r->key[n++] = '\0';
	}
	uint64_t h = rota_hash(r->key, n);
	if (2 * (r->ng + 1) > r->nslot)
		rehash(r);
	size_t k = h & (r->nslot - 1);
	for (; r->slot[k]; k = (k + 1) & (r->nslot - 1)) {
		struct grp *g = &r->g[r->slot[k] - 1];
		if (g->hash == h && g->textlen == n && memcmp(g->text, r->key, n) == 0)
			return g;
	}
	if (r->ng == r->capg) {
		r->capg = r->capg ? 2 * r->capg : 16;
		r->g = rota_xreallocarray(r->g, r->capg, sizeof *r->g);
	}
	struct grp *g = &r->g[r->ng];
	memset(g, 0, sizeof *g);
	g->text = rota_xmalloc(n);
	memcpy(g->text, r->key, n);
	g->textlen = n;
	g->hash = h;
	g->g.kind = kind;
	r->slot[k] = ++r->ng;
	return g;
}

static int
truthy(const char *v)
{
	static const char *const yes[] = { "true", "yes", "1", "t", "y" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	return 0;
}

int
rota_sla_report_add(const rota_history *h, const rota_sla_row *rows, size_t nrows, void *arg)
{
	rota_sla_report *r = arg;
	const char *made = r->made_sla ? rota_history_attr(h, r->made_sla) : NULL;
	const char *prio = rota_history_field(h, ROTA_F_PRIORITY);
	for (size_t i = 0; i < nrows; i++) {
		const rota_sla_row *w = &rows[i];
		if (w->start < r->from || w->start >= r->to)
			continue;
		char month[16];
		rota_civil c;
		int32_t off;
		rota_tz_to_local(r->tz, w->start, &c, &off);
		snprintf(month, sizeof month, "%04d-%02d", c.year, c.mon);
		const char *val[ROTA_SLA_NBY] = { w->policy->name, w->metric->name, prio, w->team,
		                                  month };
		struct grp *g = group(r, w->kind, val);
		if (w->state == ROTA_SLA_MET || w->state == ROTA_SLA_BREACHED) {
			if (w->state == ROTA_SLA_MET)
				g->g.met++;
			else
				g->g.breached++;
			if (g->nel == g->capel) {
				g->capel = g->capel ? 2 * g->capel : 16;
				g->el = rota_xreallocarray(g->el, g->capel, sizeof *g->el);
			}
			g->el[g->nel++] = w->elapsed;
		} else {
			g->g.open++;
		}
		if (made) {
			g->g.made_sla_known++;
			g->g.made_sla_true += truthy(made);
		}
	}
	return 0;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* By kind, then value by value: the key text is kind, then NUL-separated values. */
static int
cmp_grp(const void *a, const void *b)
{
	const struct grp *x = a, *y = b;
	size_t n = x->textlen < y->textlen ? x->textlen : y->textlen;
	int c = memcmp(x->text, y->text, n);
	return c ? c : (x->textlen > y->textlen) - (x->textlen < y->textlen);
}

static int64_t
rank(const int64_t *v, size_t n, double p)
{
	size_t k = (size_t)ceil(p * (double)n - 1e-9);
	return v[k ? k - 1 : 0];
}

const rota_sla_group *
rota_sla_report_groups(rota_sla_report *r, size_t *ngroups)
{
	qsort(r->g, r->ng, sizeof *r->g, cmp_grp);
	free(r->out);
	r->out = rota_xcalloc(r->ng ? r->ng : 1, sizeof *r->out);
	for (size_t i = 0; i < r->ng; i++) {
		struct grp *g = &r->g[i];
		const char *p = g->text + 1;
		for (size_t k = 0; k < r->nby; k++) {
			g->g.key[r->by[k]] = p;
			p += strlen(p) + 1;
		}
		int64_t done = g->g.met + g->g.breached;
		g->g.compliance = done ? 100.0 * (double)g->g.met / (double)done : NAN;
		g->g.median = g->g.p90 = -1;
		if (g->nel) {
			qsort(g->el, g->nel, sizeof *g->el, cmp_i64);
			g->g.median = rank(g->el, g->nel, 0.5);
			g->g.p90 = rank(g->el, g->nel, 0.9);
		}
		r->out[i] = g->g;
	}
	/* The slots point at the old order. */
	free(r->slot);
	r->slot = NULL;
	r->nslot = 0;
	*ngroups = r->ng;
	return r->out;
}

void
rota_sla_report_free(rota_sla_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ng; i++) {
		free(r->g[i].text);
		free(r->g[i].el);
	}
	free(r->g);
	free(r->slot);
	free(r->out);
	free(r);
}
