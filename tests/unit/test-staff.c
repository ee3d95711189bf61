/* The staffing layer: queue settings, chat slots, deferred work with backlog, the
 * forecast reader and whole runs against a config. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/staff.h>
#include "tap.h"

#define near(got, exp, tol, ...) ok(fabs((double)(got) - (double)(exp)) <= (tol), __VA_ARGS__)

static const char CONFIG[] =
	"queues:\n"
	"  support: { channel: voice, aht: 180s, sl: 80/20s, shrinkage: 0.30 }\n"
	"  chat:    { channel: chat, aht: 420s, sl: 80/60s, concurrency: 3 }\n"
	"  email:   { channel: email, aht: 600s, respond_within: 2h }\n"
	"  patient: { aht: 240s, sl: 90/30s, patience: 120s }\n"
	"  noaht:   { channel: voice, sl: 80/20s }\n"
	"  perfect: { aht: 180s, sl: 100/20s }\n";

static rota_config *
config(void)
{
	rota_error e;
	rota_config *c = rota_config_load_mem(CONFIG, sizeof CONFIG - 1, "q.yaml", &e);
	if (c == NULL)
		printf("# config: %s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
	return c;
}

static void
test_resolve(const rota_config *cfg)
{
	rota_staff_opts o;
	rota_staff_queue q;
	rota_error e;

	rota_staff_opts_init(&o);
	ok(rota_staff_queue_resolve(&q, "support", rota_config_queue(cfg, "support"), &o, "q.yaml",
	                            "f.csv", 2, 27, &e) == 0, "support resolves");
	ok(q.model == ROTA_STAFF_ERLANG_C && q.aht == 180 && q.target.sl == 0.8 &&
	   q.target.sl_time == 20 && q.shrinkage == 0.3, "support: Erlang C 80/20, 30%% shrinkage");
	rota_staff_queue_free(&q);

	ok(rota_staff_queue_resolve(&q, "patient", rota_config_queue(cfg, "patient"), &o, "q.yaml",
	                            "f.csv", 2, 27, &e) == 0 && q.model == ROTA_STAFF_ERLANG_A &&
	   q.patience == 120, "a patience makes Erlang A");
	rota_staff_queue_free(&q);
	ok(rota_staff_queue_resolve(&q, "email", rota_config_queue(cfg, "email"), &o, "q.yaml",
	                            "f.csv", 2, 27, &e) == 0 && q.model == ROTA_STAFF_DEFERRED &&
	   q.respond_within == 7200, "channel email is deferred work");
	rota_staff_queue_free(&q);

	/* The command line overrides the config. */
	o.aht = 300;
	o.sl = 0.9;
	o.sl_time = 15;
	o.shrinkage = 0;
	ok(rota_staff_queue_resolve(&q, "support", rota_config_queue(cfg, "support"), &o, "q.yaml",
	                            "f.csv", 2, 27, &e) == 0 && q.aht == 300 && q.target.sl == 0.9 &&
	   q.target.sl_time == 15 && q.shrinkage == 0, "options override the config");
	rota_staff_queue_free(&q);

	/* Missing settings name the queue, the setting and the way out. */
	rota_staff_opts_init(&o);
	ok(rota_staff_queue_resolve(&q, "noaht", rota_config_queue(cfg, "noaht"), &o, "q.yaml",
	                            "f.csv", 4, 27, &e) == -1, "queue without aht fails");
	rota_staff_queue_free(&q);
	is_str(e.msg, "queue 'noaht' has no aht (average handling time): set 'aht' for it in q.yaml "
	       "(line 6) or give 'aht'", "missing aht message");
	ok(strcmp(e.hint, "aht") == 0 && strcmp(e.fix, "give {aht}") == 0, "missing aht: the fix");
	ok(e.line == 4 && e.col == 27 && strcmp(e.file, "f.csv") == 0, "at the input's queue field");
	ok(rota_staff_queue_resolve(&q, "billing", NULL, &o, "q.yaml", "f.csv", 9, 27, &e) == -1,
	   "undefined queue fails");
	rota_staff_queue_free(&q);
	is_str(e.msg, "queue 'billing' has no aht (average handling time): it is not defined under "
	       "'queues:' in q.yaml; define it there or give 'aht'", "undefined queue message");
	o.aht = 180;
	ok(rota_staff_queue_resolve(&q, "billing", NULL, &o, NULL, "f.csv", 9, 27, &e) == -1,
	   "no target fails");
	rota_staff_queue_free(&q);
	ok(strstr(e.msg, "has no sl") && strstr(e.fix, "{sl} or {asa}"), "no target: %s", e.msg);
	o.model = ROTA_STAFF_ERLANG_A;
	o.sl = 0.8;
	o.sl_time = 20;
	ok(rota_staff_queue_resolve(&q, "billing", NULL, &o, NULL, "f.csv", 9, 27, &e) == -1 &&
	   strstr(e.msg, "has no patience") != NULL, "Erlang A without patience: %s", e.msg);
	rota_staff_queue_free(&q);

	/* An unreachable target in the config points at the config. */
	rota_staff_opts_init(&o);
	ok(rota_staff_queue_resolve(&q, "perfect", rota_config_queue(cfg, "perfect"), &o, "q.yaml",
	                            "f.csv", 9, 27, &e) == -1, "SL 100%% fails");
	rota_staff_queue_free(&q);
	ok(strcmp(e.file, "q.yaml") == 0 && e.line == 7 && strstr(e.msg, "100%") != NULL,
	   "...at q.yaml:%ld: %s", e.line, e.msg);
	o.shrinkage = 1;
	o.aht = 10;
	o.sl = 0.5;
	o.sl_time = 1;
	ok(rota_staff_queue_resolve(&q, "x", NULL, &o, NULL, NULL, 0, 0, &e) == -1 &&
	   strstr(e.msg, "shrinkage") != NULL, "shrinkage 1 fails: %s", e.msg);
	rota_staff_queue_free(&q);
}

