#include <config.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/cleanup.h>

/* A fixed table, so that the signal handler never meets memory being reallocated: a slot
 * is published by setting `used` last and retired by clearing it first. */
enum { NSLOTS = 64, PATHMAX = 4096 };

static struct slot {
	volatile sig_atomic_t used;
	char path[PATHMAX];
} slots[NSLOTS];

int
rota_cleanup_add(const char *path)
{
	size_t n = strlen(path);
	if (n >= PATHMAX)
		return -1;
	for (int i = 0; i < NSLOTS; i++)
		if (!slots[i].used) {
			memcpy(slots[i].path, path, n + 1);
			slots[i].used = 1;
			return i;
		}
	return -1;
}

void
rota_cleanup_forget(int handle)
{
	if (handle >= 0 && handle < NSLOTS)
		slots[handle].used = 0;
}

void
rota_cleanup_run(void)
{
	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].used) {
			unlink(slots[i].path);
			slots[i].used = 0;
		}
}
