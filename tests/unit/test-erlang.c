/* Erlang B/C/A against published table values, closed forms, and independent long double
 * references: the classic Erlang B recursion for Erlang C, and the M/M/n+M birth-death
 * chain solved state by state (service level by uniformization) for Erlang A. */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/erlang.h>
#include "tap.h"

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

#define near(got, exp, tol, ...) ok(fabs((double)(got) - (double)(exp)) <= (tol), __VA_ARGS__)

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) * 0x1p-53;
}

/* ---- Erlang C reference: B(k) = a B(k-1) / (k + a B(k-1)) in long double ---- */
struct cref { long n; long double b; };

static void
cref_init(struct cref *r, double a, long n)
{
	r->b = 1;
	for (long k = 1; k <= n; k++)
		r->b = a * r->b / (k + a * r->b);
	r->n = n;
}

static void
cref_step(struct cref *r, double a)
{
	r->n++;
	r->b = a * r->b / (r->n + a * r->b);
}

static void
cref_perf(const struct cref *r, double a, double aht, double t, long double *c,
          long double *sl, long double *asa)
{
	long double rho = a / (long double)r->n;
	*c = r->b / (1 - rho * (1 - r->b));
	*sl = 1 - *c * expl(-((long double)r->n - a) * t / aht);
	*asa = *c * aht / ((long double)r->n - a);
}

static long
cref_staff(double a, double aht, const rota_erlang_target *t, long double *sl_out)
{
	struct cref r;
	long n = (long)floor(a) + 1;
	while (t->max_occupancy < 1 && a / (double)n > t->max_occupancy * (1 + 1e-12))
		n++;
	cref_init(&r, a, n);
	for (;;) {
		long double c, sl, asa;
		cref_perf(&r, a, aht, t->sl_time, &c, &sl, &asa);
		if ((t->sl <= 0 || sl >= t->sl) && (t->asa < 0 || asa <= t->asa)) {
			*sl_out = sl;
			return r.n;
		}
		cref_step(&r, a);
	}
}

static void
test_published(void)
{
	/* Erlang B tables at 1% blocking (any traffic-engineering table): the load that N
	 * circuits carry at 1% grade of service, printed to the table's last digit, so B is
	 * 1% within half a unit of that digit. */
	static const struct { long n; double a, half; } gos[] = {
		{ 1, 0.0101, 0.00005 }, { 2, 0.153, 0.0005 }, { 5, 1.361, 0.0005 },
		{ 10, 4.461, 0.0005 }, { 20, 12.031, 0.0005 }, { 50, 37.901, 0.0005 },
		{ 100, 84.064, 0.0005 },
	};
	for (size_t i = 0; i < sizeof gos / sizeof gos[0]; i++)
		ok(rota_erlang_b(gos[i].a - gos[i].half, gos[i].n) < 0.01 &&
		   rota_erlang_b(gos[i].a + gos[i].half, gos[i].n) > 0.01,
		   "Erlang B table: %ld circuits carry %g Erlangs at 1%%", gos[i].n, gos[i].a);

	/* Closed forms: M/M/1 waits with probability rho; M/M/2 with a^2/(2+a). */
	near(rota_erlang_c(0.7, 1), 0.7, 1e-15, "M/M/1: C = rho");
	near(rota_erlang_c(1.5, 2), 1.5 * 1.5 / 3.5, 1e-15, "M/M/2: C = a^2/(2+a)");
	near(rota_erlang_b(3, 1), 0.75, 1e-15, "B(1) = a/(1+a)");

	/* The Call Centre Helper worked example: 100 calls in 30 minutes, AHT 180 s (10
	 * Erlangs); 11 agents wait with probability 68.21%; 80/20 needs 14 agents, who
	 * answer 88.8% in 20 s with ASA 7.8 s and occupancy 71.4%. */
	rota_erlang_perf p;
	rota_erlang_c_perf(10, 11, 180, 20, &p);
	near(p.pwait, 0.6821, 0.00005, "10 Erlangs, 11 agents: P(wait) 68.21%% (%.6f)", p.pwait);
	rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
	t.sl = 0.8;
	t.sl_time = 20;
	rota_error err;
	ok(rota_erlang_c_staff(10, 180, &t, &p, &err) == 0, "staff 100 calls / 30 min");
	is_int(p.agents, 14, "100 calls / 30 min, AHT 180 s, 80/20: agents");
	near(p.service_level, 0.888, 0.0005, "... service level 88.8%% (%.6f)", p.service_level);
	near(p.asa, 7.8, 0.05, "... ASA 7.8 s (%.4f)", p.asa);
	near(p.occupancy, 0.7143, 0.00005, "... occupancy 71.43%%");
	rota_erlang_c_perf(10, 13, 180, 20, &p);
	ok(p.service_level < 0.8, "13 agents miss 80/20 (%.6f)", p.service_level);
}

