/* The read state file: parsing, writing it atomically under a lock, and
 * setting a corrupt one aside. See readstate.h for the format. */
#include "newsdesk/write/readstate.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/fileio.h"

#include "readstate_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEADER "newsdesk-read 1"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Appends one line's identity, decoded, to key; -1 on a bad escape or a
 * control byte. Runs of plain bytes are copied at once (100k lines). */
static int unescape(const char *s, size_t len, struct nd_buf *key)
{
	size_t i = 0, run;
	int hi, lo;

	while (i < len) {
		for (run = i; run < len && s[run] != '\\'; run++) {
			if ((unsigned char)s[run] < 0x20 || s[run] == 0x7f)
				return -1;
		}
		nd_buf_add(key, s + i, run - i);
		if (run == len)
			break;
		if (len - run < 4 || s[run + 1] != 'x')
			return -1;
		hi = hex_digit(s[run + 2]);
		lo = hex_digit(s[run + 3]);
		if (hi < 0 || lo < 0)
			return -1;
		nd_buf_addc(key, (char)(hi << 4 | lo));
		i = run + 4;
	}
	return 0;
}

static int needs_escape(unsigned char c)
{
	return c < 0x20 || c == 0x7f || c == '\\';
}

static void escape(struct nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, run;

	while (i < len) {
		for (run = i; run < len && !needs_escape((unsigned char)s[run]);)
			run++;
		nd_buf_add(out, s + i, run - i);
		if (run == len)
			break;
		nd_buf_addf(out, "\\x%02x", (unsigned char)s[run]);
		i = run + 1;
	}
}

/* The identity keeps its "u\t" or "p\t", as nd_readstate_identity
 * builds it. */
static int parse_line(struct nd_readstate *rs, const char *s, size_t len,
		      struct nd_buf *key)
{
	if (len < 3 || (s[0] != 'u' && s[0] != 'p') || s[1] != '\t')
		return -1;
	nd_buf_reset(key);
	nd_buf_add(key, s, 2);
	if (unescape(s + 2, len - 2, key) != 0)
		return -1;
	rs_set(rs, rs_add(rs, key->data, key->len), 1);
	return 0;
}

/* Fills rs from the file's bytes; every bad line is a warning. Returns
 * how many lines were bad. */
static size_t parse(struct nd_readstate *rs, const char *data, size_t len,
		    struct nd_diag *d)
{
	struct nd_buf key = ND_BUF_INIT;
	size_t at = 0, bad = 0, n;
	unsigned line = 0;
	const char *nl;

	while (at < len) {
		nl = memchr(data + at, '\n', len - at);
		n = nl ? (size_t)(nl - (data + at)) : len - at;
		line++;
		if (line == 1 ? !ND_IS(data + at, n, HEADER) || nl == NULL
			      : nl == NULL ||
					parse_line(rs, data + at, n, &key) != 0) {
			bad++;
			nd_diag_add(d, ND_WARNING, rs->path, line, 0, "%s",
				    line == 1 ? "not a read state file (no "
						"'" HEADER "' line)"
				    : nl == NULL ? "the last line is cut off"
						 : "not a read state line");
		}
		at += n + 1;
	}
	nd_buf_release(&key);
	return bad;
}

/* Reads the file into rs (emptied first). *bad gets the bad lines. */
static int read_into(struct nd_readstate *rs, size_t *bad, struct nd_diag *d)
{
	struct nd_err err;
	char *data;
	size_t size;

	rs_clear(rs);
	*bad = 0;
	if (nd_read_file(rs->path, ND_READSTATE_MAX, &data, &size, &err) != 0) {
		if (err.code == ENOENT)
			return 0;
		if (err.code == 0) { /* too large, not a file: corrupt */
			nd_diag_add_err(d, ND_WARNING, rs->path, &err);
			*bad = 1;
			return 0;
		}
		nd_diag_add_err(d, ND_ERROR, rs->path, &err);
		return -1;
	}
	*bad = parse(rs, data, size, d);
	free(data);
	return 0;
}

