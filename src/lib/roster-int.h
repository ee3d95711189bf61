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
	ROSTER_F_OBJECTIVE = 1 << 8,
	ROSTER_F_QUICK = 1 << 9             /* a neighbourhood: no cut rounds, search at once */
};

/* rota_roster_mip with a choice of families; 2: no roster found within the time. */
int roster_mip_run(const rota_roster_model *m, const unsigned char *free,
                   const rota_roster_plan *cur, unsigned families, double time_limit,
                   double gap, const rota_roster_opts *o, double t0, rota_roster_plan *out,
                   double *bound, int *optimal, rota_error *err);
#endif
