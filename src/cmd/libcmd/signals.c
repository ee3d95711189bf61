/* An interrupted run leaves nothing of itself: the files the library registered with
 * rota_cleanup_add (a temporary output, a database being built) are removed when a
 * signal that would end the process arrives, and on exit(). */
#include <config.h>
#include <signal.h>
#include <stdlib.h>
#include <rota/cleanup.h>
#include "../cmd.h"

static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void
on_signal(int sig)
{
	rota_cleanup_run();
	/* SA_RESETHAND put the default action back; the signal, blocked while this handler
	 * runs, is delivered when it returns, so that the parent sees death by sig. */
	raise(sig);
}

static void
at_exit(void)
{
	rota_cleanup_run();
}

void
cmd_signals_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	atexit(at_exit);
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
		struct sigaction old, sa = { 0 };
		/* nohup, or a parent that ignores SIGPIPE, chose for us: keep it ignored. */
		if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t j = 0; j < sizeof fatal / sizeof *fatal; j++)
			sigaddset(&sa.sa_mask, fatal[j]);
		sa.sa_flags = SA_RESETHAND;
		sigaction(fatal[i], &sa, NULL);
	}
}