static void
test_reference_c(void)
{
	/* P(wait), SL and ASA at fixed n, loads up to 50,000 Erlangs. */
	int bad = 0;
	double worst = 0;
	for (int i = 0; i < 300; i++) {
		double a = exp(log(0.01) + uniform() * (log(50000) - log(0.01)));
		if (i < 5)
			a = 50000 - i * 0.37;
		long n = (long)floor(a) + 1 + (long)(uniform() * 4 * sqrt(a + 1));
		double aht = 30 + uniform() * 870, tt = uniform() * 60;
		struct cref r;
		cref_init(&r, a, n);
		long double c, sl, asa;
		cref_perf(&r, a, aht, tt, &c, &sl, &asa);
		rota_erlang_perf p;
		rota_erlang_c_perf(a, n, aht, tt, &p);
		double e = fmax(fabs(p.pwait - (double)c), fabs(p.service_level - (double)sl));
		e = fmax(e, fabsl(p.asa - asa) / fmaxl(1, asa));
		e = fmax(e, fabsl(rota_erlang_b(a, n) - r.b) / r.b);
		if (e > worst)
			worst = e;
		if (e > 1e-9) {
			bad++;
			diag("a=%.17g n=%ld: C %.17g vs %.17Lg, SL %.17g vs %.17Lg", a, n, p.pwait, c,
			     p.service_level, sl);
		}
	}
	is_int(bad, 0, "300 random loads to 50,000 Erlangs: C, SL, ASA, B within 1e-9");
	/* erlang.h and rota-staff(1) promise 1e-13: hold them to it. */
	ok(worst < 1e-13, "worst deviation from long double %.3g < 1e-13", worst);
	diag("Erlang C vs long double: worst deviation %.3g", worst);

	/* The agent search: exact agents, SL within 1e-9. */
	bad = 0;
	for (int i = 0; i < 200; i++) {
		double a = exp(log(0.01) + uniform() * (log(50000) - log(0.01)));
		if (i < 3)
			a = 50000;
		rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
		t.sl = 0.5 + uniform() * 0.49;
		t.sl_time = uniform() * 60;
		if (i % 3 == 1)
			t.asa = 1 + uniform() * 30;
		if (i % 4 == 2)
			t.max_occupancy = 0.7 + uniform() * 0.3;
		double aht = 30 + uniform() * 870;
		long double rsl;
		long want = cref_staff(a, aht, &t, &rsl);
		rota_erlang_perf p;
		rota_error err;
		if (rota_erlang_c_staff(a, aht, &t, &p, &err) != 0 || p.agents != want ||
		    fabsl(p.service_level - rsl) > 1e-9) {
			bad++;
			diag("a=%.17g aht=%g sl=%g/%g asa=%g occ=%g: got %ld (%.12f), want %ld (%.12Lf)",
			     a, aht, t.sl, t.sl_time, t.asa, t.max_occupancy, p.agents,
			     p.service_level, want, rsl);
		}
	}
	is_int(bad, 0, "200 random staffing problems to 50,000 Erlangs: agents exact");
}

/* ---- Erlang A reference: the M/M/n+M chain, state by state, in long double ---- */
struct aref { long double pwait, sl, asa, abandon, occupancy; };

