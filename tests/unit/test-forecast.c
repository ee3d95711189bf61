/* The forecasting models on small synthetic series: exact outputs of the simple models,
 * Holt-Winters recovering a clean double-seasonal pattern, the shared rules (no
 * negatives, closed slots, holidays, daily totals), backtest metrics worked out by hand,
 * interval coverage on simulated Poisson arrivals, and the errors of too-short series. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast.h>
#include <rota/time.h>
#include "tap.h"

#define near(got, exp, tol, ...) ok(fabs((double)(got) - (double)(exp)) <= (tol), __VA_ARGS__)

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((double)(rng >> 11) + 0.5) * 0x1p-53;
}

/* Poisson by inversion for small means, normal approximation above 60. */
static double
poisson(double lambda)
{
	if (lambda > 60) {
		double u1 = uniform(), u2 = uniform();
		double z = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
		double v = floor(lambda + sqrt(lambda) * z + 0.5);
		return v > 0 ? v : 0;
	}
	double l = exp(-lambda), p = 1;
	int k = 0;
	do {
		k++;
		p *= uniform();
	} while (p > l);
	return k - 1;
}

/* A Monday to start on: 2024-01-01. */
static int64_t
monday(void)
{
	return rota_days_from_civil(2024, 1, 1);
}

static rota_fc_series
series(const double *v, size_t n, int spd, const unsigned char *flags,
       const unsigned char *future)
{
	rota_fc_series s = {monday(), spd, n, v, flags, future};
	return s;
}

static const rota_fc_model *
model(const char *name)
{
	const rota_fc_model *m = rota_fc_model_find(name);
	if (!m) {
		printf("Bail out! no model '%s'\n", name);
		exit(1);
	}
	return m;
}

static void
test_table(void)
{
	const rota_fc_model *const *t = rota_fc_models();
	size_t n = 0;
	for (; t[n]; n++)
		ok(rota_fc_model_find(rota_fc_model_name(t[n])) == t[n] &&
		   strlen(rota_fc_model_summary(t[n])) > 10,
		   "model '%s' is found by its name and has a summary", rota_fc_model_name(t[n]));
	ok(n >= 2, "the table has models (%zu)", n);
	ok(rota_fc_model_find("nonesuch") == NULL, "an unknown name finds no model");
	is_int(rota_fc_model_min_history(model("snaive"), 24), 168, "snaive needs a week");
}

static void
test_snaive(void)
{
	enum { SPD = 24, N = 2 * 7 * SPD, H = 10 * SPD };
	static double v[N];
	for (size_t i = 0; i < N; i++)
		v[i] = (double)(i % 37) + (double)i / 100;
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	o.horizon = H;
	rota_fc_result r;
	rota_error err;
	is_int(rota_forecast(&s, model("snaive"), &o, &r, &err), 0, "snaive forecasts");
	int same = 1;
	for (size_t j = 0; j < H; j++)
		if (r.mean[j] != v[N - 7 * SPD + j % (7 * SPD)])
			same = 0;
	ok(same, "snaive: each slot is the same slot last week, also in the second week");
	is_str(r.model, "snaive", "snaive names itself");
	int nested = 1;
	for (size_t j = 0; j < H; j++)
		if (!(r.lo95[j] <= r.lo80[j] && r.lo80[j] <= r.mean[j] && r.mean[j] <= r.hi80[j] &&
		      r.hi80[j] <= r.hi95[j] && r.lo95[j] >= 0))
			nested = 0;
	ok(nested, "intervals are nested round the forecast and never negative");
	rota_fc_result_free(&r);
}

static void
test_avg(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 3 * W };
	static double v[N];
	static unsigned char fl[N];
	for (size_t i = 0; i < N; i++)
		v[i] = (double)(i % 11) * 3 + (double)(i / W) * 6;
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	o.avg_weeks = 2;
	rota_fc_result r;
	rota_error err;
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	is_int(rota_forecast(&s, model("avg"), &o, &r, &err), 0, "avg forecasts");
	is_int(r.horizon, W, "the default horizon is a week");
	int same = 1;
	for (size_t j = 0; j < W; j++)
		if (fabs(r.mean[j] - (v[N - W + j] + v[N - 2 * W + j]) / 2) > 1e-9)
			same = 0;
	ok(same, "avg of 2 weeks: the mean of the same slot in the last two weeks");
	rota_fc_result_free(&r);

	/* A holiday in the last week is left out: its slots average the two weeks before. */
	for (size_t i = N - W; i < N - W + SPD; i++) {
		fl[i] = ROTA_FC_HOLIDAY;
		v[i] = 1000;
	}
	s = series(v, N, SPD, fl, NULL);
	is_int(rota_forecast(&s, model("avg"), &o, &r, &err), 0, "avg with a holiday forecasts");
	same = 1;
	for (size_t j = 0; j < SPD; j++)
		if (fabs(r.mean[j] - (v[N - 2 * W + j] + v[N - 3 * W + j]) / 2) > 1e-9)
			same = 0;
	ok(same, "avg: a holiday's slots are not averaged, earlier weeks are");
	rota_fc_result_free(&r);
}

