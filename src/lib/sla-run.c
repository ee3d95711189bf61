/* The driver every SLA consumer shares: the store's ticket histories through the clock
 * engine, one ticket at a time (include/rota/sla.h). */
#include <config.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/sla.h>
#include "sla-int.h"

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

/* ---- Several threads ----
 * The calling thread reads the ticket keys and cuts them into shares of SHARE tickets
 * (key ranges; for open tickets, lists of keys); each worker thread takes the next
 * share and evaluates it through its own store connection, engine and calendars,
 * keeping the rows (with copies of their strings) until the calling thread, taking the
 * shares in key order, passes them to the callback.  So the callback runs in the calling
 * thread, rows come in the order of a run in one thread, and memory is bounded by the
 * shares in flight (WINDOW per worker). */
#define SHARE 1024
#define SHARE_OPEN 256
#define WINDOW 8

struct kept_row { rota_sla_row r; size_t ticket, team, warn_at; };

struct share {
	char *from, *to;              /* keys in [from, to); NULL: no bound */
	char **keys;                  /* open tickets: these */
	int64_t *ids;                 /* ... and their ids */
	size_t nkeys, capkeys, capids;
	struct kept_row *rows;
	size_t nrows, caprows;
	char *text;
	size_t ntext, captext;
	rota_time *warn_at;
	size_t nwarn_at, capwarn_at;
	int done, rc;
	rota_error err;
};

struct driver;

struct worker {
	struct driver *d;
	pthread_t tid;
	rota_store *store;
	rota_calendars *cs;
	rota_sla_engine *e;
	struct share *sh;             /* the one being evaluated */
};

struct driver {
	rota_time at;
	unsigned hflags;              /* ROTA_HISTORY_* */
	rota_sla_row_cb cb;
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct share **sh;            /* published shares; [consumed, next) being evaluated */
	size_t nsh, capsh, next, consumed;
	int scan_done;
	atomic_int stop;
	int rc;                       /* the first failure or callback return */
	rota_error *err;
	struct share *cur;            /* being cut by the calling thread */
	size_t ncut;
	size_t window;
};

static size_t
share_text(struct share *sh, const char *s)
{
	size_t len = strlen(s), off = sh->ntext;
	sla_grow((void **)&sh->text, &sh->captext, sh->ntext + len + 1, 1);
	memcpy(sh->text + off, s, len + 1);
	sh->ntext += len + 1;
	return off;
}

static void
share_free(struct share *sh)
{
	if (sh == NULL)
		return;
	free(sh->from);
	free(sh->to);
	for (size_t i = 0; i < sh->nkeys; i++)
		free(sh->keys[i]);
	free(sh->keys);
	free(sh->ids);
	free(sh->rows);
	free(sh->text);
	free(sh->warn_at);
	free(sh);
}

