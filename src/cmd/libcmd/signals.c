/* Interrupted runs leave nothing behind: on SIGINT, SIGTERM, SIGHUP or SIGPIPE the files
 * the library registered (a database being built, a temporary output) are removed, and
 * the signal is raised again with its default action, so that the exit status still
 * says what killed the process. */
#include <config.h>
#include <signal.h>
#include <string.h>
#include <rota/cleanup.h>
#include "../cmd.h"

static void
on_signal(int sig)
{
	rota_cleanup_run();
	/* SA_RESETHAND restored the default action and SA_NODEFER left the signal
	 * unblocked: this raise ends the process now. */
	raise(sig);
}

void
cmd_signals_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;
		/* A signal ignored by whoever started us (nohup, a shell's trap '' PIPE)
		 * stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}
