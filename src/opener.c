#include "newsdesk/opener.h"

#include "newsdesk/fetch.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 16

static void child(char **argv)
{
	int null = open("/dev/null", O_RDWR);

	setsid();
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	/* The grandchild runs the browser; the child is reaped at once. */
	if (fork() == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	_exit(0);
}

int nd_open_url(const char *url, const char *opener, char *err,
		size_t errlen)
{
	char *argv[MAX_ARGS + 2], *copy, *tok, *save = NULL;
	const char *disp = getenv("DISPLAY"), *way = getenv("WAYLAND_DISPLAY");
	int n = 0;
	pid_t pid;

	if (nd_url_check(url, err, errlen) != 0)
		return -1;
	if (opener == NULL || opener[0] == '\0')
		opener = getenv("BROWSER");
	if (opener == NULL || opener[0] == '\0') {
		snprintf(err, errlen, "%s", (disp && disp[0]) || (way && way[0])
			 ? "no browser set: set $BROWSER or 'opener:' in the "
			   "config"
			 : "no browser here (over SSH?): o reads it here, y "
			   "copies the URL");
		return -1;
	}
	copy = strdup(opener);
	if (copy == NULL)
		return snprintf(err, errlen, "out of memory"), -1;
	for (tok = strtok_r(copy, " ", &save); tok && n < MAX_ARGS;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	argv[n++] = (char *)url;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0)
		child(argv);
	free(copy);
	if (pid < 0)
		return snprintf(err, errlen, "cannot start '%s'", opener), -1;
	waitpid(pid, NULL, 0);
	return 0;
}

void nd_osc52(struct nd_buf *out, const char *text, size_t len)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrs"
				  "tuvwxyz0123456789+/";
	size_t i;

	nd_buf_adds(out, "\x1b]52;c;");
	for (i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)text[i] << 16;

		if (i + 1 < len)
			v |= (unsigned char)text[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)text[i + 2];
		nd_buf_addc(out, b64[(v >> 18) & 63]);
		nd_buf_addc(out, b64[(v >> 12) & 63]);
		nd_buf_addc(out, i + 1 < len ? b64[(v >> 6) & 63] : '=');
		nd_buf_addc(out, i + 2 < len ? b64[v & 63] : '=');
	}
	nd_buf_addc(out, '\a');
}
