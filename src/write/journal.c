#include "newsdesk/write/journal.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/xdg.h"

#include "journal_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL_MAX (256u * 1024 * 1024)
#define ROTATE_AT (64u * 1024 * 1024)

struct nd_journal_io nd_journal_io = { write, fsync, ROTATE_AT, JOURNAL_MAX };

void nd_journal_io_reset(void)
{
	nd_journal_io.write = write;
	nd_journal_io.fsync = fsync;
	nd_journal_io.rotate_at = ROTATE_AT;
	nd_journal_io.max = JOURNAL_MAX;
}

char *nd_journal_default_path(void)
{
	return nd_xdg_path(ND_XDG_STATE, "journal");
}

char *nd_journal_snapshot_dir(const char *journal)
{
	struct nd_buf b = ND_BUF_INIT;
	const char *slash = strrchr(journal, '/');

	nd_buf_add(&b, journal, slash ? (size_t)(slash - journal) : 0);
	nd_buf_adds(&b, slash ? "/snapshots" : "snapshots");
	return nd_buf_detach(&b, NULL);
}

char *nd_journal_new_group(void)
{
	static unsigned counter;
	struct timespec ts;
	struct nd_buf b = ND_BUF_INIT;

	clock_gettime(CLOCK_REALTIME, &ts);
	nd_buf_addf(&b, "%lld.%09ld-%ld-%u", (long long)ts.tv_sec, ts.tv_nsec,
		    (long)getpid(), counter++);
	return nd_buf_detach(&b, NULL);
}

/* Tabs, newlines and backslashes would break the line format. */
static void escape(struct nd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			nd_buf_adds(b, "\\t");
		else if (*s == '\n')
			nd_buf_adds(b, "\\n");
		else if (*s == '\r')
			nd_buf_adds(b, "\\r");
		else if (*s == '\\')
			nd_buf_adds(b, "\\\\");
		else
			nd_buf_addc(b, *s);
	}
}

