/*
 * watch: tells the desk that files below its directory changed. Curses-free.
 *
 * On Linux it uses inotify on every directory of the tree (directories
 * created later are added as they appear). Where inotify cannot be had,
 * or cannot see other machines' writes (NFS, SMB, FUSE), or runs out of
 * watches, it polls: every poll_ms it stats the tree and compares a
 * digest of every file's path and key.
 *
 * Contract for the desk's event loop:
 *   - put nd_watch_fd() in the poll set when it is >= 0 (inotify), and
 *     never sleep longer than nd_watch_timeout_ms() (-1: no limit);
 *   - after the poll returns (for any reason), call nd_watch_check(): 1
 *     means "something changed and has been quiet for debounce_ms" -- run
 *     an incremental refresh (nd_loadtask_start with the current index);
 *     a burst of writes (a git checkout) gives one 1, not hundreds.
 *   - our own writes (a decision saved) are seen too; the refresh finds
 *     them unchanged or changed, which is right either way.
 * The watch owns its descriptors; nd_watch_free() closes them.
 */
#ifndef NEWSDESK_WATCH_H
#define NEWSDESK_WATCH_H

#include "newsdesk/base/err.h"

struct nd_watch_opts {
	int enabled;	   /* 0 (config "watch: false"): never reports */
	int force_poll;	   /* poll even where inotify works (tests) */
	long poll_ms;	   /* 0: 2000 */
	long debounce_ms;  /* 0: 300 */
};

struct nd_watch;

/* -1 and err only when root cannot be read at all. */
int nd_watch_open(const char *root, const struct nd_watch_opts *o,
		  struct nd_watch **out, struct nd_err *err);
void nd_watch_free(struct nd_watch *w);
int nd_watch_fd(const struct nd_watch *w);
int nd_watch_timeout_ms(const struct nd_watch *w);
int nd_watch_check(struct nd_watch *w);
/* 1 when polling (inotify unavailable, a network file system, or
 * force_poll), for the status line and the log. */
int nd_watch_polling(const struct nd_watch *w);

#endif
