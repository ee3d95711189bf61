/* Running a sink's program: fork and execvp, never a shell, so that no ticket text is
 * ever parsed as a command; a timeout so that a hung pager does not hold the lock. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <rota/rota.h>
#include "sink.h"

extern char **environ;

static char **
env_with(char *const extra[])
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	while (extra && extra[k])
		k++;
	char **e = rota_xcalloc(n + k + 1, sizeof *e);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		/* Our own variables win over inherited ones of the same name. */
		const char *eq = strchr(environ[i], '=');
		size_t len = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = strncmp(extra[j], environ[i], len) == 0 && extra[j][len] == '=';
		if (!dup)
			e[m++] = environ[i];
	}
	for (size_t j = 0; j < k; j++)
		e[m++] = extra[j];
	e[m] = NULL;
	return e;
}

int
alert_run(char *const argv[], char *const extra_env[], const char *input, int64_t timeout,
          rota_error *err)
{
	int pfd[2] = { -1, -1 };
	if (input && pipe(pfd) < 0)
		return rota_error_set(err, 3, NULL, 0, 0, "%s: cannot make a pipe: %s", argv[0], strerror(errno));
	char **env = env_with(extra_env);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		free(env);
		return rota_error_set(err, 3, NULL, 0, 0, "%s: cannot fork: %s", argv[0], strerror(errno));
	}
	if (pid == 0) {
		int in = input ? pfd[0] : open("/dev/null", O_RDONLY);
		if (in >= 0 && in != 0) {
			dup2(in, 0);
			close(in);
		}
		if (input)
			close(pfd[1]);
		dup2(2, 1);
		signal(SIGPIPE, SIG_DFL);
		execvpe(argv[0], argv, env);
		fprintf(stderr, "rota-alert: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	free(env);
	if (input) {
		close(pfd[0]);
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);
		size_t len = strlen(input), off = 0;
		while (off < len) {
			ssize_t w = write(pfd[1], input + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		close(pfd[1]);
		signal(SIGPIPE, old);
	}
	struct timespec t0, now, nap = { 0, 10 * 1000 * 1000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int status, killed = 0;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return rota_error_set(err, 3, NULL, 0, 0, "%s: %s", argv[0], strerror(errno));
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!killed && now.tv_sec - t0.tv_sec >= timeout) {
			kill(pid, SIGKILL);
			killed = 1;
		}
		nanosleep(&nap, NULL);
	}
	if (killed)
		return rota_error_set(err, 3, NULL, 0, 0, "%s: killed after %llds (the timeout)", argv[0],
		                      (long long)timeout);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return rota_error_set(err, 3, NULL, 0, 0, "%s: exit status %d", argv[0], WEXITSTATUS(status));
	return rota_error_set(err, 3, NULL, 0, 0, "%s: killed by signal %d", argv[0], WTERMSIG(status));
}
