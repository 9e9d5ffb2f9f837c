/*
 * Parsing is the cost of a load, so workers parse files in parallel while
 * this thread adds the results to the index in path order (the pool and
 * the index are not shared between threads). Work is handed out in
 * batches: one lock round per file cost more than the parallelism gave.
 * A window bounds how many parsed batches wait in memory at once.
 */
#include "newsdesk/model/loader.h"

#include "loader_int.h"
#include "summary.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/fileio.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BATCH 128
#define WINDOW 8 /* batches */
#define MAX_THREADS 8

struct slot {
	struct nd_entry entry;
	size_t size; /* bytes read */
	int ok;
	struct nd_diag diag;
};

struct job {
	char **paths;
	struct nd_file_key *keys;
	size_t count;
	struct lcache lc;
	struct slot *slots;
	size_t nbatches;
	unsigned char *done; /* per batch */
	size_t next, consumed; /* batches */
	int stop;	       /* cancelled: workers take no more batches */
	struct nd_load_progress *progress;
	const struct nd_index *old; /* a refresh's previous index */
	size_t *old_hit;	    /* per file: old id + 1, or 0 */
	size_t old_hits;
	pthread_mutex_t lock;
	pthread_cond_t ready, room;
};

/* Slots form a ring as long as the window: batch b uses b % WINDOW. */
static struct slot *slot_of(struct job *j, size_t i)
{
	return &j->slots[i % (WINDOW * BATCH)];
}

static void parse_one(struct job *j, size_t i)
{
	struct slot *s = slot_of(j, i);
	struct nd_article *a;
	struct nd_err cause;
	char *data;

	nd_diag_init(&s->diag);
	s->ok = 0; /* the slot is reused around the ring */
	s->size = 0;
	if (j->lc.hit[i] || (j->old_hit != NULL && j->old_hit[i]))
		return; /* served from the cache or the previous index */
	if (nd_read_file(j->paths[i], ND_MAX_FILE_BYTES, &data, &s->size,
			 &cause) != 0) {
		nd_diag_add_err(&s->diag, ND_ERROR, j->paths[i], &cause);
		s->size = 0;
		return;
	}
	if (nd_summary_fast(j->paths[i], data, s->size, &s->entry) == 0) {
		free(data);
		s->ok = 1;
		return;
	}
	/* Not clean, or near a limit: the full reader says what is wrong. */
	if (nd_article_parse(j->paths[i], data, s->size, &a, &s->diag) != 0)
		return;
	s->ok = nd_index_entry_copy(&s->entry, a) == 0;
	if (!s->ok)
		nd_diag_add(&s->diag, ND_ERROR, j->paths[i], 0, 0,
			    "out of memory");
	nd_article_free(a);
}

static void parse_batch(struct job *j, size_t b)
{
	size_t i, end = (b + 1) * BATCH < j->count ? (b + 1) * BATCH : j->count;

	for (i = b * BATCH; i < end; i++)
		parse_one(j, i);
}

static void *worker(void *arg)
{
	struct job *j = arg;
	size_t b;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		while (!j->stop && j->next < j->nbatches &&
		       j->next >= j->consumed + WINDOW)
			pthread_cond_wait(&j->room, &j->lock);
		b = j->stop ? j->nbatches : j->next++;
		pthread_mutex_unlock(&j->lock);
		if (b >= j->nbatches)
			return NULL;
		parse_batch(j, b);
		pthread_mutex_lock(&j->lock);
		j->done[b] = 1;
		pthread_cond_broadcast(&j->ready);
		pthread_mutex_unlock(&j->lock);
	}
}

size_t nd_loader_rel_start(const char *root, const char *path)
{
	size_t n = strlen(root);
	const char *slash;

	if (strncmp(root, path, n) == 0 && path[n] == '/')
		return n + 1;
	if (strncmp(root, path, n) == 0 && n > 0 && root[n - 1] == '/')
		return n;
	slash = strrchr(path, '/'); /* root was the file itself */
	return slash != NULL ? (size_t)(slash - path) + 1 : 0;
}