static int make_dirs(const char *path)
{
	char *p = nd_xstrdup(path), *s;

	if (p == NULL)
		return -1;
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

void jr_frame(struct nd_buf *out, const char *body, size_t len)
{
	char hex[17];

	nd_hash_hex(body, len, hex);
	nd_buf_addf(out, "@%zu:%s\t", len, hex);
	nd_buf_add(out, body, len);
	nd_buf_addc(out, '\n');
}

size_t jr_framed_size(size_t len)
{
	size_t digits = 1, n;

	for (n = len; n >= 10; n /= 10)
		digits++;
	return len + digits + 20; /* '@' digits ':' 16 hex '\t' ... '\n' */
}

const char *jr_unframe(const char *line, size_t len, size_t *body_len)
{
	unsigned long long n = 0;
	size_t i;
	char hex[17];

	if (len == 0 || line[0] != '@')
		return NULL;
	for (i = 1; i < len && i <= 10 && line[i] >= '0' && line[i] <= '9'; i++)
		n = n * 10 + (unsigned long long)(line[i] - '0');
	if (i == 1 || i + 18 > len || line[i] != ':' || line[i + 17] != '\t' ||
	    n != len - (i + 18))
		return NULL;
	nd_hash_hex(line + i + 18, (size_t)n, hex);
	if (memcmp(hex, line + i + 1, 16) != 0)
		return NULL;
	*body_len = (size_t)n;
	return line + i + 18;
}

int jr_write_all(int fd, const char *p, size_t n)
{
	size_t off = 0;
	ssize_t w;

	while (off < n) {
		w = nd_journal_io.write(fd, p + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		if (w == 0)
			return ENOSPC; /* no progress: as good as a full disk */
		off += (size_t)w;
	}
	return nd_journal_io.fsync(fd) != 0 ? errno : 0;
}

/* Opens and locks the journal, and makes sure the lock is on the file the
 * path names now: a compaction may have replaced it while we waited. */
static int lock_journal(const char *path, struct nd_err *err)
{
	struct stat locked, now;
	int fd, tries;

	for (tries = 0; tries < 50; tries++) {
		fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || flock(fd, LOCK_EX) != 0) {
			nd_err_set(err, "cannot open the journal '%s': %s",
				   path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		if (fstat(fd, &locked) == 0 && stat(path, &now) == 0 &&
		    locked.st_dev == now.st_dev && locked.st_ino == now.st_ino)
			return fd;
		close(fd);
	}
	return nd_err_set(err, "cannot lock the journal '%s': it keeps "
			  "changing", path);
}

static int cannot_write(const char *path, int e, const char *more,
			struct nd_err *err)
{
	nd_err_set(err, "cannot write the journal '%s': %s%s", path,
		   strerror(e), more);
	if (err != NULL)
		err->code = e;
	return -1;
}

/* Past rotate_at, or half of it past what the last compaction kept (so a
 * decision bigger than that is not compacted on every append), or past
 * the cap. */
static int must_compact(int fd, size_t len)
{
	size_t at = nd_journal_io.rotate_at, base;
	struct stat st;

	if (fstat(fd, &st) != 0)
		return 0;
	base = jr_compacted_size(fd) + at / 2;
	if (base > at)
		at = base;
	return (size_t)st.st_size + len > at ||
	       (size_t)st.st_size + len > nd_journal_io.max;
}

/* Writes the line at the end; a failed or short write is cut off again, so
 * the next record never lands on a partial one. */
static int append_locked(const char *path, int fd, const struct nd_buf *rec,
			 struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	struct stat st;
	char last = '\n';
	int e;

	if (fstat(fd, &st) != 0)
		return cannot_write(path, errno, "", err);
	if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
		last = '\n';
	if (last != '\n') /* a crash tore the last record: it stays apart */
		nd_buf_addc(&b, '\n');
	nd_buf_add(&b, rec->data, rec->len);
	if ((size_t)st.st_size + b.len > nd_journal_io.max) {
		nd_buf_release(&b);
		return nd_err_set(err, "cannot write the journal '%s': it is "
				  "full (%zu bytes)", path, nd_journal_io.max);
	}
	e = jr_write_all(fd, b.data, b.len);
	nd_buf_release(&b);
	if (e == 0)
		return 0;
	if (ftruncate(fd, st.st_size) != 0 || fsync(fd) != 0)
		return cannot_write(path, e, "; a partial record may remain",
				    err);
	return cannot_write(path, e, "", err);
}

static int append(const char *path, const char *group, const char *body,
		  size_t len, struct nd_err *err)
{
	struct nd_buf rec = ND_BUF_INIT;
	int fd, rc;

	if (make_dirs(path) != 0)
		return nd_err_set(err, "cannot create the journal's directory "
				  "for '%s': %s", path, strerror(errno));
	fd = lock_journal(path, err);
	if (fd < 0)
		return -1;
	jr_frame(&rec, body, len);
	/* A failed compaction leaves the journal as it was: append anyway,
	 * as long as it stays under its cap. */
	if (must_compact(fd, rec.len) &&
	    jr_compact(path, fd, group, err) == 0) {
		close(fd);
		fd = lock_journal(path, err);
	}
	rc = fd < 0 ? -1 : append_locked(path, fd, &rec, err);
	if (fd >= 0)
		close(fd);
	nd_buf_release(&rec);
	return rc;
}

int nd_journal_change(const char *path, const char *group, const char *root,
		      const struct nd_change *c, struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "D\t%s\t%lld\t", group, (long long)time(NULL));
	escape(&b, root);
	nd_buf_addc(&b, '\t');
	escape(&b, c->path);
	nd_buf_addc(&b, '\t');
	escape(&b, c->field);
	nd_buf_addc(&b, '\t');
	escape(&b, c->old);
	nd_buf_addc(&b, '\t');
	escape(&b, c->new);
	nd_buf_addc(&b, '\t');
	escape(&b, c->snapshot ? c->snapshot : "-");
	nd_buf_addc(&b, '\t');
	escape(&b, c->after ? c->after : "-");
	r = append(path, group, b.data, b.len, err);
	nd_buf_release(&b);
	return r;
}

int nd_journal_mark(const char *path, char kind, const char *group,
		    struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "%c\t%s\t%lld", kind, group, (long long)time(NULL));
	r = append(path, group, b.data, b.len, err);
	nd_buf_release(&b);
	return r;
}

int nd_journal_failed(const char *path, const char *group,
		      const char *file, const char *field, struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "F\t%s\t%lld\t", group, (long long)time(NULL));
	escape(&b, file);
	nd_buf_addc(&b, '\t');
	escape(&b, field);
	r = append(path, group, b.data, b.len, err);
	nd_buf_release(&b);
	return r;
}