static void
aref_solve(double a, long n, double aht, double patience, double t, struct aref *o)
{
	long double mu = 1.0L / aht, th = 1.0L / patience, lam = a * mu;
	enum { MAXK = 20000 };
	static long double p[MAXK];
	long K = 0;
	long double sum = 0, q = 0;
	p[0] = 1;
	for (long k = 0; k + 1 < MAXK; k++) {
		sum += p[k];
		if (k > n)
			q += (k - n) * p[k];
		long double death = (k + 1 <= n ? (k + 1) * mu : n * mu + (k + 1 - n) * th);
		p[k + 1] = p[k] * lam / death;
		K = k + 1;
		if (k > n + 10 && p[k + 1] < sum * 1e-24L && p[k + 1] < p[k])
			break;
	}
	long double free = 0;
	for (long k = 0; k < n && k < K; k++)
		free += p[k];
	o->pwait = 1 - free / sum;
	/* abandonment rate theta E[Q] equals lambda P(abandon) */
	o->abandon = th * q / (lam * sum);
	o->occupancy = a * (1 - o->abandon) / n;

	/* A tagged arrival finding i waiting ahead: i -> i-1 at n mu + i theta, served from
	 * 0 at n mu, abandons at theta from anywhere.  v = initial distribution. */
	long J = K - n;
	static long double v[MAXK], w[MAXK], occ[MAXK], ps[MAXK];
	for (long i = 0; i < J; i++)
		v[i] = p[n + i] / sum;
	/* P(eventually served | i ahead), by the stage recursion. */
	for (long i = 0; i < J; i++)
		ps[i] = (n * mu + i * th) / (n * mu + i * th + th) * (i ? ps[i - 1] : 1);
	/* expected time spent in each state (bidiagonal solve of the transient generator) */
	for (long i = J - 1; i >= 0; i--) {
		long double in = v[i] + (i + 1 < J ? occ[i + 1] * (n * mu + (i + 1) * th) : 0);
		occ[i] = in / (n * mu + i * th + th);
	}
	long double served = free / sum, waitmass = 0;
	for (long i = 0; i < J; i++) {
		served += v[i] * ps[i];
		waitmass += occ[i] * ps[i];
	}
	o->asa = waitmass / served;

	/* Served within t, by uniformization. */
	long double L = n * mu + J * th + th, sl = free / sum;
	if (t > 0) {
		long double lt = L * t, wk = expl(-lt), cum = 0, absorbed = 0;
		memcpy(w, v, sizeof(long double) * (size_t)J);
		for (long k = 0; k < 100000; k++) {
			cum += wk;
			/* absorbed into "served" within k+1 jumps, weighted by P(N(t) >= k+1) */
			long double now = w[0] * n * mu / L;
			absorbed += now;
			sl += now * (1 - cum);
			long double left = 0;
			for (long i = 0; i < J; i++) {
				long double stay = 1 - (n * mu + i * th + th) / L;
				long double down = i + 1 < J ? w[i + 1] * (n * mu + (i + 1) * th) / L : 0;
				w[i] = w[i] * stay + down;
				left += w[i];
			}
			/* Stop when the Poisson tail or the mass still waiting is negligible. */
			wk *= lt / (k + 1);
			if ((1 - cum < 1e-22L && k > lt) || left < 1e-22L)
				break;
		}
		(void)absorbed;
	}
	o->sl = sl;
}

