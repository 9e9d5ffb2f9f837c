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
	if (j->lc.hit[i])
		return; /* served from the cache */
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
		while (j->next < j->nbatches && j->next >= j->consumed + WINDOW)
			pthread_cond_wait(&j->room, &j->lock);
		b = j->next++;
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

static int run(struct job *j, unsigned nthreads, const char *root,
	       struct nd_index *idx, struct nd_diag *diag,
	       struct nd_load_stats *st)
{
	pthread_t tids[MAX_THREADS];
	unsigned started = 0, t;
	size_t b, i, end;
	int r = 0;

	for (t = 0; nthreads > 1 && t < nthreads; t++) {
		if (pthread_create(&tids[t], NULL, worker, j) != 0)
			break;
		started++;
	}
	for (b = 0; b < j->nbatches; b++) {
		if (started == 0) {
			parse_batch(j, b);
		} else {
			pthread_mutex_lock(&j->lock);
			while (!j->done[b])
				pthread_cond_wait(&j->ready, &j->lock);
			pthread_mutex_unlock(&j->lock);
		}
		end = (b + 1) * BATCH < j->count ? (b + 1) * BATCH : j->count;
		for (i = b * BATCH; i < end; i++) {
			if (consume(j, i, root, idx, diag, st) != 0)
				r = -1;
		}
		pthread_mutex_lock(&j->lock);
		j->consumed = b + 1;
		pthread_cond_broadcast(&j->room);
		pthread_mutex_unlock(&j->lock);
	}
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	return r;
}

int nd_loader_load(const char *root, const struct nd_load_opts *opts,
	    struct nd_index **out, struct nd_diag *diag,
	    struct nd_load_stats *stats)
{
	struct nd_load_stats st;
	struct nd_index *idx;
	struct timespec now;
	int64_t scan_start;
	struct job j;
	int r;

	memset(&st, 0, sizeof(st));
	memset(&j, 0, sizeof(j));
	*out = NULL;
	clock_gettime(CLOCK_REALTIME, &now);
	scan_start = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	if (nd_loader_walk_keys(root, opts, &j.paths, &j.keys, &j.count, diag,
				&st.skipped) != 0)
		return -1;
	st.files = j.count;
	idx = nd_index_new(root);
	j.slots = nd_xcalloc(WINDOW * BATCH, sizeof(*j.slots));
	j.nbatches = (j.count + BATCH - 1) / BATCH;
	j.done = nd_xcalloc(j.nbatches + 1, 1);
	pthread_mutex_init(&j.lock, NULL);
	pthread_cond_init(&j.ready, NULL);
	pthread_cond_init(&j.room, NULL);
	lcache_begin(&j.lc, root, opts, j.paths, j.keys, j.count, scan_start,
		     &st);
	r = run(&j, thread_count(opts, j.count - j.lc.hits), root, idx, diag,
		&st);
	lcache_end(&j.lc, r == 0, &st);
	pthread_cond_destroy(&j.room);
	pthread_cond_destroy(&j.ready);
	pthread_mutex_destroy(&j.lock);
	free(j.slots);
	free(j.done);
	nd_loader_walk_free(j.paths, j.count);
	free(j.keys);
	/* Paths were read sorted, so the index is already in path order. */
	if (r == 0 && nd_index_build_urls(idx) != 0)
		r = -1;
	if (r != 0)
		nd_diag_add(diag, ND_ERROR, root, 0, 0, "out of memory");
	if (stats != NULL)
		*stats = st;
	*out = idx;
	return 0;
}
