/* Test-only: look into a database file with SQLite directly, for what the store's API
 * deliberately does not show (the schema version, the journal mode, another process's
 * lock, a file that some other program made).  Never linked into rota itself. */
#ifndef ROTA_TEST_SQLRAW_H
#define ROTA_TEST_SQLRAW_H

#include <stdint.h>

/* The first column of the first row of sql on file (-1 / "" when there is none). */
int64_t sqlraw_int(const char *file, const char *sql);
const char *sqlraw_str(const char *file, const char *sql);
void sqlraw_exec(const char *file, const char *sql);
/* Another writer: holds the write lock on file until sqlraw_unlock. */
void *sqlraw_lock(const char *file);
void sqlraw_unlock(void *h);

#endif