static void
test_reference_a(void)
{
	static const double loads[] = { 0.5, 3, 10, 47.3, 150 };
	static const double pat[] = { 0.1, 0.5, 1, 3, 20 };
	static const double thr[] = { 0, 10, 20, 60, 300 };
	int bad = 0, cases = 0;
	double worst = 0;
	for (size_t i = 0; i < 5; i++)
		for (size_t j = 0; j < 5; j++) {
			double a = loads[i], aht = 180, patience = pat[j] * aht;
			long ns[] = { 1, (long)(a * 0.8) + 1, (long)a + 1, (long)(a + 2 * sqrt(a)) + 2 };
			for (size_t k = 0; k < 4; k++) {
				double t = thr[(i + j + k) % 5];
				struct aref r;
				rota_erlang_perf p;
				aref_solve(a, ns[k], aht, patience, t, &r);
				rota_erlang_a_perf(a, ns[k], aht, patience, t, &p);
				double e = fabs(p.pwait - (double)r.pwait);
				e = fmax(e, fabs(p.service_level - (double)r.sl));
				e = fmax(e, fabs(p.abandon - (double)r.abandon));
				e = fmax(e, fabs(p.occupancy - (double)r.occupancy));
				e = fmax(e, fabs(p.asa - (double)r.asa) / fmax(1, (double)r.asa));
				cases++;
				if (e > worst)
					worst = e;
				if (e > 1e-9) {
					bad++;
					diag("a=%g n=%ld patience=%g t=%g: pw %.12f/%.12Lf sl %.12f/%.12Lf "
					     "ab %.12f/%.12Lf asa %.9f/%.9Lf", a, ns[k], patience, t,
					     p.pwait, r.pwait, p.service_level, r.sl, p.abandon, r.abandon,
					     p.asa, r.asa);
				}
			}
		}
	is_int(bad, 0, "Erlang A vs the birth-death chain: all measures within 1e-9");
	diag("%d Erlang A cases, worst deviation %.3g", cases, worst);
	ok(worst < 1e-12, "Erlang A: worst deviation %.3g < 1e-12, as documented", worst);

	/* Long patience tends to Erlang C. */
	rota_erlang_perf pa, pc;
	rota_erlang_a_perf(10, 12, 180, 1e12, 20, &pa);
	rota_erlang_c_perf(10, 12, 180, 20, &pc);
	near(pa.pwait, pc.pwait, 1e-6, "patience -> infinity: P(wait) -> Erlang C");
	near(pa.service_level, pc.service_level, 1e-6, "patience -> infinity: SL -> Erlang C");
	near(pa.asa, pc.asa, 1e-4, "patience -> infinity: ASA -> Erlang C");
	rota_erlang_a_perf(10, 12, 180, INFINITY, 20, &pa);
	near(pa.pwait, pc.pwait, 0, "infinite patience is Erlang C");

	/* Far over capacity it stays finite: a queue of 5,000 Erlangs with 3,000 agents. */
	rota_erlang_a_perf(5000, 3000, 180, 1800, 20, &pa);
	ok(pa.pwait > 0.999 && pa.pwait <= 1, "overloaded: P(wait) ~ 1 (%.9f)", pa.pwait);
	near(pa.abandon, 0.4, 1e-3, "overloaded: abandonment ~ 1 - n/a (%.9f)", pa.abandon);
	ok(isfinite(pa.asa) && pa.asa > 0, "overloaded: ASA finite (%.3f s)", pa.asa);

	/* Staffing: the answer meets the target and one agent fewer does not. */
	bad = 0;
	for (int i = 0; i < 40; i++) {
		double a = exp(log(0.2) + uniform() * (log(3000) - log(0.2)));
		double aht = 60 + uniform() * 600, patience = aht * (0.2 + uniform() * 5);
		rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
		t.sl = 0.5 + uniform() * 0.45;
		t.sl_time = uniform() * 60;
		if (i % 3 == 0)
			t.max_abandon = 0.01 + uniform() * 0.1;
		if (i % 5 == 0)
			t.asa = 5 + uniform() * 30;
		rota_erlang_perf p, below;
		rota_error err;
		if (rota_erlang_a_staff(a, aht, patience, &t, &p, &err) != 0) {
			bad++;
			diag("a=%g: %s", a, err.msg);
			continue;
		}
		rota_erlang_a_perf(a, p.agents - 1, aht, patience, t.sl_time, &below);
		int meets = p.service_level >= t.sl && (t.asa < 0 || p.asa <= t.asa) &&
		            (t.max_abandon < 0 || p.abandon <= t.max_abandon);
		int below_meets = p.agents > 1 && below.service_level >= t.sl &&
		                  (t.asa < 0 || below.asa <= t.asa) &&
		                  (t.max_abandon < 0 || below.abandon <= t.max_abandon);
		if (!meets || below_meets) {
			bad++;
			diag("a=%g: %ld agents, sl %.6f, below %.6f", a, p.agents, p.service_level,
			     below.service_level);
		}
	}
	is_int(bad, 0, "Erlang A staffing: minimal and meeting the targets (40 problems)");
}

