/* The forecast's edges: reading counts, the grid of local slots (gaps, folds, closed
 * hours, holidays) and placing local slots on the planning grid across DST changes that
 * the planning zone and the customers' zone make on different dates. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>
#include <rota/store.h>
#include <unistd.h>
#include "tap.h"

static rota_time
at(const char *s)
{
	rota_time t;
	rota_error e;
	if (rota_time_parse(s, NULL, 0, &t, &e) < 0) {
		fprintf(stderr, "bad time in test: %s\n", s);
		exit(99);
	}
	return t;
}

static int
read_mem(const char *text, const char *tz, unsigned flags, rota_fc_counts *c, rota_error *e)
{
	rota_csv *csv = rota_csv_open_mem(text, strlen(text), "in.csv");
	rota_fc_counts_init(c);
	int rc = rota_fc_read_csv(csv, rota_tz_get(tz, e), flags, c, e);
	rota_csv_close(csv);
	return rc;
}

static void
test_by(void)
{
	unsigned by;
	rota_error e;
	is_int(rota_fc_by_parse("queue,customer_tz", &by, &e), 0, "by: parses");
	is_int(by, ROTA_FC_BY_QUEUE | ROTA_FC_BY_CUSTOMER_TZ, "by: the mask");
	is_int(rota_fc_by_parse("queue,team", &by, &e), -1, "by: an unknown column");
	is_int(e.col, 2, "by: its position");
}

static void
test_csv(void)
{
	rota_fc_counts c;
	rota_error e;
	is_int(read_mem("rownames,DateTime,Calls\n1,2003-03-03T07:00:00Z,111\n"
	                "2,2003-03-03T07:05:00Z,113\n", "America/New_York", ROTA_FC_READ_NAIVE,
	                &c, &e), 0, "csv: bank layout reads");
	is_int(c.n, 2, "csv: two intervals");
	ok(c.aggregated, "csv: a count column makes counts");
	is_int(c.step, 300, "csv: 5-minute step");
	is_int(c.v[0].t, at("2003-03-03T12:00:00Z"), "csv: naive: the Z dropped, read in --tz");
	ok(c.v[1].count == 113, "csv: the count");
	rota_fc_counts_free(&c);

	is_int(read_mem("time,queue,customer_tz\n2026-03-02T09:00:00+01:00,a,Asia/Tokyo\n"
	                "2026-03-02 09:10,b,\n", "Europe/Berlin", 0, &c, &e), 0, "csv: arrivals");
	ok(!c.aggregated && c.n == 2 && c.v[1].count == 1, "csv: one arrival a row");
	is_str(c.names[c.v[0].key[2]], "Asia/Tokyo", "csv: the customer zone kept");
	is_int(c.v[1].t, at("2026-03-02T08:10:00Z"), "csv: a naive time in the planning zone");
	rota_fc_counts_free(&c);

	is_int(read_mem("interval_start,count\n2026-03-02T09:00:00Z,3\n2026-03-02T10:0:00Z,1\n",
	                "UTC", 0, &c, &e), -1, "csv: a bad time");
	ok(e.line == 3 && e.col == 16 && strstr(e.msg, "bad time"), "csv: at its line and "
	   "column (%ld:%ld %s)", e.line, e.col, e.msg);
	rota_fc_counts_free(&c);
	is_int(read_mem("interval_start,count\n2026-03-02T09:00:00Z,-3\n", "UTC", 0, &c, &e), -1,
	       "csv: a negative count");
	ok(e.line == 2 && e.col == 22, "csv: at its field (%ld:%ld)", e.line, e.col);
	rota_fc_counts_free(&c);
	is_int(read_mem("when,count\n", "UTC", 0, &c, &e), -1, "csv: no time column");
	rota_fc_counts_free(&c);
	is_int(read_mem("time,customer_tz\n2026-03-02T09:00:00Z,Mars/Base\n", "UTC", 0, &c, &e),
	       -1, "csv: a customer_tz that is no zone");
	ok(e.line == 2 && e.col == 22, "csv: at its field (%ld:%ld)", e.line, e.col);
	rota_fc_counts_free(&c);
	is_int(read_mem("time\n2026-03-08T02:30:00\n", "America/New_York", 0, &c, &e), -1,
	       "csv: a naive time in a DST gap");
	rota_fc_counts_free(&c);
}

/* A week-by-week history of one arrival at 09:00 and two at 01:30 New York time each
 * day, planned in Berlin.  The US changes its clocks on 8 March and 1 November 2026,
 * the EU on 29 March and 25 October. */
