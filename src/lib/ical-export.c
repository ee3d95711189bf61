/* Rosters out: one VEVENT per shift, merged with what the store says was exported
 * before, so that calendar apps update events in place (UID, SEQUENCE) and a re-export
 * of the same roster is the same file byte for byte (DTSTAMP from the state, not the
 * clock).  See include/rota/ical.h for the rules. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/ical.h>
#include <rota/store.h>

#define DAY 86400

struct ev {
	const char *agent;
	int64_t day, n;
	const rota_ical_shift *sh;     /* NULL: cancelled from the state */
	rota_time start, end;
	const rota_tz *tz;             /* NULL: UTC, written with Z */
	char *summary;
	char *body;                    /* the lines after UID, DTSTAMP and SEQUENCE */
	uint64_t hash;
	int64_t seq;
	rota_time stamp;
	int cancelled;
};

struct old { rota_ical_rec r; char *agent, *tz, *summary; };
struct olds { struct old *v; size_t n, cap; const char *agent; };

static int
keep_old(const rota_ical_rec *r, void *ctx)
{
	struct olds *o = ctx;
	if (o->agent && strcmp(o->agent, r->agent) != 0)
		return 0;
	if (o->n == o->cap)
		o->v = rota_xreallocarray(o->v, o->cap = o->cap ? 2 * o->cap : 256, sizeof *o->v);
	struct old *x = &o->v[o->n++];
	x->r = *r;
	x->agent = rota_xstrdup(r->agent);
	x->tz = rota_xstrdup(r->tz);
	x->summary = rota_xstrdup(r->summary);
	x->r.agent = x->agent;
	x->r.tz = x->tz;
	x->r.summary = x->summary;
	x->r.plan = NULL;
	return 0;
}

static const rota_tz *
zone_of(const rota_tz *tz)
{
	const char *n = tz ? rota_tz_name(tz) : "UTC";
	return strcmp(n, "UTC") == 0 || strcmp(n, "Etc/UTC") == 0 ? NULL : tz;
}

static void
time_line(rota_strbuf *b, const char *name, rota_time t, const rota_tz *tz)
{
	char head[96], val[32];
	rota_ical_time(val, sizeof val, t, tz);
	if (tz)
		snprintf(head, sizeof head, "%s;TZID=%s", name, rota_tz_name(tz));
	else
		snprintf(head, sizeof head, "%s", name);
	rota_ical_line(b, head, val);
}

static void
clock_text(rota_strbuf *b, rota_time t, const rota_tz *tz)
{
	rota_civil c;
	rota_tz_to_local(tz ? tz : rota_tz_utc(), t, &c, NULL);
	rota_strbuf_printf(b, "%02d:%02d", c.hour, c.min);
}

static char *
summary_of(const rota_ical_shift *sh)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_strbuf_printf(&b, "Shift %s", sh->shift);
	if (*sh->queues)
		rota_strbuf_printf(&b, ": %s", sh->queues);
	rota_strbuf_printf(&b, " (%s)", sh->agent);
	return rota_strbuf_detach(&b);
}

/* CATEGORIES is a list of TEXT: each item escaped on its own, commas between. */
static void
categories(rota_strbuf *b, const rota_ical_shift *sh)
{
	rota_strbuf t = ROTA_STRBUF_INIT;
	rota_strbuf_puts(&t, "CATEGORIES:rota,");
	rota_ical_text(&t, sh->shift);
	for (const char *q = sh->queues; *q;) {
		const char *e = strchr(q, ',');
		size_t n = e ? (size_t)(e - q) : strlen(q);
		char *item = rota_xstrndup(q, n);
		if (*item) {
			rota_strbuf_putc(&t, ',');
			rota_ical_text(&t, item);
		}
		free(item);
		q += n;
		while (*q == ',' || *q == ' ')
			q++;
	}
	rota_ical_fold(b, t.s, t.len);
	rota_strbuf_free(&t);
}

static void
live_body(struct ev *e)
{
	const rota_ical_shift *sh = e->sh;
	rota_strbuf b = ROTA_STRBUF_INIT, d = ROTA_STRBUF_INIT;
	time_line(&b, "DTSTART", e->start, e->tz);
	time_line(&b, "DTEND", e->end, e->tz);
	rota_ical_line_text(&b, "SUMMARY", e->summary);
	rota_strbuf_printf(&d, "Agent: %s\nShift: %s, ", sh->agent, sh->shift);
	clock_text(&d, sh->start, e->tz);
	rota_strbuf_putc(&d, '-');
	clock_text(&d, sh->end, e->tz);
	if (*sh->queues)
		rota_strbuf_printf(&d, "\nQueues: %s", sh->queues);
	rota_strbuf_puts(&d, "\nBreaks: ");
	for (size_t i = 0; i < sh->nbreaks; i++) {
		if (i)
			rota_strbuf_puts(&d, ", ");
		clock_text(&d, sh->breaks[i].start, e->tz);
		rota_strbuf_putc(&d, '-');
		clock_text(&d, sh->breaks[i].end, e->tz);
	}
	if (sh->nbreaks == 0)
		rota_strbuf_puts(&d, "none");
	rota_ical_line_text(&b, "DESCRIPTION", rota_strbuf_str(&d));
	categories(&b, sh);
	rota_ical_line(&b, "STATUS", "CONFIRMED");
	rota_ical_line(&b, "TRANSP", "OPAQUE");
	rota_strbuf_free(&d);
	e->body = rota_strbuf_detach(&b);
	e->hash = rota_ical_hash(0, e->body, strlen(e->body));
}

