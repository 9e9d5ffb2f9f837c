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

static inline int test_server_start(struct test_server *s)
{
	int in[2], out[2];
	char line[32] = { 0 };
	ssize_t n;

	if (pipe(in) != 0 || pipe(out) != 0)
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execlp("python3", "python3", FETCH_TESTS "/server.py", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->to_child = in[1];
	n = read(out[0], line, sizeof(line) - 1);
	close(out[0]);
	s->port = n > 0 ? (int)strtol(line, NULL, 10) : 0;
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
