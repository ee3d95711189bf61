/* The driver every SLA consumer shares: the store's ticket histories through the clock
 * engine, one ticket at a time (include/rota/sla.h). */
#include <config.h>
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