static void
cancelled_body(struct ev *e)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	time_line(&b, "DTSTART", e->start, e->tz);
	time_line(&b, "DTEND", e->end, e->tz);
	rota_ical_line_text(&b, "SUMMARY", e->summary);
	rota_ical_line(&b, "STATUS", "CANCELLED");
	rota_ical_line(&b, "TRANSP", "TRANSPARENT");
	e->body = rota_strbuf_detach(&b);
}

static void
write_event(rota_strbuf *b, const struct ev *e, const char *plan)
{
	char buf[96];
	uint64_t h = rota_ical_hash(0, plan, strlen(plan) + 1);
	h = rota_ical_hash(h, e->agent, strlen(e->agent) + 1);
	h = rota_ical_hash(h, &e->day, sizeof e->day);
	h = rota_ical_hash(h, &e->n, sizeof e->n);
	int y, m, d;
	rota_civil_from_days(e->day, &y, &m, &d);
	rota_ical_line(b, "BEGIN", "VEVENT");
	if (e->n)
		snprintf(buf, sizeof buf, "%04d%02d%02d-%lld-%016llx@rota", y, m, d,
		         (long long)e->n, (unsigned long long)h);
	else
		snprintf(buf, sizeof buf, "%04d%02d%02d-%016llx@rota", y, m, d,
		         (unsigned long long)h);
	rota_ical_line(b, "UID", buf);
	rota_ical_time(buf, sizeof buf, e->stamp, NULL);
	rota_ical_line(b, "DTSTAMP", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)e->seq);
	rota_ical_line(b, "SEQUENCE", buf);
	rota_strbuf_puts(b, e->body);
	rota_ical_line(b, "END", "VEVENT");
}

static int
cmp_zone(const void *a, const void *b)
{
	return strcmp(rota_tz_name(*(const rota_tz *const *)a), rota_tz_name(*(const rota_tz *const *)b));
}

static void
write_calendar(rota_ical_calendar *cal, const struct ev *v, size_t n, const char *plan,
               const char *agent)
{
	rota_strbuf b = ROTA_STRBUF_INIT, name = ROTA_STRBUF_INIT;
	const rota_tz **zones = NULL;
	size_t nz = 0;
	rota_time lo = ROTA_TIME_MAX, hi = ROTA_TIME_MIN;
	for (size_t i = 0; i < n; i++) {
		lo = v[i].start < lo ? v[i].start : lo;
		hi = v[i].end > hi ? v[i].end : hi;
		if (v[i].tz == NULL)
			continue;
		size_t k = 0;
		while (k < nz && zones[k] != v[i].tz)
			k++;
		if (k == nz) {
			zones = rota_xreallocarray(zones, nz + 1, sizeof *zones);
			zones[nz++] = v[i].tz;
		}
	}
	if (nz > 1)
		qsort(zones, nz, sizeof *zones, cmp_zone);
	rota_strbuf_puts(&name, plan);
	if (agent)
		rota_strbuf_printf(&name, ": %s", agent);
	rota_ical_begin(&b, rota_strbuf_str(&name));
	for (size_t k = 0; k < nz; k++)
		rota_ical_vtimezone(&b, zones[k], lo - DAY, hi + DAY);
	for (size_t i = 0; i < n; i++)
		write_event(&b, &v[i], plan);
	rota_ical_end(&b);
	free(zones);
	rota_strbuf_free(&name);
	cal->agent = agent ? rota_xstrdup(agent) : NULL;
	cal->len = b.len;
	cal->text = rota_strbuf_detach(&b);
}

static int
cmp_key(const char *a1, int64_t d1, int64_t n1, const char *a2, int64_t d2, int64_t n2)
{
	int c = strcmp(a1, a2);
	if (c)
		return c;
	if (d1 != d2)
		return d1 < d2 ? -1 : 1;
	return n1 < n2 ? -1 : n1 > n2;
}

