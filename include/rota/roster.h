/* Shift rosters: the model (candidate shifts per agent and day, the coverage grid), the
 * checker of every hard rule and of the objective, and the solver (GLPK, a construction
 * heuristic and large-neighbourhood search).  All pure: data in, data out.
 *
 * Days are day numbers (rota_days_from_civil).  An agent's day is a date in the agent's
 * own zone: a shift belongs to the date on which it starts there, and its instants come
 * from that zone (a 22:00 shift ends the next morning; a DST day is 23 or 25 hours).  The
 * coverage grid is in the planning zone: intervals of roster.interval from the planning
 * zone's midnight of the first day to that of the day after the last. */
#ifndef ROTA_ROSTER_H
#define ROTA_ROSTER_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>
#include <rota/csv.h>
#include <rota/config.h>
#include <rota/record.h>

#define ROTA_ROSTER_MAX_BREAKS 8

/* ---- need: interval_start,queue,required (what rota-staff writes) ---- */
typedef struct rota_roster_need {
	rota_time start;
	char *queue;              /* "" when the file has no queue column */
	double required;          /* agents wanted in the interval */
	double volume, aht;       /* contacts and handling time (s) when the file has them, else NAN */
} rota_roster_need;

typedef struct rota_roster_needs {
	rota_roster_need *rows;
	size_t n;
} rota_roster_needs;

/* Reads every row; naive times in tz.  0, or -1 with err (file:line:column, status 2). */
int rota_roster_need_read(rota_csv *c, const rota_tz *tz, unsigned flags,
                          rota_roster_needs *out, rota_error *err);
void rota_roster_needs_free(rota_roster_needs *n);

/* ---- an assignment: one agent works one shift on one day ---- */
typedef struct rota_roster_asg {
	size_t agent;             /* roster->agents index */
	int64_t day;              /* the agent's local date of the start */
	size_t shift;             /* roster->shifts index */
	int queue;                /* model->queues index, -1: none */
	rota_time start, end;
	rota_span breaks[ROTA_ROSTER_MAX_BREAKS];
	int nbreaks;
} rota_roster_asg;

/* ---- the model ---- */
typedef struct rota_roster_cell {
	size_t cell;              /* grid interval */
	double frac;              /* share of the interval worked (breaks excluded) */
} rota_roster_cell;

typedef struct rota_roster_cand {
	rota_roster_asg a;        /* what choosing it means */
	int64_t worked;           /* seconds, breaks excluded */
	size_t cell_first, ncells;/* into model->cells */
} rota_roster_cand;

typedef struct rota_roster_model {
	const rota_config *cfg;
	const rota_roster_def *def;
	const rota_tz *tz;        /* planning zone */
	int64_t start;            /* first day */
	int days;
	int64_t interval;         /* seconds */
	size_t nagents, nshifts;
	const rota_tz **agent_tz;
	/* The grid: cell i is [cell_start[i], cell_start[i + 1]). */
	size_t ncells;
	rota_time *cell_start;
	char **queues;            /* the need's queues, in order of first appearance */
	size_t nqueues;
	double *required;         /* [queue * ncells + cell]; NAN where the need says nothing */
	/* Candidates of agent a on day start + d: cands[slot[a * days + d] ..
	 * slot[a * days + d + 1]).  Days off and unavailable spans have removed theirs. */
	rota_roster_cand *cands;
	size_t ncands;
	size_t *slot;
	rota_roster_cell *cells;
	size_t ncellrefs;
	/* Per agent: 1 when the day is a day off (config days_off). */
	unsigned char *day_off;   /* [a * days + d] */
	size_t ignored_need;      /* need rows outside the horizon */
	/* The previous roster (rota_roster_history): its hdays days before start, worked or
	 * not per agent ([a * hdays + hdays + d] for day index d in [-hdays, 0)), its shifts
	 * (by agent and start), and what those cover of the grid (a night shift running into
	 * the first morning; NULL without history). */
	int hdays;
	unsigned char *hwork;
	rota_roster_asg *hist;
	size_t nhist;
	double *hcover;
} rota_roster_model;

/* Builds the model of the horizon [start, start + days) from cfg's roster section and
 * the need rows (may be NULL).  0, or -1 with err (status 2: a need row off the grid, a
 * zone that cannot be loaded). */
int rota_roster_model_build(const rota_config *cfg, const rota_tz *tz, int64_t start, int days,
                            const rota_roster_needs *need, rota_roster_model *m,
                            rota_error *err);
void rota_roster_model_free(rota_roster_model *m);