/* Closed hours are zero with zero-width intervals; holidays are forecast like the
 * configured weekday or closed. */
static void
test_closed_holiday(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 4 * W, H = W };
	static double v[N];
	static unsigned char fl[N], fut[H];
	for (size_t i = 0; i < N; i++) {
		int hour = (int)(i % SPD), wd = (int)(i / SPD % 7);
		fl[i] = hour < 8 || hour >= 18 ? ROTA_FC_CLOSED : 0;
		v[i] = fl[i] ? 0 : 50 + 10 * wd + hour;
	}
	for (size_t j = 0; j < H; j++) {
		int hour = (int)(j % SPD);
		fut[j] = hour < 8 || hour >= 18 ? ROTA_FC_CLOSED : 0;
	}
	for (size_t j = 2 * SPD; j < 3 * SPD; j++)
		fut[j] |= ROTA_FC_HOLIDAY;   /* Wednesday */
	rota_fc_series s = series(v, N, SPD, fl, fut);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	o.holiday_like = 6;
	rota_fc_result r;
	rota_error err;
	is_int(rota_forecast(&s, model("snaive"), &o, &r, &err), 0, "snaive with opening hours");
	int closed0 = 1, like = 1;
	for (size_t j = 0; j < H; j++)
		if ((fut[j] & ROTA_FC_CLOSED) && (r.mean[j] != 0 || r.hi95[j] != 0 || r.lo95[j] != 0))
			closed0 = 0;
	for (size_t j = 2 * SPD; j < 3 * SPD; j++)
		if (r.mean[j] != r.mean[6 * SPD + j % SPD])
			like = 0;
	ok(closed0, "closed slots: forecast and intervals 0");
	ok(like, "a Wednesday holiday is forecast like the Sunday");
	ok(r.mean[2 * SPD + 12] == 50 + 60 + 12, "like Sunday: the Sunday's noon");
	rota_fc_result_free(&r);

	o.holiday_like = -1;
	is_int(rota_forecast(&s, model("avg"), &o, &r, &err), 0, "avg, holidays closed");
	int zero = 1;
	for (size_t j = 2 * SPD; j < 3 * SPD; j++)
		if (r.mean[j] != 0 || r.hi80[j] != 0)
			zero = 0;
	ok(zero, "holiday_like -1: the holiday is closed");
	ok(r.mean[3 * SPD + 12] == 50 + 30 + 12, "the Thursday after is a Thursday");
	rota_fc_result_free(&r);
}

/* A hand-computed backtest: week 1 is week 0 plus 2 everywhere, week 2 is week 1 plus 1.
 * snaive at the origin of week 2 errs by -1 in every slot; its in-sample scale is 2. */
static void
test_backtest_by_hand(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 3 * W };
	static double v[N];
	double sum_last = 0;
	for (size_t i = 0; i < W; i++) {
		v[i] = 10 + (double)(i % 5);
		v[W + i] = v[i] + 2;
		v[2 * W + i] = v[W + i] + 1;
		sum_last += v[2 * W + i];
	}
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	rota_fc_score sc;
	rota_error err;
	is_int(rota_fc_backtest(&s, model("snaive"), &o, 1, &sc, &err), 0, "backtest runs");
	is_int(sc.origins, 1, "one origin");
	near(sc.mase, 0.5, 1e-12, "MASE = 1 / 2 (got %g)", sc.mase);
	near(sc.wape, W / sum_last, 1e-12, "WAPE = 168 / sum of the last week (got %g)", sc.wape);
	near(sc.bias, -W / sum_last, 1e-12, "bias = -168 / sum (got %g)", sc.bias);
	is_str(sc.model, "snaive", "the score names the model");
	/* Each origin needs a week of history before it: of five asked, a 3-week series
	 * has two. */
	is_int(rota_fc_backtest(&s, model("snaive"), &o, 5, &sc, &err), 0, "backtest of 5 weeks");
	is_int(sc.origins, 2, "origins at weeks 1 and 2 only");
}

