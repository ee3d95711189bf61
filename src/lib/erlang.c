/* Erlang B, C and A, and the agent search over them.  See include/rota/erlang.h for the
 * numerical approach; the comments here say why each step is safe. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <rota/rota.h>
#include <rota/erlang.h>

/* A positive number as v * 2^(SCALE_BITS * e): the Erlang A sums can exceed DBL_MAX
 * (a queue far over capacity with long patience) while the ratios we want stay tame. */
#define SCALE_BITS 600
typedef struct big { double v; long e; } big;

static double
big_ratio(big num, big den)
{
	if (num.v == 0)
		return 0;
	long d = num.e - den.e;
	if (d > 4)
		return INFINITY;
	if (d < -4)
		return 0;
	return ldexp(num.v / den.v, (int)d * SCALE_BITS);
}

static big
big_add(big x, big y)
{
	if (x.v == 0)
		return y;
	if (y.v == 0)
		return x;
	if (x.e < y.e) {
		big t = x;
		x = y;
		y = t;
	}
	long d = x.e - y.e;
	x.v += d > 4 ? 0 : ldexp(y.v, -(int)d * SCALE_BITS);
	return x;
}

static double
big_log(big x)
{
	return log(x.v) + (double)x.e * SCALE_BITS * M_LN2;
}

/* sum_{m=1..n} prod_{i=0..m-1} (n-i)/a, which is 1/B(n,a) - 1: the Erlang B recursion
 * unrolled from n downwards.  Every term is positive, so rounding errors only add up
 * (about 3 ulp a term), never cancel.  Past the largest term the ratios (n-m)/a shrink,
 * so once a term's geometric tail bound is below 2^-60 of the sum the rest cannot move
 * the result. */
static big
erlang_tail(double a, long n)
{
	double ia = 1.0 / a, t = 1.0, s = 0.0;
	long e = 0;

	for (long m = 1; m <= n; m++) {
		double q = (double)(n - m + 1) * ia;
		t *= q;
		s += t;
		if (t > 0x1p600) {
			t *= 0x1p-600;
			s *= 0x1p-600;
			/* Past 2^3000 every caller's answer is settled (B underflows to 0, 1/B is
			 * infinite), and the rest of a sum with n far above a (an occupancy cap
			 * of 1e-9) could take n steps. */
			if (++e > 4)
				break;
		} else if (q < 1 && t < s * 0x1p-50) {
			double qn = (double)(n - m) * ia;
			if (t * qn <= s * 0x1p-60 * (1 - qn))
				break;
		}
	}
	return (big){ s, e };
}

/* 1/B(n,a) as a double; +inf when B(n,a) < 2^-600 (then C and every waiting measure
 * underflow to 0, which is the right limit). */
static double
inv_b(double a, long n)
{
	big r = erlang_tail(a, n);
	return r.e > 0 ? INFINITY : 1 + r.v;
}

double
rota_erlang_b(double a, long n)
{
	if (n <= 0)
		return 1;
	if (!(a > 0))
		return 0;
	big r = big_add((big){ 1, 0 }, erlang_tail(a, n));
	return ldexp(1 / r.v, -(int)(r.e > 4 ? 4 : r.e) * SCALE_BITS);
}

/* C = B / (1 - rho (1 - B)) rewritten with r = 1/B so that nothing cancels:
 * C = n / (r (n - a) + a). */
static double
erlang_c_from_r(double a, long n, double r)
{
	double c = (double)n / (r * ((double)n - a) + a);
	return c > 1 ? 1 : c;
}

double
rota_erlang_c(double a, long n)
{
	if (!(a > 0))
		return n > 0 ? 0 : 1;
	if ((double)n <= a)
		return 1;
	return erlang_c_from_r(a, n, inv_b(a, n));
}

static void
perf_idle(long n, rota_erlang_perf *p)
{
	p->agents = n;
	p->pwait = 0;
	p->service_level = 1;
	p->asa = 0;
	p->occupancy = 0;
	p->abandon = 0;
}

static void
perf_unstable(long n, rota_erlang_perf *p)
{
	p->agents = n;
	p->pwait = 1;
	p->service_level = 0;
	p->asa = INFINITY;
	p->occupancy = n > 0 ? 1 : 0;
	p->abandon = 0;
}