/* The previous roster, so that the rules on runs of days, rest and cannot-follow hold
 * across the first day: the model keeps a copy of h (days before m->start only) and
 * drops the candidates that would overlap a history shift, follow it with too little
 * rest or be a shift it cannot be followed by.  The history spans the days from its
 * earliest shift to the day before start; a day without a shift there is a day off.
 * Call once, before solving or checking (the dropped candidates do not come back). */
void rota_roster_history(rota_roster_model *m, const rota_roster_asg *h, size_t n);
/* 1 when agent a worked day index d (< 0) of the history; 0 when off or before it. */
int rota_roster_worked_before(const rota_roster_model *m, size_t a, int d);
/* The history shift of agent a that ends last, or NULL. */
const rota_roster_asg *rota_roster_history_last(const rota_roster_model *m, size_t a);
/* Candidates of agent a on day index d. */
static inline size_t
rota_roster_ncand(const rota_roster_model *m, size_t a, int d)
{
	return m->slot[a * (size_t)m->days + (size_t)d + 1] - m->slot[a * (size_t)m->days + (size_t)d];
}
/* Worked seconds of an assignment (its span minus its breaks). */
int64_t rota_roster_worked(const rota_roster_asg *a);
/* Agents scheduled per queue and cell ([queue * ncells + cell]), from the assignments
 * and the history's shifts that reach into the horizon. */
void rota_roster_coverage(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                          double *scheduled);

/* The service level each queue would reach with the scheduled agents (rota_roster_
 * coverage), by Erlang C from the need's volume and handling time and the queue's
 * settings in the config (sl threshold, shrinkage): the share of the need's contacts
 * answered within the threshold.  sl[q] is NAN for a queue without volume or settings. */
void rota_roster_service_level(const rota_roster_model *m, const rota_roster_needs *need,
                               const double *scheduled, double *sl);

/* ---- the checker ---- */
typedef struct rota_roster_violation {
	const char *rule;         /* "min-rest", "max-consecutive-days", ... */
	size_t agent;
	int64_t from, to;         /* the dates concerned */
	char what[160];           /* in words, with the numbers */
} rota_roster_violation;

typedef struct rota_roster_objective {
	double under, over;       /* weighted: interval needs and cover lines together */
	double preference, cost, fairness;
	double total;
	double uncovered_hours;   /* agent-hours short of the interval needs */
} rota_roster_objective;

typedef struct rota_roster_report {
	rota_roster_violation *v;
	size_t n;
	rota_roster_objective obj;
} rota_roster_report;

/* Every hard rule over the assignments (any order) and the objective.  Rules on the
 * horizon's edges: days before and after count as days off for the maximum in a row,
 * and a block of days touching an edge is never too short; with a history
 * (rota_roster_history) the first edge is the history's first day instead, and the
 * history's last shift counts for rest and cannot-follow.  Returns r->n. */
size_t rota_roster_check(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                         rota_roster_report *r);
void rota_roster_report_free(rota_roster_report *r);
/* The objective alone. */
void rota_roster_objective_of(const rota_roster_model *m, const rota_roster_asg *a, size_t n,
                              rota_roster_objective *o);

/* A roster as rota-roster writes it (agent,date,shift,start,end,breaks[,queue]), for
 * checking.  0, or -1 with err (status 2, file:line:column). */
int rota_roster_read(rota_csv *c, const rota_roster_model *m, rota_roster_asg **out,
                     size_t *n, rota_error *err);
/* The previous roster for rota_roster_history: like rota_roster_read, and every row
 * dated before the horizon's first day (else an error at the row's date). */
int rota_roster_history_read(rota_csv *c, const rota_roster_model *m, rota_roster_asg **out,
                             size_t *n, rota_error *err);
/* "12:00-12:30 15:00-15:15": the breaks in the agent's local wall clock; buf of 16 per
 * break is enough. */
size_t rota_roster_breaks_format(char *buf, size_t len, const rota_roster_asg *a,
                                 const rota_tz *tz);

/* Writers of the three tables (the column arrays are for rota_record_new):
 * agent,date,shift,start,end,breaks,queue (start and end in the agent's zone);
 * rule,agent,from,to,detail; interval,queue,required,scheduled,gap (planning zone, only
 * where the need says something). */
#define ROTA_ROSTER_NCOLS 7
#define ROTA_ROSTER_REPORT_NCOLS 5
#define ROTA_ROSTER_COVERAGE_NCOLS 5
extern const rota_column rota_roster_columns[ROTA_ROSTER_NCOLS];
extern const rota_column rota_roster_report_columns[ROTA_ROSTER_REPORT_NCOLS];
extern const rota_column rota_roster_coverage_columns[ROTA_ROSTER_COVERAGE_NCOLS];
void rota_roster_write(rota_record *w, const rota_roster_model *m, const rota_roster_asg *a,
                       size_t n);
