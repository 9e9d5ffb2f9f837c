#include "newsdesk/base/fileio.h"

#include "newsdesk/base/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int say(char *cause, size_t causelen, const char *what)
{
	snprintf(cause, causelen, "%s", what);
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

int nd_read_fd(int fd, size_t max, char **data, size_t *size, char *cause,
	       size_t causelen)
{
	struct stat st;
	size_t cap, len = 0;
	char *buf, *p;
	ssize_t n;

	if (fstat(fd, &st) != 0)
		return say(cause, causelen, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return say(cause, causelen, kind_of(st.st_mode));
	if ((unsigned long long)st.st_size > max) {
		snprintf(cause, causelen, "file too large (%lld bytes, "
			 "limit %zu)", (long long)st.st_size, max);
		return -1;
	}
	cap = (size_t)st.st_size + 1;
	buf = nd_xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				free(buf);
				snprintf(cause, causelen, "file too large "
					 "(limit %zu bytes)", max);
				return -1;
			}
			cap *= 2;
			p = nd_xrealloc(buf, cap + 1);
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(cause, causelen, "cannot read: %s",
				 strerror(errno));
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max) {
		free(buf);
		snprintf(cause, causelen, "file too large (limit %zu bytes)",
			 max);
		return -1;
	}
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return 0;
}

int nd_read_file(const char *path, size_t max, char **data, size_t *size,
		 char *cause, size_t causelen)
{
	int fd, r;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno; /* callers may test errno (ENOENT) */

		snprintf(cause, causelen, "cannot open: %s", strerror(e));
		errno = e;
		return -1;
	}
	r = nd_read_fd(fd, max, data, size, cause, causelen);
	close(fd);
	return r;
}