static void
test_parse(void)
{
	double v;
	int64_t t;
	rota_error e;
	ok(rota_parse_service_level("80/20s", &v, &t, &e) == 0 && v == 0.8 && t == 20, "80/20s");
	ok(rota_parse_service_level("87.5%/1m", &v, &t, &e) == 0 && v == 0.875 && t == 60, "87.5%%/1m");
	ok(rota_parse_service_level("100/0s", &v, &t, &e) == 0 && v == 1 && t == 0,
	   "100/0s parses (it is refused later, as unreachable)");
	ok(rota_parse_service_level("80", &v, &t, &e) == -1 && e.col == 3 &&
	   strstr(e.msg, "PERCENT/DURATION") != NULL, "no slash: %s", e.msg);
	ok(rota_parse_service_level("0/20s", &v, &t, &e) == -1 && e.col == 1, "0%% refused");
	ok(rota_parse_service_level("101/20s", &v, &t, &e) == -1, "101%% refused");
	ok(rota_parse_service_level("1e-323/20s", &v, &t, &e) == -1 && e.col == 1,
	   "a percentage whose share underflows to 0 is refused (fuzz-staff found it)");
	ok(rota_parse_service_level("nan/20s", &v, &t, &e) == -1, "nan refused");
	ok(rota_parse_service_level("80%%/20s", &v, &t, &e) == -1, "80%%%% refused");
	ok(rota_parse_service_level("80/20x", &v, &t, &e) == -1 && e.col >= 4 &&
	   strstr(e.msg, "bad threshold") != NULL, "bad threshold at col %ld: %s", e.col, e.msg);
	ok(rota_parse_share("0.85", &v) == 0 && v == 0.85, "0.85");
	ok(rota_parse_share("85%", &v) == 0 && v == 0.85, "85%%");
	ok(rota_parse_share("1e-1", &v) == 0 && v == 0.1, "1e-1");
	ok(rota_parse_share("inf", &v) == -1 && rota_parse_share("0x1", &v) == -1 &&
	   rota_parse_share(" 1", &v) == -1 && rota_parse_share("1 ", &v) == -1 &&
	   rota_parse_share("", &v) == -1 && rota_parse_share("5%%", &v) == -1,
	   "inf, hex, blanks, empty, %%%% refused");
}

static rota_staff_queue
voice(double aht, double sl, double t, int conc, double shrink)
{
	rota_staff_queue q = { 0 };
	q.model = ROTA_STAFF_ERLANG_C;
	q.aht = aht;
	q.target = (rota_erlang_target)ROTA_ERLANG_TARGET_NONE;
	q.target.sl = sl;
	q.target.sl_time = t;
	q.concurrency = conc;
	q.shrinkage = shrink;
	return q;
}

