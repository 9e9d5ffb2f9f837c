#include "newsdesk/present/history.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void nd_history_init(struct nd_history *h)
{
	memset(h, 0, sizeof(*h));
}

void nd_history_release(struct nd_history *h)
{
	size_t i;

	for (i = 0; i < h->count; i++) {
		free(h->items[i].kind);
		free(h->items[i].text);
	}
	free(h->items);
	nd_history_init(h);
}

/* One line of printable text: tabs, breaks and controls dropped. */
static char *clean(const char *s)
{
	char *out = nd_xstrdup(s), *w = out;

	for (; *s; s++) {
		if ((unsigned char)*s >= 0x20 && *s != 0x7F)
			*w++ = *s;
	}
	*w = '\0';
	return out;
}

static void drop(struct nd_history *h, size_t i)
{
	free(h->items[i].kind);
	free(h->items[i].text);
	memmove(&h->items[i], &h->items[i + 1],
		(h->count - i - 1) * sizeof(*h->items));
	h->count--;
}

/* Keeps the last ND_HISTORY_MAX of kind: drops its oldest. */
static void trim(struct nd_history *h, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < h->count; i++)
		n += strcmp(h->items[i].kind, kind) == 0;
	for (i = 0; n > ND_HISTORY_MAX && i < h->count;) {
		if (strcmp(h->items[i].kind, kind) == 0) {
			drop(h, i);
			n--;
		} else {
			i++;
		}
	}
}

static long last_of(const struct nd_history *h, const char *kind)
{
	size_t i = h->count;

	while (i-- > 0) {
		if (strcmp(h->items[i].kind, kind) == 0)
			return (long)i;
	}
	return -1;
}

void nd_history_add(struct nd_history *h, const char *kind, const char *text)
{
	char *t = clean(text), *k = clean(kind);
	long last = last_of(h, k);

	if (t[0] == '\0' || k[0] == '\0' || strchr(k, '\t') != NULL ||
	    (last >= 0 && strcmp(h->items[last].text, t) == 0)) {
		free(t);
		free(k);
		return;
	}
	nd_grow(&h->items, &h->cap, h->count + 1, sizeof(*h->items));
	h->items[h->count].kind = k;
	h->items[h->count++].text = t;
	trim(h, k);
}

const char **nd_history_of(const struct nd_history *h, const char *kind, size_t *n)
{
	const char **out = nd_xcalloc(h->count + 1, sizeof(*out));
	size_t i;

	*n = 0;
	for (i = 0; i < h->count; i++) {
		if (strcmp(h->items[i].kind, kind) == 0)
			out[(*n)++] = h->items[i].text;
	}
	return out;
}

static void load_line(struct nd_history *h, char *line)
{
	char *tab = strchr(line, '\t');

	if (tab == NULL)
		return;
	*tab = '\0';
	nd_history_add(h, line, tab + 1);
}

int nd_history_load(struct nd_history *h, const char *path,
		    struct nd_err *err)
{
	char *data, *line, *nl;
	size_t size;

	if (nd_read_file(path, ND_HISTORY_FILE_MAX, &data, &size, err) != 0)
		return err->code == ENOENT ? 0 : -1;
	for (line = data; line < data + size; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + size - line));
		if (nl == NULL)
			nl = data + size;
		*nl = '\0';
		load_line(h, line);
	}
	free(data);
	return 0;
}

static void make_parent(const char *path)
{
	char *dir = nd_xstrdup(path), *slash = strrchr(dir, '/'), *p;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		for (p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			(void)mkdir(dir, 0700);
			*p = '/';
		}
		(void)mkdir(dir, 0700);
	}
	free(dir);
}

static int write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int nd_history_save(const struct nd_history *h, const char *path,
		    struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT, tmp = ND_BUF_INIT;
	size_t i;
	int fd, rc = 0;

	make_parent(path);
	for (i = 0; i < h->count; i++)
		nd_buf_addf(&b, "%s\t%s\n", h->items[i].kind, h->items[i].text);
	nd_buf_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST && unlink(tmp.data) == 0)
		fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			  0600);
	if (fd < 0 || write_all(fd, b.data, b.len) != 0 || fsync(fd) != 0)
		rc = nd_err_set(err, "cannot write '%s': %s", tmp.data,
				strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = nd_err_set(err, "cannot write '%s'", tmp.data);
	if (rc == 0 && rename(tmp.data, path) != 0)
		rc = nd_err_set(err, "cannot rename '%s': %s", tmp.data,
				strerror(errno));
	if (rc != 0 && fd >= 0)
		unlink(tmp.data);
	nd_buf_release(&b);
	nd_buf_release(&tmp);
	return rc;
}
