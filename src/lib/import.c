/* Ticket exports into the store.  Rows are checked whole before anything is written, so
 * that a rejected row leaves no trace; events get an identity (ticket, time, kind, state,
 * ord) that the database keeps unique, so that importing the same data again adds
 * nothing.  Snapshot rows are kept, and a ticket's events are derived again from all its
 * snapshots whenever an import touches it: an overlapping newer export then adds exactly
 * what is new, even when it starts in the middle of a ticket's history. */
#include <config.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <rota/rota.h>
#include <rota/store.h>
#include <rota/import.h>

/* ---- names ---- */

static const char *const layout_names[] = { "events", "snapshots", "tickets" };

static const char *const in_field_names[ROTA_IN_NFIELDS] = {
	"status", "team", "priority", "agent", "queue", "channel", "customer_tz",
	"ticket", "time", "event", "created", "first_reply", "resolved", "closed",
};

const char *
rota_layout_name(int layout)
{
	return layout >= 0 && layout <= ROTA_LAYOUT_TICKETS ? layout_names[layout] : "?";
}

int
rota_layout_parse(const char *s)
{
	for (int l = 0; l <= ROTA_LAYOUT_TICKETS; l++)
		if (strcmp(s, layout_names[l]) == 0)
			return l;
	return -1;
}

const char *
rota_in_field_name(int f)
{
	return f >= 0 && f < ROTA_IN_NFIELDS ? in_field_names[f] : "?";
}

int
rota_in_field_parse(const char *s)
{
	for (int f = 0; f < ROTA_IN_NFIELDS; f++)
		if (strcmp(s, in_field_names[f]) == 0)
			return f;
	return -1;
}

int
rota_in_field_used(int layout, int f)
{
	if (f < ROTA_NFIELDS || f == ROTA_IN_TICKET)
		return 1;
	switch (layout) {
	case ROTA_LAYOUT_EVENTS:
		return f == ROTA_IN_TIME || f == ROTA_IN_EVENT;
	case ROTA_LAYOUT_SNAPSHOTS:
		return f == ROTA_IN_TIME || f == ROTA_IN_CREATED || f == ROTA_IN_RESOLVED ||
		       f == ROTA_IN_CLOSED;
	default:
		return f == ROTA_IN_CREATED || f == ROTA_IN_FIRST_REPLY || f == ROTA_IN_RESOLVED ||
		       f == ROTA_IN_CLOSED;
	}
}

static int
is_time_field(int f)
{
	return f == ROTA_IN_TIME || f == ROTA_IN_CREATED || f == ROTA_IN_FIRST_REPLY ||
	       f == ROTA_IN_RESOLVED || f == ROTA_IN_CLOSED;
}

int
rota_in_field_required(int layout, int f)
{
	if (f == ROTA_IN_TICKET)
		return 1;
	switch (layout) {
	case ROTA_LAYOUT_EVENTS: return f == ROTA_IN_TIME || f == ROTA_IN_EVENT;
	case ROTA_LAYOUT_SNAPSHOTS: return f == ROTA_IN_TIME;
	default: return f == ROTA_IN_CREATED;
	}
}

int
rota_import_map_set(rota_import_opts *o, const char *field, const char *column,
                    rota_error *err)
{
	int f = rota_in_field_parse(field);
	if (f < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "unknown field '%s': expected one of ticket, time, event, "
		                      "status, team, priority, agent, queue, channel, customer_tz, "
		                      "created, first_reply, resolved, closed", field);
	if (!rota_in_field_used(o->layout, f)) {
		char used[256] = "";
		for (int g = 0; g < ROTA_IN_NFIELDS; g++)
			if (rota_in_field_used(o->layout, g))
				snprintf(used + strlen(used), sizeof used - strlen(used), "%s%s",
				         *used ? ", " : "", in_field_names[g]);
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "the %s layout does not read '%s' (it reads %s)",
		                      rota_layout_name(o->layout), field, used);
	}
	if (*column == '\0' && rota_in_field_required(o->layout, f))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "the %s layout needs '%s' in every row: name the column "
		                      "that holds it", rota_layout_name(o->layout), field);
	o->map[f] = column;
	return 0;
}

int
rota_import_attr_parse(char *spec, rota_import_attr *a, rota_error *err)
{
	char *eq = strchr(spec, '=');
	a->name = a->column = spec;
	if (eq) {
		*eq = '\0';
		a->column = eq + 1;
	}
	if (*a->name == '\0' || *a->column == '\0')
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "expected NAME or NAME=COLUMN");
	return 0;
}

/* ---- a small open-addressing map from 64-bit keys to 64-bit values ---- */

typedef struct u64map {
	uint64_t *k, *v;
	unsigned char *used;
	size_t cap, n;
} u64map;

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void
map_clear(u64map *m)
{
	if (m->used)
		memset(m->used, 0, m->cap);
	m->n = 0;
}

static void
map_free(u64map *m)
{
	free(m->k);
	free(m->v);
	free(m->used);
	memset(m, 0, sizeof *m);
}

static uint64_t *map_slot(u64map *m, uint64_t key, int *found);

static void
map_grow(u64map *m)
{
	u64map old = *m;
	m->cap = old.cap ? old.cap * 2 : 1024;
	m->k = rota_xreallocarray(NULL, m->cap, sizeof *m->k);
	m->v = rota_xreallocarray(NULL, m->cap, sizeof *m->v);
	m->used = rota_xcalloc(m->cap, 1);
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.used[i]) {
			int found;
			*map_slot(m, old.k[i], &found) = old.v[i];
		}
	map_free(&old);
}

/* The value slot for key, created (0) when absent. */
static uint64_t *
map_slot(u64map *m, uint64_t key, int *found)
{
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	size_t i = mix64(key) & (m->cap - 1);
	while (m->used[i] && m->k[i] != key)
		i = (i + 1) & (m->cap - 1);
	*found = m->used[i];
	if (!m->used[i]) {
		m->used[i] = 1;
		m->k[i] = key;
		m->v[i] = 0;
		m->n++;
	}
	return &m->v[i];
}

/* A counter map that keeps at most SPILL_AT keys in memory and the rest in the store's
 * scratch table: an import of any size runs in bounded memory, and one of a usual size
 * never touches the table. */
#define SPILL_AT ((size_t)1 << 20)

typedef struct spillmap {
	u64map m;
	size_t max;       /* keys in memory at most */
	int set;          /* its counters in the scratch table */
	int spilled;      /* some keys are in the table */
} spillmap;