static void
test_edges(void)
{
	rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
	rota_erlang_perf p;
	rota_error err;
	t.sl = 0.8;
	t.sl_time = 20;

	ok(rota_erlang_c_staff(0, 180, &t, &p, &err) == 0 && p.agents == 0, "load 0: 0 agents");
	ok(p.service_level == 1 && p.asa == 0 && p.occupancy == 0, "load 0: idle measures");
	ok(rota_erlang_a_staff(0, 180, 60, &t, &p, &err) == 0 && p.agents == 0,
	   "Erlang A load 0: 0 agents");

	ok(rota_erlang_c_staff(1e-9, 180, &t, &p, &err) == 0 && p.agents == 1, "tiny load: 1 agent");
	near(p.pwait, 1e-9, 1e-18, "tiny load: P(wait) = rho");
	ok(rota_erlang_a_staff(1e-9, 180, 60, &t, &p, &err) == 0 && p.agents == 1,
	   "Erlang A tiny load: 1 agent");

	/* Unstable staffing is defined, not NaN. */
	rota_erlang_c_perf(10, 10, 180, 20, &p);
	ok(p.pwait == 1 && p.service_level == 0 && isinf(p.asa) && p.occupancy == 1,
	   "n = a: waits always, SL 0, ASA infinite");
	is_int((long)(rota_erlang_c(10, 3) * 100), 100, "n < a: C = 1");
	ok(rota_erlang_b(1e-3, 400) == 0 || rota_erlang_b(1e-3, 400) < 1e-300,
	   "B underflows to 0 without NaN");
	ok(rota_erlang_b(5e4, 0) == 1, "B(a, 0) = 1");
	ok(isfinite(rota_erlang_b(5e4, 60000)), "B at 50,000 Erlangs is finite");

	/* The occupancy cap: 8.5 Erlangs at 85% is exactly 10 agents. */
	rota_erlang_target o = ROTA_ERLANG_TARGET_NONE;
	o.max_occupancy = 0.85;
	ok(rota_erlang_c_staff(8.5, 180, &o, &p, &err) == 0, "occupancy only");
	is_int(p.agents, 10, "8.5 Erlangs at 85% occupancy");
	o.sl = 0.8;
	o.sl_time = 20;
	o.max_occupancy = 0.5;
	ok(rota_erlang_c_staff(10, 180, &o, &p, &err) == 0 && p.agents == 20,
	   "occupancy cap dominates the SL target: 20 agents at 50%%");

	/* A cap far below the load's needs puts n far above a, where the Erlang B sum once
	 * took n steps (1e13 here: hours).  The alarm turns such a hang into a failure. */
	alarm(20);
	o.max_occupancy = 1e-12;
	/* (1e13 less the 1e-12 relative slack of the occupancy comparison: 10 agents) */
	int rc = rota_erlang_c_staff(10, 180, &o, &p, &err);
	ok(rc == 0 && p.agents == 9999999999990L && p.service_level == 1,
	   "cap 1e-12 at 10 Erlangs: 1e13 - 10 agents, at once (%ld)", p.agents);
	rc = rota_erlang_a_staff(10, 180, 60, &o, &p, &err);
	ok(rc == 0 && p.agents == 9999999999990L, "... and with Erlang A (%ld)", p.agents);
	ok(rota_erlang_b(10, 10000000000000L) == 0 && rota_erlang_c(10, 10000000000000L) == 0,
	   "B and C at n = 1e13, a = 10 underflow to 0");
	alarm(0);
	o.max_occupancy = 1e-300;
	ok(rota_erlang_c_staff(10, 180, &o, &p, &err) == -1 && err.status == 2 &&
	   strstr(err.msg, "maximum occupancy") != NULL, "cap 1e-300: an error, not 1e301 "
	   "agents in a long: %s", err.msg);
	ok(rota_erlang_a_staff(10, 180, 60, &o, &p, &err) == -1 && err.status == 2,
	   "... also for Erlang A");

	/* Unreachable targets are errors with reasons, not endless searches. */
	t.sl = 1;
	ok(rota_erlang_c_staff(10, 180, &t, &p, &err) == -1 && err.status == 2, "SL 100%% rejected");
	ok(strstr(err.msg, "100%") != NULL, "message: %s", err.msg);
	t.sl = 0.8;
	t.asa = 0;
	ok(rota_erlang_c_staff(10, 180, &t, &p, &err) == -1, "ASA 0 rejected: %s", err.msg);
	t.asa = -1;
	t.max_abandon = 0;
	ok(rota_erlang_a_staff(10, 180, 60, &t, &p, &err) == -1, "abandon 0 rejected: %s", err.msg);
	t.max_abandon = 0.05;
	ok(rota_erlang_c_staff(10, 180, &t, &p, &err) == -1, "abandon target needs Erlang A: %s",
	   err.msg);
	t.max_abandon = -1;
	ok(rota_erlang_c_staff(2e8, 180, &t, &p, &err) == -1, "load above 1e8: %s", err.msg);
	ok(rota_erlang_c_staff(NAN, 180, &t, &p, &err) == -1, "NaN load rejected");
	ok(rota_erlang_a_staff(10, 180, 0, &t, &p, &err) == -1, "patience 0 rejected: %s", err.msg);

	/* SL threshold 0 is P(no wait); reachable below 100%. */
	t.sl_time = 0;
	t.sl = 0.95;
	ok(rota_erlang_c_staff(10, 180, &t, &p, &err) == 0 && p.pwait <= 0.05, "80/0s: P(wait) <= 5%%");
	rota_erlang_perf q;
	rota_erlang_c_perf(10, p.agents - 1, 180, 0, &q);
	ok(q.pwait > 0.05, "... and one agent fewer waits more");
}

int
main(void)
{
	test_published();
	test_reference_c();
	test_reference_a();
	test_edges();
	return tap_done();
}