/* Poisson arrivals with a daily and weekly pattern: the 80% and 95% intervals of avg,
 * calibrated on the series' own errors, cover about that share of new weeks. */
static void
test_coverage(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 30 * W };
	static double v[N];
	for (size_t i = 0; i < N; i++) {
		double hour = (double)(i % SPD), wd = (double)(i / SPD % 7);
		double lam = 4 + 30 * exp(-(hour - 13) * (hour - 13) / 18) * (wd < 5 ? 1 : 0.4);
		v[i] = poisson(lam);
	}
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	o.avg_weeks = 6;
	rota_fc_score sc;
	rota_error err;
	is_int(rota_fc_backtest(&s, model("avg"), &o, 12, &sc, &err), 0, "backtest of Poisson");
	ok(sc.cover80 > 0.74 && sc.cover80 < 0.86, "80%% intervals cover %.3f", sc.cover80);
	ok(sc.cover95 > 0.91 && sc.cover95 < 0.985, "95%% intervals cover %.3f", sc.cover95);
	ok(fabs(sc.bias) < 0.05, "avg is nearly unbiased (%.3f)", sc.bias);
	is_int(rota_fc_backtest(&s, model("auto"), &o, 8, &sc, &err), 0, "auto on Poisson");
	ok(sc.cover80 > 0.74 && sc.cover80 < 0.86, "auto: 80%% intervals cover %.3f", sc.cover80);
	ok(sc.cover95 > 0.91 && sc.cover95 < 0.985, "auto: 95%% intervals cover %.3f", sc.cover95);
	/* Poisson noise around a fixed pattern: nothing beats the pattern, and seasonal
	 * naive's MAE is sqrt(2) times the noise's. */
	ok(sc.mase < 0.8, "auto beats seasonal naive by 20%% or more (MASE %.3f, %s)", sc.mase,
	   sc.model);
}

/* A clean double-seasonal pattern (an intraday cycle whose height differs by weekday,
 * no noise): Holt-Winters and the decomposition reproduce next week within 1%. */
static double
clean(size_t i, int spd)
{
	double hour = (double)(i % (size_t)spd) * 24 / spd;
	int wd = (int)(i / (size_t)spd % 7);
	double dayf = wd < 5 ? 1 + 0.05 * wd : 0.6;
	return 200 + 150 * dayf * (1 - cos(2 * M_PI * hour / 24));
}

static void
test_recovers_pattern(void)
{
	enum { SPD = 48, W = 7 * SPD, N = 6 * W };
	static double v[N];
	for (size_t i = 0; i < N; i++)
		v[i] = clean(i, SPD);
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	const char *names[] = {"hw", "mstl", "auto"};
	for (int k = 0; k < 3; k++) {
		rota_fc_result r;
		rota_error err;
		is_int(rota_forecast(&s, model(names[k]), &o, &r, &err), 0, names[k]);
		double worst = 0;
		for (size_t j = 0; j < W; j++) {
			double e = fabs(r.mean[j] - clean(N + j, SPD)) / clean(N + j, SPD);
			if (e > worst)
				worst = e;
		}
		ok(worst < 0.01, "%s reproduces a clean double-seasonal week (worst %.4f%%)",
		   names[k], 100 * worst);
		ok(strncmp(r.model, names[k], strlen(names[k])) == 0, "%s names itself: %s",
		   names[k], r.model);
		rota_fc_result_free(&r);
	}
}

/* The same pattern under noise (5% of the level, Gaussian) whose level steps up 10%
 * three weeks before the end: hw and mstl smooth the noise away and follow the step,
 * forecasting the new pattern closer than seasonal naive, which repeats last week's noise. */
