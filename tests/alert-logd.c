/* A stand-in for syslogd, for the syslog sink's test: binds a unix datagram socket at
 * SOCKET (run it where that may be /dev/log: a mount namespace of its own), runs
 * PROGRAM with its arguments and prints every message it receives meanwhile, one a
 * line, until PROGRAM has exited and the socket is drained.  Exits with PROGRAM's
 * status.   alert-logd SOCKET PROGRAM [ARG...] */
#include <config.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: alert-logd SOCKET PROGRAM [ARG...]\n");
		return 2;
	}
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(argv[1]) >= sizeof sa.sun_path) {
		fprintf(stderr, "alert-logd: %s: path too long\n", argv[1]);
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	unlink(argv[1]);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		fprintf(stderr, "alert-logd: %s: %s\n", argv[1], strerror(errno));
		return 3;
	}
	pid_t pid = fork();
	if (pid < 0)
		return 3;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "alert-logd: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	int status = 0, done = 0;
	char buf[8192];
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, done ? 0 : 20);
		if (r > 0) {
			ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
			if (n > 0) {
				/* The datagram as it came (syslog(3) ends none with a newline). */
				fwrite(buf, 1, (size_t)n, stdout);
				putchar('\n');
			}
			continue;
		}
		if (done)
			break;
		if (waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
	}
	unlink(argv[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}