static void
c_perf_from_r(double a, long n, double r, double aht, double sl_time, rota_erlang_perf *p)
{
	double d = (double)n - a, c = erlang_c_from_r(a, n, r);

	p->agents = n;
	p->pwait = c;
	/* P(W > t) = C exp(-(n - a) t / aht) */
	p->service_level = 1 - c * exp(-d * sl_time / aht);
	p->asa = c * aht / d;
	p->occupancy = a / (double)n;
	p->abandon = 0;
}

void
rota_erlang_c_perf(double a, long n, double aht, double sl_time, rota_erlang_perf *p)
{
	if (!(a > 0))
		perf_idle(n, p);
	else if ((double)n <= a)
		perf_unstable(n, p);
	else
		c_perf_from_r(a, n, inv_b(a, n), aht, sl_time, p);
}

/* ---- Erlang A ----
 * Time in units of the mean patience: x = n patience/aht (service rate of all agents),
 * y = a patience/aht (arrival rate).  With pi_n = 1, the queue state n+j has weight
 * w_j = y^j / ((x+1)...(x+j)).  An arrival that finds j waiting ahead leaves each of
 * the j+1 stages before service at rate x+i (someone ahead leaves) or abandons at rate 1,
 * so it is served with probability x/(x+j+1), after a mean wait
 * H_j = sum_{i=0..j} 1/(x+i+1) in the stages it survives.  Summing over j gives the
 * masses below; the service level needs the waiting-time distribution, which sums
 * (with the Beta form of the stage times) to the closed form of Garnett, Mandelbaum and
 * Reiman (2002) with incomplete gamma functions; we evaluate that through its series. */
struct queue_sums {
	big w;   /* sum w_j: all arrivals that wait */
	big sv;  /* sum w_j x/(x+j+1): those later served */
	big ab;  /* sum w_j (j+1)/(x+j+1): those who abandon (no cancellation: own sum) */
	big hs;  /* sum w_j x/(x+j+1) H_j: waiting time of the served, in patience units */
};

static void
queue_sums(double x, double y, struct queue_sums *o)
{
	double w = 1, W = 0, Sv = 0, Ab = 0, Hs = 0, H = 0;
	long e = 0;

	for (long j = 0; j < 400000000L; j++) {
		double d = x + (double)j + 1, f = w / d;
		H += 1 / d;
		W += w;
		Sv += f * x;
		Ab += f * (double)(j + 1);
		Hs += f * x * H;
		double q = y / d;      /* w_{j+1} / w_j; later ratios are smaller */
		if (w > 0x1p600) {
			w *= 0x1p-600;
			W *= 0x1p-600;
			Sv *= 0x1p-600;
			Ab *= 0x1p-600;
			Hs *= 0x1p-600;
			e++;
		} else if (q < 1 && w < W * 0x1p-40) {
			/* The tails of the four sums are at most w q/(1-q)^2 times a factor F
			 * that bounds each weighted sum's tail relative to its own size. */
			double g = (1 - q) * (1 - q);
			double F = x > 0 ? ((double)(j + 1) * d + x + 1) / x + x + 1 : x + 1;
			if (w * q * F <= W * 0x1p-60 * g)
				break;
		}
		w *= q;
	}
	o->w = (big){ W, e };
	o->sv = (big){ Sv, e };
	o->ab = (big){ Ab, e };
	o->hs = (big){ Hs, e };
}

/* ln of sum_{j>=0} y^j / ((x+2)...(x+j+1)), the series of A(x+1, y). */
static double
ln_series_a1(double x, double y)
{
	double v = 1, s = 0;
	long e = 0;

	for (long j = 0; j < 400000000L; j++) {
		s += v;
		double q = y / (x + (double)j + 2);
		if (v > 0x1p600) {
			v *= 0x1p-600;
			s *= 0x1p-600;
			e++;
		} else if (q < 1 && v * q <= s * 0x1p-60 * (1 - q)) {
			break;
		}
		v *= q;
	}
	return big_log((big){ s, e });
}