/* A worker's history callback: the ticket's rows into its share. */
static int
keep_ticket(const rota_history *h, void *arg)
{
	struct worker *w = arg;
	struct share *sh = w->sh;
	if (atomic_load(&w->d->stop))
		return 1;
	int rc = rota_sla_evaluate(w->e, h->ev, h->nev, h->attrs, h->nattrs, w->d->at, NULL,
	                           NULL, &sh->err);
	if (rc != 0)
		return rc;
	size_t n;
	const rota_sla_row *rows = rota_sla_rows(w->e, &n);
	const char *ticket = NULL, *team = NULL;
	size_t tk = 0, tm = 0;
	sla_grow((void **)&sh->rows, &sh->caprows, sh->nrows + n, sizeof *sh->rows);
	for (size_t i = 0; i < n; i++) {
		const rota_sla_row *r = &rows[i];
		struct kept_row *k = &sh->rows[sh->nrows++];
		/* Rows of a ticket share its key and mostly its team: copied once. */
		if (r->ticket != ticket)
			tk = share_text(sh, ticket = r->ticket);
		if (r->team != team)
			tm = share_text(sh, team = r->team);
		k->r = *r;
		k->ticket = tk;
		k->team = tm;
		k->warn_at = sh->nwarn_at;
		sla_grow((void **)&sh->warn_at, &sh->capwarn_at, sh->nwarn_at + r->nwarn,
		                      sizeof *sh->warn_at);
		if (r->nwarn)
			memcpy(sh->warn_at + sh->nwarn_at, r->warn_at, r->nwarn * sizeof *r->warn_at);
		sh->nwarn_at += r->nwarn;
	}
	return 0;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct driver *d = w->d;
	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (!atomic_load(&d->stop) && !(d->scan_done && d->next == d->nsh) &&
		       !(d->next < d->nsh && d->next < d->consumed + d->window))
			pthread_cond_wait(&d->cv, &d->mu);
		if (atomic_load(&d->stop) || d->next == d->nsh)
			break;
		struct share *sh = w->sh = d->sh[d->next++];
		pthread_mutex_unlock(&d->mu);
		rota_history_filter f = { .at = d->at, .flags = d->hflags, .from_key = sh->from,
		                          .to_key = sh->to, .keys = (const char *const *)sh->keys,
		                          .nkeys = sh->nkeys, .ids = sh->ids };
		rota_error_clear(&sh->err);
		int rc = rota_store_each_history(w->store, &f, keep_ticket, w, &sh->err);
		pthread_mutex_lock(&d->mu);
		sh->rc = rc;
		sh->done = 1;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

/* Pass the finished shares, in order, to the callback; wait for each when `wait`. */
static int
pass_shares(struct driver *d, int wait)
{
	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (wait && d->rc == 0 && d->consumed < d->nsh && !d->sh[d->consumed]->done)
			pthread_cond_wait(&d->cv, &d->mu);
		if (d->rc != 0 || d->consumed == d->nsh || !d->sh[d->consumed]->done)
			break;
		struct share *sh = d->sh[d->consumed];
		pthread_mutex_unlock(&d->mu);
		int rc = sh->rc;
		if (rc != 0 && rc != -1)
			rc = 0;    /* a stop asked for elsewhere: that one's reason is the answer */
		if (sh->rc == -1)
			*d->err = sh->err;
		for (size_t i = 0; rc == 0 && i < sh->nrows; i++) {
			rota_sla_row r = sh->rows[i].r;
			r.ticket = sh->text + sh->rows[i].ticket;
			r.team = sh->text + sh->rows[i].team;
			r.warn_at = sh->warn_at + sh->rows[i].warn_at;
			rc = d->cb(&r, d->ctx);
		}
		pthread_mutex_lock(&d->mu);
		d->sh[d->consumed++] = NULL;
		share_free(sh);
		if (rc != 0) {
			d->rc = rc;
			atomic_store(&d->stop, 1);
		}
		pthread_cond_broadcast(&d->cv);
	}
	int rc = d->rc;
	pthread_mutex_unlock(&d->mu);
	return rc;
}

static void
publish(struct driver *d)
{
	pthread_mutex_lock(&d->mu);
	sla_grow((void **)&d->sh, &d->capsh, d->nsh + 1, sizeof *d->sh);
	d->sh[d->nsh++] = d->cur;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	d->cur = NULL;
}

/* The calling thread's key callback: the open tickets come one by one and are cut into
 * lists of SHARE_OPEN; otherwise every SHARE-th key comes and is a bound between two
 * ranges.  What is done meanwhile is passed on. */
static int
cut(const char *key, int64_t id, void *arg)
{
	struct driver *d = arg;
	if (d->cur == NULL)
		d->cur = rota_xcalloc(1, sizeof *d->cur);
	struct share *sh = d->cur;
	if (d->hflags & ROTA_HISTORY_OPEN) {
		sla_grow((void **)&sh->keys, &sh->capkeys, sh->nkeys + 1, sizeof *sh->keys);
		sla_grow((void **)&sh->ids, &sh->capids, sh->nkeys + 1, sizeof *sh->ids);
		sh->ids[sh->nkeys] = id;
		sh->keys[sh->nkeys++] = rota_xstrdup(key);
		if (sh->nkeys < SHARE_OPEN)
			return 0;
		publish(d);
	} else {
		/* The first key opens the first range, which has no lower bound. */
		if (d->ncut++ == 0)
			return 0;
		sh->to = rota_xstrdup(key);
		publish(d);
		(d->cur = rota_xcalloc(1, sizeof *d->cur))->from = rota_xstrdup(key);
	}
	return pass_shares(d, 0);
}

