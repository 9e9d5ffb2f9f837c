/* F_SETLEASE, F_GETLEASE, F_SETSIG: Linux only, and used only where the
 * headers define them. */
#define _GNU_SOURCE
#include "newsdesk/write/safewrite.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/str.h"
#include "newsdesk/model/article.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* A lease break is signalled; SIGURG, ignored unless handled, instead of
 * SIGIO, which would end the process. */
static int set_lease(int fd, int type)
{
#ifdef F_SETLEASE
	if (type != F_UNLCK && fcntl(fd, F_SETSIG, SIGURG) != 0)
		return -1;
	return fcntl(fd, F_SETLEASE, type);
#else
	(void)fd;
	(void)type;
	errno = ENOSYS;
	return -1;
#endif
}

static int lease_held(int fd)
{
#ifdef F_GETLEASE
	return fcntl(fd, F_GETLEASE) == F_RDLCK;
#else
	(void)fd;
	return 0;
#endif
}

/* The directory swept last by this thread (see clear_stale()). */
static _Thread_local char swept[PATH_MAX];

static int open_file(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

struct nd_safewrite_io nd_safewrite_io = {
	.write = write,
	.fsync = fsync,
	.rename = rename,
	.setlease = set_lease,
	.open = open_file,
	.fchown = fchown,
	.fchmod = fchmod,
};

void nd_safewrite_io_reset(void)
{
	nd_safewrite_io.write = write;
	nd_safewrite_io.fsync = fsync;
	nd_safewrite_io.rename = rename;
	nd_safewrite_io.setlease = set_lease;
	nd_safewrite_io.open = open_file;
	nd_safewrite_io.fchown = fchown;
	nd_safewrite_io.fchmod = fchmod;
	swept[0] = '\0';
}

/* The errno, when there is one, goes in .code too. */
static int say(struct nd_err *err, const char *what, int e)
{
	if (e != 0)
		nd_err_set(err, "%s: %s", what, strerror(e));
	else
		nd_err_set(err, "%s", what);
	if (err != NULL)
		err->code = e;
	return -1;
}

/* Refusals that are conflicts: another program's write wins. */
static int changed_as(const struct nd_locked_file *f, const char *how,
		      struct nd_err *err)
{
	const char *slash = strrchr(f->path, '/');

	nd_err_set(err, "'%s' %s; left alone",
		   slash != NULL ? slash + 1 : f->path, how);
	if (err != NULL)
		err->code = ND_SAFEWRITE_CHANGED;
	return -1;
}

static int changed(const struct nd_locked_file *f, struct nd_err *err)
{
	return changed_as(f, "changed on disk since it was read", err);
}

static int being_written(const struct nd_locked_file *f, struct nd_err *err)
{
	return changed_as(f, "is being written by another program", err);
}

static int check_policy(const struct stat *st, struct nd_err *err)
{
	if (!S_ISREG(st->st_mode))
		return say(err, "not a regular file", 0);
	if (st->st_nlink > 1)
		return nd_err_set(err, "has %lu hard links; replacing it would "
				  "split them, so it is not changed",
				  (unsigned long)st->st_nlink);
	if (!(st->st_mode & S_IWUSR))
		return say(err, "is read-only; not changed", 0);
	return 0;
}

/* Locks, then checks the path still names the file we locked. */
static int lock_current(const char *real, struct nd_locked_file *f,
			struct nd_err *err)
{
	struct stat now;
	int tries;

	for (tries = 0; tries < 50; tries++) {
		f->fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (f->fd < 0)
			return say(err, "cannot open", errno);
		if (flock(f->fd, LOCK_EX) != 0) {
			close(f->fd);
			return say(err, "cannot lock", errno);
		}
		if (fstat(f->fd, &f->st) == 0 && stat(real, &now) == 0 &&
		    now.st_dev == f->st.st_dev && now.st_ino == f->st.st_ino)
			return 0;
		close(f->fd); /* replaced under us: take the new one */
	}
	f->fd = -1;
	return say(err, "the file keeps changing; try again", 0);
}

/* A read lease cannot be had while another program holds the file open
 * for writing (it may be stalled in the middle of a rewrite), and it is
 * broken as soon as one opens it for writing (that open waits until we
 * close, at most /proc/sys/fs/lease-break-time): the only way to see a
 * writer that has not written yet. Without one (not the owner, not
 * Linux, some filesystems) the checks before the rename still catch every
 * write that lands before it, but not one stalled midway. */
static int take_lease(struct nd_locked_file *f, struct nd_err *err)
{
	if (nd_safewrite_io.setlease(f->fd, F_RDLCK) == 0) {
		f->leased = 1;
		return 0;
	}
	return errno == EAGAIN ? being_written(f, err) : 0;
}

int nd_safewrite_open(const char *path, struct nd_locked_file *f,
			struct nd_err *err)
{
	struct nd_err cause;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->path = realpath(path, NULL);
	if (f->path == NULL)
		return say(err, "cannot resolve", errno);
	if (lock_current(f->path, f, err) != 0 ||
	    check_policy(&f->st, err) != 0 || take_lease(f, err) != 0) {
		nd_safewrite_close(f);
		return -1;
	}
	if (nd_read_fd(f->fd, ND_MAX_FILE_BYTES, &f->data, &f->len,
		       &cause) != 0) {
		if (err != NULL)
			*err = cause;
		nd_safewrite_close(f);
		return -1;
	}
	return 0;
}

void nd_safewrite_close(struct nd_locked_file *f)
{
	if (f->fd >= 0)
		close(f->fd); /* releases the lock */
	free(f->path);
	free(f->data);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}

static int write_all(int fd, const char *p, size_t n, int *e)
{
	ssize_t w;

	while (n > 0) {
		w = nd_safewrite_io.write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*e = w < 0 ? errno : ENOSPC;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Compares in chunks through the locked descriptor: no second copy of a
 * file of up to ND_MAX_FILE_BYTES. */
static int same_bytes(int fd, const char *data, size_t len)
{
	char chunk[16384];
	size_t at = 0;
	ssize_t n;

	for (;;) {
		n = pread(fd, chunk, sizeof(chunk), (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (size_t)n > len - at)
			return 0;
		if (n == 0)
			return at == len;
		if (memcmp(chunk, data + at, (size_t)n) != 0)
			return 0;
		at += (size_t)n;
	}
}

/* Run immediately before the rename. A program that writes in place
 * without flock (cat > file, an editor, rsync --inplace) would otherwise
 * lose its write to the inode our rename orphans. The bytes are compared
 * too: timestamps are coarse, and a same-size write in the same tick
 * leaves every stat field as it was. */
static int unchanged(struct nd_locked_file *f, struct nd_err *err)
{
	struct stat now, at;

	if (!same_bytes(f->fd, f->data, f->len) || fstat(f->fd, &now) != 0 ||
	    now.st_size != f->st.st_size ||
	    !same_time(&now.st_mtim, &f->st.st_mtim) ||
	    !same_time(&now.st_ctim, &f->st.st_ctim))
		return changed(f, err);
	if (lstat(f->path, &at) != 0 || at.st_dev != f->st.st_dev ||
	    at.st_ino != f->st.st_ino)
		return changed(f, err);
	if (f->leased && !lease_held(f->fd)) {
		/* let the waiting writer in now, not at close */
		nd_safewrite_io.setlease(f->fd, F_UNLCK);
		f->leased = 0;
		return being_written(f, err);
	}
	return 0;
}

static void split_path(const char *path, struct nd_buf *dir,
		       const char **base)
{
	const char *slash = strrchr(path, '/');

	nd_buf_reset(dir);
	if (slash == NULL) {
		nd_buf_adds(dir, ".");
		*base = path;
	} else {
		nd_buf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
		*base = slash + 1;
	}
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		nd_safewrite_io.fsync(fd);
		close(fd);
	}
}

/* Hidden, so a loader running meanwhile skips it, and named for the file
 * (".NAME.XXXXXX.newsdesk-tmp") so a killed writer's can be found. */
#define TMP_SUFFIX ".newsdesk-tmp"
#define TMP_RANDOM 6

static void random_word(char out[TMP_RANDOM + 1])
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned counter;
	unsigned char r[TMP_RANDOM];
	struct timespec ts;
	uint64_t h;
	size_t i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* no entropy yet: a taken name is only tried again */
		clock_gettime(CLOCK_MONOTONIC, &ts);
		h = nd_hash64(&ts, sizeof(ts)) ^ ((uint64_t)getpid() << 20) ^
		    counter++;
		memcpy(r, &h, sizeof(r));
	}
	for (i = 0; i < TMP_RANDOM; i++)
		out[i] = set[r[i] % (sizeof(set) - 1)];
	out[TMP_RANDOM] = '\0';
}

/* A new random name each time: with one fixed name, another user could
 * block every write in a sticky directory by creating it first.
 * O_EXCL|O_NOFOLLOW: whatever is planted at a name is neither opened nor
 * followed; a taken name is tried again with another. */
static int create_temp(const char *dir, const char *base, struct nd_buf *tmp,
		       struct nd_err *err)
{
	char word[TMP_RANDOM + 1];
	int fd = -1, tries;

	for (tries = 0; tries < 100; tries++) {
		random_word(word);
		nd_buf_reset(tmp);
		nd_buf_addf(tmp, "%s/.%s.%s" TMP_SUFFIX, dir, base, word);
		fd = nd_safewrite_io.open(tmp->data, O_WRONLY | O_CREAT |
					  O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	return fd >= 0 ? fd : say(err, "cannot create a temporary file", errno);
}

/* Whether name is a temporary file of ours, in the random form
 * (".X.abcdef.newsdesk-tmp") or the fixed one of earlier versions
 * (".X.newsdesk-tmp"); *xlen gets the length of X. */
static int temp_of(const char *name, int fixed, size_t *xlen)
{
	size_t n = strlen(name), sl = strlen(TMP_SUFFIX);
	size_t tail = sl + (fixed ? 0 : 1 + TMP_RANDOM);
	const char *r;
	int i;

	if (name[0] != '.' || n < 2 + tail ||
	    strcmp(name + n - sl, TMP_SUFFIX) != 0)
		return 0;
	r = name + n - tail;
	for (i = 1; !fixed && i <= TMP_RANDOM; i++) {
		if (r[0] != '.' || !isalnum((unsigned char)r[i]))
			return 0;
	}
	*xlen = n - 1 - tail;
	return 1;
}

/* Nobody is writing X: it is the file whose lock we hold, it is gone (a
 * writer of it would find that and not rename), or its lock is free. */
static int writer_gone(int dfd, const char *name, size_t xlen,
		       const char *ours)
{
	char x[NAME_MAX + 1];
	int fd, gone;

	if (xlen > NAME_MAX)
		return 0;
	memcpy(x, name + 1, xlen);
	x[xlen] = '\0';
	if (strcmp(x, ours) == 0)
		return 1;
	fd = openat(dfd, x, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT;
	gone = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return gone;
}

/* A killed writer's: a regular file (we never make anything else) by one
 * of our patterns, for a file nobody is writing (both readings of an
 * ambiguous name must agree). */
static int stale(int dfd, const char *name, const char *ours)
{
	struct stat st;
	size_t xlen;
	int fixed, ours_by_name = 0;

	for (fixed = 0; fixed < 2; fixed++) {
		if (!temp_of(name, fixed, &xlen))
			continue;
		if (!writer_gone(dfd, name, xlen, ours))
			return 0;
		ours_by_name = 1;
	}
	return ours_by_name &&
	       fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

/* Reading a directory of 100,000 files on every write would cost more
 * than the write: each directory is swept once per process (and thread),
 * at its first write there, for every file's stale temporary files. */
static void clear_stale(const char *dir, const char *ours)
{
	struct dirent *e;
	DIR *d;

	if (strcmp(swept, dir) == 0 || (d = opendir(dir)) == NULL)
		return;
	snprintf(swept, sizeof(swept), "%s", dir);
	while ((e = readdir(d)) != NULL) {
		if (stale(dirfd(d), e->d_name, ours))
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* "cannot keep the group of 'a.md' (gid 3000): ...; left alone" */
static int not_kept(const struct nd_locked_file *f, const char *what,
		    const char *detail, int e, struct nd_err *err)
{
	const char *slash = strrchr(f->path, '/');

	nd_err_set(err, "cannot keep the %s of '%s' (%s)%s%s; left alone",
		   what, slash != NULL ? slash + 1 : f->path, detail,
		   e ? ": " : "", e ? strerror(e) : "");
	if (err != NULL)
		err->code = e;
	return -1;
}

static int id_not_kept(const struct nd_locked_file *f, int owner, int e,
		       struct nd_err *err)
{
	char detail[32];

	snprintf(detail, sizeof(detail), "%s %lu", owner ? "uid" : "gid",
		 owner ? (unsigned long)f->st.st_uid
		       : (unsigned long)f->st.st_gid);
	return not_kept(f, owner ? "owner" : "group", detail, e, err);
}

static int mode_not_kept(const struct nd_locked_file *f, int e,
			 struct nd_err *err)
{
	char detail[16];

	snprintf(detail, sizeof(detail), "%04lo",
		 (unsigned long)(f->st.st_mode & 07777));
	return not_kept(f, "mode", detail, e, err);
}

/* The new file gets the original's owner, group and mode, or the write is
 * refused: a rename would otherwise hand the file to the writer, and in a
 * setgid directory to the directory's group. A member of the file's group
 * may chgrp to it (so the group goes first, on its own); only root may
 * give a file away. chown before chmod: it clears the set-ID bits. */
static int keep_owner(int fd, const struct nd_locked_file *f,
		      struct nd_err *err)
{
	const struct stat *want = &f->st;
	struct stat got;

	if (fstat(fd, &got) != 0)
		return say(err, "cannot write; the file is unchanged", errno);
	if (got.st_gid != want->st_gid &&
	    nd_safewrite_io.fchown(fd, (uid_t)-1, want->st_gid) != 0)
		return id_not_kept(f, 0, errno, err);
	if (got.st_uid != want->st_uid &&
	    nd_safewrite_io.fchown(fd, want->st_uid, (gid_t)-1) != 0)
		return id_not_kept(f, 1, errno, err);
	if (nd_safewrite_io.fchmod(fd, want->st_mode & 07777) != 0)
		return mode_not_kept(f, errno, err);
	/* Some filesystems accept a change and ignore it; fchmod drops
	 * set-group-ID outside the group. */
	if (fstat(fd, &got) != 0)
		return say(err, "cannot write; the file is unchanged", errno);
	if (got.st_gid != want->st_gid || got.st_uid != want->st_uid)
		return id_not_kept(f, got.st_uid != want->st_uid, 0, err);
	if ((got.st_mode & 07777) != (want->st_mode & 07777))
		return mode_not_kept(f, 0, err);
	return 0;
}

static int fill_temp(int fd, const struct nd_locked_file *f,
		     const char *data, size_t len, struct nd_err *err)
{
	int e = 0;

	/* Owner and mode after the bytes: a write by anyone but root clears
	 * the set-ID bits. */
	if (write_all(fd, data, len, &e) == 0 && keep_owner(fd, f, err) != 0) {
		close(fd);
		return -1;
	}
	if (e == 0 && nd_safewrite_io.fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	return e ? say(err, "cannot write; the file is unchanged", e) : 0;
}

int nd_safewrite_replace(struct nd_locked_file *f, const char *data, size_t len,
		    struct nd_err *err)
{
	struct nd_buf dir = ND_BUF_INIT, tmp = ND_BUF_INIT;
	const char *base;
	int fd, rc;

	split_path(f->path, &dir, &base);
	clear_stale(dir.data, base);
	fd = create_temp(dir.data, base, &tmp, err);
	rc = fd < 0 ? -1 : fill_temp(fd, f, data, len, err);
	if (rc == 0)
		rc = unchanged(f, err);
	if (rc == 0 && nd_safewrite_io.rename(tmp.data, f->path) != 0)
		rc = say(err, "cannot write; the file is unchanged", errno);
	if (rc != 0 && fd >= 0)
		unlink(tmp.data);
	else if (rc == 0)
		sync_dir(dir.data);
	nd_buf_release(&tmp);
	nd_buf_release(&dir);
	return rc;
}
