/*
 * loadtask: a load (or an incremental refresh) on a thread of its own, so
 * the desk paints and answers keys while it runs. Curses-free.
 *
 * Contract for the desk's event loop:
 *   - nd_loadtask_start() returns at once; the walk and parse run on a
 *     thread. nd_loadtask_fd() is readable (POLLIN) once the task is done:
 *     put it in the poll set beside the keyboard.
 *   - nd_loadtask_progress() may be called any time from the loop (it
 *     reads atomics): total is 0 until the walk has counted the files,
 *     then done/total for "loading 12,345 / 100,000" and a bar.
 *   - nd_loadtask_cancel() asks the thread to stop (q, Esc); it stops at
 *     the next file, and finish() then returns -1 with "load cancelled".
 *   - nd_loadtask_finish() joins the thread (blocks only until the task is
 *     done: call it after the fd polled readable, or after a cancel to
 *     wait for the stop), hands over the index, problems, stats and, for a
 *     refresh, the changes, and frees the task. Every started task must
 *     be finished exactly once.
 * The index given to a refresh (old) must stay alive and unchanged until
 * finish() returns; the desk keeps showing it meanwhile.
 */
#ifndef NEWSDESK_LOADTASK_H
#define NEWSDESK_LOADTASK_H

#include <stddef.h>

#include "newsdesk/base/err.h"
#include "newsdesk/model/loader.h"

struct nd_loadtask;

/* A full load of root; opts are copied (opts->progress is ignored: the
 * task has its own). old non-NULL: an incremental refresh against it
 * (nd_loader_refresh). -1 and err when no thread or pipe can be had. */
int nd_loadtask_start(const char *root, const struct nd_load_opts *opts,
		      const struct nd_index *old, struct nd_loadtask **out,
		      struct nd_err *err);
int nd_loadtask_fd(const struct nd_loadtask *t);
void nd_loadtask_progress(const struct nd_loadtask *t, size_t *done,
			  size_t *total);
/* 1 once the result is ready (finish() will not block). */
int nd_loadtask_done(const struct nd_loadtask *t);
void nd_loadtask_cancel(struct nd_loadtask *t);
/* Joins, hands over and frees t. Returns what nd_loader_load returned;
 * *idx, *diag (its problems are moved onto the caller's), *stats and
 * *changes (may be NULL each but idx and diag). */
int nd_loadtask_finish(struct nd_loadtask *t, struct nd_index **idx,
		       struct nd_diag *diag, struct nd_load_stats *stats,
		       struct nd_refresh *changes);

#endif
