/*
 * journal: every change newsdesk makes to a file, written down first.
 *
 * An append-only text file ($XDG_STATE_HOME/newsdesk/journal, else
 * ~/.local/state/newsdesk/journal) with one record per line, appended
 * under flock(2) and fsynced before the file itself is touched, so undo
 * survives a restart and a crash, and two processes never interleave
 * their lines. A torn last line (a crash mid-append) is ignored.
 *
 * Records (tab-separated, fields escaped):
 *   D group time root path field old new snapshot after
 *                                          a change, part of a group
 *   U group time                           the group was undone
 *   R group time                           ... and redone
 *   A group time                           the group failed: not done
 *   F group time path field                that one change failed
 * A value is "=" followed by YAML text, or "!" when the field was absent.
 * Fields are "published", "quality", "topics+" and "topics-" (old is "!",
 * new the topic), and ".path" for a move (reject: old and new paths).
 *
 * A group is one decision, possibly over many files. Undo takes the last
 * group of a directory that is done and not undone; redo the last one
 * undone, as long as nothing was done since.
 */
#ifndef NEWSDESK_JOURNAL_H
#define NEWSDESK_JOURNAL_H

#include <stddef.h>

#include <sys/types.h>

#include "newsdesk/base/diag.h"

/* The seam for fault-injection tests (as nd_safewrite_io): the journal's
 * writes and fsyncs go through it; rotate_at (where it is compacted) and
 * max (its read cap) are here so tests can make them small.
 * nd_journal_io_reset() puts the defaults back. */
struct nd_journal_io {
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*fsync)(int fd);
	size_t rotate_at, max;
};

extern struct nd_journal_io nd_journal_io;
void nd_journal_io_reset(void);

struct nd_change {
	char *path;
	char *field;
	char *old, *new; /* "=text" or "!" */
	/* For edits a field-level revert cannot undo byte for byte (topic
	 * lists): a copy of the file before, and a hash of it after. */
	char *snapshot; /* path, or "-" */
	char *after;	/* hex hash of the file after the change, or "-" */
};

struct nd_group {
	char *id;
	char *root;
	long long time;
	int state; /* 0 done, 1 undone, 2 aborted */
	/* journal lines: first written, last done or redone, last undone */
	long first_at, done_at, undone_at;
	struct nd_change *changes;
	size_t count, cap;
};

struct nd_journal {
	char *path;
	struct nd_group *groups; /* in the order they were first written */
	size_t count, cap;
	size_t bad_lines;
	long lines;
};

/* The journal's default path (malloc'd), or NULL without HOME. */
char *nd_journal_default_path(void);
/* Reads the journal (a missing one is empty). */
int nd_journal_read(struct nd_journal *j, const char *path,
		    struct nd_diag *d);
void nd_journal_release(struct nd_journal *j);
/* Where snapshots live, next to the journal (malloc'd). */
char *nd_journal_snapshot_dir(const char *journal);
/* A new unique group id (time, pid, counter). malloc'd. */
char *nd_journal_new_group(void);
/* Appends records and fsyncs; the directory is created when missing. */
int nd_journal_change(const char *path, const char *group, const char *root,
		      const struct nd_change *c, struct nd_err *err);
int nd_journal_mark(const char *path, char kind, const char *group,
		    struct nd_err *err);
/* Withdraws a change whose write failed after it was journalled. */
int nd_journal_failed(const char *path, const char *group,
		      const char *file, const char *field, struct nd_err *err);
/* The group undo would take (root NULL: any), or NULL. */
const struct nd_group *nd_journal_undo_target(const struct nd_journal *j,
					      const char *root);
const struct nd_group *nd_journal_redo_target(const struct nd_journal *j,
					      const char *root);

#endif
