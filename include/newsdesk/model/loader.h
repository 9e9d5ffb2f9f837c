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

#include <stddef.h>

#include "newsdesk/base/diag.h"
#include "newsdesk/model/index.h"

struct nd_load_stats {
	size_t files;	/* regular files found */
	size_t loaded;	/* in the index */
	size_t failed;	/* errors: not in the index */
	size_t skipped; /* not regular files, loops, unreadable dirs */
	size_t bytes;	/* bytes read */
};

/* Zeroed (or a NULL pointer) means the defaults. */
struct nd_load_opts {
	unsigned threads; /* 0: one per online CPU, at most 8 */
	int follow_links; /* also directory links leading out of root */
	/* Report the temporary files an interrupted write of ours left
	 * (".NAME.newsdesk-tmp", ".NAME.*.newsdesk-tmp") as warnings, for
	 * 'check'; a load keeps quiet about them. */
	int report_temps;
};

/* Builds *out (which the caller frees) and returns 0, or -1 when root
 * itself cannot be read (the reason is in diag). */
int nd_loader_load(const char *root, const struct nd_load_opts *opts,
	    struct nd_index **out, struct nd_diag *diag,
	    struct nd_load_stats *stats);

/* Lists the article files below root, sorted, as the loader would read
 * them with opts (malloc'd array of malloc'd paths; opts may be NULL).
 * Problems go to diag. */
int nd_loader_walk(const char *root, const struct nd_load_opts *opts,
		   char ***paths, size_t *count, struct nd_diag *diag,
		   size_t *skipped);
void nd_loader_walk_free(char **paths, size_t count);

#endif