static int make_dirs(const char *path)
{
	char *p = nd_xstrdup(path), *s;

	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* Opens and locks "PATH.lock" exclusively; the fd, or -1. */
static int take_lock(const struct nd_readstate *rs, struct nd_diag *d)
{
	struct nd_buf p = ND_BUF_INIT;
	int fd;

	nd_buf_addf(&p, "%s.lock", rs->path);
	if (make_dirs(p.data) != 0) {
		nd_diag_add(d, ND_ERROR, p.data, 0, 0, "cannot create its "
			    "directory: %s", strerror(errno));
		nd_buf_release(&p);
		return -1;
	}
	fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		nd_diag_add(d, ND_ERROR, p.data, 0, 0, "cannot lock: %s",
			    strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	nd_buf_release(&p);
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void serialise(const struct nd_readstate *rs, struct nd_buf *out)
{
	size_t i;

	nd_buf_add(out, ND_LIT(HEADER "\n"));
	for (i = 0; i < rs->count; i++) {
		const struct rs_entry *e = &rs->items[i];

		if (!e->read)
			continue;
		nd_buf_add(out, e->key, 2);
		escape(out, e->key + 2, e->len - 2);
		nd_buf_addc(out, '\n');
	}
}

static void sync_dir(const char *path)
{
	struct nd_buf dir = ND_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int fd;

	nd_buf_add(&dir, path, slash ? (size_t)(slash - path) : 0);
	if (dir.len == 0)
		nd_buf_adds(&dir, slash ? "/" : ".");
	fd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	nd_buf_release(&dir);
}

static int write_temp(int fd, const struct nd_buf *body)
{
	int r = write_all(fd, body->data, body->len) == 0 && fsync(fd) == 0
			? 0 : -1;

	/* Closed once, whatever happened: another thread may reuse the
	 * number at once. */
	if (close(fd) != 0)
		r = -1;
	return r;
}

/* Temporary file, fsync, rename over the file, fsync the directory. */
static int replace(const struct nd_readstate *rs, struct nd_diag *d)
{
	struct nd_buf tmp = ND_BUF_INIT, body = ND_BUF_INIT;
	int fd, r = -1;

	nd_buf_addf(&tmp, "%s.XXXXXX", rs->path);
	serialise(rs, &body);
	fd = mkstemp(tmp.data);
	if (fd >= 0) /* a program the desk starts must not inherit it */
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fd < 0) {
		nd_diag_add(d, ND_ERROR, rs->path, 0, 0, "cannot write a "
			    "temporary file: %s", strerror(errno));
	} else if (write_temp(fd, &body) != 0 ||
		   rename(tmp.data, rs->path) != 0) {
		nd_diag_add(d, ND_ERROR, rs->path, 0, 0, "cannot write: %s",
			    strerror(errno));
		unlink(tmp.data);
	} else {
		sync_dir(rs->path);
		r = 0;
	}
	nd_buf_release(&tmp);
	nd_buf_release(&body);
	return r;
}

/* Renames the corrupt file to "PATH.corrupt-TIME-PID" (under the lock). */
static int set_aside(const struct nd_readstate *rs, struct nd_diag *d)
{
	struct nd_buf to = ND_BUF_INIT;
	int r = 0;

	nd_buf_addf(&to, "%s.corrupt-%lld-%ld", rs->path, (long long)time(NULL),
		    (long)getpid());
	if (rename(rs->path, to.data) != 0) {
		nd_diag_add(d, ND_ERROR, rs->path, 0, 0, "cannot set the "
			    "damaged file aside: %s", strerror(errno));
		r = -1;
	} else {
		nd_diag_add(d, ND_WARNING, rs->path, 0, 0, "damaged: set "
			    "aside as '%s'; its good lines are kept", to.data);
	}
	nd_buf_release(&to);
	return r;
}

/* Under the lock: the file as it is now, set aside when it is corrupt. */
static int read_locked(struct nd_readstate *rs, struct nd_diag *d,
		       int *dirty)
{
	size_t bad;

	if (read_into(rs, &bad, d) != 0)
		return -1;
	*dirty = bad != 0;
	if (bad != 0 && set_aside(rs, d) != 0)
		return -1;
	return 0;
}

int nd_readstate_load(struct nd_readstate *rs, int mode, struct nd_diag *d)
{
	size_t bad;
	int fd, dirty = 0, r;

	if (mode != ND_READSTATE_WRITABLE) {
		r = read_into(rs, &bad, d);
		if (r == 0 && bad != 0)
			nd_diag_add(d, ND_WARNING, rs->path, 0, 0, "damaged: "
				    "its good lines are used; the desk sets "
				    "it aside");
		return r;
	}
	fd = take_lock(rs, d);
	if (fd < 0)
		return -1;
	r = read_locked(rs, d, &dirty);
	if (r == 0 && dirty)
		r = replace(rs, d);
	close(fd);
	return r;
}

/* Applies the changes of from onto to (the file as it is now). */
static void merge(struct nd_readstate *to, const struct nd_readstate *from)
{
	size_t i;

	for (i = 0; i < from->count; i++) {
		const struct rs_entry *e = &from->items[i];

		if (e->changed)
			rs_set(to, rs_add(to, e->key, e->len), e->read);
	}
}

static void swap(struct nd_readstate *a, struct nd_readstate *b)
{
	struct nd_readstate t = *a;

	*a = *b;
	*b = t;
	/* Each keeps its own path. */
	t.path = a->path;
	a->path = b->path;
	b->path = t.path;
}

int nd_readstate_save(struct nd_readstate *rs, struct nd_diag *d)
{
	struct nd_readstate *disk;
	int fd, dirty, r;

	if (rs->pending == 0)
		return 0;
	fd = take_lock(rs, d);
	if (fd < 0)
		return -1;
	disk = nd_readstate_new(rs->path);
	r = read_locked(disk, d, &dirty);
	if (r == 0) {
		merge(disk, rs);
		r = replace(disk, d);
	}
	if (r == 0)
		swap(rs, disk);
	nd_readstate_free(disk);
	close(fd);
	return r;
}
