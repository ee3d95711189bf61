/* Property test: every clock row of the SLA/OLA engine against a brute-force reference.
 *
 * Random ticket histories (status changes with pause and stop statuses, replies, notes,
 * customer messages, resolutions, reopenings with and without a reopened event, priority
 * and team changes, several events in one minute), minute-granular, over weeks that
 * span the DST changes of Berlin and New York and holidays, under random policies
 * (targets, start and stop events, stop and pause statuses, warn levels, on_reopen,
 * calendars; sla policies chosen by priority, ola per team, stints each or sum).
 *
 * The reference knows nothing of sla.c's interval arithmetic nor of calendar.c's: it
 * steps through the history a minute at a time, applies the events of that minute, and
 * decides for each clock whether it runs during that minute (open cycle, status not a
 * pause status, ola: the ticket with the team, and the calendar open at that minute as
 * rota_calendar_is_open says -- its ranges and the zones' changes are whole minutes, so
 * openness is constant within a minute).  A level is reached inside the minute that
 * takes the elapsed time over it; a due still to come is found by counting open minutes
 * forward from a table of the same per-minute openness.
 *
 *   ROTA_SLA_PROPERTY_CASES   histories (default 20000)
 *   ROTA_SLA_PROPERTY_SEED    random seed (default fixed, so a failure can be replayed) */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/sla.h>
#include "tap.h"

static const char CALENDARS[] =
	"calendars:\n"
	"  office:\n"
	"    tz: Europe/Berlin\n"
	"    hours: { mon-fri: \"08:00-12:00,13:00-18:00\", sat: \"10:00-14:00\" }\n"
	"    holidays: [ 2026-04-03, 2026-04-06, 2026-05-01, 2026-10-26, 2026-12-24, 2026-12-25 ]\n"
	"  night:\n"
	"    tz: Europe/Berlin\n"
	"    hours: { mon-sun: \"00:00-03:30,22:15-24:00\" }\n"
	"    holidays: [ 2026-03-30 ]\n"
	"  ny:\n"
	"    tz: America/New_York\n"
	"    hours: { mon-fri: \"09:00-17:00\", sun: \"01:00-03:00\" }\n"
	"    holidays: [ 2026-07-03, 2026-11-26 ]\n";
#define NCAL 4                 /* 0: around the clock, then the three above */
static const char *const calname[NCAL] = { NULL, "office", "night", "ny" };

static const char *const STATUS[] = {
	"New", "Open", "In Progress", "Pending", "Awaiting User Info", "Resolved", "Closed"
};
#define NSTATUS 7
static const char *const TEAM[] = { "", "A", "B", "C", "D" };
#define NTEAM 5
static const char *const PRIO[] = { "P1", "P2", "P3" };

static rota_calendar *cal[NCAL];

static rota_calendar *
lookup(void *ctx, const char *name)
{
	(void)ctx;
	for (int i = 1; i < NCAL; i++)
		if (strcmp(calname[i], name) == 0)
			return cal[i];
	return NULL;
}

/* ---- random numbers ---- */

static uint64_t rng_state;