static int
save(rota_store *s, const char *plan, const struct ev *e, rota_error *err)
{
	rota_ical_rec r = { .plan = plan, .agent = e->agent, .day = e->day, .n = e->n,
	                    .hash = e->hash, .seq = e->seq, .stamp = e->stamp,
	                    .start = e->start, .end = e->end,
	                    .tz = e->tz ? rota_tz_name(e->tz) : "UTC", .summary = e->summary,
	                    .cancelled = e->cancelled };
	return rota_store_ical_put(s, &r, err);
}

/* The merge of roster shifts and stored rows, both in (agent, day, n) order. */
static int
merge(rota_store *s, const rota_ical_roster *r, const struct olds *old,
      const rota_ical_export_opts *o, const char *plan, struct ev **out, size_t *nout,
      rota_ical_export_stats *st, rota_error *err)
{
	struct ev *v = rota_xcalloc(r->n + old->n + 1, sizeof *v);
	size_t n = 0, i = 0, j = 0;
	while (i < r->n || j < old->n) {
		const rota_ical_shift *sh = i < r->n ? &r->v[i] : NULL;
		if (sh && o->agent && strcmp(sh->agent, o->agent) != 0) {
			i++;
			continue;
		}
		const struct old *x = j < old->n ? &old->v[j] : NULL;
		int c = !sh ? 1 : !x ? -1 : cmp_key(sh->agent, sh->day, sh->n, x->r.agent,
		                                    x->r.day, x->r.n);
		struct ev *e = &v[n++];
		int dirty = 0;
		if (c <= 0) {
			e->sh = sh;
			e->agent = sh->agent;
			e->day = sh->day;
			e->n = sh->n;
			e->start = sh->start;
			e->end = sh->end;
			e->tz = zone_of(sh->tz);
			e->summary = summary_of(sh);
			live_body(e);
			if (c < 0) {
				e->seq = 0;
				e->stamp = o->now;
				dirty = 1;
				st->added++;
			} else if (x->r.hash != e->hash || x->r.cancelled) {
				e->seq = x->r.seq + 1;
				e->stamp = o->now;
				dirty = 1;
				st->changed++;
			} else {
				e->seq = x->r.seq;
				e->stamp = x->r.stamp;
				st->unchanged++;
			}
			i++;
			j += c == 0;
		} else {
			rota_error scratch;
			e->agent = x->r.agent;
			e->day = x->r.day;
			e->n = x->r.n;
			e->start = x->r.start;
			e->end = x->r.end;
			e->tz = zone_of(rota_tz_get(x->r.tz, &scratch));
			e->summary = rota_xstrdup(x->r.summary);
			e->cancelled = 1;
			e->hash = x->r.hash;
			cancelled_body(e);
			if (x->r.cancelled) {
				e->seq = x->r.seq;
				e->stamp = x->r.stamp;
			} else {
				e->seq = x->r.seq + 1;
				e->stamp = o->now;
				dirty = 1;
			}
			st->cancelled++;
			j++;
		}
		if (dirty && save(s, plan, e, err) < 0) {
			*out = v;
			*nout = n;
			return -1;
		}
	}
	st->events = n;
	*out = v;
	*nout = n;
	return 0;
}

int
rota_ical_export(rota_store *s, const rota_ical_roster *r, const rota_ical_export_opts *o,
                 rota_ical_calendar **out, size_t *nout, rota_ical_export_stats *stats,
                 rota_error *err)
{
	const char *plan = o->plan && *o->plan ? o->plan : "roster";
	struct olds old = { .agent = o->agent };
	struct ev *v = NULL;
	size_t n = 0;
	rota_ical_export_stats st = { 0 };
	int rc = rota_store_begin(s, err);
	if (rc == 0 && r->n)
		rc = rota_store_each_ical(s, plan, r->first_day, INT64_MAX, keep_old, &old, err);
	if (rc == 0)
		rc = merge(s, r, &old, o, plan, &v, &n, &st, err);
	*out = NULL;
	*nout = 0;
	if (rc == 0 && !o->split) {
		*out = rota_xcalloc(1, sizeof **out);
		write_calendar(*out, v, n, plan, o->agent);
		*nout = 1;
	} else if (rc == 0) {
		for (size_t a = 0, b; a < n; a = b) {
			for (b = a + 1; b < n && strcmp(v[b].agent, v[a].agent) == 0; b++)
				;
			*out = rota_xreallocarray(*out, *nout + 1, sizeof **out);
			write_calendar(&(*out)[(*nout)++], v + a, b - a, plan, v[a].agent);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].summary);
		free(v[i].body);
	}
	free(v);
	for (size_t i = 0; i < old.n; i++) {
		free(old.v[i].agent);
		free(old.v[i].tz);
		free(old.v[i].summary);
	}
	free(old.v);
	if (stats)
		*stats = st;
	if (rc != 0)
		rota_store_rollback(s);
	return rc == 0 ? 0 : -1;
}

void
rota_ical_calendars_free(rota_ical_calendar *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].agent);
		free(c[i].text);
	}
	free(c);
}
