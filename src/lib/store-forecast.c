/* Arrivals for rota-forecast: tickets' created times counted per bucket and series in
 * one grouped query, so that a year of a busy desk arrives as a few thousand rows
 * rather than one row per ticket. */
#include <config.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>
#include "store-int.h"

/* A column the caller does not split by reads as '' and so groups as one.  The bucket
 * is floored (created may lie before 1970, where % truncates toward zero). */
static const char sql_arrivals[] =
	"SELECT CASE WHEN ?2 THEN queue ELSE '' END AS q,"
	"       CASE WHEN ?3 THEN channel ELSE '' END AS c,"
	"       CASE WHEN ?4 THEN customer_tz ELSE '' END AS z,"
	"       created - (((created % ?1) + ?1) % ?1) AS b, count(*)"
	"  FROM tickets WHERE created IS NOT NULL"
	" GROUP BY q, c, z, b ORDER BY q, c, z, b";

int
rota_store_each_arrival_count(rota_store *s, int64_t bucket, unsigned by,
                              int (*cb)(const rota_arrival_count *a, void *ctx), void *ctx,
                              rota_error *err)
{
	if (s->empty)
		return 0;
	if (bucket <= 0)
		bucket = 900;
	sqlite3_stmt *st = store_stmt(s, sql_arrivals, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, bucket);
	sqlite3_bind_int(st, 2, (by & ROTA_ARRIVALS_QUEUE) != 0);
	sqlite3_bind_int(st, 3, (by & ROTA_ARRIVALS_CHANNEL) != 0);
	sqlite3_bind_int(st, 4, (by & ROTA_ARRIVALS_CUSTOMER_TZ) != 0);
	int rc, r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_arrival_count a;
		a.queue = store_text(st, 0);
		a.channel = store_text(st, 1);
		a.customer_tz = store_text(st, 2);
		a.bucket = sqlite3_column_int64(st, 3);
		a.count = sqlite3_column_int64(st, 4);
		if ((r = cb(&a, ctx)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_fail(s, err, "counting arrivals");
	sqlite3_reset(st);
	return r;
}
