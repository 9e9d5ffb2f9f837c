/* Starts tests/fetch/server.py on 127.0.0.1 for the fetch tests. */
#ifndef NEWSDESK_TEST_SERVER_H
#define NEWSDESK_TEST_SERVER_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct test_server {
	pid_t pid;
	int to_child; /* closing it stops the server */
	int port;
	char base[64];
};

/* The server writes its port to a file: reading it from a pipe raced
 * with ctest running several tests at once. */
static inline int test_server_start(struct test_server *s)
{
	char portfile[64], line[32] = { 0 };
	int in[2];
	FILE *f;

	/* A proxy from the environment must not see loopback tests. */
	setenv("no_proxy", "127.0.0.1,localhost", 1);
	setenv("NO_PROXY", "127.0.0.1,localhost", 1);
	snprintf(portfile, sizeof(portfile), "/tmp/nd-port-%d",
		 (int)getpid());
	unlink(portfile);
	if (pipe(in) != 0)
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(in[0], 0);
		close(in[1]);
		execlp("python3", "python3", FETCH_TESTS "/server.py",
		       "--port-file", portfile, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	s->to_child = in[1];
	if (s->pid < 0)
		return -1;
	s->port = 0;
	/* As long as the server lives: Python starts slowly on a loaded
	 * machine (ctest -j8 on two cores), and a time limit here would fail
	 * a test that is only slow. ctest's TIMEOUT stops a hang. */
	while (s->port == 0 && waitpid(s->pid, NULL, WNOHANG) == 0) {
		f = fopen(portfile, "r");
		if (f != NULL) {
			if (fgets(line, sizeof(line), f) != NULL)
				s->port = (int)strtol(line, NULL, 10);
			fclose(f);
		}
		if (s->port == 0)
			usleep(50000);
	}
	unlink(portfile);
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", s->port);
	return s->port > 0 ? 0 : -1;
}

static inline void test_server_stop(struct test_server *s)
{
	close(s->to_child);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
}

#endif
