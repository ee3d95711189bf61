/* The arrival counts a forecast starts from: a CSV of arrivals or of counts per interval,
 * or the store's tickets.  Names (queues, channels, zones) are kept once each and counts
 * refer to them by id, so that a million arrivals of a few series cost little. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>
#include <rota/store.h>

int
rota_fc_by_parse(const char *list, unsigned *by, rota_error *err)
{
	static const char *const names[] = { "queue", "channel", "customer_tz" };
	*by = 0;
	const char *p = list;
	for (long pos = 1;; pos++) {
		size_t len = strcspn(p, ",");
		size_t k = 0;
		while (k < 3 && !(strlen(names[k]) == len && strncmp(p, names[k], len) == 0))
			k++;
		if (k == 3)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, pos,
			                      "unknown series column '%.*s': expected queue, channel or "
			                      "customer_tz, separated by commas", (int)len, p);
		*by |= 1u << k;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

/* ---- names ---- */

static void
rehash(rota_fc_counts *c)
{
	free(c->hash);
	c->hcap = c->hcap ? 2 * c->hcap : 64;
	c->hash = rota_xcalloc(c->hcap, sizeof *c->hash);
	for (uint32_t id = 1; id < c->nnames; id++) {
		size_t h = rota_hash(c->names[id], strlen(c->names[id])) & (c->hcap - 1);
		while (c->hash[h])
			h = (h + 1) & (c->hcap - 1);
		c->hash[h] = id;
	}
}

void
rota_fc_counts_init(rota_fc_counts *c)
{
	memset(c, 0, sizeof *c);
	c->capnames = 16;
	c->names = rota_xmalloc(c->capnames * sizeof *c->names);
	c->names[0] = rota_xstrdup("");
	c->nnames = 1;
}

void
rota_fc_counts_free(rota_fc_counts *c)
{
	for (size_t i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	free(c->hash);
	free(c->v);
	memset(c, 0, sizeof *c);
}

uint32_t
rota_fc_counts_name(rota_fc_counts *c, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if (2 * c->nnames >= c->hcap)
		rehash(c);
	size_t h = rota_hash(s, len) & (c->hcap - 1);
	for (; c->hash[h]; h = (h + 1) & (c->hcap - 1)) {
		const char *n = c->names[c->hash[h]];
		if (strncmp(n, s, len) == 0 && n[len] == '\0')
			return c->hash[h];
	}
	if (c->nnames == c->capnames) {
		c->capnames *= 2;
		c->names = rota_xreallocarray(c->names, c->capnames, sizeof *c->names);
	}
	uint32_t id = (uint32_t)c->nnames++;
	c->names[id] = rota_xstrndup(s, len);
	c->hash[h] = id;
	return id;
}

void
rota_fc_counts_add(rota_fc_counts *c, rota_time t, double count, uint32_t queue,
                   uint32_t channel, uint32_t customer_tz)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->v = rota_xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	rota_fc_count *r = &c->v[c->n++];
	r->t = t;
	r->count = count;
	r->key[0] = queue;
	r->key[1] = channel;
	r->key[2] = customer_tz;
}

/* ---- CSV ---- */

static long
find_any(const rota_csv *c, const char *const *names)
{
	for (; *names; names++)
		for (size_t i = 0; i < rota_csv_nfields(c); i++)
			if (strcasecmp(rota_csv_field(c, i), *names) == 0)
				return (long)i;
	return -1;
}

/* Where the text of field i begins, for columns inside it. */
static long
text_col(const rota_csv *c, size_t i)
{
	return rota_csv_field_col(c, i) + (rota_csv_field_quoted(c, i) ? 1 : 0);
}

static int
field_error(rota_error *err, const rota_csv *c, size_t i, long col, const char *what,
            const rota_error *why)
{
	rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, i),
	               text_col(c, i) + (col > 0 ? col - 1 : 0), "%s: %s", what, why->msg);
	rota_error_keep_fix(err, why);
	return -1;
}

