/* Inside the roster solver: the rule families the integer program can leave out (to
 * find which of them conflict) and the builder's entry point. */
#ifndef ROTA_ROSTER_INT_H
#define ROTA_ROSTER_INT_H
#include <rota/roster.h>

enum {
	ROSTER_F_REST = 1 << 0,             /* min rest, overlap and cannot-follow */
	ROSTER_F_MAX_SHIFTS = 1 << 1,
	ROSTER_F_HORIZON_MINUTES = 1 << 2,
	ROSTER_F_WEEK_MINUTES = 1 << 3,
	ROSTER_F_MAX_CONSECUTIVE = 1 << 4,
	ROSTER_F_MIN_CONSECUTIVE = 1 << 5,
	ROSTER_F_MIN_DAYS_OFF = 1 << 6,
	ROSTER_F_MAX_WEEKENDS = 1 << 7,
	ROSTER_F_RULES = (1 << 8) - 1,
	ROSTER_F_OBJECTIVE = 1 << 8
};

/* rota_roster_mip with a choice of families; 2: no roster found within the time. */
int roster_mip_run(const rota_roster_model *m, const unsigned char *free,
                   const rota_roster_plan *cur, unsigned families, double time_limit,
                   double gap, const rota_roster_opts *o, double t0, rota_roster_plan *out,
                   double *bound, int *optimal, rota_error *err);

/* Local search (roster-ls.c) over a plan that keeps every hard rule.  The state prices
 * each move by its difference alone; the step and inspection functions are for the unit
 * test that audits those differences against the checker. */
typedef struct roster_ls roster_ls;
roster_ls *roster_ls_new(const rota_roster_model *m, const int *pick, unsigned seed);
void roster_ls_free(roster_ls *s);
/* 1 when every agent's rules hold over the whole horizon. */
int roster_ls_feasible(const roster_ls *s);
/* One random move at temperature temp (0: only moves that do not worsen): 1 made, 0
 * undone by the acceptance rule, 2 undone as it breaks a hard rule, -1 none drawn.
 * *delta receives the objective's change when the rules hold (1 and 0). */
int roster_ls_step(roster_ls *s, double temp, double *delta);
/* The last move drawn: how many agent-days, and (up to cap) their slots and new picks. */
size_t roster_ls_last(const roster_ls *s, size_t *slots, int *picks, size_t cap);
double roster_ls_objective(const roster_ls *s);
const int *roster_ls_pick(const roster_ls *s);
/* Simulated annealing from p for up to moves steps (a count, so that a run the clock
 * does not cut is the same for the same seed), starting at heat times the mean worsening
 * of a move, stopping at the deadline (seconds since t0) or at target.  p takes the best roster when it improves on p->objective (checked
 * by rota_roster_objective_of).  1 improved, 0 not, -1 p breaks a hard rule (untouched). */
int roster_ls_run(const rota_roster_model *m, unsigned seed, unsigned long moves, double heat,
                  double t0, double deadline, double target, rota_roster_plan *p);
#endif