static int
spill(rota_store *s, spillmap *sm, rota_error *err)
{
	uint64_t keys[512], vals[512];
	size_t n = 0;
	/* What an earlier import on this connection left there is not this file's. */
	if (!sm->spilled && rota_store_scratch_clear(s, sm->set, err) < 0)
		return -1;
	for (size_t i = 0; i < sm->m.cap; i++) {
		if (!sm->m.used[i])
			continue;
		keys[n] = sm->m.k[i];
		vals[n++] = sm->m.v[i];
		if (n == 512) {
			if (rota_store_scratch_put(s, sm->set, keys, vals, n, err) < 0)
				return -1;
			n = 0;
		}
	}
	if (n && rota_store_scratch_put(s, sm->set, keys, vals, n, err) < 0)
		return -1;
	map_clear(&sm->m);
	sm->spilled = 1;
	return 0;
}

/* The counter of key (0 and *found = 0 when new), NULL on a store error.  The pointer
 * is good until the next call. */
static uint64_t *
spill_slot(rota_store *s, spillmap *sm, uint64_t key, int *found, rota_error *err)
{
	if (sm->m.n >= sm->max && spill(s, sm, err) < 0)
		return NULL;
	uint64_t *v = map_slot(&sm->m, key, found);
	if (!*found && sm->spilled) {
		int rc = rota_store_scratch_get(s, sm->set, key, v, err);
		if (rc < 0)
			return NULL;
		*found = rc;
	}
	return v;
}

static int
spill_clear(rota_store *s, spillmap *sm, rota_error *err)
{
	map_clear(&sm->m);
	if (!sm->spilled)
		return 0;
	sm->spilled = 0;
	return rota_store_scratch_clear(s, sm->set, err);
}


/* ---- derived events and their reconciliation with the database ---- */

typedef struct dev {
	rota_time time;
	int kind;
	int ord;
	const char *v[ROTA_NFIELDS];
	int64_t id;       /* existing events: rowid */
	size_t idx;       /* derived events: order of derivation */
	int match;
} dev;

typedef struct devlist {
	dev *e;
	size_t n, cap;
} devlist;

static dev *
devlist_add(devlist *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->e = rota_xreallocarray(l->e, l->cap, sizeof *l->e);
	}
	dev *d = &l->e[l->n];
	memset(d, 0, sizeof *d);
	d->idx = l->n++;
	return d;
}

static int
dev_cmp_value(const dev *a, const dev *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	for (int f = 0; f < ROTA_NFIELDS; f++) {
		int c = strcmp(a->v[f], b->v[f]);
		if (c)
			return c;
	}
	return 0;
}

/* Derived events: equal values keep their derivation order, which fixes their ords. */
static int
dev_cmp_derived(const void *pa, const void *pb)
{
	const dev *a = pa, *b = pb;
	int c = dev_cmp_value(a, b);
	return c ? c : (a->idx < b->idx ? -1 : a->idx > b->idx);
}

static int
dev_cmp_ord(const void *pa, const void *pb)
{
	const dev *a = pa, *b = pb;
	int c = dev_cmp_value(a, b);
	return c ? c : (a->ord > b->ord) - (a->ord < b->ord);
}