/* A timestamp, or with ROTA_FC_READ_NAIVE its wall-clock part only: the Z or offset
 * after the time of day is dropped. */
static int
read_time(const rota_csv *c, size_t i, const rota_tz *tz, unsigned flags,
          rota_time_cache *cache, rota_time *t, rota_error *err)
{
	const char *s = rota_csv_field(c, i);
	size_t n = rota_csv_field_len(c, i), cut = n;
	if (flags & ROTA_FC_READ_NAIVE)
		for (size_t k = 10; k < n; k++)
			if (s[k] == 'Z' || s[k] == 'z' || s[k] == '+' || (s[k] == '-' && k > 12)) {
				cut = k;
				break;
			}
	/* A copy with the zero bytes after it that the fast reader wants. */
	char buf[64 + ROTA_TIME_SLACK];
	rota_error e = { 0 };
	int rc;
	if (cut < 64) {
		memcpy(buf, s, cut);
		memset(buf + cut, 0, ROTA_TIME_SLACK);
		rc = rota_time_parse_fast(cache, buf, tz, flags & ROTA_PARSE_LENIENT, t, &e);
	} else {
		rc = rota_time_parse(s, tz, flags & ROTA_PARSE_LENIENT, t, &e);
	}
	if (rc < 0)
		return field_error(err, c, i, e.col, "bad time", &e);
	return 0;
}

static int
read_count(const rota_csv *c, size_t i, double *v, rota_error *err)
{
	const char *s = rota_csv_field(c, i);
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(*v) || *v < 0 || *v > 1e15 ||
	    isspace((unsigned char)*s))
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, i),
		                      text_col(c, i), "bad count '%s': expected a number of "
		                      "arrivals from 0 to 10^15", s);
	return 0;
}

static int64_t
gcd(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int
rota_fc_read_csv(rota_csv *csv, const rota_tz *tz, unsigned flags, rota_fc_counts *out,
                 rota_error *err)
{
	static const char *const time_names[] = {
		"interval_start", "time", "created", "timestamp", "arrival", "datetime", NULL
	};
	static const char *const count_names[] = { "count", "calls", "volume", "arrivals", NULL };
	static const char *const series[] = { "queue", "channel", "customer_tz" };
	int r = rota_csv_next(csv, err);
	if (r <= 0)
		return r < 0 ? -1 : rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(csv), 1, 0,
		                                   "empty input: expected a header line such as "
		                                   "interval_start,count or time");
	long tcol = find_any(csv, time_names), ccol = find_any(csv, count_names), scol[3];
	if (tcol < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(csv), 1, 1,
		                      "no time column: expected a header with interval_start (and "
		                      "count) for counts per interval, or time (or created, "
		                      "timestamp, datetime) for one arrival a row");
	if (ccol < 0 && strcasecmp(rota_csv_field(csv, (size_t)tcol), "interval_start") == 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(csv), 1, 0,
		                      "interval_start without a count column: expected "
		                      "interval_start,count");
	for (int k = 0; k < 3; k++)
		scol[k] = rota_csv_find(csv, series[k]);
	out->aggregated = ccol >= 0;
	rota_time t0 = 0;
	int any = 0;
	rota_time_cache cache;
	memset(&cache, 0, sizeof cache);
	while ((r = rota_csv_next(csv, err)) > 0) {
		if (rota_csv_nfields(csv) == 1 && rota_csv_field_len(csv, 0) == 0)
			continue;   /* a blank line */
		rota_time t;
		double v = 1;
		if ((size_t)tcol >= rota_csv_nfields(csv))
			return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(csv),
			                      rota_csv_line(csv), 0, "missing the time column (%ld "
			                      "fields, expected at least %ld)",
			                      (long)rota_csv_nfields(csv), tcol + 1);
		if (read_time(csv, (size_t)tcol, tz, flags, &cache, &t, err) < 0 ||
		    (ccol >= 0 && read_count(csv, (size_t)ccol, &v, err) < 0))
			return -1;
		uint32_t key[3] = { 0, 0, 0 };
		for (int k = 0; k < 3; k++) {
			if (scol[k] < 0)
				continue;
			const char *s = rota_csv_field(csv, (size_t)scol[k]);
			rota_error e = { 0 };
			if (k == 2 && *s && rota_tz_get(s, &e) == NULL) {
				rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(csv),
				               rota_csv_field_line(csv, (size_t)scol[k]),
				               text_col(csv, (size_t)scol[k]), "customer_tz: %s", e.msg);
				return -1;
			}
			key[k] = rota_fc_counts_name(out, s, rota_csv_field_len(csv, (size_t)scol[k]));
		}
		rota_fc_counts_add(out, t, v, key[0], key[1], key[2]);
		/* The step every interval start lies on: the gcd of their distances from the
		 * first, which needs no memory per series. */
		if (any)
			out->step = gcd(out->step, t > t0 ? t - t0 : t0 - t);
		else
			t0 = t, any = 1;
	}
	if (!out->aggregated)
		out->step = 0;
	return r < 0 ? -1 : 0;
}