static void
test_interval(void)
{
	rota_error e;
	rota_staff_queue q = voice(180, 0.8, 20, 1, 0.3);
	rota_staff_row r = { .volume = 100 };
	ok(rota_staff_interval(&q, 1800, &r, &e) == 0, "100 calls in 30 minutes");
	is_int(r.agents, 14, "agents");
	is_int(r.required, 20, "required = 14 / (1 - 0.3) = 20 exactly, not 21");

	r.volume = 0;
	ok(rota_staff_interval(&q, 1800, &r, &e) == 0 && r.agents == 0 && r.required == 0 &&
	   r.service_level == 1, "no volume: no agents");

	/* Chat: N slots per agent; the answer is the fewest agents whose slots meet the
	 * target, checked against a direct search over agents. */
	int bad = 0;
	for (int conc = 1; conc <= 4; conc++)
		for (double vol = 1; vol < 400; vol *= 1.7) {
			rota_staff_queue c = voice(420, 0.8, 60, conc, 0);
			rota_staff_row cr = { .volume = vol };
			rota_staff_interval(&c, 1800, &cr, &e);
			double a = vol * 420 / 1800;
			long m = 0;
			rota_erlang_perf p;
			do {
				m++;
				rota_erlang_c_perf(a, m * conc, 420, 60, &p);
			} while (p.service_level < 0.8);
			if (cr.agents != m || fabs(cr.service_level - p.service_level) > 1e-12) {
				bad++;
				printf("# conc %d vol %g: %ld agents, want %ld\n", conc, vol, cr.agents, m);
			}
		}
	is_int(bad, 0, "chat: fewest agents whose slots meet the target");
	rota_staff_queue c = voice(420, 0.8, 60, 3, 0);
	rota_staff_row cr = { .volume = 40 };
	rota_staff_interval(&c, 1800, &cr, &e);
	near(cr.occupancy, 40.0 * 420 / 1800 / (cr.agents * 3), 1e-12, "chat occupancy is per slot");

	/* Without shrinkage the heads are the agents, however many: the rounding slack
	 * must not take one off 1e9. */
	rota_staff_queue oq = voice(180, 0.8, 20, 1, 0);
	oq.target.max_occupancy = 1e-8;
	rota_staff_row orow = { .volume = 100 };
	ok(rota_staff_interval(&oq, 1800, &orow, &e) == 0 && orow.agents == 1000000000L &&
	   orow.required == orow.agents, "occupancy 1e-8 at 10 Erlangs: 1e9 agents, 1e9 heads "
	   "(%ld, %ld)", orow.agents, orow.required);

	/* A shrinkage a hair below 1 must not overflow the head count into a negative. */
	rota_staff_queue sq = voice(180, 0.8, 20, 1, 0.9999999999999999);
	rota_staff_row sr = { .volume = 1e9 };
	ok(rota_staff_interval(&sq, 1800, &sr, &e) == -1 && e.status == 2 &&
	   strstr(e.msg, "heads") != NULL, "shrinkage 1 - 1e-16 at 1e8 Erlangs: %s", e.msg);
	sq.shrinkage = 0.99;
	sr.volume = 100;
	ok(rota_staff_interval(&sq, 1800, &sr, &e) == 0 && sr.required == 1400,
	   "shrinkage 0.99: 14 agents need 1400 heads (%ld)", sr.required);
}

