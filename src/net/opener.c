#include "newsdesk/net/opener.h"

#include "newsdesk/net/fetch.h"
#include "opener_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int nd_opener_is_terminal(const char *opener)
{
	static const char *const names[] = { "w3m", "lynx", "links", "links2",
					     "elinks", "browsh", "www-browser" };
	struct nd_opener_cmd c;
	const char *base;
	size_t i;
	int yes = 0;

	if (nd_opener_cmd_make(&c, opener, NULL, NULL) != 0)
		return 0;
	base = strrchr(c.argv[0], '/');
	base = base ? base + 1 : c.argv[0];
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		yes |= strcmp(base, names[i]) == 0;
	nd_opener_cmd_release(&c);
	return yes;
}

/* After fork only async-signal-safe calls: the desk has other threads.
 * exec closes the pipe (close-on-exec); if exec returns, its errno goes
 * through the pipe to the parent. */
static void exec_or_tell(const struct nd_opener_cmd *c, int tell)
{
	int e;

	execv(c->path, c->argv);
	e = errno;
	(void)!write(tell, &e, sizeof(e));
	_exit(127);
}

/* In a session of its own, off the terminal; the grandchild runs the
 * browser, the child is reaped at once, so no zombie is left. */
static void detach(const struct nd_opener_cmd *c, int tell)
{
	int null = open("/dev/null", O_RDWR), e;
	pid_t pid;

	setsid();
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	pid = fork();
	if (pid == 0)
		exec_or_tell(c, tell);
	e = errno;
	if (pid < 0)
		(void)!write(tell, &e, sizeof(e));
	_exit(0);
}

/* 1 and *e when the child told exec's errno; 0 (end of file) when exec
 * went ahead. */
static int told(int fd, int *e)
{
	ssize_t n;

	do
		n = read(fd, e, sizeof(*e));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*e);
}

static void reap(pid_t pid, int *status)
{
	*status = 0;
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		continue; /* a resize's SIGWINCH while the browser runs */
}

static const char *exec_error(int e)
{
	if (e == ENOENT)
		return "not found (or its interpreter is not)";
	if (e == EACCES)
		return "permission denied";
	if (e == ENOEXEC)
		return "not an executable";
	return strerror(e);
}

static int exit_error(const struct nd_opener_cmd *c, int status,
		      struct nd_err *err)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return nd_err_set(err, "'%s' exited with status %d",
				  c->argv[0], WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return nd_err_set(err, "'%s' was killed by signal %d",
				  c->argv[0], WTERMSIG(status));
	return 0;
}

static int launch(const struct nd_opener_cmd *c, int wait,
		  struct nd_err *err)
{
	int fds[2], e, failed, status;
	pid_t pid;

	if (pipe(fds) != 0)
		return nd_err_set(err, "cannot start '%s': %s", c->argv[0],
				  strerror(errno));
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0 && wait)
		exec_or_tell(c, fds[1]); /* in the foreground, on the tty */
	if (pid == 0)
		detach(c, fds[1]);
	e = errno;
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return nd_err_set(err, "cannot start '%s': %s", c->argv[0],
				  strerror(e));
	}
	failed = told(fds[0], &e);
	close(fds[0]);
	reap(pid, &status);
	if (failed)
		return nd_err_set(err, "cannot run '%s': %s", c->argv[0],
				  exec_error(e));
	return wait ? exit_error(c, status, err) : 0;
}

static int run(const char *url, const char *opener, int wait,
	       struct nd_err *err)
{
	struct nd_opener_cmd c;
	int rc;

	if (nd_fetch_url_check(url, err) != 0 ||
	    nd_opener_cmd_make(&c, opener, url, err) != 0)
		return -1;
	rc = launch(&c, wait, err);
	nd_opener_cmd_release(&c);
	return rc;
}

int nd_opener_open(const char *url, const char *opener, struct nd_err *err)
{
	return run(url, opener, 0, err);
}

int nd_opener_open_wait(const char *url, const char *opener, struct nd_err *err)
{
	return run(url, opener, 1, err);
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