void
rota_erlang_a_perf(double a, long n, double aht, double patience, double sl_time,
                   rota_erlang_perf *p)
{
	if (!(a > 0)) {
		perf_idle(n, p);
		return;
	}
	if (isinf(patience)) {
		rota_erlang_c_perf(a, n, aht, sl_time, p);
		return;
	}
	double x = (double)n * patience / aht, y = a * patience / aht;
	struct queue_sums q;
	queue_sums(x, y, &q);
	/* Arrivals that find a free agent: sum_{k<n} pi_k / pi_n = 1/B(n,a) - 1. */
	big E = n > 0 ? erlang_tail(a, n) : (big){ 0, 0 };
	big Z = big_add(E, q.w), served = big_add(E, q.sv);

	p->agents = n;
	p->pwait = big_ratio(q.w, Z);
	p->abandon = big_ratio(q.ab, Z);
	p->occupancy = n > 0 ? a * (1 - p->abandon) / (double)n : 0;
	if (p->occupancy > 1)
		p->occupancy = 1;
	p->asa = served.v > 0 ? big_ratio(q.hs, served) * patience : INFINITY;
	double sl = big_ratio(E, Z), sv = big_ratio(q.sv, Z);
	if (x > 0 && sl_time > 0) {
		/* Served after waiting longer than t:
		 * x/(x+1) exp(y (1 - e^-s) - (x+1) s) A(x+1, y e^-s), with s = t/patience. */
		double s = sl_time / patience;
		double lnl = log(x / (x + 1)) - y * expm1(-s) - (x + 1) * s +
		             ln_series_a1(x, y * exp(-s));
		double late = exp(lnl - big_log(Z));
		sl += sv > late ? sv - late : 0;
	}
	p->service_level = sl > 1 ? 1 : sl;
}

/* ---- staffing ---- */

/* The most agents a search may answer: exact in a double, far inside a long. */
#define ROTA_ERLANG_MAX_AGENTS 1e15

static int
check_target(double a, double aht, const rota_erlang_target *t, int abandon_ok,
             rota_error *err)
{
	if (!(a >= 0) || !(a <= ROTA_ERLANG_MAX_LOAD))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "offered load %g Erlangs is out of range: expected 0 to %g",
		                      a, ROTA_ERLANG_MAX_LOAD);
	if (!(aht > 0) || isinf(aht))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "average handling time must be more than 0 seconds");
	if (!(t->sl >= 0) || t->sl >= 1)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, t->sl >= 1 ?
		                      "a service level of 100%% is never reached: with random "
		                      "arrivals some callers always wait; use a target below 100%%" :
		                      "service-level target must be between 0%% and 100%%");
	if (t->sl > 0 && (!(t->sl_time >= 0) || isinf(t->sl_time)))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "service-level threshold must be 0 seconds or more");
	if (t->asa == 0 || isnan(t->asa) || isinf(t->asa))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, t->asa == 0 ?
		                      "an ASA target of 0 seconds is never reached: some callers "
		                      "always wait; give a positive target" :
		                      "ASA target must be a finite number of seconds");
	if (!(t->max_occupancy > 0) || t->max_occupancy > 1)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "maximum occupancy must be more than 0 and at most 1");
	if (!(a / t->max_occupancy <= ROTA_ERLANG_MAX_AGENTS))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "a maximum occupancy of %g at %g Erlangs would need more than "
		                      "%g agents: expected a cap such as 0.85", t->max_occupancy, a,
		                      ROTA_ERLANG_MAX_AGENTS);
	if (t->max_abandon >= 0 && !abandon_ok) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "an abandonment target needs the "
		               "Erlang A model: give the callers' mean patience ");
		return rota_error_fix(err, "({patience}, or 'patience' in the queue's config)");
	}
	if (t->max_abandon == 0 || isnan(t->max_abandon) || t->max_abandon >= 1)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, t->max_abandon == 0 ?
		                      "an abandonment target of 0%% is never reached: with finite "
		                      "patience some callers always abandon; give a positive target" :
		                      "abandonment target must be between 0%% and 100%%");
	return 0;
}

/* Occupancy is compared with a relative slack of 1e-12, so that a load of 8.5 Erlangs at
 * 85% needs 10 agents although 8.5/0.85 rounds to 10.000000000000002. */
#define OCC_SLACK (1 + 1e-12)

static long
occupancy_floor(double a, double max_occ)
{
	if (max_occ >= 1)
		return 0;
	long n = (long)ceil(a / max_occ);
	while (n > 1 && a / (double)(n - 1) <= max_occ * OCC_SLACK)
		n--;
	while (a / (double)n > max_occ * OCC_SLACK)
		n++;
	return n;
}

static int
meets(const rota_erlang_perf *p, const rota_erlang_target *t)
{
	return (t->sl <= 0 || p->service_level >= t->sl) &&
	       (t->asa < 0 || p->asa <= t->asa) &&
	       (t->max_abandon < 0 || p->abandon <= t->max_abandon) &&
	       p->occupancy <= t->max_occupancy * OCC_SLACK;
}