static void
test_deferred(void)
{
	rota_error e;
	rota_staff_queue q = { 0 };
	q.model = ROTA_STAFF_DEFERRED;
	q.aht = 600;
	q.respond_within = 7200;
	q.concurrency = 1;
	q.target = (rota_erlang_target)ROTA_ERLANG_TARGET_NONE;
	static const double vol[] = { 30, 10, 0, 0, 50, 0 };
	static const long want[] = { 3, 3, 3, 3, 5, 5 };
	rota_staff_row rows[6];
	memset(rows, 0, sizeof rows);
	for (int i = 0; i < 6; i++) {
		rows[i].start = 1000000 + i * 1800;
		rows[i].volume = vol[i];
	}
	ok(rota_staff_deferred(&q, 1800, rows, 6, &e) == 0, "deferred run");
	int agents_ok = 1, sl_ok = 1;
	for (int i = 0; i < 6; i++) {
		agents_ok &= rows[i].agents == want[i];
		sl_ok &= rows[i].service_level == 1;
	}
	ok(agents_ok, "agents 3,3,3,3,5,5 (by hand: 18000 s of work due in 2 h needs 2.5)");
	ok(sl_ok, "every item answered within 2 h");
	/* The first 30 e-mails are worked in [0, 6000 s): 5400 s of work in each of the first
	 * three intervals and 1800 s in the fourth, a mean completion of 3000 s. */
	near(rows[0].asa, 3000, 1e-6, "mean answer time of the first interval's work");
	near(rows[0].backlog, 21, 1e-9, "backlog after the first interval: 21 e-mails");
	near(rows[0].occupancy, 1, 1e-12, "busy all the first interval");

	/* Random volumes: deadlines always met, no work lost, and each level minimal: one agent
	 * fewer would miss a known deadline at that steady level. */
	uint64_t rng = 88172645463325252ULL;
	int bad = 0;
	for (int run = 0; run < 50; run++) {
		enum { N = 96 };
		rota_staff_row rr[N];
		memset(rr, 0, sizeof rr);
		q.respond_within = 900 * (double)(1 + run % 12);
		q.aht = 60 + 30 * (run % 9);
		double total = 0;
		for (int i = 0; i < N; i++) {
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			rr[i].start = i * 1800;
			rr[i].volume = (double)(rng % 1000) / 10 * (i % 7 == 3 ? 0 : 1);
			total += rr[i].volume;
		}
		rota_staff_deferred(&q, 1800, rr, N, &e);
		double done = 0;
		for (int i = 0; i < N; i++) {
			if (rr[i].service_level < 1 - 1e-9)
				bad++;
			done += rr[i].occupancy * (double)rr[i].agents * 1800;
		}
		done += rr[N - 1].backlog * q.aht;
		if (fabs(done - total * q.aht) > 1e-6 * total * q.aht)
			bad++;
	}
	is_int(bad, 0, "50 random runs: every deadline met, work conserved");

	/* respond_within shorter than the interval: the work must be done in that window. */
	rota_staff_row one = { .volume = 10 };
	q.aht = 600;
	q.respond_within = 900;
	rota_staff_deferred(&q, 1800, &one, 1, &e);
	is_int(one.agents, 7, "10 x 600 s within 15 min needs 6.67 -> 7 agents");
	ok(one.service_level == 1 && one.backlog == 0, "...done within the interval");

	/* The head count is checked as for voice; the message names the queue and the row. */
	rota_staff_row big = { .volume = 1e9, .line = 7, .col = 30 };
	q.name = (char *)"email";
	q.shrinkage = 0.9999999999999999;
	ok(rota_staff_deferred(&q, 1800, &big, 1, &e) == -1 && e.line == 7 && e.col == 30 &&
	   strncmp(e.msg, "queue 'email': ", 15) == 0 && strstr(e.msg, "heads") != NULL,
	   "deferred head count overflow: %ld:%ld: %s", e.line, e.col, e.msg);
}

static int
read_str(const char *csv, const char *col, rota_staff_input *in, rota_error *e)
{
	rota_csv *c = rota_csv_open_mem(csv, strlen(csv), "f.csv");
	int r = rota_staff_read(c, col, rota_tz_utc(), 0, in, e);
	rota_csv_close(c);
	return r;
}

#define READ_FAILS(csv, line_, col_, frag) do { rota_staff_input in_; rota_error e_; \
	ok(read_str(csv, NULL, &in_, &e_) == -1, "rejects %s", #csv); \
	ok(e_.line == (line_) && e_.col == (col_) && strstr(e_.msg, frag) != NULL, \
	   "... at %ld:%ld: %s", e_.line, e_.col, e_.msg); \
	rota_staff_input_free(&in_); } while (0)

