#include "newsdesk/base/fileio.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The errno goes in .code: callers tell a missing file (ENOENT) from
 * the other failures by it. */
static int say_errno(struct nd_err *err, const char *what, int e)
{
	nd_err_set(err, "%s%s%s", what, what[0] ? ": " : "", strerror(e));
	if (err != NULL)
		err->code = e;
	return -1;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "is a directory";
	if (S_ISFIFO(m))
		return "is a FIFO, not a regular file";
	if (S_ISSOCK(m))
		return "is a socket, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is a device, not a regular file";
	return "is not a regular file";
}

int nd_read_fd(int fd, size_t max, char **data, size_t *size,
	       struct nd_err *err)
{
	struct stat st;
	size_t cap, len = 0;
	char *buf, *p;
	ssize_t n;

	if (fstat(fd, &st) != 0)
		return say_errno(err, "", errno);
	if (!S_ISREG(st.st_mode))
		return nd_err_set(err, "%s", kind_of(st.st_mode));
	if ((unsigned long long)st.st_size > max)
		return nd_err_set(err, "file too large (%lld bytes, limit %zu)",
				  (long long)st.st_size, max);
	cap = (size_t)st.st_size + 1;
	buf = nd_xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				free(buf);
				return nd_err_set(err, "file too large (limit "
						  "%zu bytes)", max);
			}
			cap *= 2;
			p = nd_xrealloc(buf, cap + 1);
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(buf);
			return say_errno(err, "cannot read", e);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max) {
		free(buf);
		return nd_err_set(err, "file too large (limit %zu bytes)", max);
	}
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return 0;
}

int nd_read_file(const char *path, size_t max, char **data, size_t *size,
		 struct nd_err *err)
{
	int fd, r;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return say_errno(err, "cannot open", errno);
	r = nd_read_fd(fd, max, data, size, err);
	close(fd);
	return r;
}
