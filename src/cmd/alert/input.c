/* rota-alert --input: clock rows from JSON Lines (rota_alert_read_rows) instead of the
 * clock engine.  What a route's match asks that the rows do not say (priority, an
 * attribute) comes from the store's record of the ticket as of --at, when it has one:
 * so that rota-sla check's rows, which carry no priority, match as the direct run does. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/alert.h>
#include <rota/sla.h>
#include <rota/store.h>
#include "parts.h"

struct lookup {
	rota_store *s;
	rota_time at;
	char *ticket;              /* the ticket whose record is held (one at a time) */
	rota_attr *v;              /* its fields and attributes */
	size_t n, cap;
	int failed;
	rota_error err;
};

static void
hold(struct lookup *k, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->v = rota_xreallocarray(k->v, k->cap, sizeof *k->v);
	}
	k->v[k->n].name = rota_xstrdup(name);
	k->v[k->n++].value = rota_xstrdup(value);
}

static void
drop(struct lookup *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free((char *)k->v[i].name);
		free((char *)k->v[i].value);
	}
	k->n = 0;
	free(k->ticket);
	k->ticket = NULL;
}

static int
on_history(const rota_history *h, void *ctx)
{
	struct lookup *k = ctx;
	/* A field wins over an attribute of the same name, as in the engine's match. */
	for (int f = 0; f < ROTA_NFIELDS; f++)
		hold(k, rota_field_name(f), rota_history_field(h, f));
	for (size_t i = 0; i < h->nattrs; i++)
		hold(k, h->attrs[i].name, h->attrs[i].value);
	return 0;
}

static const char *
store_attr(void *ctx, const char *ticket, const char *name)
{
	struct lookup *k = ctx;
	if (k->ticket == NULL || strcmp(k->ticket, ticket) != 0) {
		drop(k);
		k->ticket = rota_xstrdup(ticket);
		rota_history_filter f = { .key = ticket, .at = k->at };
		if (!k->failed && rota_store_each_history(k->s, &f, on_history, k, &k->err) < 0)
			k->failed = 1;
	}
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0)
			return k->v[i].value;
	return NULL;
}

int
alert_input_read(const char *path, size_t limit, rota_alert_plan *p,
                 const rota_config *cfg, const rota_tz *tz, rota_time since, rota_store *s,
                 rota_time at, rota_error *err)
{
	rota_jsonl *j = rota_jsonl_open(path, err);
	if (j == NULL)
		return -1;
	rota_jsonl_set_limit(j, limit);
	struct lookup k = { .s = s, .at = at };
	int rc = rota_alert_read_rows(p, j, cfg, tz, since, store_attr, &k, err);
	if (rc == 0 && k.failed) {
		*err = k.err;
		rc = -1;
	}
	drop(&k);
	free(k.v);
	rota_jsonl_close(j);
	return rc;
}