static void
test_read(void)
{
	rota_staff_input in;
	rota_error e;
	const char *f =
		"\xEF\xBB\xBFinterval_start,queue,channel,customer_tz,forecast,lo80,hi80\r\n"
		"2026-03-02T08:00:00+01:00,support,voice,Europe/Berlin,40,30,50\r\n"
		"2026-03-02T08:00:00+01:00,support,voice,America/New_York,10.5,5,12\r\n"
		"\r\n"
		"2026-03-02T07:00:00Z,chat,chat,,3,2,4\r\n"
		"2026-03-02T07:30:00Z,support,voice,Europe/Berlin,1e1,1,20\r\n";
	ok(read_str(f, NULL, &in, &e) == 0, "forecast CSV reads: %s", e.msg);
	is_int(in.nrows, 3, "two zones of one interval add up");
	is_int(in.nqueues, 2, "two queues");
	ok(strcmp(in.queues[0], "support") == 0 && in.rows[0].volume == 50.5,
	   "support 08:00+01:00 = 40 + 10.5");
	ok(in.rows[1].queue == 1 && in.rows[1].start == in.rows[0].start, "chat at the same instant");
	is_int(rota_staff_guess_interval(&in), 1800, "interval guessed as 30 minutes");
	is_str(in.volume_column, "forecast", "forecast is the default column");
	rota_staff_input_free(&in);

	ok(read_str(f, "hi80", &in, &e) == 0 && in.rows[0].volume == 62, "--quantile hi80 reads hi80");
	rota_staff_input_free(&in);
	ok(read_str("interval_start,volume\n2026-01-01 00:00,5\n", NULL, &in, &e) == 0 &&
	   in.nrows == 1 && in.rows[0].volume == 5 && in.queues[0][0] == '\0',
	   "a minimal interval_start,volume file, naive time");
	is_int(rota_staff_guess_interval(&in), 0, "one interval: no guess");
	rota_staff_input_free(&in);

	/* An underflowing volume is a tiny volume, not a malformed one (1e400 still is). */
	ok(read_str("interval_start,forecast\n2026-01-01T00:00:00Z,1e-320\n", NULL, &in, &e) == 0 &&
	   in.nrows == 1 && in.rows[0].volume >= 0 && in.rows[0].volume < 1e-300,
	   "1e-320 reads as a tiny volume: %s", e.msg);
	rota_staff_input_free(&in);
	double tiny = -1;
	ok(rota_parse_share("1e-320", &tiny) == 0 && tiny >= 0 && tiny < 1e-300,
	   "a share of 1e-320 is a tiny share");
	ok(rota_parse_share("1e400", &tiny) == -1, "a share of 1e400 overflows");

	READ_FAILS("", 1, 0, "empty input");
	READ_FAILS("time,queue,forecast\n", 1, 0, "no 'interval_start'");
	READ_FAILS("interval_start,queue,calls\n", 1, 0, "no 'forecast' or 'volume'");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s,-1\n", 2, 24, "bad forecast '-1'");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s,nan\n", 2, 24, "bad forecast");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s,1e400\n", 2, 24, "bad forecast");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s,0x10\n", 2, 24, "bad forecast");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s,\n", 2, 24, "bad forecast ''");
	READ_FAILS("interval_start,queue,forecast\n2026-03-02T08:00:00Z,s\n", 2, 0, "row has 2 fields");
	READ_FAILS("queue,interval_start,forecast\ns,2026-13-02T08:00:00Z,1\n", 2, 8, "bad interval_start");
	READ_FAILS("interval_start,forecast\n2026-03-02T08:00:00Z,1\n2026-03-02 25:00,1\n", 3, 12,
	           "bad interval_start '2026-03-02 25:00'");
	ok(read_str("interval_start,forecast\n1,2\n", "nope", &in, &e) == -1 &&
	   strstr(e.msg, "no column 'nope'") != NULL, "--quantile of a missing column: %s", e.msg);
	rota_staff_input_free(&in);
}