static void
workers_free(struct worker *w, int n)
{
	for (int i = 0; i < n; i++) {
		rota_sla_engine_free(w[i].e);
		rota_calendars_free(w[i].cs);
		rota_store_close(w[i].store);
	}
	free(w);
}

/* One store connection, calendars and engine per worker, as the caller's engine was
 * built; fewer than asked when the store cannot give more connections.  Returns how
 * many were made. */
static int
workers_new(rota_store *store, const rota_sla_engine *e, int n, struct worker **out)
{
	const rota_config *cfg = sla_engine_config(e);
	struct worker *w = rota_xcalloc((size_t)n, sizeof *w);
	int made = 0;
	for (; cfg && made < n; made++) {
		rota_error err;
		struct worker *x = &w[made];
		x->store = rota_store_reader(store, &err);
		if (x->store == NULL)
			break;
		x->cs = rota_calendars_new(cfg->calendars, cfg->ncalendars,
		                           cfg->path ? cfg->path : "rota.yaml");
		x->e = rota_sla_engine_config(cfg, x->cs, sla_engine_options(e), &err);
		if (x->e == NULL) {
			rota_calendars_free(x->cs);
			rota_store_close(x->store);
			break;
		}
	}
	*out = w;
	return made;
}

static int
run_threads(rota_store *store, struct worker *w, int n, struct driver *d)
{
	rota_history_filter f = { .at = d->at, .flags = d->hflags, .since = 0 };
	int started = 0;
	for (; started < n; started++) {
		w[started].d = d;
		if (pthread_create(&w[started].tid, NULL, work, &w[started]) != 0)
			break;
	}
	int rc = -1;
	if (started == 0)
		rota_error_set(d->err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
		               "cannot start a thread to read tickets");
	else if ((rc = rota_store_each_ticket_key(store, &f,
	                                              d->hflags & ROTA_HISTORY_OPEN ? 1 : SHARE,
	                                              cut, d, d->err)) == 0) {
		if (d->cur)
			publish(d);
		pthread_mutex_lock(&d->mu);
		d->scan_done = 1;
		pthread_cond_broadcast(&d->cv);
		pthread_mutex_unlock(&d->mu);
		rc = pass_shares(d, 1);
	}
	pthread_mutex_lock(&d->mu);
	atomic_store(&d->stop, 1);
	d->scan_done = 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	for (int i = 0; i < started; i++)
		pthread_join(w[i].tid, NULL);
	for (size_t i = d->consumed; i < d->nsh; i++)
		share_free(d->sh[i]);
	share_free(d->cur);
	free(d->sh);
	return rc;
}

int
rota_sla_run_threads(rota_store *store, rota_sla_engine *e, rota_time at, unsigned flags,
                     int threads, rota_sla_row_cb cb, void *ctx, rota_error *err)
{
	struct worker *w = NULL;
	/* Measured (bench/sla.sh, 50,000 open of 1,000,000): the open tickets come by key
	 * lookups in a parallel run, which cost more than the threads win, so the
	 * open-only default stays in one thread; asking for threads still gets them. */
	if (threads <= 0 && (flags & ROTA_SLA_RUN_OPEN))
		threads = 1;
	if (threads <= 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
	}
	int n = threads > 1 ? workers_new(store, e, threads, &w) : 0;
	if (n < 2) {
		workers_free(w, n);
		return rota_sla_run(store, e, at, flags, cb, ctx, err);
	}
	struct driver d = { .at = at, .hflags = flags & ROTA_SLA_RUN_OPEN ? ROTA_HISTORY_OPEN : 0,
	                    .cb = cb, .ctx = ctx, .err = err, .window = WINDOW * (size_t)n };
	atomic_init(&d.stop, 0);
	pthread_mutex_init(&d.mu, NULL);
	pthread_cond_init(&d.cv, NULL);
	int rc = run_threads(store, w, n, &d);
	pthread_cond_destroy(&d.cv);
	pthread_mutex_destroy(&d.mu);
	workers_free(w, n);
	return rc;
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
	rota_sla_engine *e = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola,
	                                         calendar_by_name, cs, opt, err);
	if (e)
		sla_engine_set_config(e, cfg);
	return e;
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