static int
dev_cmp_idx(const void *pa, const void *pb)
{
	const dev *a = pa, *b = pb;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* ---- the import ---- */

struct rota_import {
	rota_store *s;
	rota_import_opts o;
	const char *def_resolved[1], *def_closed[1];
	int64_t import_id;
	int64_t max_ticket_before;
	rota_import_stats st;
	rota_strbuf files;
	/* the file being read */
	rota_csv *c;
	long col[ROTA_IN_NFIELDS];
	long *attr_col;
	struct pending_attr {     /* the latest value of each --attr for the current ticket, */
		int64_t tid;          /* written when the value or the ticket changes */
		rota_time time;
		rota_strbuf value;
	} *pending;
	size_t nheader;
	char **header;
	int rejects_started;
	int row_error;            /* the import failed on a row that skip_bad would skip */
	/* tickets seen, a bit per ticket id (ids are dense): a bit, not a list, so that an
	 * import of millions of tickets needs a megabyte for it */
	unsigned char *touched;
	size_t ctouched;
	/* the last row's ticket, since exports keep a ticket's rows together */
	rota_strbuf last_key;
	int64_t last_id;
	rota_time last_export[3];
	spillmap ords;     /* identical rows of a ticket at one instant so far in this file */
	spillmap seen;     /* tickets layout: ticket id -> line, one row per ticket */
	/* scratch reused for every ticket, so that no row allocates */
	rota_strbuf arena, xarena;
	rota_snapshot *snaps;
	size_t *snapoff;
	size_t nsnaps, csnaps;
	devlist derived, existing;
	size_t *xoff, cxoff;
	rota_strbuf msg;
};

struct row {
	const char *v[ROTA_IN_NFIELDS];   /* "" when absent or missing */
	rota_time t[ROTA_IN_NFIELDS];     /* time fields; ROTA_TIME_NONE when empty */
	int kind;
};

rota_import *
rota_import_begin(rota_store *s, const rota_import_opts *o, rota_error *err)
{
	rota_import *im = rota_xcalloc(1, sizeof *im);
	im->s = s;
	im->seen.set = 1;
	im->ords.max = im->seen.max = o->memory_keys ? o->memory_keys : SPILL_AT;
	im->o = *o;
	if (im->o.resolved == NULL) {
		im->def_resolved[0] = "Resolved";
		im->o.resolved = im->def_resolved;
		im->o.nresolved = 1;
	}
	if (im->o.closed == NULL) {
		im->def_closed[0] = "Closed";
		im->o.closed = im->def_closed;
		im->o.nclosed = 1;
	}
	if (rota_store_begin(s, err) < 0) {
		free(im);
		return NULL;
	}
	if ((im->max_ticket_before = rota_store_ticket_last_id(s, err)) < 0 ||
	    rota_store_import_log_start(s, rota_layout_name(o->layout),
	                                o->options_text ? o->options_text : "", &im->import_id,
	                                err) < 0)
		goto fail;
	return im;
fail:
	rota_store_rollback(s);
	free(im);
	return NULL;
}

static void
free_header(rota_import *im)
{
	for (size_t i = 0; i < im->nheader; i++)
		free(im->header[i]);
	free(im->header);
	im->header = NULL;
	im->nheader = 0;
}

void
rota_import_free(rota_import *im)
{
	if (im == NULL)
		return;
	free_header(im);
	free(im->attr_col);
	for (size_t a = 0; im->pending && a < im->o.nattrs; a++)
		rota_strbuf_free(&im->pending[a].value);
	free(im->pending);
	free(im->touched);
	rota_strbuf_free(&im->files);
	rota_strbuf_free(&im->last_key);
	rota_strbuf_free(&im->arena);
	rota_strbuf_free(&im->xarena);
	rota_strbuf_free(&im->msg);
	map_free(&im->ords.m);
	map_free(&im->seen.m);
	free(im->snaps);
	free(im->snapoff);
	free(im->derived.e);
	free(im->existing.e);
	free(im->xoff);
	free(im);
}

/* ---- header ---- */

static long
find_column(const rota_csv *c, const char *name)
{
	long i = rota_csv_find(c, name);
	if (i >= 0)
		return i;
	/* Exports differ in case ("Ticket" vs "ticket"); an exact match wins above. */
	for (size_t j = 0; j < rota_csv_nfields(c); j++)
		if (strcasecmp(rota_csv_field(c, j), name) == 0)
			return (long)j;
	return -1;
}

static const char *
header_list(rota_import *im)
{
	rota_strbuf_reset(&im->msg);
	for (size_t j = 0; j < rota_csv_nfields(im->c); j++) {
		if (im->msg.len > 400) {
			rota_strbuf_printf(&im->msg, ", ... (%zu columns)", rota_csv_nfields(im->c));
			break;
		}
		rota_strbuf_printf(&im->msg, "%s%s", j ? ", " : "", rota_csv_field(im->c, j));
	}
	return rota_strbuf_str(&im->msg);
}

static int
map_header(rota_import *im, rota_error *err)
{
	rota_csv *c = im->c;
	const char *name = rota_csv_name(c);

	for (int f = 0; f < ROTA_IN_NFIELDS; f++) {
		const char *want = im->o.map[f];
		im->col[f] = -1;
		if (want && *want == '\0' && rota_in_field_required(im->o.layout, f)) {
			rota_error_set(err, ROTA_EXIT_USAGE, name, rota_csv_line(c), 0,
			               " reads '%s' from nowhere, but the %s layout needs it: name the "
			               "column that holds it", in_field_names[f],
			               rota_layout_name(im->o.layout));
			return rota_error_fix_lead(err, "{map} %s=", in_field_names[f]);
		}
		if (!rota_in_field_used(im->o.layout, f) || (want && *want == '\0'))
			continue;
		im->col[f] = find_column(c, want ? want : in_field_names[f]);
		if (im->col[f] < 0 && want) {
			rota_error_set(err, ROTA_EXIT_USAGE, name, rota_csv_line(c), 0,
			               ": the header has no column '%s' (it has: %s)", want,
			               header_list(im));
			return rota_error_fix_lead(err, "{map} %s=%s", in_field_names[f], want);
		}
		if (im->col[f] < 0 && rota_in_field_required(im->o.layout, f)) {
			rota_error_set(err, ROTA_EXIT_USAGE, name, rota_csv_line(c), 0,
			               "no '%s' column, which the %s layout needs: name the column "
			               "that holds it ", in_field_names[f], rota_layout_name(im->o.layout));
			rota_error_fix(err, "with {map} %s=COLUMN", in_field_names[f]);
			return rota_error_append(err, " (the header has: %s)", header_list(im));
		}
	}
	im->attr_col = rota_xreallocarray(im->attr_col, im->o.nattrs + 1, sizeof *im->attr_col);
	if (im->pending == NULL)
		im->pending = rota_xcalloc(im->o.nattrs + 1, sizeof *im->pending);
	for (size_t a = 0; a < im->o.nattrs; a++) {
		const rota_import_attr *at = &im->o.attrs[a];
		im->attr_col[a] = find_column(c, at->column);
		if (im->attr_col[a] < 0) {
			rota_error_set(err, ROTA_EXIT_USAGE, name, rota_csv_line(c), 0,
			               ": the header has no column '%s' (it has: %s)", at->column,
			               header_list(im));
			return rota_error_fix_lead(err, "{attr} %s=%s", at->name, at->column);
		}
	}
	free_header(im);
	im->nheader = rota_csv_nfields(c);
	im->header = rota_xreallocarray(NULL, im->nheader + 1, sizeof *im->header);
	for (size_t j = 0; j < im->nheader; j++)
		im->header[j] = rota_xstrdup(rota_csv_field(c, j));
	return 0;
}

static const char *const reject_cols[] = {
	"reject_file", "reject_line", "reject_column", "reject_reason"
};
#define NREJECT_COLS (sizeof reject_cols / sizeof reject_cols[0])

/* A rejects file fed back in (after fixing some rows) starts with our own columns: its
 * rows keep only their new reason, so that the columns do not pile up. */
static size_t
own_reject_cols(const rota_import *im)
{
	if (im->nheader < NREJECT_COLS)
		return 0;
	for (size_t j = 0; j < NREJECT_COLS; j++)
		if (strcmp(im->header[j], reject_cols[j]) != 0)
			return 0;
	return NREJECT_COLS;
}

static void
start_rejects(rota_import *im)
{
	FILE *f = im->o.rejects;
	if (f == NULL || im->rejects_started)
		return;
	im->rejects_started = 1;
	for (size_t j = 0; j < NREJECT_COLS; j++)
		fprintf(f, "%s%s", j ? "," : "", reject_cols[j]);
	for (size_t j = own_reject_cols(im); j < im->nheader; j++) {
		putc(',', f);
		rota_csv_put(f, im->header[j]);
	}
	putc('\n', f);
}

static void
write_reject(rota_import *im, const rota_error *e)
{
	FILE *f = im->o.rejects;
	rota_csv *c = im->c;
	if (im->o.on_reject)
		im->o.on_reject(im->o.reject_ctx, e);
	if (f == NULL)
		return;
	rota_csv_put(f, rota_csv_name(c));
	fprintf(f, ",%ld,%ld,", e->line, e->col);
	rota_csv_put(f, e->msg);
	size_t skip = own_reject_cols(im);
	for (size_t j = skip < rota_csv_nfields(c) ? skip : 0; j < rota_csv_nfields(c); j++) {
		putc(',', f);
		rota_csv_put(f, rota_csv_field(c, j));
	}
	putc('\n', f);
}

/* ---- reading one row ---- */

static int
bad_field(rota_import *im, long col, rota_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
bad_field(rota_import *im, long col, rota_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(err, ROTA_EXIT_USAGE, rota_csv_name(im->c),
	                rota_csv_field_line(im->c, (size_t)col), rota_csv_field_col(im->c, (size_t)col),
	                fmt, ap);
	va_end(ap);
	return -1;
}

static int
is_missing(const rota_import *im, const char *v)
{
	if (*v == '\0')
		return 1;
	for (size_t i = 0; i < im->o.nmissing; i++)
		if (strcmp(v, im->o.missing[i]) == 0)
			return 1;
	return 0;
}

static const char *
column_name(const rota_import *im, long col)
{
	return (size_t)col < im->nheader ? im->header[col] : "?";
}

static int
parse_time_field(rota_import *im, struct row *r, int f, rota_error *err)
{
	long col = im->col[f];
	rota_error te;
	int rc;

	rota_error_clear(&te);
	if (im->o.time_format)
		rc = rota_time_parse_fmt(r->v[f], im->o.time_format, im->o.tz, im->o.parse_flags,
		                         &r->t[f], &te);
	else
		rc = rota_time_parse(r->v[f], im->o.tz, im->o.parse_flags, &r->t[f], &te);
	/* What is stored must print, and read back, in any zone a later --list or command
	 * names: the last 26 hours at either end of the years 0001-9999 cannot be. */
	if (rc == 0 && !ROTA_TIME_SAFE(r->t[f])) {
		rota_error_set(&te, ROTA_EXIT_USAGE, NULL, 0, 1, "'%s' lies within 26 hours of "
		               "the ends of the years 0001-9999: written in some zone it would fall "
		               "outside them, so rota does not store it", r->v[f]);
		rc = -1;
	}
	if (rc == 0)
		return 0;
	if (strcmp(column_name(im, col), in_field_names[f]) == 0)
		bad_field(im, col, err, "column '%s': %s", in_field_names[f], te.msg);
	else
		bad_field(im, col, err, "column '%s' (%s): %s", column_name(im, col),
		          in_field_names[f], te.msg);
	rota_error_keep_fix(err, &te);
	if (te.col > 0)
		err->col += te.col - 1;
	return -1;
}

static int
read_row(rota_import *im, struct row *r, rota_error *err)
{
	rota_csv *c = im->c;
	size_t nf = rota_csv_nfields(c);

	if (nf != im->nheader) {
		size_t at = nf < im->nheader ? nf - 1 : im->nheader;
		return bad_field(im, (long)at, err,
		                 "the row has %zu fields but the header has %zu: a field with a comma "
		                 "or a line break must be quoted (\"...\")", nf, im->nheader);
	}
	for (int f = 0; f < ROTA_IN_NFIELDS; f++) {
		r->t[f] = ROTA_TIME_NONE;
		r->v[f] = "";
		if (im->col[f] >= 0) {
			const char *v = rota_csv_field(c, (size_t)im->col[f]);
			if (!is_missing(im, v))
				r->v[f] = v;
		}
	}
	if (*r->v[ROTA_IN_TICKET] == '\0')
		return bad_field(im, im->col[ROTA_IN_TICKET], err,
		                 "no ticket in column '%s': every row needs the ticket it belongs to",
		                 column_name(im, im->col[ROTA_IN_TICKET]));
	for (int f = 0; f < ROTA_IN_NFIELDS; f++) {
		if (!is_time_field(f) || im->col[f] < 0)
			continue;
		if (*r->v[f] == '\0') {
			if (rota_in_field_required(im->o.layout, f))
				return bad_field(im, im->col[f], err,
				                 "no %s in column '%s': every row of the %s layout needs one",
				                 in_field_names[f], column_name(im, im->col[f]),
				                 rota_layout_name(im->o.layout));
			continue;
		}
		if (parse_time_field(im, r, f, err) < 0)
			return -1;
	}
	r->kind = -1;
	if (im->col[ROTA_IN_EVENT] >= 0) {
		r->kind = rota_event_kind_parse(r->v[ROTA_IN_EVENT]);
		if (r->kind < 0)
			return bad_field(im, im->col[ROTA_IN_EVENT], err,
			                 "unknown event '%s' in column '%s': expected one of created, "
			                 "message, reply, note, status, assign, priority, resolved, closed, reopened",
			                 r->v[ROTA_IN_EVENT], column_name(im, im->col[ROTA_IN_EVENT]));
	}
	if (*r->v[ROTA_IN_CUSTOMER_TZ]) {
		rota_error te;
		if (rota_tz_get(r->v[ROTA_IN_CUSTOMER_TZ], &te) == NULL)
			return bad_field(im, im->col[ROTA_IN_CUSTOMER_TZ], err,
			                 "unknown time zone '%s' in column '%s': expected an IANA name "
			                 "such as America/New_York", r->v[ROTA_IN_CUSTOMER_TZ],
			                 column_name(im, im->col[ROTA_IN_CUSTOMER_TZ]));
	}
	return 0;
}

/* ---- writing ---- */

static void
touch(rota_import *im, int64_t id)
{
	size_t byte = (size_t)id >> 3;
	if (byte >= im->ctouched) {
		size_t cap = im->ctouched ? im->ctouched : 1024;
		while (cap <= byte)
			cap *= 2;
		im->touched = rota_xrealloc(im->touched, cap);
		memset(im->touched + im->ctouched, 0, cap - im->ctouched);
		im->ctouched = cap;
	}
	im->touched[byte] |= (unsigned char)(1u << (id & 7));
}

static int64_t
ticket_id(rota_import *im, const char *key, rota_error *err)
{
	if (im->last_id > 0 && strcmp(rota_strbuf_str(&im->last_key), key) == 0)
		return im->last_id;
	int64_t id = rota_store_ticket_id(im->s, key, 1, err);
	if (id < 0)
		return -1;
	rota_strbuf_reset(&im->last_key);
	rota_strbuf_puts(&im->last_key, key);
	im->last_id = id;
	for (int i = 0; i < 3; i++)
		im->last_export[i] = ROTA_TIME_NONE;
	touch(im, id);
	return id;
}

/* 1 when added, 0 when the event was already there. */
static int
insert_event(rota_import *im, int64_t tid, rota_time t, int kind, const char *const *v,
             int ord, int source, rota_error *err)
{
	rota_event ev;
	ev.ticket = NULL;
	ev.time = t;
	ev.kind = kind;
	memcpy(ev.v, v, sizeof ev.v);
	ev.ord = ord;
	return rota_store_event_add(im->s, tid, &ev, source, im->import_id, err);
}

static int
flush_attr(rota_import *im, size_t a, rota_error *err)
{
	struct pending_attr *p = &im->pending[a];

	if (p->tid == 0)
		return 0;
	int64_t tid = p->tid;
	p->tid = 0;
	return rota_store_attr_put(im->s, tid, im->o.attrs[a].name, rota_strbuf_str(&p->value),
	                           p->time, err);
}

static int
flush_attrs(rota_import *im, rota_error *err)
{
	for (size_t a = 0; im->pending && a < im->o.nattrs; a++)
		if (flush_attr(im, a, err) < 0)
			return -1;
	return 0;
}

/* The latest row by time wins.  Rows of one ticket come together and mostly repeat the
 * value, so a run of equal values is one write (with the run's latest time), which is
 * what writing every row would leave behind. */
static int
write_attrs(rota_import *im, int64_t tid, rota_time t, rota_error *err)
{
	if (t == ROTA_TIME_NONE)
		t = 0;
	for (size_t a = 0; a < im->o.nattrs; a++) {
		const char *v = rota_csv_field(im->c, (size_t)im->attr_col[a]);
		struct pending_attr *p = &im->pending[a];
		if (is_missing(im, v))
			continue;
		if (p->tid == tid && strcmp(rota_strbuf_str(&p->value), v) == 0) {
			if (t > p->time)
				p->time = t;
			continue;
		}
		if (flush_attr(im, a, err) < 0)
			return -1;
		p->tid = tid;
		p->time = t;
		rota_strbuf_reset(&p->value);
		rota_strbuf_puts(&p->value, v);
	}
	return 0;
}

/* The n-th identical row (event, or snapshot: kind -1) of a ticket at one instant in
 * this file gets ord n: a real repeat is kept, and the same file imported again finds
 * every row with its ord already there.  A 64-bit hash stands for the row: a collision
 * would only give some row ord 1 instead of 0, the same on every import. */
static int
file_ord(rota_import *im, int64_t tid, rota_time t, int kind, const char *const *v,
         rota_error *err)
{
	uint64_t h = ROTA_HASH_INIT;   /* the identity of an event in an events-layout file */
	int found;

	h = rota_hash_more(h, &tid, sizeof tid);
	h = rota_hash_more(h, &t, sizeof t);
	h = rota_hash_more(h, &kind, sizeof kind);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		h = rota_hash_more(h, v[f], strlen(v[f]) + 1);
	uint64_t *n = spill_slot(im->s, &im->ords, h, &found, err);
	return n ? (int)(*n)++ : -1;
}

static int
write_event_row(rota_import *im, int64_t tid, const struct row *r, rota_error *err)
{
	int ord = file_ord(im, tid, r->t[ROTA_IN_TIME], r->kind, r->v, err);
	if (ord < 0)
		return -1;
	int rc = insert_event(im, tid, r->t[ROTA_IN_TIME], r->kind, r->v, ord, ROTA_SRC_EVENTS, err);
	if (rc < 0)
		return -1;
	im->st.events_added += rc;
	return 0;
}

static int
write_snapshot_row(rota_import *im, int64_t tid, const struct row *r, rota_error *err)
{
	static const int xf[ROTA_NXT] = { ROTA_IN_CREATED, ROTA_IN_RESOLVED, ROTA_IN_CLOSED };
	rota_snapshot sn;

	sn.time = r->t[ROTA_IN_TIME];
	memcpy(sn.v, r->v, sizeof sn.v);
	int ord = file_ord(im, tid, r->t[ROTA_IN_TIME], -1, r->v, err);
	int rc = ord < 0 ? -1 : rota_store_snapshot_add(im->s, tid, &sn, ord, im->import_id, err);
	if (rc < 0)
		return -1;
	im->st.snapshots_added += rc;

	/* The times the export states change rarely within a ticket: write only changes. */
	int changed = 0;
	for (int i = 0; i < 3; i++)
		if (r->t[xf[i]] != ROTA_TIME_NONE && r->t[xf[i]] != im->last_export[i])
			changed = 1;
	if (!changed)
		return 0;
	rota_time xt[ROTA_NXT];
	for (int i = 0; i < ROTA_NXT; i++) {
		xt[i] = r->t[xf[i]];
		if (xt[i] != ROTA_TIME_NONE)
			im->last_export[i] = xt[i];
	}
	return rota_store_ticket_set_export(im->s, tid, xt, 1, err);
}

static int reconcile(rota_import *im, int64_t tid, int source, int is_new, rota_error *err);

static int
seen_before(rota_import *im, int64_t tid, rota_error *err)
{
	int found;
	uint64_t *line = spill_slot(im->s, &im->seen, (uint64_t)tid, &found, err);
	if (line == NULL)
		return -2;
	if (!found) {
		*line = (uint64_t)rota_csv_line(im->c);
		return 0;
	}
	bad_field(im, im->col[ROTA_IN_TICKET], err,
	          "ticket '%s' has a row already (line %llu): the tickets layout takes one row "
	          "per ticket; for a ticket's history ", rota_strbuf_str(&im->last_key),
	          (unsigned long long)*line);
	return rota_error_fix(err, "use {layout} snapshots");
}

static int
write_ticket_row(rota_import *im, int64_t tid, const struct row *r, rota_error *err)
{
	static const struct { int field, kind, with_status; } derive[] = {
		{ ROTA_IN_CREATED, ROTA_EVENT_CREATED, 0 },
		{ ROTA_IN_FIRST_REPLY, ROTA_EVENT_REPLY, 0 },
		{ ROTA_IN_RESOLVED, ROTA_EVENT_RESOLVED, 1 },
		{ ROTA_IN_CLOSED, ROTA_EVENT_CLOSED, 1 },
	};
	rota_time updated = ROTA_TIME_NONE;

	im->derived.n = 0;
	for (size_t i = 0; i < sizeof derive / sizeof derive[0]; i++) {
		rota_time t = r->t[derive[i].field];
		if (t == ROTA_TIME_NONE)
			continue;
		/* As for snapshots: nothing happens to a ticket before it exists. */
		if (t < r->t[ROTA_IN_CREATED])
			t = r->t[ROTA_IN_CREATED];
		dev *d = devlist_add(&im->derived);
		d->time = t;
		d->kind = derive[i].kind;
		for (int f = 0; f < ROTA_NFIELDS; f++)
			d->v[f] = r->v[f];
		if (!derive[i].with_status)
			d->v[ROTA_F_STATUS] = "";
		if (updated == ROTA_TIME_NONE || t > updated)
			updated = t;
	}
	if (reconcile(im, tid, ROTA_SRC_TICKETS, tid > im->max_ticket_before, err) < 0)
		return -1;
	const rota_time xt[ROTA_NXT] = {
		r->t[ROTA_IN_CREATED], r->t[ROTA_IN_RESOLVED], r->t[ROTA_IN_CLOSED]
	};
	if (rota_store_ticket_set_state(im->s, tid, r->t[ROTA_IN_CREATED], updated, r->v,
	                                err) < 0)
		return -1;
	return rota_store_ticket_set_export(im->s, tid, xt, 0, err);
}

static rota_time
row_time(const struct row *r)
{
	rota_time t = r->t[ROTA_IN_TIME];
	for (int f = 0; f < ROTA_IN_NFIELDS; f++)
		if (r->t[f] != ROTA_TIME_NONE && (t == ROTA_TIME_NONE || r->t[f] > t))
			t = r->t[f];
	return t;
}

static int
write_row(rota_import *im, const struct row *r, rota_error *err)
{
	int64_t tid = ticket_id(im, r->v[ROTA_IN_TICKET], err);
	if (tid < 0)
		return -1;
	int rc;
	switch (im->o.layout) {
	case ROTA_LAYOUT_EVENTS: rc = write_event_row(im, tid, r, err); break;
	case ROTA_LAYOUT_SNAPSHOTS: rc = write_snapshot_row(im, tid, r, err); break;
	default: rc = write_ticket_row(im, tid, r, err); break;
	}
	if (rc < 0)
		return -1;
	return im->o.nattrs ? write_attrs(im, tid, row_time(r), err) : 0;
}

static int
is_blank_line(const rota_csv *c)
{
	return rota_csv_nfields(c) == 1 && rota_csv_field_len(c, 0) == 0;
}

/* A row problem: with --skip-bad it is counted and written to --rejects, else it ends
 * the import (the caller rolls back). */
static int
reject(rota_import *im, rota_error *err)
{
	if (err->status != ROTA_EXIT_USAGE || !im->o.skip_bad) {
		im->row_error = err->status == ROTA_EXIT_USAGE;
		return -1;
	}
	im->st.rejected++;
	write_reject(im, err);
	rota_error_clear(err);
	return 0;
}

int
rota_import_csv(rota_import *im, rota_csv *c, rota_error *err)
{
	int rc;

	im->c = c;
	im->last_id = 0;
	if (spill_clear(im->s, &im->ords, err) < 0 || spill_clear(im->s, &im->seen, err) < 0)
		return -1;
	if (im->files.len)
		rota_strbuf_putc(&im->files, '\n');
	rota_strbuf_puts(&im->files, rota_csv_name(c));
	if ((rc = rota_csv_next(c, err)) <= 0)
		return rc;            /* empty input: nothing to do */
	if (map_header(im, err) < 0)
		return -1;
	start_rejects(im);
	while ((rc = rota_csv_next(c, err)) == 1) {
		struct row r;
		if (is_blank_line(c))
			continue;
		im->st.rows++;
		if ((im->st.rows & 8191) == 0 && im->o.progress)
			im->o.progress(im->o.progress_ctx, rota_csv_name(c), (size_t)im->st.rows, 0);
		if (read_row(im, &r, err) < 0) {
			if (reject(im, err) < 0)
				return -1;
			continue;
		}
		if (im->o.layout == ROTA_LAYOUT_TICKETS) {
			int64_t tid = ticket_id(im, r.v[ROTA_IN_TICKET], err);
			if (tid < 0)
				return -1;
			int rc_seen = seen_before(im, tid, err);
			if (rc_seen == -2)
				return -1;
			if (rc_seen < 0) {
				if (reject(im, err) < 0)
					return -1;
				continue;
			}
		}
		if (write_row(im, &r, err) < 0)
			return -1;
	}
	if (rc == 0 && flush_attrs(im, err) < 0)
		return -1;
	return rc;
}

int
rota_import_file(rota_import *im, const char *path, rota_error *err)
{
	rota_csv *c = rota_csv_open(path, err);
	if (c == NULL)
		return -1;
	int rc = rota_import_csv(im, c, err);
	im->c = NULL;
	rota_csv_close(c);
	return rc;
}

void
rota_import_counts(const rota_import *im, rota_import_stats *st)
{
	*st = im->st;
}

int
rota_import_row_error(const rota_import *im)
{
	return im->row_error;
}

static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
rota_import_stats_text(const rota_import_stats *st, rota_strbuf *out)
{
	rota_strbuf_printf(out, "%ld %s, %ld %s (%ld new), %ld %s added", st->rows,
	                   plural(st->rows, "row", "rows"), st->tickets,
	                   plural(st->tickets, "ticket", "tickets"), st->tickets_new,
	                   st->events_added, plural(st->events_added, "event", "events"));
	/* Only when a newer export changed a ticket's history (a late snapshot). */
	if (st->events_removed)
		rota_strbuf_printf(out, ", %ld %s removed (no longer derived)", st->events_removed,
		                   plural(st->events_removed, "event", "events"));
	rota_strbuf_printf(out, ", %ld rejected", st->rejected);
}

/* ---- deriving and reconciling ---- */

/* Texts go into the arena as offsets while it may still move, and become pointers once
 * the whole ticket is read. */
static void
arena_put(rota_strbuf *arena, size_t *off, const char *const *v)
{
	for (int f = 0; f < ROTA_NFIELDS; f++) {
		off[f] = arena->len;
		rota_strbuf_puts(arena, v[f]);
		rota_strbuf_putc(arena, '\0');
	}
}

static int
collect_existing(int64_t id, const rota_event *ev, void *ctx)
{
	rota_import *im = ctx;
	devlist *x = &im->existing;
	dev *d = devlist_add(x);
	d->id = id;
	d->time = ev->time;
	d->kind = ev->kind;
	d->ord = ev->ord;
	if (x->n * ROTA_NFIELDS > im->cxoff) {
		im->cxoff = x->cap * ROTA_NFIELDS;
		im->xoff = rota_xreallocarray(im->xoff, im->cxoff, sizeof *im->xoff);
	}
	arena_put(&im->xarena, im->xoff + d->idx * ROTA_NFIELDS, ev->v);
	return 0;
}

static int
load_existing(rota_import *im, int64_t tid, int source, rota_error *err)
{
	devlist *x = &im->existing;

	x->n = 0;
	rota_strbuf_reset(&im->xarena);
	if (rota_store_each_ticket_event(im->s, tid, source, collect_existing, im, err) < 0)
		return -1;
	for (size_t i = 0; i < x->n; i++)
		for (int f = 0; f < ROTA_NFIELDS; f++)
			x->e[i].v[f] = im->xarena.s + im->xoff[i * ROTA_NFIELDS + (size_t)f];
	return 0;
}

/* Make the ticket's events from `source` exactly im->derived: add what is missing,
 * remove what is no longer derived, touch nothing else. */
static int
reconcile(rota_import *im, int64_t tid, int source, int is_new, rota_error *err)
{
	devlist *d = &im->derived, *x = &im->existing;

	if (d->n)
		qsort(d->e, d->n, sizeof *d->e, dev_cmp_derived);
	for (size_t i = 0; i < d->n; i++)
		d->e[i].ord = i > 0 && dev_cmp_value(&d->e[i], &d->e[i - 1]) == 0
		              ? d->e[i - 1].ord + 1 : 0;
	x->n = 0;
	if (!is_new && load_existing(im, tid, source, err) < 0)
		return -1;
	if (x->n)
		qsort(x->e, x->n, sizeof *x->e, dev_cmp_ord);
	for (size_t i = 0, j = 0; i < d->n && j < x->n;) {
		int c = dev_cmp_ord(&d->e[i], &x->e[j]);
		if (c == 0)
			d->e[i++].match = x->e[j++].match = 1;
		else if (c < 0)
			i++;
		else
			j++;
	}
	/* Insert in derivation order: it orders events of one instant (created first). */
	if (d->n)
		qsort(d->e, d->n, sizeof *d->e, dev_cmp_idx);
	for (size_t i = 0; i < d->n; i++) {
		if (d->e[i].match)
			continue;
		int rc = insert_event(im, tid, d->e[i].time, d->e[i].kind, d->e[i].v, d->e[i].ord,
		                      source, err);
		if (rc < 0)
			return -1;
		im->st.events_added += rc;
	}
	for (size_t j = 0; j < x->n; j++) {
		if (x->e[j].match)
			continue;
		if (rota_store_event_remove(im->s, x->e[j].id, err) < 0)
			return -1;
		im->st.events_removed++;
	}
	return 0;
}

static void
collect_event(const rota_event *ev, void *ctx)
{
	rota_import *im = ctx;
	dev *d = devlist_add(&im->derived);
	d->time = ev->time;
	d->kind = ev->kind;
	memcpy(d->v, ev->v, sizeof d->v);
}

static int
collect_snapshot(const rota_snapshot *sn, void *ctx)
{
	rota_import *im = ctx;
	if (im->nsnaps == im->csnaps) {
		im->csnaps = im->csnaps ? im->csnaps * 2 : 64;
		im->snaps = rota_xreallocarray(im->snaps, im->csnaps, sizeof *im->snaps);
		im->snapoff = rota_xreallocarray(im->snapoff, im->csnaps * ROTA_NFIELDS,
		                                 sizeof *im->snapoff);
	}
	im->snaps[im->nsnaps].time = sn->time;
	arena_put(&im->arena, im->snapoff + im->nsnaps * ROTA_NFIELDS, sn->v);
	im->nsnaps++;
	return 0;
}

static int
load_snapshots(rota_import *im, int64_t tid, rota_error *err)
{
	im->nsnaps = 0;
	rota_strbuf_reset(&im->arena);
	if (rota_store_each_snapshot(im->s, tid, collect_snapshot, im, err) < 0)
		return -1;
	for (size_t i = 0; i < im->nsnaps; i++)
		for (int f = 0; f < ROTA_NFIELDS; f++)
			im->snaps[i].v[f] = im->arena.s + im->snapoff[i * ROTA_NFIELDS + (size_t)f];
	return 0;
}

static int
derive_snapshot_ticket(rota_import *im, int64_t tid, rota_error *err)
{
	rota_time xt[ROTA_NXT];
	const char *state[ROTA_NFIELDS];
	rota_status_sets sets = { im->o.resolved, im->o.nresolved, im->o.closed, im->o.nclosed };

	if (rota_store_ticket_export(im->s, tid, xt, err) < 0 || load_snapshots(im, tid, err) < 0)
		return -1;
	if (im->nsnaps == 0)
		return 0;
	im->derived.n = 0;
	rota_snapshot_diff(im->snaps, im->nsnaps, xt[ROTA_XT_CREATED], xt[ROTA_XT_RESOLVED],
	                   xt[ROTA_XT_CLOSED], &sets, collect_event, im, state);
	rota_time created = im->derived.e[0].time, updated = created;
	for (size_t i = 0; i < im->derived.n; i++)
		if (im->derived.e[i].time > updated)
			updated = im->derived.e[i].time;
	if (im->snaps[im->nsnaps - 1].time > updated)
		updated = im->snaps[im->nsnaps - 1].time;
	if (reconcile(im, tid, ROTA_SRC_SNAPSHOTS, tid > im->max_ticket_before, err) < 0)
		return -1;
	return rota_store_ticket_set_state(im->s, tid, created, updated, state, err);
}

/* Events-layout tickets: created is the first `created` event, updated the last event;
 * each field is its latest non-empty value, and team and agent also follow `assign`
 * events that clear them.  The walk is in time order, so the last value seen wins. */
struct fold {
	rota_time created, updated;
	rota_strbuf v[ROTA_NFIELDS];
};

static int
fold_event(int64_t id, const rota_event *ev, void *ctx)
{
	struct fold *fo = ctx;
	(void)id;
	if (ev->kind == ROTA_EVENT_CREATED &&
	    (fo->created == ROTA_TIME_NONE || ev->time < fo->created))
		fo->created = ev->time;
	if (fo->updated == ROTA_TIME_NONE || ev->time > fo->updated)
		fo->updated = ev->time;
	for (int f = 0; f < ROTA_NFIELDS; f++) {
		int clears = ev->kind == ROTA_EVENT_ASSIGN && (f == ROTA_F_TEAM || f == ROTA_F_AGENT);
		if (*ev->v[f] || clears) {
			rota_strbuf_reset(&fo->v[f]);
			rota_strbuf_puts(&fo->v[f], ev->v[f]);
		}
	}
	return 0;
}

static int
fold_event_ticket(rota_import *im, int64_t tid, rota_error *err)
{
	struct fold fo;
	const char *v[ROTA_NFIELDS];
	int rc;

	fo.created = fo.updated = ROTA_TIME_NONE;
	for (int f = 0; f < ROTA_NFIELDS; f++)
		fo.v[f] = (rota_strbuf)ROTA_STRBUF_INIT;
	rc = rota_store_each_ticket_event(im->s, tid, -1, fold_event, &fo, err);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		v[f] = rota_strbuf_str(&fo.v[f]);
	if (rc == 0)
		rc = rota_store_ticket_set_state(im->s, tid, fo.created, fo.updated, v, err);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		rota_strbuf_free(&fo.v[f]);
	return rc;
}

int
rota_import_finish(rota_import *im, rota_import_stats *out, rota_error *err)
{
	size_t n = 0, i = 0;

	for (size_t b = 0; b < im->ctouched; b++)
		n += (size_t)__builtin_popcount(im->touched[b]);
	im->st.tickets = (long)n;
	for (int64_t tid = 0; (size_t)(tid >> 3) < im->ctouched; tid++) {
		if (!(im->touched[tid >> 3] & (1u << (tid & 7))))
			continue;
		int rc = 0;
		i++;
		if (tid > im->max_ticket_before)
			im->st.tickets_new++;
		if ((i & 1023) == 0 && im->o.progress)
			im->o.progress(im->o.progress_ctx, "deriving events from tickets", i, n);
		if (im->o.layout == ROTA_LAYOUT_SNAPSHOTS)
			rc = derive_snapshot_ticket(im, tid, err);
		else if (im->o.layout == ROTA_LAYOUT_EVENTS)
			rc = fold_event_ticket(im, tid, err);
		if (rc < 0)
			return -1;
	}
	rota_import_log log;
	memset(&log, 0, sizeof log);
	log.id = im->import_id;
	log.files = rota_strbuf_str(&im->files);
	log.rows = im->st.rows;
	log.rejected = im->st.rejected;
	log.events_added = im->st.events_added;
	log.events_removed = im->st.events_removed;
	if (rota_store_import_log_finish(im->s, &log, err) < 0)
		return -1;
	if (out)
		*out = im->st;
	return 0;
}

/* ---- the snapshot differ ---- */

static int
in_set(const char *s, const char *const *set, size_t n)
{
	if (*s == '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

struct differ {
	void (*emit)(const rota_event *ev, void *ctx);
	void *ctx;
	size_t n;
};

static void
emit(struct differ *d, rota_time t, int kind, const char *const *v)
{
	rota_event ev;
	memset(&ev, 0, sizeof ev);
	ev.time = t;
	ev.kind = kind;
	memcpy(ev.v, v, sizeof ev.v);
	d->emit(&ev, d->ctx);
	d->n++;
}

size_t
rota_snapshot_diff(const rota_snapshot *rows, size_t n, rota_time created, rota_time resolved,
                   rota_time closed, const rota_status_sets *sets,
                   void (*emitfn)(const rota_event *ev, void *ctx), void *ctx,
                   const char **final_state)
{
	struct differ d = { emitfn, ctx, 0 };
	const char *cur[ROTA_NFIELDS];
	int was_resolved = 0, was_closed = 0;

	if (n == 0)
		return 0;
	rota_time t0 = created != ROTA_TIME_NONE ? created : rows[0].time;
	for (size_t i = 0; i < n; i++) {
		const char *nw[ROTA_NFIELDS];
		rota_time t = rows[i].time < t0 ? t0 : rows[i].time;
		memcpy(nw, rows[i].v, sizeof nw);
		if (i > 0) {
			/* A ticket always has a status and a priority: an empty one was lost by the
			 * export (ServiceNow's -100), not cleared. */
			if (*nw[ROTA_F_STATUS] == '\0')
				nw[ROTA_F_STATUS] = cur[ROTA_F_STATUS];
			if (*nw[ROTA_F_PRIORITY] == '\0')
				nw[ROTA_F_PRIORITY] = cur[ROTA_F_PRIORITY];
		}
		int res = in_set(nw[ROTA_F_STATUS], sets->resolved, sets->nresolved);
		int clo = in_set(nw[ROTA_F_STATUS], sets->closed, sets->nclosed);
		if (i == 0) {
			emit(&d, t0, ROTA_EVENT_CREATED, nw);
		} else {
			int ores = in_set(cur[ROTA_F_STATUS], sets->resolved, sets->nresolved);
			int oclo = in_set(cur[ROTA_F_STATUS], sets->closed, sets->nclosed);
			if (strcmp(nw[ROTA_F_STATUS], cur[ROTA_F_STATUS]) != 0) {
				emit(&d, t, ROTA_EVENT_STATUS, nw);
				if (!res && !clo && (ores || oclo))
					emit(&d, t, ROTA_EVENT_REOPENED, nw);
			}
			if (strcmp(nw[ROTA_F_TEAM], cur[ROTA_F_TEAM]) != 0 ||
			    strcmp(nw[ROTA_F_AGENT], cur[ROTA_F_AGENT]) != 0)
				emit(&d, t, ROTA_EVENT_ASSIGN, nw);
			if (strcmp(nw[ROTA_F_PRIORITY], cur[ROTA_F_PRIORITY]) != 0)
				emit(&d, t, ROTA_EVENT_PRIORITY, nw);
			res = res && !ores;
			clo = clo && !oclo;
		}
		if (res) {
			emit(&d, t, ROTA_EVENT_RESOLVED, nw);
			was_resolved = 1;
		}
		if (clo) {
			emit(&d, t, ROTA_EVENT_CLOSED, nw);
			was_closed = 1;
		}
		memcpy(cur, nw, sizeof cur);
	}
	/* The export's own resolved/closed times count only when no snapshot showed it. */
	if (!was_resolved && resolved != ROTA_TIME_NONE)
		emit(&d, resolved < t0 ? t0 : resolved, ROTA_EVENT_RESOLVED, cur);
	if (!was_closed && closed != ROTA_TIME_NONE)
		emit(&d, closed < t0 ? t0 : closed, ROTA_EVENT_CLOSED, cur);
	if (final_state)
		memcpy(final_state, cur, sizeof cur);
	return d.n;
}