/* A refresh: the file is as it was, so is its summary. */
static int serve_old(struct job *j, size_t i, size_t rel,
		     struct nd_index *idx, struct nd_load_stats *st)
{
	const struct nd_summary *s = nd_index_get(j->old, j->old_hit[i] - 1);
	struct nd_entry e;

	nd_index_entry_of(j->old, j->old_hit[i] - 1, &e, &j->lc.topics,
			  &j->lc.topics_cap);
	if (nd_index_add_entry(idx, &e, rel, s->warnings) < 0)
		return -1;
	st->loaded++;
	return 0;
}

static int consume(struct job *j, size_t i, const char *root,
		   struct nd_index *idx, struct nd_diag *diag,
		   struct nd_load_stats *st)
{
	struct slot *s = slot_of(j, i);
	size_t warnings = s->diag.count;
	size_t rel = nd_loader_rel_start(root, j->paths[i]);
	int r = 0;

	if (j->lc.hit[i])
		return lcache_serve(&j->lc, i, j->paths[i], rel, idx, diag, st);
	if (j->old_hit != NULL && j->old_hit[i])
		return serve_old(j, i, rel, idx, st);
	lcache_record(&j->lc, j->paths[i] + rel, &j->keys[i], s->size,
		      s->ok ? &s->entry : NULL, &s->diag, 0);
	if (s->ok) {
		st->bytes += s->size;
		if (nd_index_add_entry(idx, &s->entry, rel,
				       (unsigned)warnings) < 0)
			r = -1;
		else
			st->loaded++;
		nd_index_entry_release(&s->entry);
	} else {
		st->failed++;
	}
	nd_diag_move(diag, &s->diag);
	return r;
}

static unsigned thread_count(const struct nd_load_opts *opts, size_t files)
{
	long n = opts != NULL && opts->threads ? (long)opts->threads
					       : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	/* A small tree is not worth a thread. */
	if (files < 2 * BATCH)
		n = 1;
	return (unsigned)n;
}

static int cancelled(const struct job *j)
{
	return j->progress != NULL && atomic_load(&j->progress->cancel);
}

static void release_slot(struct slot *s)
{
	if (s->ok)
		nd_index_entry_release(&s->entry);
	nd_diag_release(&s->diag);
}

/* Stops the workers and frees what they parsed but no one will add. */
static void drain(struct job *j, size_t from)
{
	size_t b, i, end;

	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_broadcast(&j->room);
	for (b = from; b < j->next; b++) {
		while (!j->done[b])
			pthread_cond_wait(&j->ready, &j->lock);
		end = (b + 1) * BATCH < j->count ? (b + 1) * BATCH : j->count;
		for (i = b * BATCH; i < end; i++)
			release_slot(slot_of(j, i));
	}
	pthread_mutex_unlock(&j->lock);
}

static int consume_batch(struct job *j, size_t b, const char *root,
			 struct nd_index *idx, struct nd_diag *diag,
			 struct nd_load_stats *st)
{
	size_t i, n, end = (b + 1) * BATCH < j->count ? (b + 1) * BATCH
						       : j->count;
	int r = 0;

	for (i = b * BATCH; i < end; i++) {
		n = idx->count;
		if (consume(j, i, root, idx, diag, st) != 0)
			r = -1;
		if (idx->count > n)
			nd_index_set_key(idx, n, &j->keys[i]);
		/* The index has its own copy: at 100k the walk's paths
		 * would add 8 MB to the peak. */
		free(j->paths[i]);
		j->paths[i] = NULL;
		if (j->progress != NULL)
			atomic_fetch_add(&j->progress->done, 1);
	}
	return r;
}

static int run(struct job *j, unsigned nthreads, const char *root,
	       struct nd_index *idx, struct nd_diag *diag,
	       struct nd_load_stats *st)
{
	pthread_t tids[MAX_THREADS];
	unsigned started = 0, t;
	size_t b;
	int r = 0;

