#include "newsdesk/net/job.h"

#include "newsdesk/base/alloc.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct nd_job {
	pthread_t thread;
	pthread_mutex_t lock;
	char *url;
	struct nd_page_opts opts;
	char *cache_dir;
	atomic_int cancel; /* written by the UI thread, read by the fetch */
	size_t bytes;
	int done, rc, check;
	long status;
	char summary[256];
	struct timespec start;
	struct nd_page page;
	int pipe[2];
};

static void on_progress(void *ctx, size_t bytes)
{
	struct nd_job *j = ctx;

	pthread_mutex_lock(&j->lock);
	j->bytes = bytes;
	pthread_mutex_unlock(&j->lock);
}

static void *run(void *arg)
{
	struct nd_job *j = arg;
	char one = 1;
	int rc;

	if (j->check)
		rc = nd_fetch_link_check(j->url, &j->opts.fetch, &j->status,
				   j->summary, sizeof(j->summary));
	else
		rc = nd_page_get(j->url, &j->opts, &j->page);

	pthread_mutex_lock(&j->lock);
	j->rc = rc;
	j->done = 1;
	pthread_mutex_unlock(&j->lock);
	(void)!write(j->pipe[1], &one, 1);
	return NULL;
}

struct nd_job *nd_job_start(const char *url, const struct nd_page_opts *o,
			    int check)
{
	struct nd_job *j = nd_xcalloc(1, sizeof(*j));

	j->url = nd_xstrdup(url);
	j->opts = *o;
	j->cache_dir = o->cache_dir ? nd_xstrdup(o->cache_dir) : NULL;
	j->opts.cache_dir = j->cache_dir;
	j->opts.fetch.cancel = &j->cancel;
	j->opts.fetch.progress = on_progress;
	j->opts.fetch.ctx = j;
	j->check = check;
	clock_gettime(CLOCK_MONOTONIC, &j->start);
	pthread_mutex_init(&j->lock, NULL);
	if (j->url == NULL || pipe(j->pipe) != 0) {
		free(j->url);
		free(j->cache_dir);
		free(j);
		return NULL;
	}
	fcntl(j->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(j->pipe[1], F_SETFD, FD_CLOEXEC);
	if (nd_fetch_global_init() != 0 ||
	    pthread_create(&j->thread, NULL, run, j) != 0) {
		close(j->pipe[0]);
		close(j->pipe[1]);
		free(j->url);
		free(j->cache_dir);
		free(j);
		return NULL;
	}
	return j;
}

int nd_job_done(struct nd_job *j)
{
	int d;

	pthread_mutex_lock(&j->lock);
	d = j->done;
	pthread_mutex_unlock(&j->lock);
	return d;
}

int nd_job_fd(const struct nd_job *j)
{
	return j->pipe[0];
}

const char *nd_job_summary(const struct nd_job *j)
{
	return j->summary;
}

const char *nd_job_url(const struct nd_job *j)
{
	return j->url;
}

void nd_job_progress(struct nd_job *j, size_t *bytes, double *seconds)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&j->lock);
	*bytes = j->bytes;
	pthread_mutex_unlock(&j->lock);
	*seconds = (double)(now.tv_sec - j->start.tv_sec) +
		   (double)(now.tv_nsec - j->start.tv_nsec) / 1e9;
}

void nd_job_cancel(struct nd_job *j)
{
	atomic_store(&j->cancel, 1);
}

int nd_job_finish(struct nd_job *j, struct nd_page *p)
{
	int rc;

	pthread_join(j->thread, NULL);
	*p = j->page;
	rc = j->rc;
	close(j->pipe[0]);
	close(j->pipe[1]);
	pthread_mutex_destroy(&j->lock);
	free(j->url);
	free(j->cache_dir);
	free(j);
	return rc;
}