static void
test_run(const rota_config *cfg)
{
	rota_staff_input in;
	rota_error e;
	rota_staff_opts o;
	rota_staff_opts_init(&o);

	/* Deferred gaps are filled: the backlog is worked in the missing intervals. */
	const char *f = "interval_start,queue,forecast\n"
	                "2026-03-02T08:00:00Z,email,30\n"
	                "2026-03-02T08:00:00Z,support,100\n"
	                "2026-03-02T08:30:00Z,support,100\n"
	                "2026-03-02T09:30:00Z,email,0\n";
	ok(read_str(f, NULL, &in, &e) == 0, "read");
	ok(rota_staff_run(&in, cfg, &o, 0, "f.csv", &e) == 0, "run: %s", e.msg);
	is_int(in.nrows, 6, "two email gap intervals added");
	int order = 1;
	char agents[16] = "";
	for (size_t i = 1; i < in.nrows; i++)
		order &= in.rows[i - 1].start <= in.rows[i].start;
	for (size_t i = 0; i < in.nrows; i++)
		if (strcmp(in.queues[in.rows[i].queue], "email") == 0 && strlen(agents) < 8)
			agents[strlen(agents)] = (char)('0' + in.rows[i].agents);
	ok(order, "rows in time order");
	/* 18000 s due at 10:00: 3 agents (2.5 needed), then 12600 s in 5400 s (2.33), then
	 * 7200 s in 3600 s (2), then 3600 s in 1800 s (2). */
	is_str(agents, "3322", "email works its backlog through the gap");
	ok(in.rows[0].agents == 3 && in.rows[1].agents == 14 && in.rows[1].required == 20,
	   "support 14 agents, 20 required");
	rota_staff_input_free(&in);

	/* A queue that is in the input but not in the config: at its first row's queue cell. */
	f = "interval_start,queue,forecast\n"
	    "2026-03-02T08:00:00Z,support,1\n"
	    "2026-03-02T08:30:00Z,billing,1\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 0, "f.csv", &e) == -1,
	   "unknown queue fails");
	ok(e.line == 3 && e.col == 22 && strstr(e.msg, "'billing'") != NULL,
	   "... at f.csv:%ld:%ld: %s", e.line, e.col, e.msg);
	rota_staff_input_free(&in);

	/* One interval per queue and no --interval. */
	f = "interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,1\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 0, "f.csv", &e) == -1 &&
	   strcmp(e.hint, "interval") == 0, "no interval: %s", e.msg);
	ok(rota_staff_run(&in, cfg, &o, 3600, "f.csv", &e) == 0 && in.rows[0].agents == 1,
	   "with --interval 1h");
	rota_staff_input_free(&in);

	/* A load beyond the limit is an error at the row, not a hang. */
	f = "interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,1e12\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 1800, "f.csv", &e) == -1,
	   "huge load fails");
	ok(e.line == 2 && e.col == 30 && strstr(e.msg, "offered load") != NULL, "... %ld:%ld: %s",
	   e.line, e.col, e.msg);
	rota_staff_input_free(&in);

	/* Rows closer together than the interval overlap: 30-minute rows staffed as hours
	 * would need half the agents.  An error at the second row, naming both spacings. */
	f = "interval_start,queue,forecast\n2026-03-02T08:00:00Z,support,100\n"
	    "2026-03-02T08:30:00Z,support,100\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 3600, "f.csv", &e) == -1,
	   "30-minute rows with a 1-hour interval fail");
	ok(e.status == 2 && e.line == 3 && e.col == 30 && strcmp(e.file, "f.csv") == 0 &&
	   strstr(e.msg, "starts 30m after") != NULL && strstr(e.fix, "{interval} 30m") != NULL,
	   "... at %s:%ld:%ld: %s", e.file, e.line, e.col, e.msg);
	ok(rota_staff_run(&in, cfg, &o, 1800, "f.csv", &e) == 0 && in.rows[1].agents == 14,
	   "... and pass with the rows' own spacing");
	rota_staff_input_free(&in);
	/* Local days around a DST change are 23 hours: a daily interval allows that. */
	f = "interval_start,queue,forecast\n2026-03-28T00:00:00+01:00,support,100\n"
	    "2026-03-29T00:00:00+01:00,support,100\n2026-03-30T00:00:00+02:00,support,100\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 86400, "f.csv", &e) == 0,
	   "daily rows across spring-forward with --interval 1d: %s", e.msg);
	rota_staff_input_free(&in);

	/* Deferred rows off the grid. */
	f = "interval_start,queue,forecast\n2026-03-02T08:00:00Z,email,1\n"
	    "2026-03-02T08:45:00Z,email,1\n";
	ok(read_str(f, NULL, &in, &e) == 0 && rota_staff_run(&in, cfg, &o, 1800, "f.csv", &e) == -1 &&
	   e.line == 3 && strstr(e.msg, "whole number") != NULL, "off the grid: %s", e.msg);
	rota_staff_input_free(&in);
}

int
main(void)
{
	rota_config *cfg = config();
	ok(cfg != NULL, "test config loads");
	if (cfg == NULL)
		return tap_done();
	test_resolve(cfg);
	test_parse();
	test_interval();
	test_deferred();
	test_read();
	test_run(cfg);
	rota_config_free(cfg);
	rota_tz_cache_free();
	return tap_done();
}