static void
test_pattern_under_noise(void)
{
	enum { SPD = 48, W = 7 * SPD, N = 8 * W };
	static double v[N], truth[N + W];
	for (size_t i = 0; i < N + W; i++)
		truth[i] = clean(i, SPD) * (i >= N - 3 * W ? 1.1 : 1);
	for (size_t i = 0; i < N; i++) {
		double z = sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
		v[i] = truth[i] + 0.05 * 350 * z;
		if (v[i] < 0)
			v[i] = 0;
	}
	rota_fc_series s = series(v, N, SPD, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	double mae[3];
	const char *names[] = {"snaive", "hw", "mstl"};
	for (int k = 0; k < 3; k++) {
		rota_fc_result r;
		rota_error err;
		is_int(rota_forecast(&s, model(names[k]), &o, &r, &err), 0, names[k]);
		mae[k] = 0;
		for (size_t j = 0; j < W; j++)
			mae[k] += fabs(r.mean[j] - truth[N + j]) / W;
		rota_fc_result_free(&r);
	}
	ok(mae[1] < 0.6 * mae[0], "hw is nearer the true pattern than snaive (MAE %.2f vs %.2f)",
	   mae[1], mae[0]);
	ok(mae[2] < 0.8 * mae[0], "mstl is nearer the true pattern than snaive (MAE %.2f vs %.2f)",
	   mae[2], mae[0]);
}

/* Holidays and gaps in the history are not fitted: the same clean pattern with a
 * holiday of absurd counts, a day of missing (NaN) slots and closed early hours. */
static void
test_gaps_not_fitted(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 6 * W };
	static double v[N];
	static unsigned char fl[N], fut[W];
	for (size_t i = 0; i < N; i++) {
		v[i] = clean(i, SPD);
		if (i % SPD < 5) {
			fl[i] = ROTA_FC_CLOSED;
			v[i] = 0;
		}
	}
	for (size_t i = N - 2 * W + 2 * SPD; i < N - 2 * W + 3 * SPD; i++)
		if (!fl[i]) {
			fl[i] = ROTA_FC_HOLIDAY;
			v[i] = 1e6;
		}
	for (size_t i = N - W + 4 * SPD; i < N - W + 5 * SPD; i++) {
		fl[i] |= ROTA_FC_MISSING;
		v[i] = NAN;
	}
	for (size_t j = 0; j < W; j++)
		fut[j] = j % SPD < 5 ? ROTA_FC_CLOSED : 0;
	rota_fc_series s = series(v, N, SPD, fl, fut);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	for (const rota_fc_model *const *m = rota_fc_models(); *m; m++) {
		rota_fc_result r;
		rota_error err;
		const char *name = rota_fc_model_name(*m);
		is_int(rota_forecast(&s, *m, &o, &r, &err), 0, name);
		double worst = 0;
		int finite = 1;
		for (size_t j = 0; j < W; j++) {
			if (!isfinite(r.mean[j]) || !isfinite(r.hi95[j]))
				finite = 0;
			if (fut[j])
				continue;
			double e = fabs(r.mean[j] - clean(N + j, SPD)) / clean(N + j, SPD);
			if (e > worst)
				worst = e;
		}
		ok(finite && worst < 0.02, "%s: a holiday and a gap are not fitted (worst %.3f%%)",
		   name, 100 * worst);
		rota_fc_result_free(&r);
		rota_fc_score sc;
		is_int(rota_fc_backtest(&s, *m, &o, 3, &sc, &err), 0, name);
		/* A pattern that repeats exactly has no MASE (its seasonal naive errs by 0). */
		ok(isnan(sc.mase) && isfinite(sc.wape) && isfinite(sc.cover80) && sc.origins == 3,
		   "%s: the backtest skips the gap too (WAPE %g)", name, sc.wape);
	}
}

/* A collapsing series: the trend-following models would go below zero at night; the
 * forecast never does, closed slots stay 0, and auto says what it chose. */
