/* Test-only: see sqlraw.h. */
#include <config.h>
#include <stdio.h>
#include <sqlite3.h>
#include "sqlraw.h"

int64_t
sqlraw_int(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;
	sqlite3_open(file, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

const char *
sqlraw_str(const char *file, const char *sql)
{
	static char buf[1024];
	sqlite3 *db;
	sqlite3_stmt *st;
	buf[0] = '\0';
	sqlite3_open(file, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return buf;
}

void
sqlraw_exec(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_open(file, &db);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
}

void *
sqlraw_lock(const char *file)
{
	sqlite3 *db;
	sqlite3_open(file, &db);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

void
sqlraw_unlock(void *h)
{
	if (h == NULL)
		return;
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
}