static void
fill_ny(rota_fc_counts *c, int64_t d0, int64_t d1)
{
	const rota_tz *ny = rota_tz_get("America/New_York", NULL);
	uint32_t z = rota_fc_counts_name(c, "America/New_York", 16);
	for (int64_t d = d0; d < d1; d++) {
		int y, m, dd;
		rota_civil_from_days(d, &y, &m, &dd);
		rota_civil nine = { y, m, dd, 9, 0, 0 }, half = { y, m, dd, 1, 30, 0 };
		rota_time t, later = ROTA_TIME_NONE;
		rota_tz_from_local(ny, &nine, &t, NULL);
		rota_fc_counts_add(c, t, 1, 0, 0, z);
		if (rota_tz_from_local(ny, &half, &t, &later) == ROTA_LOCAL_FOLD)
			rota_fc_counts_add(c, later, 1, 0, 0, z);
		rota_fc_counts_add(c, t, 1, 0, 0, z);
	}
}

static void
test_grid_dst(void)
{
	rota_fc_counts c;
	rota_fc_counts_init(&c);
	int64_t d0 = rota_days_from_civil(2026, 2, 2), d1 = rota_days_from_civil(2026, 11, 9);
	fill_ny(&c, d0, d1);
	rota_fc_grid_opts o;
	rota_fc_grid_opts_init(&o);
	o.tz = rota_tz_get("Europe/Berlin", NULL);
	o.by = ROTA_FC_BY_CUSTOMER_TZ;
	o.start = at("2026-11-02T00:00:00+01:00");
	o.horizon = 7 * 86400;
	rota_fc_grid g;
	rota_error e;
	is_int(rota_fc_grid_build(&c, &o, &g, &e), 0, "grid: builds");
	is_int(g.n, 1, "grid: one series");
	const rota_fc_grid_series *s = &g.v[0];
	is_str(s->customer_tz, "America/New_York", "grid: the customer zone");
	is_int(s->s.slots_per_day, 24, "grid: hourly");
	is_int(s->s.start_day, rota_days_from_civil(2026, 2, 2), "grid: starts on the local "
	       "day of the first count");
	size_t mar8 = (size_t)(rota_days_from_civil(2026, 3, 8) - s->s.start_day) * 24;
	size_t nov1 = (size_t)(rota_days_from_civil(2026, 11, 1) - s->s.start_day) * 24;
	ok(s->s.flags[mar8 + 2] & ROTA_FC_MISSING, "grid: 02:00 of the spring-forward night "
	   "is missing");
	ok(!(s->s.flags[mar8 + 3] & ROTA_FC_MISSING), "grid: 03:00 is observed");
	ok(s->s.values[mar8 + 1] == 1 && s->s.values[mar8 + 9] == 1, "grid: 01:00 and 09:00 "
	   "counted on the local grid");
	ok(s->s.values[nov1 + 1] == 2, "grid: the fold hour's two occurrences summed (%g)",
	   s->s.values[nov1 + 1]);
	ok(s->s.values[nov1 + 9] == 1, "grid: 09:00 after the fold");
	ok(!(s->s.flags[mar8 + 30] & ROTA_FC_MISSING), "grid: the next day is whole");
	ok(s->s.flags[0] & ROTA_FC_MISSING, "grid: slots before the first count are missing");
	/* The Berlin week from 2 November: 24 x 7 planning slots, from 18:00 New York (the
	 * day before) to 18:00 on 8 November. */
	is_int(g.nplan, 168, "grid: a week of planning slots");
	is_int(s->s.n + s->horizon, (size_t)(rota_days_from_civil(2026, 11, 8) -
	       s->s.start_day) * 24 + 18, "grid: the horizon covers the week in local slots");

	/* Placement: New York 09:00 is 15:00 in Berlin, but 14:00 between the US and the EU
	 * change (8-29 March) and again between 25 October and 1 November. */
	size_t nslots = s->s.n;
	double *one = rota_xcalloc(nslots, sizeof *one);
	struct { int m, d, berlin; } want[] = {
		{ 3, 2, 15 }, { 3, 9, 14 }, { 3, 27, 14 }, { 3, 30, 15 }, { 10, 26, 14 }, { 11, 2, 0 }
	};
	for (size_t k = 0; k < sizeof want / sizeof *want - 1; k++) {
		int64_t d = rota_days_from_civil(2026, want[k].m, want[k].d);
		memset(one, 0, nslots * sizeof *one);
		size_t idx = (size_t)(d - s->s.start_day) * 24 + 9;
		one[idx] = 6;
		double out[24] = { 0 };
		rota_time berlin0 = rota_tz_day_start(o.tz, d);
		rota_fc_grid_place(&g, 0, one, 0, nslots, berlin0, 24, out);
		int peak = 0;
		for (int h = 0; h < 24; h++)
			if (out[h] > out[peak])
				peak = h;
		ok(peak == want[k].berlin && out[peak] == 6, "place: New York 09:00 on 2026-%02d-%02d "
		   "is %02d:00 in Berlin (got %02d:00, %g)", want[k].m, want[k].d, want[k].berlin,
		   peak, out[peak]);
	}
	/* The fold hour's value is shared by its two occurrences: 01:00 EDT and 01:00 EST are
	 * 06:00 and 07:00 in Berlin (CET by then). */
	memset(one, 0, nslots * sizeof *one);
	one[nov1 + 1] = 4;
	double out[24] = { 0 };
	rota_fc_grid_place(&g, 0, one, 0, nslots, at("2026-11-01T00:00:00+01:00"), 24, out);
	ok(out[6] == 2 && out[7] == 2, "place: a fold hour split over both occurrences "
	   "(%g, %g)", out[6], out[7]);
	memset(one, 0, nslots * sizeof *one);
	one[mar8 + 2] = 5;
	double sum = 0;
	rota_fc_grid_place(&g, 0, one, 0, nslots, at("2026-03-08T00:00:00+01:00"), 24, out);
	for (int h = 0; h < 24; h++)
		sum += out[h];
	ok(sum == 4, "place: a gap slot places nothing (%g)", sum - 4);
	free(one);
	char *l = rota_fc_series_label(s);
	is_str(l, "customer_tz=America/New_York", "label");
	free(l);
	rota_fc_grid_free(&g);

	/* A start before the history, and counts coarser than the slot. */
	o.start = at("2025-01-01T00:00:00Z");
	is_int(rota_fc_grid_build(&c, &o, &g, &e), -1, "grid: a start before the history");
	rota_fc_counts_free(&c);
}