static void
test_never_negative(void)
{
	enum { SPD = 24, W = 7 * SPD, N = 5 * W };
	static double v[N];
	static unsigned char fl[N], fut[W];
	for (size_t i = 0; i < N; i++) {
		double day = (double)(i / SPD), hour = (double)(i % SPD);
		double level = 400 * (1 - day / 36.0);
		v[i] = level * (hour >= 8 && hour < 18 ? 1.8 : 0.2) + (double)(i % 3);
		fl[i] = i % SPD == 3 ? ROTA_FC_CLOSED : 0;
		if (fl[i])
			v[i] = 0;
	}
	for (size_t j = 0; j < W; j++)
		fut[j] = j % SPD == 3 ? ROTA_FC_CLOSED : 0;
	rota_fc_series s = series(v, N, SPD, fl, fut);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	o.horizon = 2 * W;
	for (const rota_fc_model *const *m = rota_fc_models(); *m; m++) {
		rota_fc_result r;
		rota_error err;
		const char *name = rota_fc_model_name(*m);
		s.future_flags = NULL;
		is_int(rota_forecast(&s, *m, &o, &r, &err), 0, name);
		int neg = 0;
		for (size_t j = 0; j < r.horizon; j++)
			if (!(r.mean[j] >= 0 && r.lo95[j] >= 0 && r.lo80[j] >= 0))
				neg++;
		ok(neg == 0, "%s: no negative forecast or bound over two weeks (%d)", name, neg);
		rota_fc_result_free(&r);
		s.future_flags = fut;
		o.horizon = W;
		is_int(rota_forecast(&s, *m, &o, &r, &err), 0, name);
		int closed = 0;
		for (size_t j = 0; j < W; j++)
			closed += fut[j] && r.mean[j] != 0;
		ok(closed == 0, "%s: closed slots are 0", name);
		if (strcmp(name, "auto") == 0)
			ok(strncmp(r.model, "auto:", 5) == 0 && strlen(r.model) > 6,
			   "auto names its choice: %s", r.model);
		rota_fc_result_free(&r);
		o.horizon = 2 * W;
	}
}

static void
test_reconcile(void)
{
	/* Two days of 4 slots, starting at slot 2 of a day: [a b | c d e f | g h]. */
	double v[8] = {-1, 5, 6, -2, 4, NAN, 1, -3};
	unsigned char cl[8] = {0, 0, 0, 0, 0, 0, 1, 0};
	rota_fc_reconcile(v, 8, cl, 2, 4);
	near(v[0], 0, 0, "a negative slot becomes 0");
	near(v[1], 4, 1e-12, "its day keeps the total 4");
	near(v[2] + v[3] + v[4] + v[5], 8, 1e-12, "the next day keeps 8");
	near(v[2], 6 * 0.8, 1e-12, "positives scaled by 8/10");
	near(v[3], 0, 0, "negative clipped");
	near(v[5], 0, 0, "NaN is closed");
	ok(v[6] == 0 && v[7] == 0, "closed and a non-positive day are 0");
}

static void
test_errors(void)
{
	static double v[100];
	rota_fc_series s = series(v, 100, 24, NULL, NULL);
	rota_fc_opts o;
	rota_fc_opts_init(&o);
	rota_fc_result r;
	rota_error err;
	is_int(rota_forecast(&s, model("snaive"), &o, &r, &err), -1, "100 hours are too short");
	is_int(err.status, ROTA_EXIT_USAGE, "a too-short series is bad input");
	ok(strstr(err.msg, "needs at least 1 week") && strstr(err.msg, "100 slots"),
	   "the message says what is needed: %s", err.msg);
	ok(strcmp(err.hint, "model") == 0, "the fix names the model setting (%s)", err.hint);
	rota_fc_score sc;
	static double w[7 * 24];
	s = series(w, 7 * 24, 24, NULL, NULL);
	is_int(rota_fc_backtest(&s, model("snaive"), &o, 2, &sc, &err), -1,
	       "a backtest needs a week more than the model");
	ok(strstr(err.msg, "at least 2 weeks") != NULL, "and says so: %s", err.msg);
	static double two[10 * 24];
	s = series(two, 10 * 24, 24, NULL, NULL);
	is_int(rota_forecast(&s, model("hw"), &o, &r, &err), -1, "10 days are too short for hw");
	ok(strstr(err.msg, "'hw' needs at least 2 weeks") != NULL, "and it says so: %s", err.msg);
	is_int(rota_forecast(&s, model("auto"), &o, &r, &err), 0, "auto makes do with 10 days");
	is_str(r.model, "auto:avg", "by the mean of the weeks there are");
	rota_fc_result_free(&r);
	static double bad[7 * 24];
	bad[5] = -1;
	s = series(bad, 7 * 24, 24, NULL, NULL);
	is_int(rota_forecast(&s, model("snaive"), &o, &r, &err), -1, "a negative count");
	ok(strstr(err.msg, "slot 5") != NULL, "is named by slot: %s", err.msg);
}

int
main(void)
{
	test_table();
	test_snaive();
	test_avg();
	test_closed_holiday();
	test_backtest_by_hand();
	test_coverage();
	test_recovers_pattern();
	test_pattern_under_noise();
	test_gaps_not_fitted();
	test_never_negative();
	test_reconcile();
	test_errors();
	return tap_done();
}