/* ---- the store ---- */

struct store_ctx {
	rota_fc_counts *out;
};

static int
store_row(const rota_arrival_count *a, void *ctx)
{
	rota_fc_counts *c = ((struct store_ctx *)ctx)->out;
	rota_fc_counts_add(c, a->bucket, (double)a->count,
	                   rota_fc_counts_name(c, a->queue, strlen(a->queue)),
	                   rota_fc_counts_name(c, a->channel, strlen(a->channel)),
	                   rota_fc_counts_name(c, a->customer_tz, strlen(a->customer_tz)));
	return 0;
}

int
rota_fc_read_store(struct rota_store *s, unsigned by, rota_fc_counts *out, rota_error *err)
{
	struct store_ctx ctx = { out };
	unsigned cols = (by & ROTA_FC_BY_QUEUE ? ROTA_ARRIVALS_QUEUE : 0) |
	                (by & ROTA_FC_BY_CHANNEL ? ROTA_ARRIVALS_CHANNEL : 0) |
	                (by & ROTA_FC_BY_CUSTOMER_TZ ? ROTA_ARRIVALS_CUSTOMER_TZ : 0);
	if (rota_store_each_arrival_count(s, 900, cols, store_row, &ctx, err) < 0)
		return -1;
	/* A quarter hour bucket holds arrivals, not an interval of its own: any slot of a
	 * quarter hour or more takes it whole. */
	out->aggregated = 0;
	for (size_t i = 0; i < out->n; i++) {
		const char *z = out->names[out->v[i].key[2]];
		rota_error e = { 0 };
		if (*z && rota_tz_get(z, &e) == NULL) {
			rota_error_set(err, ROTA_EXIT_USAGE, rota_store_path(s), 0, 0,
			               "a ticket's customer_tz: %s", e.msg);
			return rota_error_fix(err, "; import the tickets with a valid zone, or "
			                      "forecast without splitting by customer_tz");
		}
	}
	return 0;
}

int
rota_fc_read_file(const char *path, const rota_tz *tz, unsigned flags, rota_fc_counts *out,
                  rota_error *err)
{
	rota_csv *csv = rota_csv_open(path, err);
	if (csv == NULL)
		return -1;
	int rc = rota_fc_read_csv(csv, tz, flags, out, err);
	rota_csv_close(csv);
	return rc;
}

int
rota_fc_read_db(const char *path, unsigned by, rota_fc_counts *out, rota_error *err)
{
	rota_store *s = rota_store_open(path, ROTA_STORE_READONLY, 0, err);
	if (s == NULL)
		return -1;
	int rc = rota_fc_read_store(s, by, out, err);
	rota_store_close(s);
	return rc;
}

int
rota_fc_weekday_parse(const char *s)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	for (int d = 0; d < 7; d++)
		if (strncasecmp(s, days[d], 3) == 0 && strlen(s) >= 3)
			return d;
	return strcmp(s, "closed") == 0 ? -1 : -2;
}
