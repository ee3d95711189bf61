/* Overlapping runs (cron): a lock beside the database, DB.alert-lock, held for the run
 * (flock: released by the kernel however the run ends). */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include <rota/rota.h>
#include "cmd.h"
#include "parts.h"

int
alert_lock(const char *db, int64_t wait, int verbose, int *fd)
{
	size_t n = strlen(db) + 16;
	char *path = rota_xmalloc(n);
	snprintf(path, n, "%s.alert-lock", db);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		cmd_die(3, "%s: cannot open the lock: %s", path, strerror(errno));
	struct timespec t0, now, nap = { 0, 20 * 1000 * 1000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			cmd_die(3, "%s: cannot lock: %s", path, strerror(errno));
		clock_gettime(CLOCK_MONOTONIC, &now);
		double waited = (double)(now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
		if (wait < 0) {
			if (verbose)
				cmd_warn("another rota-alert holds %s: skipped", path);
			free(path);
			return 0;
		}
		if (waited >= (double)wait)
			cmd_die(3, "another rota-alert held %s for longer than --wait", path);
		nanosleep(&nap, NULL);
	}
	free(path);
	return 1;
}
