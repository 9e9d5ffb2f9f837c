/*
 * Laying out a long article off the input path: the doc of a body over
 * LAYOUT_ASYNC_BYTES is built on a thread of its own, from its own parse
 * of the file (so nothing it reads can be freed under it), while the loop
 * keeps taking keys. The thread's end wakes the loop through a pipe
 * watched with ui_watch_fd(); Esc cancels (the result is dropped when it
 * comes, and the thread is joined then). One job at a time.
 */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/present/detail.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ui_layout_job {
	pthread_t thread;
	int pipe[2];
	char *path;
	long art_id;
	int width;
	atomic_int cancelled;
	struct nd_doc doc; /* the result, the thread's until it ends */
	int ok;
};

static void *work(void *arg)
{
	struct ui_layout_job *j = arg;
	struct nd_article *a = NULL;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_article_load(j->path, &a, &d) == 0) {
		nd_detail_article(&j->doc, a);
		j->ok = 1;
	}
	nd_article_free(a);
	nd_diag_release(&d);
	(void)!write(j->pipe[1], "x", 1);
	return NULL;
}

static void job_free(struct ui_layout_job *j)
{
	nd_doc_release(&j->doc);
	close(j->pipe[0]);
	close(j->pipe[1]);
	free(j->path);
	free(j);
}

/* The thread ended: its doc becomes the article's, unless it was
 * cancelled or the desk moved on. */
static void done(struct ui *u, int fd, void *ctx)
{
	struct ui_layout_job *j = ctx;
	char c;

	(void)!read(fd, &c, 1);
	pthread_join(j->thread, NULL);
	ui_unwatch_fd(u, fd);
	u->layout_job = NULL;
	if (!atomic_load(&j->cancelled) && j->ok && j->art_id == u->art_id &&
	    u->showing_related < 0) {
		nd_doc_release(&u->doc);
		u->doc = j->doc;
		memset(&j->doc, 0, sizeof(j->doc));
		u->doc_width = j->width;
		u->doc_valid = 1;
		ui_message(u, 0, "laid out: %zu lines", u->doc.count);
	}
	job_free(j);
}

int ui_layout_job_running(const struct ui *u)
{
	return u->layout_job != NULL;
}

void ui_layout_job_cancel(struct ui *u)
{
	if (u->layout_job != NULL)
		atomic_store(&u->layout_job->cancelled, 1);
}

/* 1 when the doc of the selected article is being laid out (then the
 * pane says so), 0 when the caller lays it out itself (a short one). */
int ui_layout_job_wanted(struct ui *u, int width)
{
	struct ui_layout_job *j = u->layout_job;

	if (u->art == NULL || u->showing_related >= 0 ||
	    u->art->body.len < LAYOUT_ASYNC_BYTES)
		return 0;
	if (j != NULL)
		return 1; /* this one, or an old one to wait for */
	j = nd_xcalloc(1, sizeof(*j));
	if (pipe(j->pipe) != 0) {
		free(j);
		return 0;
	}
	/* a browser the desk starts must not inherit the pipe */
	fcntl(j->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(j->pipe[1], F_SETFD, FD_CLOEXEC);
	j->path = nd_xstrdup(nd_index_get(u->st.idx, (size_t)u->art_id)->path);
	j->art_id = u->art_id;
	j->width = width;
	nd_doc_init(&j->doc, (size_t)(width > 2 ? width - 1 : 1),
		    u->ascii ? ND_SAN_ASCII : 0);
	if (pthread_create(&j->thread, NULL, work, j) != 0) {
		job_free(j);
		return 0;
	}
	u->layout_job = j;
	ui_watch_fd(u, j->pipe[0], done, j);
	ui_log(u, "laying out %zu bytes off the input path", u->art->body.len);
	return 1;
}

/* At exit: the thread is waited for (it cannot be stopped midway). */
void ui_layout_job_release(struct ui *u)
{
	struct ui_layout_job *j = u->layout_job;

	if (j == NULL)
		return;
	pthread_join(j->thread, NULL);
	ui_unwatch_fd(u, j->pipe[0]);
	u->layout_job = NULL;
	job_free(j);
}
