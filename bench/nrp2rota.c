/* nrp2rota: a Shift Scheduling Benchmark instance (Curtois and Qu) as a rota.yaml whose
 * roster: section is the same problem, so that rota-roster's objective equals the
 * benchmark's.
 *
 *   nrp2rota [--start DATE] [-o FILE] InstanceN.txt
 *
 * How the benchmark maps onto rota.yaml (roster:):
 *   horizon          start: DATE (default 2026-01-05, a Monday, as the benchmark's day 0
 *                    is), days: N; the zone and every agent in UTC, so days are 24 hours.
 *   shift id,minutes a shift of that length; starts are staggered through the day and
 *                    each ends by 24:00, so no rest rule is implied: the benchmark's
 *                    "cannot follow" list is the shift's cannot_follow (same direction),
 *                    and no contract has min_rest.
 *   staff line       the agent's contract; staff with equal rules share one:
 *                      MaxShifts t=n        max_shifts: { t: n } (n >= horizon: left out)
 *                      Min/MaxTotalMinutes  minutes: { horizon: "MIN-MAX" }
 *                      MaxConsecutiveShifts max_consecutive_days
 *                      MinConsecutiveShifts min_consecutive_days (1: left out)
 *                      MinConsecutiveDaysOff min_consecutive_days_off (1: left out)
 *                      MaxWeekends          max_weekends
 *   days off         days_off: dates
 *   on request w     prefer: { date, shift, weight: w }   (penalty w when not granted)
 *   off request w    avoid:  { date, shift, weight: w }   (penalty w when worked)
 *   cover line       cover: { date, shift, need, under, over } with the line's weights
 *   weights          { under: 100, over: 1, preference: 1, cost: 0, fairness: 0 }, so the
 *                    objective is exactly the benchmark's.
 * Errors: "nrp2rota: FILE:LINE:COL: what" and exit 2 (3 for I/O); -o is written
 * atomically, nothing on error. */
#include <config.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/output.h>
#include <rota/time.h>
#include "nrp.h"

static void __attribute__((noreturn))
fail(const rota_error *e)
{
	fprintf(stderr, "nrp2rota: ");
	if (e->file[0])
		fprintf(stderr, "%s:", e->file);
	if (e->file[0] && e->line)
		fprintf(stderr, "%ld:", e->line);
	if (e->file[0] && e->line && e->col)
		fprintf(stderr, "%ld:", e->col);
	fprintf(stderr, "%s%s\n", e->file[0] ? " " : "", e->msg);
	exit(e->status ? e->status : ROTA_EXIT_USAGE);
}

static void __attribute__((noreturn))
usage(void)
{
	fputs("usage: nrp2rota [--start DATE] [-o FILE] INSTANCE.txt\n", stderr);
	exit(ROTA_EXIT_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "start", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *start_s = "2026-01-05", *out = NULL;
	rota_error err;
	rota_error_clear(&err);
	for (int c; (c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1;) {
		switch (c) {
		case 's': start_s = optarg; break;
		case 'o': out = optarg; break;
		default: usage();
		}
	}
	if (optind + 1 != argc)
		usage();
	int64_t start;
	if (rota_date_parse(start_s, &start, &err) < 0) {
		rota_error_prefix(&err, "--start: ");
		fail(&err);
	}
	nrp_instance *inst = nrp_read(argv[optind], &err);
	if (inst == NULL)
		fail(&err);
	int64_t last;
	if (rota_date_parse("9999-12-31", &last, &err) < 0 || start + inst->days - 1 > last) {
		rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, 0, "--start %s: a horizon of %d days "
		               "would end after 9999-12-31", start_s, inst->days);
		fail(&err);
	}
	rota_out *o = rota_out_open(out, &err);
	if (o == NULL)
		fail(&err);
	if (nrp_write_rota(rota_out_file(o), inst, start, &err) < 0) {
		rota_out_abort(o);
		fail(&err);
	}
	nrp_free(inst);
	if (rota_out_commit(o, &err) < 0)
		fail(&err);
	return 0;
}