	for (t = 0; nthreads > 1 && t < nthreads; t++) {
		if (pthread_create(&tids[t], NULL, worker, j) != 0)
			break;
		started++;
	}
	for (b = 0; b < j->nbatches; b++) {
		if (cancelled(j)) {
			if (started > 0)
				drain(j, b);
			r = 1;
			break;
		}
		if (started == 0) {
			parse_batch(j, b);
		} else {
			pthread_mutex_lock(&j->lock);
			while (!j->done[b])
				pthread_cond_wait(&j->ready, &j->lock);
			pthread_mutex_unlock(&j->lock);
		}
		if (consume_batch(j, b, root, idx, diag, st) != 0)
			r = -1;
		pthread_mutex_lock(&j->lock);
		j->consumed = b + 1;
		pthread_cond_broadcast(&j->room);
		pthread_mutex_unlock(&j->lock);
	}
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	return r;
}

static void job_init(struct job *j)
{
	j->slots = nd_xcalloc(WINDOW * BATCH, sizeof(*j->slots));
	j->nbatches = (j->count + BATCH - 1) / BATCH;
	j->done = nd_xcalloc(j->nbatches + 1, 1);
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->ready, NULL);
	pthread_cond_init(&j->room, NULL);
}

static void job_release(struct job *j)
{
	pthread_cond_destroy(&j->room);
	pthread_cond_destroy(&j->ready);
	pthread_mutex_destroy(&j->lock);
	free(j->slots);
	free(j->done);
	free(j->old_hit);
	nd_loader_walk_free(j->paths, j->count);
	free(j->keys);
}

static int64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* After the walk: the cache, or the previous index, then the parse. */
static int load_files(struct job *j, const char *root,
		      const struct nd_load_opts *opts, int64_t scan_start,
		      struct nd_index *idx, struct nd_diag *diag,
		      struct nd_load_stats *st)
{
	size_t served;
	int r;

	job_init(j);
	if (j->progress != NULL)
		atomic_store(&j->progress->total, j->count);
	/* A refresh reads no cache: the previous index is at hand. */
	if (j->old == NULL)
		lcache_begin(&j->lc, root, opts, j->paths, j->keys, j->count,
			     scan_start, st);
	else
		lcache_none(&j->lc, j->count);
	served = j->lc.hits + j->old_hits;
	r = run(j, thread_count(opts, j->count - served), root, idx, diag, st);
	lcache_end(&j->lc, r == 0, st);
	return r;
}

int nd_loader_run(const char *root, const struct nd_load_opts *opts,
		  const struct nd_index *old, struct nd_index **out,
		  struct nd_diag *diag, struct nd_load_stats *stats,
		  struct nd_refresh *changes)
{
	struct nd_load_stats st;
	struct nd_index *idx;
	int64_t scan_start = now_ns();
	struct job j;
	int r;

	memset(&st, 0, sizeof(st));
	memset(&j, 0, sizeof(j));
	*out = NULL;
	j.progress = opts != NULL ? opts->progress : NULL;
	j.old = old;
	if (nd_loader_walk_keys(root, opts, &j.paths, &j.keys, &j.count, diag,
				&st.skipped) != 0)
		return -1;
	st.files = j.count;
	idx = nd_index_new(root);
	nd_index_reserve(idx, j.count);
	if (old != NULL)
		j.old_hits = nd_loader_match_old(&j.old_hit, old, j.paths,
						 j.keys, j.count, changes);
	r = load_files(&j, root, opts, scan_start, idx, diag, &st);
	job_release(&j);
	if (stats != NULL)
		*stats = st;
	if (r > 0) {
		nd_diag_add(diag, ND_ERROR, root, 0, 0, "load cancelled");
		nd_index_free(idx);
		return -1;
	}
	/* Paths were read sorted, so the index is already in path order. */
	if (r == 0 && nd_index_build_urls(idx) != 0)
		r = -1;
	if (r != 0)
		nd_diag_add(diag, ND_ERROR, root, 0, 0, "out of memory");
	*out = idx;
	return 0;
}

int nd_loader_load(const char *root, const struct nd_load_opts *opts,
		   struct nd_index **out, struct nd_diag *diag,
		   struct nd_load_stats *stats)
{
	return nd_loader_run(root, opts, NULL, out, diag, stats, NULL);
}