void rota_roster_report_write(rota_record *w, const rota_roster_model *m,
                              const rota_roster_report *r);
void rota_roster_coverage_write(rota_record *w, const rota_roster_model *m,
                                const rota_roster_asg *a, size_t n);

/* The roster as a standalone SVG document (rota_xmalloc'd): per queue the agents
 * required and scheduled per interval, then a Gantt chart of agents across the
 * horizon's days with each shift's bar and breaks, all on the planning zone's clock. */
char *rota_roster_svg(const rota_roster_model *m, const rota_roster_asg *a, size_t n);

/* ---- the solver ---- */
typedef struct rota_roster_progress {
	double seconds;           /* since the solve started */
	double objective;         /* best roster so far (HUGE_VAL: none yet) */
	double bound;             /* best bound (-HUGE_VAL: none) */
	double gap;               /* relative; HUGE_VAL when unknown */
	const char *phase;        /* "mip", "construct", "search" */
} rota_roster_progress;

typedef struct rota_roster_opts {
	double time_limit;        /* seconds, > 0 */
	double gap;               /* relative gap at which to stop (0: prove optimality) */
	unsigned seed;
	/* Above this many candidate assignments the whole model is not given to GLPK at
	 * once: construction and search instead.  0: 2500. */
	size_t direct_limit;
	void (*progress)(void *ctx, const rota_roster_progress *p);
	void *ctx;
} rota_roster_opts;

void rota_roster_opts_init(rota_roster_opts *o);

typedef struct rota_roster_result {
	rota_roster_asg *a;
	size_t n;
	double objective, bound, gap;
	int optimal;
	double first_feasible;    /* seconds to the first roster */
	double seconds;
} rota_roster_result;

/* 0: a roster (r filled); 1: the hard rules cannot all hold (err says which rules and
 * agents, status 1); -1: the solver failed (err, status 3). */
int rota_roster_solve(const rota_roster_model *m, const rota_roster_opts *o,
                      rota_roster_result *r, rota_error *err);
void rota_roster_result_free(rota_roster_result *r);

/* The optimum of the whole model's linear relaxation, a bound below every roster's
 * objective: how tight the formulation is, before any branching or cut.  0 (bound set),
 * 1 when even the relaxation has no solution, -1 (err, status 3). */
int rota_roster_relaxation(const rota_roster_model *m, double *bound, rota_error *err);

/* ---- inside the solver (roster-glpk.c, roster-heur.c, roster-search.c) ----
 * A choice per agent and day: a candidate index local to the slot, -1 off. */
typedef struct rota_roster_plan {
	int *pick;                /* [a * days + d] */
	double objective;
} rota_roster_plan;

/* Solve the sub-problem in which agent-days with free[a * days + d] set are chosen and
 * the rest keep cur's picks; the best found goes into out (out may be cur).  start_obj is
 * cur's objective, or HUGE_VAL when cur is not a roster (then it is not offered to
 * GLPK).  Returns 0 (improved or not: out->objective says), 1 infeasible, -1 failure.
 * bound receives GLPK's bound of the sub-problem. */
int rota_roster_mip(const rota_roster_model *m, const unsigned char *free,
                    const rota_roster_plan *cur, double time_limit, double gap,
                    const rota_roster_opts *o, double t0, rota_roster_plan *out,
                    double *bound, int *optimal, rota_error *err);
/* Assignments of a plan (free with rota_xmalloc'd *a). */
size_t rota_roster_plan_asg(const rota_roster_model *m, const rota_roster_plan *p,
                            rota_roster_asg **a);
/* A first roster: agents one at a time, each choosing (by a small MIP) the shifts that
 * best fill what the others left uncovered under its own rules.  0, 1 infeasible, -1. */
int rota_roster_construct(const rota_roster_model *m, const rota_roster_opts *o, double t0,
                          rota_roster_plan *p, rota_error *err);
/* Large-neighbourhood search from p until the deadline (seconds since t0). */
int rota_roster_search(const rota_roster_model *m, const rota_roster_opts *o, double t0,
                       double deadline, rota_roster_plan *p, double *bound, rota_error *err);
double rota_roster_now(void);
/* The rule families that make agent a's rules unsatisfiable, for the message; 0 when
 * its rules hold together. */
int rota_roster_diagnose(const rota_roster_model *m, size_t a, char *buf, size_t n);

#endif
