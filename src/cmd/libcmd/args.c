/* Option values that several commands take: durations and shares.  Bad values are usage
 * errors through argp, so that the message and exit status are those of every option. */
#include <config.h>
#include <rota/staff.h>
#include "../cmd.h"

int64_t
cmd_duration_arg(struct argp_state *state, const char *opt, const char *arg, int zero_ok)
{
	int64_t v;
	rota_error e = { 0 };
	/* The parser's message says what was wrong where (a fraction, a month, a unit). */
	if (rota_duration_parse(arg, &v, &e) < 0)
		argp_error(state, "%s: %s", opt, e.msg);
	if (!zero_ok && v == 0)
		argp_error(state, "%s: bad duration '%s': expected a duration above 0 such as 90s, "
		           "3m or 1h30m", opt, arg);
	return v;
}

void
cmd_share_arg(struct argp_state *state, const char *opt, const char *arg, double lo,
              int lo_open, double hi, int hi_open, double *out)
{
	double v;
	if (rota_parse_share(arg, &v) < 0 || v < lo || (lo_open && v == lo) || v > hi ||
	    (hi_open && v == hi))
		argp_error(state, "%s: bad value '%s': expected a share R with %g %s R %s %g, as a "
		           "fraction (0.3) or a percentage (30%%)", opt, arg, lo, lo_open ? "<" : "<=",
		           hi_open ? "<" : "<=", hi);
	*out = v;
}

rota_time
cmd_time_arg(const char *opt, const char *s, const rota_tz *tz, const struct cmd_cli *cli)
{
	rota_time t;
	rota_error err;
	unsigned fl = ROTA_PARSE_DATE_OK | (cli->lenient ? ROTA_PARSE_LENIENT : 0);
	if (rota_time_parse(s, tz, fl, &t, &err) < 0)
		cmd_die(ROTA_EXIT_USAGE, "%s: %s", opt, err.msg);
	return t;
}
