/* Queueing formulas for staffing: Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M, callers
 * who abandon after an exponential patience), and the search for the fewest agents that meet
 * a set of targets.
 *
 * Numerics: nothing here computes a factorial or a power of the load.  The Erlang B
 * recursion is run in its reciprocal form 1/B(n) = 1 + (n/a) / B(n-1), summed from the
 * term nearest the answer and stopped once the rest of the series is below 2^-60 of it,
 * so every term is positive (no cancellation) and a load of 50,000 Erlangs costs a few
 * thousand additions.  Erlang A sums the birth-death chain's queue states with a running
 * rescale (the sums carry a power-of-two exponent), so a queue far over capacity does not
 * overflow.  tests/unit/test-erlang.c finds Erlang C within 1e-13 of a long double
 * reference up to 50,000 Erlangs, and Erlang A within 1e-12 of the birth-death chain.
 *
 * Units: the offered load `a` is in Erlangs (arrivals per second times the average handling
 * time in seconds); every time (aht, patience, service-level threshold, ASA) is in seconds. */
#ifndef ROTA_ERLANG_H
#define ROTA_ERLANG_H

#include <rota/error.h>

/* What the staffing must achieve; all given targets hold together. */
typedef struct rota_erlang_target {
	double sl;            /* share answered within sl_time, 0 < sl < 1; 0: no SL target */
	double sl_time;       /* the service-level threshold, seconds (>= 0) */
	double asa;           /* average speed of answer target, seconds; < 0: none */
	double max_occupancy; /* busy share of agents' time, 0 < r <= 1; 1: none */
	double max_abandon;   /* Erlang A: share of callers who abandon, 0 < r < 1; < 0: none */
} rota_erlang_target;

#define ROTA_ERLANG_TARGET_NONE { 0, 0, -1, 1, -1 }

/* How a queue performs with a given number of agents. */
typedef struct rota_erlang_perf {
	long agents;
	double pwait;         /* probability that an arrival has to wait */
	double service_level; /* share of arrivals answered within sl_time (abandons count as
	                         not answered) */
	double asa;           /* mean wait of the answered arrivals, seconds (INFINITY when the
	                         queue is unstable) */
	double occupancy;     /* carried load / agents (0 with no agents) */
	double abandon;       /* share of arrivals that abandon (0 for Erlang C) */
} rota_erlang_perf;

/* Erlang B: blocking probability of n servers offered a Erlangs (a >= 0, n >= 0). */
double rota_erlang_b(double a, long n);
/* Erlang C: probability of waiting; 1 when n <= a (the queue grows without bound). */
double rota_erlang_c(double a, long n);

/* Performance of M/M/n with offered load a, handling time aht, SL threshold sl_time. */
void rota_erlang_c_perf(double a, long n, double aht, double sl_time, rota_erlang_perf *p);

/* Performance of M/M/n+M: as above with mean patience `patience` seconds (> 0; INFINITY
 * gives Erlang C).  Exact for every load, also a >= n (abandonment keeps it stable). */
void rota_erlang_a_perf(double a, long n, double aht, double patience, double sl_time,
                        rota_erlang_perf *p);

/* The fewest agents n meeting every target of *t, and their performance in *p.  With a = 0
 * the answer is 0 agents.  Returns 0, or -1 with err (status 2) when a target can never be
 * met (a service level of 100%, an ASA or abandonment target of 0), an occupancy cap would
 * need more than 1e15 agents, or an argument is out of range.  Erlang C needs more agents than the load (n > a); Erlang A may staff below
 * the load when the targets allow. */
int rota_erlang_c_staff(double a, double aht, const rota_erlang_target *t,
                        rota_erlang_perf *p, rota_error *err);
int rota_erlang_a_staff(double a, double aht, double patience, const rota_erlang_target *t,
                        rota_erlang_perf *p, rota_error *err);

/* The largest offered load the functions accept (larger loads are an error in *_staff). */
#define ROTA_ERLANG_MAX_LOAD 1e8

#endif
