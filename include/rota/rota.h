/* rota: the library's public face.  Every exported name starts with rota_. */
#ifndef ROTA_ROTA_H
#define ROTA_ROTA_H

#define ROTA_VERSION "0.1.0"

/* Exit statuses shared by every command (rota(7), EXIT STATUS). */
enum rota_exit {
	ROTA_EXIT_OK = 0,      /* success */
	ROTA_EXIT_FOUND = 1,   /* a check found problems (breaches, infeasible hard rules) */
	ROTA_EXIT_USAGE = 2,   /* bad usage or bad input; nothing was written */
	ROTA_EXIT_RUNTIME = 3  /* I/O, database locked, solver failure */
};

#include <rota/error.h>
#include <rota/strbuf.h>
#include <rota/time.h>
#include <rota/csv.h>
#include <rota/record.h>
#include <rota/output.h>

#endif
