/*
 * loader: a directory tree of article files -> an index.
 *
 * Walks root (or takes root itself when it is a file), skipping entries
 * whose names start with '.', following symlinks but never into a loop or
 * twice into one directory, never opening a FIFO, socket or device, and
 * reporting every file it could not read or parse in diag (the rest still
 * load). Files are read in path order, so ids are the same on every load
 * of the same tree. Parsing runs on up to opts->threads threads.
 *
 * With a cache directory, a file whose size, mtime, ctime, inode and
 * device are those recorded in the persistent index is not read at all:
 * its summary and the problems its last load reported come from there,
 * so a warm load's index and diag equal a cold load's. The index is
 * rewritten (atomically) when anything changed. A file changed in the
 * last 100 ms before the walk is not recorded: its timestamps could
 * still match a later change in the same clock tick.
 *
 * A symbolic link to a directory whose real path lies outside root's is
 * reported and skipped unless opts->follow_links (one link to /usr must
 * not turn a load into a scan of the system); links to files, and links to
 * directories inside root, are followed. Files that are not articles but
 * an editor's or our own leftovers are skipped without a word: names
 * ending in '~', '.orig', '.rej', '.bak', '.tmp', '.swp', '.swo' or
 * '.newsdesk-tmp' (any case), '#NAME#' and vim's '4913' probe.
 */
#ifndef NEWSDESK_LOADER_H
#define NEWSDESK_LOADER_H

#include <stdatomic.h>
#include <stddef.h>

#include "newsdesk/base/diag.h"
#include "newsdesk/model/index.h"

struct nd_load_stats {
	size_t files;	/* regular files found */
	size_t loaded;	/* in the index */
	size_t failed;	/* errors: not in the index */
	size_t skipped; /* not regular files, loops, unreadable dirs */
	size_t bytes;	/* bytes read (or, from the cache, their size) */
	size_t cached;	/* summaries served by the persistent index */
	int cache_written; /* 1 when the persistent index was rewritten */
	/* Why the persistent index was not used ("" when it was, or when
	 * it is off): for the debug log and the tests. */
	char cache_note[96];
};

/* Shared with a load running in another thread: total is set once the
 * walk has counted the files, done grows as each file is added (served
 * or parsed); a non-zero cancel stops the load at the next file (it then
 * returns -1 and says "load cancelled"). Read it any time. */
struct nd_load_progress {
	atomic_size_t done, total;
	atomic_int cancel;
};

/* Zeroed (or a NULL pointer) means the defaults. */
struct nd_load_opts {
	unsigned threads; /* 0: one per online CPU, at most 8 */
	int follow_links; /* also directory links leading out of root */
	/* Report the temporary files an interrupted write of ours left
	 * (".NAME.newsdesk-tmp", ".NAME.*.newsdesk-tmp") as warnings, for
	 * 'check'; a load keeps quiet about them. */
	int report_temps;
	/* The persistent index (model/icache.h) lives in cache_dir (created
	 * when missing); NULL means the process default set with
	 * nd_loader_set_cache_dir(). no_cache: neither read nor write it (a
	 * cold load that leaves no trace). A root that is a file is never
	 * cached. */
	const char *cache_dir;
	int no_cache;
	struct nd_load_progress *progress; /* NULL: none */
};

/* The cache directory of loads whose opts do not name one (NULL: none,
 * the default, so a library user writes nothing unless asked). The
 * program sets it once at start-up, before any load or thread. */
void nd_loader_set_cache_dir(const char *dir);

/* Builds *out (which the caller frees) and returns 0, or -1 when root
 * itself cannot be read or the load was cancelled (the reason is in
 * diag; *out is NULL then). */
int nd_loader_load(const char *root, const struct nd_load_opts *opts,
	    struct nd_index **out, struct nd_diag *diag,
	    struct nd_load_stats *stats);

/* What a refresh found (nd_loader_refresh): paths as the walk names
 * them, sorted, malloc'd; release with nd_refresh_release. */
struct nd_refresh {
	char **added, **changed, **removed;
	size_t nadded, nchanged, nremoved;
};

/* The incremental reload: rescans root (one stat per file) and builds a
 * new index *out in which files whose key is unchanged since old was
 * built keep old's summaries (no read, no parse), changed and new files
 * are parsed, deleted ones are gone. Ids are positions in path order, so
 * they move: a view keeps paths across it (nd_index_find_path). diag gets
 * the problems of the files parsed again only. old is only read, and may
 * be used (and freed) by its owner once this returns. Returns as
 * nd_loader_load; changes says what differs from old. */
int nd_loader_refresh(const struct nd_index *old, const char *root,
		      const struct nd_load_opts *opts, struct nd_index **out,
		      struct nd_diag *diag, struct nd_load_stats *stats,
		      struct nd_refresh *changes);
void nd_refresh_release(struct nd_refresh *r);

/* Lists the article files below root, sorted, as the loader would read
 * them with opts (malloc'd array of malloc'd paths; opts may be NULL).
 * Problems go to diag. */
int nd_loader_walk(const char *root, const struct nd_load_opts *opts,
		   char ***paths, size_t *count, struct nd_diag *diag,
		   size_t *skipped);
void nd_loader_walk_free(char **paths, size_t count);

#endif
