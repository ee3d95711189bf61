/* Share and service-level text: the one parser of each (rota/value.h). */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/time.h>
#include <rota/value.h>

int
rota_parse_share(const char *s, double *out)
{
	char *end;
	if (!isdigit((unsigned char)*s) && *s != '.' && *s != '-' && *s != '+')
		return -1;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v))   /* overflow is inf; an underflow is just small */
		return -1;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end != '\0' || strpbrk(s, "xXnN") != NULL)   /* no hex, inf or nan */
		return -1;
	*out = v;
	return 0;
}

int
rota_parse_service_level(const char *s, double *share, int64_t *secs, rota_error *err)
{
	static const char expect[] = "expected PERCENT/DURATION such as 80/20s (80% answered "
		"within 20 seconds)";
	const char *slash = strchr(s, '/');
	char pct[32];
	size_t n = slash ? (size_t)(slash - s) : 0;
	double p;
	if (slash == NULL || n == 0 || n >= sizeof pct)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, slash ? 1 : (long)strlen(s) + 1,
		                      "bad service level '%s': %s", s, expect);
	memcpy(pct, s, n);
	pct[n] = '\0';
	if (pct[n - 1] == '%')
		pct[n - 1] = '\0';
	/* p / 100: a percentage so small that the share underflows to 0 is 0%. */
	if (rota_parse_share(pct, &p) < 0 || strchr(pct, '%') || !(p / 100 > 0) || p > 100)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 1,
		                      "bad percentage in '%s': expected a number above 0 and at most "
		                      "100, such as 80/20s", s);
	rota_error de = { 0 };
	int64_t t;
	if (rota_duration_parse(slash + 1, &t, &de) < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0,
		                      (long)n + 1 + (de.col > 0 ? de.col : 1),
		                      "bad threshold in '%s': %s", s, de.msg);
	*share = p / 100;
	*secs = t;
	return 0;
}

size_t
rota_share_format(char *buf, size_t n, double share)
{
	double pct = share * 100 + 0.0;   /* + 0.0: -0 is 0 */
	double back;
	int len;
	/* Fixed notation with as few decimals as read back exactly; 1e-300 takes %g. */
	for (int dec = 0; dec <= 20; dec++) {
		len = snprintf(buf, n, "%.*f%%", dec, pct);
		if (rota_parse_share(buf, &back) == 0 && back == share + 0.0)
			return len < 0 ? 0 : (size_t)len;
	}
	len = snprintf(buf, n, "%.17g%%", pct);
	return len < 0 ? 0 : (size_t)len;
}
