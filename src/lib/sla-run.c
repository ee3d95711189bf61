/* The driver every SLA consumer shares: the store's ticket histories through the clock
 * engine, one ticket at a time (include/rota/sla.h). */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/sla.h>

struct run {
	rota_sla_engine *e;
	rota_time at;
	rota_sla_ticket_cb tcb;
	rota_sla_row_cb rcb;
	void *ctx;
	rota_error *err;
};

static int
one_ticket(const rota_history *h, void *arg)
{
	struct run *r = arg;
	int rc = rota_sla_evaluate(r->e, h->ev, h->nev, h->attrs, h->nattrs, r->at, r->rcb,
	                           r->ctx, r->err);
	if (rc != 0 || r->tcb == NULL)
		return rc;
	size_t n;
	const rota_sla_row *rows = rota_sla_rows(r->e, &n);
	return r->tcb(h, rows, n, r->ctx);
}

int
rota_sla_run(rota_store *store, rota_sla_engine *e, rota_time at, unsigned flags,
             rota_sla_row_cb cb, void *ctx, rota_error *err)
{
	struct run r = { .e = e, .at = at, .rcb = cb, .ctx = ctx, .err = err };
	rota_history_filter f = { .key = NULL, .at = at,
	                          .flags = flags & ROTA_SLA_RUN_OPEN ? ROTA_HISTORY_OPEN : 0 };
	return rota_store_each_history(store, &f, one_ticket, &r, err);
}

int
rota_sla_run_tickets(rota_store *store, rota_sla_engine *e, const rota_history_filter *f,
                     rota_sla_ticket_cb cb, void *ctx, rota_error *err)
{
	struct run r = { .e = e, .at = f->at, .tcb = cb, .ctx = ctx, .err = err };
	return rota_store_each_history(store, f, one_ticket, &r, err);
}

const char *
rota_history_field(const rota_history *h, int field)
{
	if (h->nev == 0 || field < 0 || field >= ROTA_NFIELDS)
		return "";
	return h->ev[h->nev - 1].v[field];
}

const char *
rota_history_attr(const rota_history *h, const char *name)
{
	for (size_t i = 0; i < h->nattrs; i++)
		if (strcmp(h->attrs[i].name, name) == 0)
			return h->attrs[i].value;
	return NULL;
}

static rota_calendar *
calendar_by_name(void *cs, const char *name)
{
	rota_error err;
	/* The engine says which policy names a calendar that is not there. */
	return rota_calendars_get(cs, name, strlen(name), &err);
}

rota_sla_engine *
rota_sla_engine_config(const rota_config *cfg, rota_calendars *cs, const rota_sla_options *opt,
                       rota_error *err)
{
	return rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola, calendar_by_name, cs,
	                           opt, err);
}

struct kept { rota_sla_row r; size_t seq; };

struct rota_sla_rowbuf {
	struct kept *k;
	size_t n, cap;
	rota_sla_row *out;
};

rota_sla_rowbuf *
rota_sla_rowbuf_new(void)
{
	return rota_xcalloc(1, sizeof(rota_sla_rowbuf));
}

void
rota_sla_rowbuf_add(rota_sla_rowbuf *b, const rota_sla_row *row)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->k = rota_xreallocarray(b->k, b->cap, sizeof *b->k);
	}
	struct kept *k = &b->k[b->n];
	k->r = *row;
	k->r.ticket = rota_xstrdup(row->ticket);
	k->r.team = rota_xstrdup(row->team);
	k->r.warn_at = NULL;
	k->seq = b->n++;
}

static int
by_due(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;
	/* ROTA_SLA_NO_TIME is INT64_MIN: compared as unsigned after a shift it comes last. */
	uint64_t dx = (uint64_t)x->r.due - (uint64_t)INT64_MIN - 1;
	uint64_t dy = (uint64_t)y->r.due - (uint64_t)INT64_MIN - 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

const rota_sla_row *
rota_sla_rowbuf_by_due(rota_sla_rowbuf *b, size_t *nrows)
{
	if (b->n > 1)
		qsort(b->k, b->n, sizeof *b->k, by_due);
	free(b->out);
	b->out = rota_xcalloc(b->n ? b->n : 1, sizeof *b->out);
	for (size_t i = 0; i < b->n; i++)
		b->out[i] = b->k[i].r;
	*nrows = b->n;
	return b->out;
}

void
rota_sla_rowbuf_free(rota_sla_rowbuf *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free((char *)b->k[i].r.ticket);
		free((char *)b->k[i].r.team);
	}
	free(b->k);
	free(b->out);
	free(b);
}