static uint64_t
rnd(void)   /* splitmix64 */
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* lo .. hi inclusive */
static int64_t
rnd_in(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static int
chance(int percent)
{
	return (int)(rnd() % 100) < percent;
}

/* ---- per-minute openness, the reference's only view of the calendars ---- */

static rota_time W0;            /* the table's first minute */
static size_t NMIN;             /* minutes in the table */
static unsigned char *open_at[NCAL];
static int32_t *cum[NCAL];      /* cum[c][i]: open minutes among the first i */

static rota_time
parse(const char *s)
{
	rota_time t;
	rota_error e = { 0 };
	if (rota_time_parse(s, NULL, 0, &t, &e) < 0)
		abort();
	return t;
}

static void
tables(void)
{
	W0 = parse("2026-01-20T00:00:00Z");
	NMIN = (size_t)(parse("2027-04-01T00:00:00Z") - W0) / 60;
	for (int c = 0; c < NCAL; c++) {
		open_at[c] = malloc(NMIN);
		cum[c] = malloc((NMIN + 1) * sizeof *cum[c]);
		cum[c][0] = 0;
		for (size_t i = 0; i < NMIN; i++) {
			open_at[c][i] = c == 0 ? 1 : (unsigned char)rota_calendar_is_open(cal[c],
			                                                  W0 + (rota_time)i * 60);
			cum[c][i + 1] = cum[c][i] + open_at[c][i];
		}
	}
}

static size_t
minute(rota_time t)
{
	if (t < W0 || (t - W0) % 60 != 0 || (size_t)((t - W0) / 60) >= NMIN) {
		fprintf(stderr, "instant outside the minute table\n");
		abort();
	}
	return (size_t)((t - W0) / 60);
}

/* The earliest instant at which s > 0 business seconds have passed since ref. */
static rota_time
forward(int c, rota_time ref, int64_t s)
{
	size_t r = minute(ref);
	int64_t k = (s + 59) / 60;
	size_t lo = r + 1, hi = NMIN;           /* smallest q with cum[q] - cum[r] >= k */
	if (cum[c][NMIN] - cum[c][r] < k) {
		fprintf(stderr, "due outside the minute table\n");
		abort();
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cum[c][mid] - cum[c][r] >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return W0 + (rota_time)(lo - 1) * 60 + (s - (k - 1) * 60);
}

/* ---- random policies ---- */

#define MAXM 3
#define MAXW 3
#define MAXP 3

struct gmetric {
	int start;
	unsigned stop;
	unsigned stop_st, pause_st;    /* masks over STATUS */
	int pct[MAXW], npct;
	int on_reopen;
	int64_t target;
	/* the struct the engine is given */
	char *stop_list[NSTATUS], *pause_list[NSTATUS];
	double warn[MAXW];
};

struct gpolicy {
	int cal;
	unsigned prio;                 /* mask over PRIO; 0: any */
	unsigned teams;                /* ola: mask over TEAM */
	struct gmetric m[MAXM];
	int nm;
	rota_metric_def defs[MAXM];
	rota_match match[2];
	char *prio_vals[3], *team_vals[NTEAM];
	char name[8];
};

static struct gpolicy gsla[MAXP], gola[MAXP];
static int nsla, nola;
static rota_policy psla[MAXP], pola[MAXP];

static void
gen_metric(struct gmetric *m, int ola)
{
	memset(m, 0, sizeof *m);
	static const int starts[] = {
		ROTA_EVENT_CREATED, ROTA_EVENT_CREATED, ROTA_EVENT_CREATED, ROTA_EVENT_MESSAGE, ROTA_EVENT_MESSAGE,
		ROTA_EVENT_REPLY, ROTA_EVENT_ASSIGN, ROTA_EVENT_REOPENED, ROTA_EVENT_NOTE
	};
	m->start = ola && chance(70) ? ROTA_EVENT_ASSIGN : starts[rnd() % 9];
	for (int ev = 0; ev < ROTA_EVENT_NKINDS; ev++) {
		int p = ev == ROTA_EVENT_RESOLVED || ev == ROTA_EVENT_CLOSED ? 50 :
			ev == ROTA_EVENT_REPLY ? 40 : ev == ROTA_EVENT_UNASSIGN ? (ola ? 60 : 15) : 10;
		if (ev == m->start)
			p = 10;            /* a periodic update: the event both stops and starts */
		if (chance(p))
			m->stop |= 1u << ev;
	}
	for (int s = 3; s <= 6; s++)
		if (chance(s >= 5 ? 45 : 15))
			m->stop_st |= 1u << s;
	for (int s = 2; s <= 5; s++)
		if (!(m->stop_st & 1u << s) && chance(s == 3 || s == 4 ? 50 : 10))
			m->pause_st |= 1u << s;
	static const int pcts[] = { 10, 25, 33, 50, 67, 75, 90, 99 };
	int from = 0;
	m->npct = (int)rnd_in(0, MAXW);
	for (int i = 0; i < m->npct; i++) {
		from = (int)rnd_in(from, 8 - (m->npct - i));
		m->pct[i] = pcts[from++];
	}
	m->on_reopen = chance(50) ? ROTA_REOPEN_RESUME : ROTA_REOPEN_RESTART;
	m->target = rnd_in(1, chance(50) ? 8 * 60 : 48 * 60) * 60;
	if (chance(25))
		m->target += rnd_in(1, 59);
}

static void
build_policy(struct gpolicy *g, rota_policy *p, int kind, int idx)
{
	memset(p, 0, sizeof *p);
	memset(g->match, 0, sizeof g->match);
	snprintf(g->name, sizeof g->name, "%c%d", kind == ROTA_POLICY_SLA ? 's' : 'o', idx);
	p->name = g->name;
	p->kind = kind;
	p->calendar = (char *)calname[g->cal];
	p->match = g->match;
	if (kind == ROTA_POLICY_OLA) {
		rota_match *mt = &g->match[p->nmatch++];
		mt->attr = "team";
		mt->values = g->team_vals;
		for (int t = 1; t < NTEAM; t++)
			if (g->teams & 1u << t)
				g->team_vals[mt->nvalues++] = (char *)TEAM[t];
	}
	if (g->prio) {
		rota_match *mt = &g->match[p->nmatch++];
		mt->attr = "priority";
		mt->values = g->prio_vals;
		for (int i = 0; i < 3; i++)
			if (g->prio & 1u << i)
				g->prio_vals[mt->nvalues++] = (char *)PRIO[i];
	}
	p->metrics = g->defs;
	p->nmetrics = (size_t)g->nm;
	for (int j = 0; j < g->nm; j++) {
		struct gmetric *m = &g->m[j];
		rota_metric_def *d = &g->defs[j];
		memset(d, 0, sizeof *d);
		d->name = j == 0 ? "m0" : j == 1 ? "m1" : "m2";
		d->target = m->target;
		d->start = m->start;
		d->stop = m->stop;
		d->stop_status = m->stop_list;
		d->pause_status = m->pause_list;
		for (int s = 0; s < NSTATUS; s++) {
			if (m->stop_st & 1u << s)
				m->stop_list[d->nstop_status++] = (char *)STATUS[s];
			if (m->pause_st & 1u << s)
				m->pause_list[d->npause_status++] = (char *)STATUS[s];
		}
		d->warn = m->warn;
		d->nwarn = (size_t)m->npct;
		for (int w = 0; w < m->npct; w++)
			m->warn[w] = m->pct[w] / 100.0;
		d->on_reopen = m->on_reopen;
	}
}

static void
gen_policies(void)
{
	nsla = (int)rnd_in(0, MAXP);
	if (nsla == 0 && chance(80))
		nsla = 1;
	for (int i = 0; i < nsla; i++) {
		struct gpolicy *g = &gsla[i];
		g->cal = (int)rnd_in(0, NCAL - 1);
		g->prio = i + 1 == nsla && chance(60) ? 0 : (unsigned)rnd_in(1, 7);
		g->teams = 0;
		g->nm = (int)rnd_in(1, MAXM);
		for (int j = 0; j < g->nm; j++)
			gen_metric(&g->m[j], 0);
		build_policy(g, &psla[i], ROTA_POLICY_SLA, i);
	}
	nola = (int)rnd_in(0, 2);
	for (int i = 0; i < nola; i++) {
		struct gpolicy *g = &gola[i];
		g->cal = (int)rnd_in(0, NCAL - 1);
		g->prio = chance(30) ? (unsigned)rnd_in(1, 7) : 0;
		g->teams = (unsigned)rnd_in(1, 15) << 1;
		g->nm = (int)rnd_in(1, 2);
		for (int j = 0; j < g->nm; j++)
			gen_metric(&g->m[j], 1);
		build_policy(g, &pola[i], ROTA_POLICY_OLA, i);
	}
}

/* ---- random histories ---- */

#define MAXEV 48
static rota_event hev[MAXEV];
static size_t nhev;
static rota_time hat;

static rota_time
gen_start(void)
{
	static const char *const near[] = {
		"2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z",      /* Berlin */
		"2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z",      /* New York */
		"2026-04-03T12:00:00Z", "2026-05-01T12:00:00Z", "2026-12-24T12:00:00Z",
	};
	rota_time t;
	if (chance(65))
		t = parse(near[rnd() % 7]) - rnd_in(0, 12 * 1440) * 60;
	else
		t = parse("2026-02-01T00:00:00Z") + rnd_in(0, 290 * 1440) * 60;
	return t - t % 60;
}

static void
gen_history(void)
{
	const char *st[ROTA_NFIELDS];
	for (int f = 0; f < ROTA_NFIELDS; f++)
		st[f] = "";
	st[ROTA_F_STATUS] = STATUS[chance(50) ? 0 : 1];
	st[ROTA_F_TEAM] = TEAM[rnd() % NTEAM];
	st[ROTA_F_PRIORITY] = PRIO[rnd() % 3];
	rota_time t = gen_start();
	size_t n = (size_t)rnd_in(1, chance(20) ? MAXEV : 16);
	nhev = 0;
	for (size_t i = 0; i < n; i++) {
		int kind = ROTA_EVENT_CREATED;
		if (i > 0) {
			int g = (int)rnd_in(0, 99);
			t += 60 * (g < 12 ? 0 : g < 45 ? rnd_in(1, 59) : g < 80 ? rnd_in(60, 8 * 60) :
			           rnd_in(8 * 60, 72 * 60));
			static const int kinds[] = {
				ROTA_EVENT_REPLY, ROTA_EVENT_REPLY, ROTA_EVENT_NOTE, ROTA_EVENT_STATUS,
				ROTA_EVENT_STATUS, ROTA_EVENT_STATUS, ROTA_EVENT_ASSIGN, ROTA_EVENT_ASSIGN,
				ROTA_EVENT_PRIORITY, ROTA_EVENT_RESOLVED, ROTA_EVENT_CLOSED,
				ROTA_EVENT_REOPENED, ROTA_EVENT_MESSAGE, ROTA_EVENT_MESSAGE
			};
			kind = kinds[rnd() % 14];
			switch (kind) {
			case ROTA_EVENT_STATUS:
				st[ROTA_F_STATUS] = STATUS[rnd() % NSTATUS];
				break;
			case ROTA_EVENT_ASSIGN:
				st[ROTA_F_TEAM] = TEAM[rnd() % NTEAM];
				break;
			case ROTA_EVENT_PRIORITY:
				st[ROTA_F_PRIORITY] = PRIO[rnd() % 3];
				break;
			case ROTA_EVENT_RESOLVED:
				if (chance(85))
					st[ROTA_F_STATUS] = "Resolved";
				break;
			case ROTA_EVENT_CLOSED:
				if (chance(85))
					st[ROTA_F_STATUS] = "Closed";
				break;
			case ROTA_EVENT_REOPENED:
				if (chance(85))
					st[ROTA_F_STATUS] = "Open";
				break;
			default:
				break;
			}
			if (kind != ROTA_EVENT_ASSIGN && chance(8))
				st[ROTA_F_TEAM] = TEAM[rnd() % NTEAM];
		}
		rota_event *e = &hev[nhev++];
		e->ticket = "T";
		e->time = t;
		e->kind = kind;
		e->ord = 0;
		memcpy(e->v, st, sizeof st);
	}
	int g = (int)rnd_in(0, 99);
	if (g < 3)
		hat = hev[0].time - 60 * rnd_in(0, 100);
	else if (g < 25)
		hat = hev[rnd() % nhev].time;
	else if (g < 45)
		hat = t + 60 * rnd_in(0, 5 * 1440);
	else
		hat = hev[0].time + 60 * rnd_in(0, (t - hev[0].time) / 60 + 60);
}

/* ---- the reference ---- */

struct rcyc {
	rota_time start, stop;
	int64_t el;
	int ended;
	rota_time reach[MAXW + 1];
};

static int
has(unsigned mask, const char *status)
{
	for (int s = 0; s < NSTATUS; s++)
		if (mask & 1u << s && strcmp(status, STATUS[s]) == 0)
			return 1;
	return 0;
}

static int
fresh(struct rcyc *cy, int *nc, rota_time M)
{
	struct rcyc *y = &cy[*nc];
	memset(y, 0, sizeof *y);
	y->start = M;
	y->stop = ROTA_SLA_NO_TIME;
	for (int j = 0; j <= MAXW; j++)
		y->reach[j] = ROTA_SLA_NO_TIME;
	return (*nc)++;
}

/* One clock, minute by minute; returns the number of cycles, *paused the pause at `at`. */
static int
ref_clock(const struct gmetric *m, int c, const char *team, int sum, size_t n, rota_time at,
          struct rcyc *cy, int maxc, int *paused)
{
	int64_t thr[MAXW + 1];
	int nlev = m->npct + 1;
	for (int j = 0; j < m->npct; j++)
		thr[j] = (m->pct[j] * m->target + 99) / 100;
	thr[m->npct] = m->target;

	int nc = 0, open = -1;
	const char *status = "", *tm = "";
	size_t i = 0;
	for (rota_time M = hev[0].time;; M += 60) {
		for (; i < n && hev[i].time == M; i++) {
			const rota_event *x = &hev[i];
			const char *nst = x->v[ROTA_F_STATUS], *ntm = x->v[ROTA_F_TEAM];
			int raised[ROTA_EVENT_NKINDS] = { 0 };
			switch (x->kind) {
			case ROTA_EVENT_CREATED: raised[ROTA_EVENT_CREATED] = 1; break;
			case ROTA_EVENT_REPLY: raised[ROTA_EVENT_REPLY] = 1; break;
			case ROTA_EVENT_NOTE: raised[ROTA_EVENT_NOTE] = 1; break;
			case ROTA_EVENT_RESOLVED: raised[ROTA_EVENT_RESOLVED] = 1; break;
			case ROTA_EVENT_CLOSED: raised[ROTA_EVENT_CLOSED] = 1; break;
			case ROTA_EVENT_REOPENED: raised[ROTA_EVENT_REOPENED] = 1; break;
			case ROTA_EVENT_MESSAGE: raised[ROTA_EVENT_MESSAGE] = 1; break;
			default: break;
			}
			int was_with = team && strcmp(tm, team) == 0, is_with = team && strcmp(ntm, team) == 0;
			if (team) {
				raised[ROTA_EVENT_ASSIGN] |= !was_with && is_with;
				raised[ROTA_EVENT_UNASSIGN] |= was_with && !is_with;
			} else if (strcmp(tm, ntm) != 0) {
				raised[ROTA_EVENT_ASSIGN] |= *ntm != '\0';
				raised[ROTA_EVENT_UNASSIGN] |= *ntm == '\0';
			}
			int stopping = has(m->stop_st, nst), leaving = has(m->stop_st, status) && !stopping;
			int stop_ev = 0, end_ev = 0;
			for (int e = 0; e < ROTA_EVENT_NKINDS; e++)
				if (raised[e] && m->stop & 1u << e && !(sum && e == ROTA_EVENT_UNASSIGN)) {
					stop_ev = 1;
					end_ev |= e == ROTA_EVENT_RESOLVED || e == ROTA_EVENT_CLOSED;
				}
			int stint_over = team && !sum && was_with && !is_with;

			if (open < 0 && nc > 0 && cy[nc - 1].ended && m->start != ROTA_EVENT_REOPENED &&
			    !stopping && (raised[ROTA_EVENT_REOPENED] || leaving)) {
				if (m->on_reopen == ROTA_REOPEN_RESUME) {
					open = nc - 1;
					cy[open].stop = ROTA_SLA_NO_TIME;
					cy[open].ended = 0;
				} else if (nc < maxc) {
					open = fresh(cy, &nc, M);
				}
			}
			if (open >= 0 && (stop_ev || stopping || stint_over)) {
				cy[open].stop = M;
				cy[open].ended = end_ev || stopping;
				open = -1;
			}
			if (open < 0 && raised[m->start] && !stopping && nc < maxc) {
				open = fresh(cy, &nc, M);
			}
			status = nst;
			tm = ntm;
		}
		if (M >= at)
			break;
		if (open >= 0 && !has(m->pause_st, status) && (team == NULL || strcmp(tm, team) == 0) &&
		    open_at[c][minute(M)]) {
			struct rcyc *y = &cy[open];
			for (int j = 0; j < nlev; j++)
				if (y->reach[j] == ROTA_SLA_NO_TIME && y->el + 60 >= thr[j])
					y->reach[j] = M + (thr[j] - y->el);
			y->el += 60;
		}
	}
	*paused = has(m->pause_st, status) || (team && strcmp(tm, team) != 0);
	return nc;
}

/* ---- comparing ---- */

static int hist_sum;
static long mismatches, rows_compared, cycles_total, hist_no, states[4];

static void
print_metric(const struct gmetric *m)
{
	fprintf(stderr, "      target %lld start %s stop", (long long)m->target,
	        rota_clock_event_name(m->start));
	for (int e = 0; e < ROTA_EVENT_NKINDS; e++)
		if (m->stop & 1u << e)
			fprintf(stderr, " %s", rota_clock_event_name(e));
	fprintf(stderr, " stop_status");
	for (int t = 0; t < NSTATUS; t++)
		if (m->stop_st & 1u << t)
			fprintf(stderr, " '%s'", STATUS[t]);
	fprintf(stderr, " pause_status");
	for (int t = 0; t < NSTATUS; t++)
		if (m->pause_st & 1u << t)
			fprintf(stderr, " '%s'", STATUS[t]);
	fprintf(stderr, " warn");
	for (int w = 0; w < m->npct; w++)
		fprintf(stderr, " %d%%", m->pct[w]);
	fprintf(stderr, " %s\n", m->on_reopen ? "restart" : "resume");
}

static void
print_case(void)
{
	char b[ROTA_TIME_BUFSZ];
	fprintf(stderr, "history %ld (stints %s):\n", hist_no, hist_sum ? "sum" : "each");
	for (size_t i = 0; i < nhev; i++) {
		rota_time_format_utc(b, sizeof b, hev[i].time);
		fprintf(stderr, "   %s %-8s %-18s team=%s prio=%s\n", b,
		        rota_event_kind_name(hev[i].kind), hev[i].v[ROTA_F_STATUS],
		        hev[i].v[ROTA_F_TEAM], hev[i].v[ROTA_F_PRIORITY]);
	}
	rota_time_format_utc(b, sizeof b, hat);
	fprintf(stderr, "   at %s\n", b);
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < (k ? nola : nsla); i++) {
			const struct gpolicy *g = k ? &gola[i] : &gsla[i];
			fprintf(stderr, "   %s policy %d: calendar %s prio %x teams %x\n", k ? "ola" : "sla",
			        i, calname[g->cal] ? calname[g->cal] : "24/7", g->prio, g->teams);
			for (int j = 0; j < g->nm; j++)
				print_metric(&g->m[j]);
		}
}

static void
report(const char *what, long long got, long long want)
{
	static long shown = -1;
	if (++mismatches > 30)
		return;
	if (shown != hist_no)
		print_case();
	shown = hist_no;
	fprintf(stderr, "  -> %s: engine %lld, reference %lld\n", what, got, want);
}

#define MAXC 128

/* Compare the rows of one clock, starting at rows[*k]. */
static void
compare_clock(const rota_sla_row *rows, size_t nrows, size_t *k, const struct gpolicy *g,
              const rota_policy *p, int j, const char *team, int sum, size_t n, int last_only)
{
	static struct rcyc cy[MAXC];
	int paused;
	const struct gmetric *m = &g->m[j];
	int nc = ref_clock(m, g->cal, team, sum, n, hat, cy, MAXC, &paused);
	cycles_total += nc;
	for (int ci = last_only && nc ? nc - 1 : 0; ci < nc; ci++) {
		const struct rcyc *y = &cy[ci];
		if (*k >= nrows) {
			report("missing row", (long long)*k, ci + 1);
			return;
		}
		const rota_sla_row *r = &rows[(*k)++];
		rows_compared++;
		int open = y->stop == ROTA_SLA_NO_TIME;
		int state = !open ? (y->el <= m->target ? ROTA_SLA_MET : ROTA_SLA_BREACHED) :
			y->el > m->target ? ROTA_SLA_BREACHED : paused ? ROTA_SLA_PAUSED : ROTA_SLA_RUNNING;
		rota_time ref = open ? hat : y->stop;
		rota_time due = y->reach[m->npct] != ROTA_SLA_NO_TIME ? y->reach[m->npct] :
			forward(g->cal, ref, m->target - y->el);
		if (r->policy != p || r->metric != &p->metrics[j])
			report("policy/metric", (long long)(r->policy - p), 0);
		if ((team && (r->kind != ROTA_POLICY_OLA || strcmp(r->team, team) != 0)) ||
		    (!team && r->kind != ROTA_POLICY_SLA))
			report("kind/team", r->kind, team != NULL);
		if (r->cycle != ci + 1)
			report("cycle", r->cycle, ci + 1);
		if (r->last != (ci + 1 == nc))
			report("last", r->last, ci + 1 == nc);
		states[state]++;
		if (r->state != state)
			report("state", r->state, state);
		if (r->elapsed != y->el)
			report("elapsed", r->elapsed, y->el);
		if (r->remaining != m->target - y->el)
			report("remaining", r->remaining, m->target - y->el);
		if (r->start != y->start)
			report("start", r->start, y->start);
		if (r->stop != y->stop)
			report("stop", r->stop, y->stop);
		if (r->due != due)
			report("due", r->due, due);
		int level = 0;
		for (int w = 0; w < m->npct; w++) {
			rota_time at = y->reach[w];
			if (at != ROTA_SLA_NO_TIME)
				level++;
			else
				at = forward(g->cal, ref, (m->pct[w] * m->target + 99) / 100 - y->el);
			if ((size_t)w >= r->nwarn || r->warn_at[w] != at)
				report("warn_at", (size_t)w < r->nwarn ? r->warn_at[w] : -1, at);
		}
		if (r->warn_level != level)
			report("warn level", r->warn_level, level);
	}
}

static int
prio_ok(unsigned mask, const char *prio)
{
	if (mask == 0)
		return 1;
	for (int i = 0; i < 3; i++)
		if (mask & 1u << i && strcmp(prio, PRIO[i]) == 0)
			return 1;
	return 0;
}

static void
one_case(void)
{
	gen_policies();
	gen_history();
	rota_sla_options opt = { chance(50) ? ROTA_SLA_STINTS_SUM : ROTA_SLA_STINTS_EACH,
	                         chance(10) ? ROTA_SLA_LAST_CYCLE : 0 };
	int sum = hist_sum = opt.stints == ROTA_SLA_STINTS_SUM;
	int last_only = opt.flags & ROTA_SLA_LAST_CYCLE;
	rota_error err = { 0 };
	rota_sla_engine *e = rota_sla_engine_new(psla, (size_t)nsla, pola, (size_t)nola, lookup,
	                                         NULL, &opt, &err);
	if (e == NULL) {
		report("engine", 0, 1);
		return;
	}
	if (rota_sla_evaluate(e, hev, nhev, NULL, 0, hat, NULL, NULL, &err) != 0) {
		report(err.msg, 0, 0);
		rota_sla_engine_free(e);
		return;
	}
	size_t nrows, k = 0;
	const rota_sla_row *rows = rota_sla_rows(e, &nrows);

	size_t n = 0;
	while (n < nhev && hev[n].time <= hat)
		n++;
	if (n > 0) {
		const char *prio = hev[n - 1].v[ROTA_F_PRIORITY];
		for (int i = 0; i < nsla; i++)
			if (prio_ok(gsla[i].prio, prio)) {
				for (int j = 0; j < gsla[i].nm; j++)
					compare_clock(rows, nrows, &k, &gsla[i], &psla[i], j, NULL, 0, n,
					              last_only);
				break;
			}
		const char *seen[MAXEV];
		size_t nseen = 0;
		for (size_t i = 0; i < n; i++) {
			const char *t = hev[i].v[ROTA_F_TEAM];
			size_t s;
			for (s = 0; s < nseen && strcmp(seen[s], t) != 0; s++)
				;
			if (*t == '\0' || s < nseen)
				continue;
			seen[nseen++] = t;
			int ti = 0;
			while (strcmp(TEAM[ti], t) != 0)
				ti++;
			for (int o = 0; o < nola; o++)
				if (gola[o].teams & 1u << ti && prio_ok(gola[o].prio, prio)) {
					for (int j = 0; j < gola[o].nm; j++)
						compare_clock(rows, nrows, &k, &gola[o], &pola[o], j, t, sum, n,
						              last_only);
					break;
				}
		}
	}
	if (k != nrows)
		report("rows", (long long)nrows, (long long)k);
	rota_sla_engine_free(e);
}

int
main(void)
{
	rota_error err = { 0 };
	const char *s = getenv("ROTA_SLA_PROPERTY_CASES");
	long cases = s ? atol(s) : 20000;
	s = getenv("ROTA_SLA_PROPERTY_SEED");
	rng_state = s ? strtoull(s, NULL, 0) : 0x5EED5A1A2026ULL;

	rota_config *cfg = rota_config_load_mem(CALENDARS, sizeof CALENDARS - 1, "cal.yaml", &err);
	if (cfg == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (int c = 1; c < NCAL; c++)
		if ((cal[c] = rota_calendar_new(rota_config_calendar(cfg, calname[c]), &err)) == NULL) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
	tables();

	long multi = 0;
	for (hist_no = 0; hist_no < cases; hist_no++) {
		long before = cycles_total;
		one_case();
		multi += cycles_total - before > 1;
	}
	ok(mismatches == 0, "%ld histories, %ld rows (%ld cycles) compared minute by minute: "
	   "%ld mismatches", cases, rows_compared, cycles_total, mismatches);
	printf("# %ld histories with more than one cycle; rows running %ld, paused %ld, met %ld, "
	       "breached %ld\n", multi, states[0], states[1], states[2], states[3]);

	for (int c = 1; c < NCAL; c++)
		rota_calendar_free(cal[c]);
	for (int c = 0; c < NCAL; c++) {
		free(open_at[c]);
		free(cum[c]);
	}
	rota_config_free(cfg);
	rota_tz_cache_free();
	return tap_done();
}
