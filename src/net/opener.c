#include "newsdesk/net/opener.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/net/fetch.h"

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

static const char *pick(const char *opener)
{
	return opener != NULL && opener[0] ? opener : getenv("BROWSER");
}

int nd_opener_is_terminal(const char *opener)
{
	static const char *const names[] = { "w3m", "lynx", "links", "links2",
					     "elinks", "browsh", "www-browser" };
	const char *o = pick(opener), *base;
	size_t i, n;

	if (o == NULL)
		return 0;
	n = strcspn(o, " ");
	base = o + n;
	while (base > o && base[-1] != '/')
		base--;
	n -= (size_t)(base - o);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i]) == n && strncmp(base, names[i], n) == 0)
			return 1;
	}
	return 0;
}

static int run(const char *url, const char *opener, int wait,
	       struct nd_err *err);

int nd_opener_open(const char *url, const char *opener, struct nd_err *err)
{
	return run(url, opener, 0, err);
}

int nd_opener_open_wait(const char *url, const char *opener, struct nd_err *err)
{
	return run(url, opener, 1, err);
}

static int run(const char *url, const char *opener, int wait,
	       struct nd_err *err)
{
	char *argv[MAX_ARGS + 2], *copy, *tok, *save = NULL;
	const char *disp = getenv("DISPLAY"), *way = getenv("WAYLAND_DISPLAY");
	int n = 0, status = 0;
	pid_t pid;

	if (nd_fetch_url_check(url, err) != 0)
		return -1;
	if (opener == NULL || opener[0] == '\0')
		opener = getenv("BROWSER");
	if (opener == NULL || opener[0] == '\0') {
		nd_err_set(err, "%s", (disp && disp[0]) || (way && way[0])
			 ? "no browser set: set $BROWSER or 'opener:' in the "
			   "config"
			 : "no browser here (over SSH?): o reads it here, y "
			   "copies the URL");
		return -1;
	}
	copy = nd_xstrdup(opener);
	for (tok = strtok_r(copy, " ", &save); tok && n < MAX_ARGS;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	argv[n++] = (char *)url;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0 && wait) {
		execvp(argv[0], argv); /* in the foreground, on the terminal */
		_exit(127);
	}
	if (pid == 0)
		child(argv);
	free(copy);
	if (pid < 0)
		return nd_err_set(err, "cannot start '%s'", opener), -1;
	waitpid(pid, &status, 0);
	if (wait && WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return nd_err_set(err, "cannot run '%s'", opener), -1;
	return 0;
}

void nd_opener_osc52(struct nd_buf *out, const char *text, size_t len)
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
