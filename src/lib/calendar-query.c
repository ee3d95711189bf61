/* Queries on a calendar as a front end asks them (rota-cal, and the batch modes of the
 * clock commands to come): one answer that can be written, and the listing of days. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <rota/rota.h>
#include <rota/calendar.h>
#include <rota/record.h>

int
rota_calendar_query(rota_calendar *cal, rota_calendar_op op, rota_time t, int64_t arg,
                    const rota_tz *tz, int64_t *answer, rota_error *err)
{
	rota_time u;
	switch (op) {
	case ROTA_CAL_BETWEEN:
		*answer = rota_calendar_between(cal, t, arg);
		return 0;
	case ROTA_CAL_ADD:
		if (rota_calendar_add(cal, t, arg, &u, err) < 0)
			return -1;
		break;
	case ROTA_CAL_NEXT_OPEN:
		if (rota_calendar_next_open(cal, t, &u, err) < 0)
			return -1;
		break;
	default:
		if ((u = rota_calendar_next_close(cal, t)) > ROTA_TIME_LAST)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "calendar '%s' never "
			                      "closes again before the year 10000", rota_calendar_name(cal));
	}
	/* An answer is given only when it can be read back: in years 0001-9999 in tz. */
	rota_error e;   /* not cleared, as a batch asks this per line */
	e.fix[0] = '\0';   /* but with no fix to keep */
	if (!ROTA_TIME_SAFE(u) && rota_time_check(u, tz, &e) < 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "the answer %s", e.msg);
		rota_error_keep_fix(err, &e);
		return -1;
	}
	*answer = u;
	return 0;
}

int
rota_calendar_write_days(rota_calendar *cal, int64_t from, int64_t to, int format, FILE *f,
                         rota_error *err)
{
	static const char *const wd[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const rota_column cols[] = { { "date", ROTA_COL_STRING },
	                                    { "open_seconds", ROTA_COL_NUMBER },
	                                    { "holiday", ROTA_COL_STRING } };
	/* for people: the weekday, and open time in hours (24h30m, where
	 * rota_duration_format would write 1d30m) */
	static const rota_column text_cols[] = { { "date", ROTA_COL_STRING },
	                                         { "day", ROTA_COL_STRING },
	                                         { "open", ROTA_COL_STRING },
	                                         { "holiday", ROTA_COL_STRING } };
	int text = format == ROTA_FORMAT_TEXT;
	rota_record *r = rota_record_new(f, format, text ? text_cols : cols, text ? 4 : 3, 0);
	for (int64_t d = from; d <= to; d++) {
		rota_calendar_day info;
		char date[16], dur[32];
		rota_calendar_day_info(cal, d, &info);
		rota_date_format(date, sizeof date, d);
		rota_record_str(r, date);
		if (text) {
			rota_record_str(r, wd[info.weekday]);
			long long o = info.open;   /* 24h30m, 8h, 45m, 0s */
			snprintf(dur, sizeof dur, "%.0lld%s%.0lld%s%.0lld%s", o / 3600, o / 3600 ? "h" : "",
			         o / 60 % 60, o / 60 % 60 ? "m" : "", o % 60, o % 60 || !o ? "s" : "");
			rota_record_str(r, o ? dur : "0s");
		} else {
			rota_record_int(r, info.open);
		}
		rota_record_str(r, info.holiday && !*info.holiday ? "holiday" : info.holiday);
		rota_record_end(r);
	}
	return rota_record_finish(r, err);
}