static void
test_grid_hours(void)
{
	rota_hours_range r = { 9 * 3600, 17 * 3600 };
	rota_calendar_def def;
	memset(&def, 0, sizeof def);
	def.name = "office";
	def.tz = "Europe/Berlin";
	for (int d = 0; d < 5; d++)
		def.week[d] = (rota_day_hours){ &r, 1 };
	rota_holiday hol = { rota_days_from_civil(2026, 5, 1), "Labour Day" };
	def.holidays = &hol;
	def.nholidays = 1;
	rota_error e;
	rota_calendar *cal = rota_calendar_new(&def, &e);
	ok(cal != NULL, "hours: a calendar");
	rota_fc_counts c;
	rota_fc_counts_init(&c);
	for (rota_time t = at("2026-04-06T00:00:00Z"); t < at("2026-04-27T00:00:00Z"); t += 3600)
		rota_fc_counts_add(&c, t, 2, 0, 0, 0);
	rota_fc_grid_opts o;
	rota_fc_grid_opts_init(&o);
	o.tz = rota_tz_get("Europe/Berlin", NULL);
	o.hours = cal;
	o.holidays = cal;
	o.horizon = 7 * 86400;
	o.slot = 1800;
	rota_fc_grid g;
	is_int(rota_fc_grid_build(&c, &o, &g, &e), 0, "hours: builds");
	const rota_fc_grid_series *s = &g.v[0];
	is_int(s->s.slots_per_day, 48, "hours: half-hourly");
	size_t mon = (size_t)(rota_days_from_civil(2026, 4, 13) - s->s.start_day) * 48;
	ok((s->s.flags[mon + 17] & ROTA_FC_CLOSED) && !(s->s.flags[mon + 18] & ROTA_FC_CLOSED) &&
	   (s->s.flags[mon + 34] & ROTA_FC_CLOSED), "hours: closed before 09:00 and from 17:00");
	ok(s->s.flags[mon + 5 * 48 + 20] & ROTA_FC_CLOSED, "hours: closed on Saturday");
	/* 2026-04-27 02:00 Berlin is the first forecast slot; 1 May is a Friday. */
	size_t may1 = (size_t)(rota_days_from_civil(2026, 5, 1) - s->s.start_day) * 48 - s->s.n;
	ok(s->s.future_flags[may1 + 20] & ROTA_FC_HOLIDAY, "hours: 1 May is a holiday ahead");
	ok(s->closed > 0, "hours: arrivals in closed hours counted (%g)", s->closed);
	rota_fc_grid_free(&g);
	c.aggregated = 1;
	c.step = 7200;
	is_int(rota_fc_grid_build(&c, &o, &g, &e), -1, "grid: counts per 2h into 30m slots");
	ok(strstr(e.msg, "per 2h") != NULL, "grid: says so (%s)", e.msg);
	rota_fc_counts_free(&c);
	rota_calendar_free(cal);
}

