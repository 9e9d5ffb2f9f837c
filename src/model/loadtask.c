/*
 * A load on its own thread. The thread owns everything it builds until it
 * writes one byte to the pipe; the caller reads the results only after
 * joining it, so nothing but the progress atomics is shared while it
 * runs.
 */
#include "newsdesk/model/loadtask.h"

#include "newsdesk/base/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct nd_loadtask {
	char *root;
	char *cache_dir;
	struct nd_load_opts opts;
	struct nd_load_progress progress;
	const struct nd_index *old;
	pthread_t tid;
	int pipe[2];
	atomic_int finished;
	/* Results, the thread's until finished is set. */
	int r;
	struct nd_index *idx;
	struct nd_diag diag;
	struct nd_load_stats stats;
	struct nd_refresh changes;
};

static void *task_main(void *arg)
{
	struct nd_loadtask *t = arg;
	char one = 1;

	if (t->old != NULL)
		t->r = nd_loader_refresh(t->old, t->root, &t->opts, &t->idx,
					 &t->diag, &t->stats, &t->changes);
	else
		t->r = nd_loader_load(t->root, &t->opts, &t->idx, &t->diag,
				      &t->stats);
	atomic_store(&t->finished, 1);
	/* The pipe holds one byte whatever happens; a failed write leaves
	 * the caller to nd_loadtask_done(). */
	if (write(t->pipe[1], &one, 1) < 0) {
		/* nothing to do: finished is set */
	}
	return NULL;
}

static void task_free(struct nd_loadtask *t)
{
	close(t->pipe[0]);
	close(t->pipe[1]);
	free(t->root);
	free(t->cache_dir);
	free(t);
}

int nd_loadtask_start(const char *root, const struct nd_load_opts *opts,
		      const struct nd_index *old, struct nd_loadtask **out,
		      struct nd_err *err)
{
	struct nd_loadtask *t = nd_xcalloc(1, sizeof(*t));
	int e;

	*out = NULL;
	if (pipe(t->pipe) != 0) {
		e = errno;
		free(t);
		return nd_err_set(err, "cannot start a load: %s", strerror(e));
	}
	fcntl(t->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(t->pipe[1], F_SETFD, FD_CLOEXEC);
	t->root = nd_xstrdup(root);
	if (opts != NULL)
		t->opts = *opts;
	if (opts != NULL && opts->cache_dir != NULL)
		t->cache_dir = nd_xstrdup(opts->cache_dir);
	t->opts.cache_dir = t->cache_dir;
	t->opts.progress = &t->progress;
	t->old = old;
	nd_diag_init(&t->diag);
	e = pthread_create(&t->tid, NULL, task_main, t);
	if (e != 0) {
		nd_diag_release(&t->diag);
		task_free(t);
		return nd_err_set(err, "cannot start a load: %s", strerror(e));
	}
	*out = t;
	return 0;
}

int nd_loadtask_fd(const struct nd_loadtask *t)
{
	return t->pipe[0];
}

void nd_loadtask_progress(const struct nd_loadtask *t, size_t *done,
			  size_t *total)
{
	/* The atomics are only read; the cast is for atomic_load's C11
	 * signature, which takes a non-const pointer. */
	struct nd_load_progress *p = (struct nd_load_progress *)&t->progress;

	*done = atomic_load(&p->done);
	*total = atomic_load(&p->total);
}

int nd_loadtask_done(const struct nd_loadtask *t)
{
	return atomic_load((atomic_int *)&t->finished);
}

void nd_loadtask_cancel(struct nd_loadtask *t)
{
	atomic_store(&t->progress.cancel, 1);
}

int nd_loadtask_finish(struct nd_loadtask *t, struct nd_index **idx,
		       struct nd_diag *diag, struct nd_load_stats *stats,
		       struct nd_refresh *changes)
{
	int r;

	pthread_join(t->tid, NULL);
	r = t->r;
	*idx = t->idx;
	nd_diag_move(diag, &t->diag);
	nd_diag_release(&t->diag);
	if (stats != NULL)
		*stats = t->stats;
	if (changes != NULL)
		*changes = t->changes;
	else
		nd_refresh_release(&t->changes);
	task_free(t);
	return r;
}