/* Every target is monotone in n, so the answer is the first n that meets them all.
 * Start at the least stable n (or the occupancy bound) and step up with the Erlang B
 * recursion, one multiply-add a step: about sqrt(a) steps, after one O(sqrt(a)) sum. */
int
rota_erlang_c_staff(double a, double aht, const rota_erlang_target *t, rota_erlang_perf *p,
                    rota_error *err)
{
	if (check_target(a, aht, t, 0, err) < 0)
		return -1;
	if (a == 0) {
		perf_idle(0, p);
		return 0;
	}
	long n = (long)floor(a) + 1, nocc = occupancy_floor(a, t->max_occupancy);
	if (nocc > n)
		n = nocc;
	double r = inv_b(a, n);
	for (long steps = 0;; steps++) {
		c_perf_from_r(a, n, r, aht, t->sl > 0 ? t->sl_time : 0, p);
		if (meets(p, t))
			return 0;
		if (steps > 100000000L)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
			                      "no staffing up to %ld agents meets the targets", n);
		n++;
		r = 1 + (double)n / a * r;
	}
}

/* The carried load cannot exceed n, so SL <= n/a and abandonment >= 1 - n/a: both bound
 * n from below and keep the search away from hopelessly overloaded n, whose series are
 * long. */
static long
a_lower_bound(double a, const rota_erlang_target *t)
{
	long lb = 1;
	if (t->sl > 0 && (long)floor(a * t->sl) > lb)
		lb = (long)floor(a * t->sl);
	if (t->max_abandon > 0 && (long)floor(a * (1 - t->max_abandon)) > lb)
		lb = (long)floor(a * (1 - t->max_abandon));
	return lb;
}

struct a_search {
	double a, aht, patience;
	const rota_erlang_target *t;
	rota_erlang_perf best;   /* the performance at hi */
	long lo, hi;             /* lo fails (or is below the lower bound), hi meets */
};

static int
a_try(struct a_search *s, long n)
{
	rota_erlang_perf p;
	rota_erlang_a_perf(s->a, n, s->aht, s->patience, s->t->sl > 0 ? s->t->sl_time : 0, &p);
	if (!meets(&p, s->t))
		return 0;
	s->best = p;
	return 1;
}

/* Gallop from the guess (doubling steps) until [lo, hi] brackets the answer. */
static int
a_bracket(struct a_search *s, long guess, long lb, rota_error *err)
{
	if (a_try(s, guess)) {
		s->hi = guess;
		s->lo = lb - 1;
		for (long step = 1; s->hi - step > s->lo; step *= 2) {
			if (!a_try(s, s->hi - step)) {
				s->lo = s->hi - step;
				break;
			}
			s->hi -= step;
		}
		return 0;
	}
	s->lo = guess;
	/* Queueing targets are met within a + 1e7 agents; an occupancy cap may need more
	 * (a / cap, bounded by check_target). */
	double cap = s->a + 1e7, nocc = s->a / s->t->max_occupancy + 1;
	if (nocc > cap)
		cap = nocc;
	for (long step = 1;; step *= 2) {
		if ((double)s->lo > cap)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
			                      "no staffing up to %ld agents meets the targets", s->lo);
		if (a_try(s, s->lo + step)) {
			s->hi = s->lo + step;
			return 0;
		}
		s->lo += step;
	}
}

/* Erlang A has no closed-form step in n (the queue series changes with n), so bracket the
 * answer from the square-root-staffing guess, then bisect: O(log sqrt(a)) evaluations. */
int
rota_erlang_a_staff(double a, double aht, double patience, const rota_erlang_target *t,
                    rota_erlang_perf *p, rota_error *err)
{
	if (check_target(a, aht, t, 1, err) < 0)
		return -1;
	if (!(patience > 0))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "mean patience must be more than 0 seconds");
	if (a == 0) {
		perf_idle(0, p);
		return 0;
	}
	struct a_search s = { .a = a, .aht = aht, .patience = patience, .t = t };
	long lb = a_lower_bound(a, t), guess = (long)ceil(a + 0.5 * sqrt(a));
	if (a_bracket(&s, guess < lb ? lb : guess, lb, err) < 0)
		return -1;
	while (s.hi - s.lo > 1) {
		long mid = s.lo + (s.hi - s.lo) / 2;
		if (a_try(&s, mid))   /* a_try keeps best for hi only when mid meets */
			s.hi = mid;
		else
			s.lo = mid;
	}
	*p = s.best;
	return 0;
}
