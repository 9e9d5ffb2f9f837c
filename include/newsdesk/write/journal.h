/*
 * journal: every change newsdesk makes to a file, written down first.
 *
 * An append-only text file ($XDG_STATE_HOME/newsdesk/journal, else
 * ~/.local/state/newsdesk/journal) with one record per line, appended
 * under flock(2) and fsynced before the file itself is touched, so undo
 * survives a restart and a crash, and two processes never interleave
 * their lines.
 *
 * Each line is framed: "@LEN:HASH<TAB>RECORD", LEN the record's length in
 * bytes (decimal), HASH its FNV-1a 64 (base/hash.h, 16 hex digits). An
 * append that fails or is short (a full disk) is cut off again (ftruncate
 * to the size before it, under the lock, and fsynced) and reported, so
 * the caller refuses the change before touching the file, and no record
 * is ever glued onto a partial one. A line whose frame does not check (a
 * crash mid-append, a record glued onto a torn one by an earlier version,
 * a damaged disk) is reported as a warning naming the journal and line,
 * and skipped; a whole record glued after the torn part is still read, as
 * is every line after it. Lines without the '@' are records written
 * before frames existed, and are read as such.
 *
 * Records (tab-separated, fields escaped):
 *   D group time root path field old new snapshot after
 *                                          a change, part of a group
 *   U group time                           the group was undone
 *   R group time                           ... and redone
 *   A group time                           the group failed: not done
 *   F group time path field                that one change failed
 *   C time bytes                           the journal was compacted,
 *                                          keeping so many bytes
 * A value is "=" followed by YAML text, or "!" when the field was absent.
 * Fields are "published", "quality", "topics+" and "topics-" (old is "!",
 * new the topic), and ".path" for a move (reject: old and new paths).
 *
 * A group is one decision, possibly over many files. Undo takes the last
 * group of a directory that is done and not undone; redo the last one
 * undone, as long as nothing was done since. A group none of whose
 * changes happened (every one withdrawn by F, or an A) failed: undo and
 * redo pass over it.
 *
 * Size: the journal is read whole, up to a cap (max, 256 MiB), so it is
 * kept well below. When an append would take it past rotate_at (64 MiB),
 * or past what the last compaction kept (its C record) plus half of
 * rotate_at, it is compacted first, under the lock. Groups are kept or
 * dropped whole: first the group being written, whatever its size (undo
 * must see all of a decision), then the others from the most recently
 * active down while they fit in half of rotate_at (32 MiB, some hundred
 * thousand changes); the rest are dropped, and with them their snapshots.
 * So undo and redo reach back that far. The records kept are written in
 * their order to journal.new, which is fsynced and renamed over the
 * journal; the journal as it was stays as journal.1 (one generation, for
 * the record: newsdesk does not read it). Appenders check after taking
 * the lock that they hold the current file. An append that would still
 * pass the cap (one decision that large) is refused, and the next
 * decision's compaction drops that one. A journal an earlier version let
 * grow past the cap cannot be read: the first append sets it aside as
 * journal.1 and begins a new one.
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
	int state; /* 0 done, 1 undone, 2 failed (nothing of it done) */
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
/* Reads the journal (a missing one is empty) under a shared lock; torn or
 * damaged records go to d as warnings, a journal that cannot be read at
 * all as an error (-1). */
int nd_journal_read(struct nd_journal *j, const char *path,
		    struct nd_diag *d);
void nd_journal_release(struct nd_journal *j);
/* Where snapshots live, next to the journal (malloc'd). */
char *nd_journal_snapshot_dir(const char *journal);
/* A new unique group id (time, pid, counter). malloc'd. */
char *nd_journal_new_group(void);
/* Appends records and fsyncs; the directory is created when missing. On
 * failure nothing of the record stays in the journal, and err says
 * "cannot write the journal '...': why". The group is the one kept
 * whole if the append compacts the journal. */
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