/* The store's arrivals: one grouped query, quarter-hour UTC buckets floored also before
 * 1970, the columns not split by read as one. */
static void
test_store(void)
{
	char dir[] = "/tmp/rota-test-fc-XXXXXX", db[64];
	rota_error e;
	if (mkdtemp(dir) == NULL)
		exit(99);
	snprintf(db, sizeof db, "%s/rota.db", dir);
	rota_store *s = rota_store_open(db, ROTA_STORE_CREATE, 0, &e);
	ok(s != NULL, "store: created");
	struct { const char *key, *queue, *tz; rota_time t; } tk[] = {
		{ "A", "support", "Asia/Tokyo", at("2026-03-02T09:05:00Z") },
		{ "B", "support", "", at("2026-03-02T09:14:59Z") },
		{ "C", "chat", "", at("2026-03-02T09:15:00Z") },
		{ "D", "chat", "", at("1969-12-31T23:50:00Z") }
	};
	for (size_t i = 0; i < 4; i++) {
		const char *v[ROTA_NFIELDS] = { "", "", "", "", tk[i].queue, "", tk[i].tz };
		int64_t id = rota_store_ticket_id(s, tk[i].key, 1, &e);
		rota_store_ticket_set_state(s, id, tk[i].t, tk[i].t, v, &e);
	}
	rota_store_publish(s, &e);
	rota_store_close(s);
	rota_fc_counts c;
	rota_fc_counts_init(&c);
	is_int(rota_fc_read_db(db, ROTA_FC_BY_QUEUE, &c, &e), 0, "store: read by queue");
	is_int(c.n, 3, "store: three (queue, bucket) rows");
	ok(c.v[0].t == at("1969-12-31T23:45:00Z") && c.v[0].count == 1, "store: a bucket before "
	   "1970 floored");
	ok(c.v[2].t == at("2026-03-02T09:00:00Z") && c.v[2].count == 2 && c.v[2].key[2] == 0,
	   "store: support's two in one bucket, zones not split");
	rota_fc_counts_free(&c);
	rota_fc_counts_init(&c);
	is_int(rota_fc_read_db(db, ROTA_FC_BY_CUSTOMER_TZ, &c, &e), 0, "store: read by zone");
	is_int(c.n, 4, "store: the Tokyo customer's bucket apart");
	rota_fc_counts_free(&c);
	rota_fc_counts_init(&c);
	is_int(rota_fc_read_db("/nonexistent/rota.db", 0, &c, &e), -1, "store: a missing database");
	rota_fc_counts_free(&c);
	unlink(db);
	rmdir(dir);
}

static void
test_svg(void)
{
	double h[3] = { 1, 2, 3 }, m[2] = { 2, 2 }, lo[2] = { 1, 1 }, hi[2] = { 3, 4 };
	rota_fc_panel p = { "queue=a&b <\"x\">", h, 3, m, lo, hi, lo, hi, 2 };
	rota_fc_chart c = { rota_tz_get("Europe/Berlin", NULL), at("2026-03-29T00:00:00Z"), 3600,
	                    "snaive", &p, 1, 3 };
	char *svg = rota_fc_svg(&c);
	ok(strstr(svg, "queue=a&amp;b &lt;&quot;x&quot;&gt;") != NULL, "svg: names escaped");
	ok(strstr(svg, "<polygon") && strstr(svg, "<polyline"), "svg: bands and lines");
	ok(strstr(svg, "and 3 more series") != NULL, "svg: series left out are said");
	ok(strstr(svg, "Sun 03-29") != NULL, "svg: day labels in local time");
	free(svg);
}

int
main(void)
{
	test_by();
	test_csv();
	test_grid_dst();
	test_grid_hours();
	test_store();
	test_svg();
	rota_tz_cache_free();
	return tap_done();
}
