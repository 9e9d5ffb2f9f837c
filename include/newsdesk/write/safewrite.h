/*
 * safewrite: replacing a file so that a crash, a full disk or a second
 * writer can never leave it half-written or lose someone's change.
 *
 * nd_safewrite_open() opens the file (through a symbolic link, to its
 * target), takes an exclusive flock(2) on it and reads it; it retries when
 * another process replaced the file between the open and the lock, so the
 * bytes read are the current ones and stay so until unlocked.
 * nd_safewrite_replace() writes the new bytes to a hidden temporary file in
 * the same directory, gives it the original's owner, group and mode, fsyncs
 * it, renames it over the original and fsyncs the directory: readers see
 * the old file or the new one, never a mix. On any failure the temporary
 * file is removed and the original is untouched.
 *
 * The temporary file is ".NAME.XXXXXX.newsdesk-tmp", a new random name each
 * time, created O_EXCL|O_NOFOLLOW (another name is tried when one is
 * taken), so nobody can block writes by creating it first in a sticky
 * directory. Those a killed writer left (regular files by that pattern,
 * or the fixed ".NAME.newsdesk-tmp" of earlier versions) are removed at
 * the first write in their directory in each process (a sweep reads the
 * whole directory, so once): those of the file being written, whose lock
 * we hold, and of files that are gone or whose lock is free.
 *
 * Owner, group and mode are kept, never changed: when the temporary file
 * cannot be given them (only root may give a file to another user; a
 * member of the file's group may give it that group) the write is refused
 * with the file and what could not be kept in the message, err->code the
 * errno (EPERM), and the original is untouched.
 *
 * Programs that write in place without flock (cat > file, editors, rsync
 * --inplace) are not kept out by the lock, so immediately before the
 * rename the file is checked to be still the one read: the same inode at
 * the path, the same size, mtime and ctime, the same bytes. On Linux the
 * open also takes a read lease (F_SETLEASE): a file another program holds
 * open for writing is refused at once, and one that another program opens
 * for writing before the rename is refused then (that open waits until
 * nd_safewrite_close(); the break is signalled with SIGURG, ignored unless
 * the program handles it). A lease needs the file's owner or CAP_LEASE;
 * without one a writer stalled in the middle of a rewrite goes unseen.
 * Either way the file is left alone (the other write wins) and err->code
 * is ND_SAFEWRITE_CHANGED: a conflict, not a failure. What no check can
 * close without the other program's cooperation: a write that starts in
 * the microseconds between the last check and the rename.
 *
 * Policy, refused with a message: files with more than one hard link (a
 * rename would split them), read-only files (no owner write bit: someone
 * meant it), anything that is not a regular file. A symbolic link is
 * followed and its target replaced; the link stays a link.
 *
 * nd_safewrite_io is the seam for fault-injection tests: write, fsync,
 * rename, the lease (fcntl F_SETLEASE), the temporary file's open, fchown
 * and fchmod go through it.
 */
#ifndef NEWSDESK_SAFEWRITE_H
#define NEWSDESK_SAFEWRITE_H

#include <stddef.h>

#include <sys/stat.h>
#include <sys/types.h>

#include "newsdesk/base/err.h"

/* err->code of a file that changed under us; never an errno (those are
 * positive, and go in .code too). */
enum { ND_SAFEWRITE_CHANGED = -1 };

struct nd_safewrite_io {
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*fsync)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*setlease)(int fd, int type); /* F_RDLCK or F_UNLCK */
	int (*open)(const char *path, int flags, mode_t mode);
	int (*fchown)(int fd, uid_t uid, gid_t gid);
	int (*fchmod)(int fd, mode_t mode);
};

extern struct nd_safewrite_io nd_safewrite_io;
/* Puts the real calls back, and forgets this thread's swept directory. */
void nd_safewrite_io_reset(void);

struct nd_locked_file {
	int fd;
	char *path; /* the file really written: links resolved */
	char *data;
	size_t len;
	struct stat st;
	int leased; /* holds a read lease on fd */
};

int nd_safewrite_open(const char *path, struct nd_locked_file *f,
			struct nd_err *err);
int nd_safewrite_replace(struct nd_locked_file *f, const char *data, size_t len,
		    struct nd_err *err);
void nd_safewrite_close(struct nd_locked_file *f);

#endif
