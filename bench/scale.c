/*
 * newsdesk-bench --scale: issue 10's targets, measured in one run.
 *
 * For each size: the two floors (a plain read of every file; a
 * single-threaded libyaml event parse of every file's front matter,
 * reading included), then a cold load (no cache; it writes one), a warm
 * start (load from the cache and build the first list), a start after
 * one file changed, each in a child process of its own so its peak RSS
 * is its own. Then a query over the whole index and a redraw proxy (one
 * cursor move and the rows of a 50-line screen) at 1k and at the size.
 * Every target is printed as met or not met.
 */
#include "scale.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/model/frontmatter.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/view.h"

#include "gen.h"
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct phase {
	double secs, cpu; /* wall clock; CPU of every thread (the child's) */
	double rss_mb;
	size_t count, cached;
	int ok;
};

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int noop(void *ctx, const struct nd_yev *ev)
{
	(void)ctx;
	(void)ev;
	return 0;
}

/* The floor of a cold load on one core: read, split, libyaml's events. */
static double event_floor(const char *dir)
{
	struct nd_diag d;
	struct nd_err err;
	struct nd_fm_split sp;
	char **paths, *data;
	size_t n, i, size, skipped;
	double t0 = nd_bench_now();

	nd_diag_init(&d);
	if (nd_loader_walk(dir, NULL, &paths, &n, &d, &skipped) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (nd_read_file(paths[i], ND_MAX_FILE_BYTES, &data, &size,
				 &err) != 0)
			continue;
		if (nd_fm_split(data, size, &sp, &err) == 0)
			nd_yaml_stream(data + sp.yaml_start, sp.yaml_len, noop,
				       NULL);
		free(data);
	}
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
	return nd_bench_now() - t0;
}

static double plain_read(const char *dir)
{
	struct nd_diag d;
	struct nd_err err;
	char **paths, *data;
	size_t n, i, size, skipped;
	double t0 = nd_bench_now();

	nd_diag_init(&d);
	if (nd_loader_walk(dir, NULL, &paths, &n, &d, &skipped) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (nd_read_file(paths[i], ND_MAX_FILE_BYTES, &data, &size,
				 &err) == 0)
			free(data);
	}
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
	return nd_bench_now() - t0;
}

/* A start as the desk makes it: the load, then the first list. */
static int start(const char *dir, const char *cache, int no_cache,
		 struct phase *p)
{
	struct nd_load_opts lo;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_view v;
	struct nd_diag d;
	double t0 = nd_bench_now();

	memset(&lo, 0, sizeof(lo));
	lo.cache_dir = cache;
	lo.no_cache = no_cache;
	nd_diag_init(&d);
	if (nd_loader_load(dir, &lo, &idx, &d, &st) != 0)
		return -1;
	nd_view_init(&v);
	v.sort = ND_SORT_DATE;
	v.desc = 1;
	nd_view_rebuild(&v, idx, 0);
	p->secs = nd_bench_now() - t0;
	p->count = idx->count;
	p->cached = st.cached;
	nd_view_release(&v);
	nd_index_free(idx);
	nd_diag_release(&d);
	return 0;
}

/* Runs a start in a child, so the peak RSS is that start's alone. */
static struct phase in_child(const char *dir, const char *cache,
			     int no_cache)
{
	struct phase p;
	struct rusage ru;
	int fds[2], status;
	pid_t pid;

	memset(&p, 0, sizeof(p));
	if (pipe(fds) != 0)
		return p;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		p.ok = start(dir, cache, no_cache, &p) == 0;
		if (write(fds[1], &p, sizeof(p)) != (ssize_t)sizeof(p))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &p, sizeof(p)) != (ssize_t)sizeof(p))
		p.ok = 0;
	close(fds[0]);
	if (pid > 0 && wait4(pid, &status, 0, &ru) == pid) {
		p.rss_mb = (double)ru.ru_maxrss / 1024.0;
		p.cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
			(double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	}
	return p;
}

/* One keypress on the list: a cursor move, and the rows of a screen
 * formatted from the index (what a redraw reads). Microseconds. */
static double redraw_proxy(const char *dir, const char *cache)
{
	struct nd_load_opts lo;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_view v;
	struct nd_diag d;
	char line[512];
	size_t k, r, len, sink = 0;
	double t0;

	memset(&lo, 0, sizeof(lo));
	lo.cache_dir = cache;
	nd_diag_init(&d);
	if (nd_loader_load(dir, &lo, &idx, &d, &st) != 0)
		return -1;
	nd_view_init(&v);
	nd_view_rebuild(&v, idx, 0);
	t0 = nd_bench_now();
	for (k = 0; k < 1000; k++) {
		nd_view_move(&v, k % 2 ? -1 : 1, 50);
		for (r = v.top; r < v.top + 50 && r < v.count; r++) {
			const struct nd_summary *s = nd_index_get(idx, v.ids[r]);
			const char *prov = nd_index_str(idx, s->provider, &len);

			sink += (size_t)snprintf(line, sizeof(line),
						 "%.60s %.20s %lld", s->title,
						 prov, (long long)s->date);
		}
	}
	t0 = (nd_bench_now() - t0) / 1000;
	nd_view_release(&v);
	nd_index_free(idx);
	nd_diag_release(&d);
	return sink > 0 ? t0 * 1e6 : -1;
}

static double query_ms(const char *dir, const char *cache)
{
	static const char *const queries[] = {
		"published:no topic:AI quality>=50",
		"crypto OR \"open source\"",
	};
	struct nd_load_opts lo;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_query *q;
	struct nd_diag d;
	struct nd_err err;
	double worst = 0, t0;
	size_t i, k, hits = 0;

	memset(&lo, 0, sizeof(lo));
	lo.cache_dir = cache;
	nd_diag_init(&d);
	if (nd_loader_load(dir, &lo, &idx, &d, &st) != 0)
		return -1;
	for (k = 0; k < 2; k++) {
		if (nd_query_compile(queries[k], &q, &err) != 0)
			continue;
		t0 = nd_bench_now();
		for (i = 0; i < idx->count; i++)
			hits += (size_t)nd_query_match(q, idx, i);
		t0 = nd_bench_now() - t0;
		worst = t0 > worst ? t0 : worst;
		nd_query_free(q);
	}
	nd_index_free(idx);
	nd_diag_release(&d);
	return hits > 0 ? worst * 1000 : -1;
}

/* Rewrites one article in the middle with a changed title. */
static int change_one(const char *dir)
{
	struct nd_diag d;
	struct nd_err err;
	char **paths, *data;
	size_t n, size, skipped;
	FILE *f;
	int r = -1;

	nd_diag_init(&d);
	if (nd_loader_walk(dir, NULL, &paths, &n, &d, &skipped) != 0 || n == 0)
		return -1;
	if (nd_read_file(paths[n / 2], ND_MAX_FILE_BYTES, &data, &size,
			 &err) == 0) {
		f = fopen(paths[n / 2], "w");
		if (f != NULL && fwrite(data, 1, size, f) == size &&
		    fputs("\nchanged\n", f) >= 0)
			r = 0;
		if (f != NULL && fclose(f) != 0)
			r = -1;
		free(data);
	}
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
	return r;
}

static const char *verdict(int met)
{
	return met ? "met" : "NOT MET";
}

static int target(const char *what, double got, double limit,
		  const char *unit)
{
	int met = got >= 0 && got <= limit;

	printf("  target %-36s %8.3f%s <= %.3f%s  %s\n", what, got, unit,
	       limit, unit, verdict(met));
	return met;
}

struct run {
	double read, floor;
	struct phase nocache, cold, warm, one;
	double query, redraw;
};

static int measure(const char *dir, const char *cache, struct run *r)
{
	memset(r, 0, sizeof(*r));
	plain_read(dir); /* the page cache holds the files for every phase */
	r->read = plain_read(dir);
	r->floor = event_floor(dir);
	nd_bench_remove(cache);
	r->nocache = in_child(dir, cache, 1);
	r->cold = in_child(dir, cache, 0);
	r->warm = in_child(dir, cache, 0);
	r->query = query_ms(dir, cache);
	r->redraw = redraw_proxy(dir, cache);
	if (change_one(dir) != 0)
		return -1;
	r->one = in_child(dir, cache, 0);
	return r->cold.ok && r->warm.ok && r->one.ok ? 0 : -1;
}

/* The machine's load: a busy machine stretches every figure, and the
 * threaded ones most. */
static double load_average(void)
{
	double l[1] = { -1 };

	return getloadavg(l, 1) == 1 ? l[0] : -1;
}

static void print_run(const char *name, const struct run *r)
{
	printf("%s: %zu articles (load average %.1f)\n", name, r->cold.count,
	       load_average());
	printf("  plain read (floor)       %8.3f s\n", r->read);
	printf("  libyaml events, 1 thread %8.3f s\n", r->floor);
	printf("  cold, no cache at all    %8.3f s  %6.1f MB peak RSS\n",
	       r->nocache.secs, r->nocache.rss_mb);
	printf("  cold (writes the cache)  %8.3f s  %6.1f MB peak RSS  "
	       "%.2fx events  (CPU %.3f s)\n", r->cold.secs, r->cold.rss_mb,
	       r->cold.secs / r->floor, r->cold.cpu);
	printf("  warm to first list       %8.3f s  %6.1f MB peak RSS  "
	       "%.2fx read  (%zu of %zu cached)\n", r->warm.secs,
	       r->warm.rss_mb, r->warm.secs / r->read, r->warm.cached,
	       r->warm.count);
	printf("  one file changed         %8.3f s  %6.1f MB peak RSS  "
	       "%.2fx warm  (%zu cached)\n", r->one.secs, r->one.rss_mb,
	       r->one.secs / r->warm.secs, r->one.cached);
	printf("  query (worst of 2)       %8.3f ms\n", r->query);
	printf("  redraw proxy             %8.3f us per keypress\n",
	       r->redraw);
}

static int targets(const struct run *r, double redraw_1k)
{
	int met = 1;

	met &= target("cold <= 0.6x libyaml events", r->cold.secs / r->floor,
		      0.6, "x");
	met &= target("warm <= 0.5x plain read", r->warm.secs / r->read, 0.5,
		      "x");
	met &= target("one changed <= 2x warm", r->one.secs / r->warm.secs,
		      2.0, "x");
	met &= target("peak RSS cold <= 64 MB", r->cold.rss_mb, 64, " MB");
	met &= target("peak RSS warm <= 64 MB", r->warm.rss_mb, 64, " MB");
	met &= target("query <= 20 ms", r->query, 20, " ms");
	met &= target("redraw at size / at 1k <= 1.5x", r->redraw / redraw_1k,
		      1.5, "x");
	return met;
}

static int one_size(size_t count, double redraw_1k, int moonshot)
{
	char dir[] = "/tmp/newsdesk-scale-XXXXXX", cache[64], name[32];
	struct run r;
	int ok;

	if (mkdtemp(dir) == NULL || nd_bench_generate(dir, count) != 0)
		return -1;
	snprintf(cache, sizeof(cache), "%s.cache", dir);
	pause_ms(150); /* files younger than 100 ms are not cached */
	ok = measure(dir, cache, &r) == 0;
	snprintf(name, sizeof(name), count % 1000 ? "%zu" : "%zuk",
		 count % 1000 ? count : count / 1000);
	print_run(name, &r);
	if (moonshot) {
		target("moonshot: warm < 1 s", r.warm.secs, 1.0, " s");
		target("moonshot: RSS < 640 MB", r.warm.rss_mb, 640, " MB");
	} else if (count >= 100000 || redraw_1k > 0) {
		targets(&r, redraw_1k);
	}
	nd_bench_remove(dir);
	nd_bench_remove(cache);
	return ok ? 0 : -1;
}

static double redraw_at(size_t count)
{
	char dir[] = "/tmp/newsdesk-scale-XXXXXX", cache[64];
	double us;

	if (mkdtemp(dir) == NULL || nd_bench_generate(dir, count) != 0)
		return -1;
	snprintf(cache, sizeof(cache), "%s.cache", dir);
	us = redraw_proxy(dir, cache);
	nd_bench_remove(dir);
	nd_bench_remove(cache);
	return us;
}

int nd_bench_scale(const size_t *sizes, size_t nsizes, int million,
		   const char *real_dir)
{
	double redraw_1k = redraw_at(1000);
	size_t i;
	int fail = 0;

	printf("redraw proxy at 1k       %8.3f us per keypress\n", redraw_1k);
	for (i = 0; i < nsizes; i++)
		fail |= one_size(sizes[i], redraw_1k, 0) != 0;
	if (million)
		fail |= one_size(1000000, redraw_1k, 1) != 0;
	if (real_dir != NULL)
		fail |= nd_bench_real(real_dir) != 0;
	return fail;
}

/* A real corpus (never changed: no one-file test). */
int nd_bench_real(const char *dir)
{
	char cache[] = "/tmp/newsdesk-real-cache-XXXXXX";
	struct phase cold, warm;
	double read;

	if (mkdtemp(cache) == NULL)
		return -1;
	plain_read(dir);
	read = plain_read(dir);
	cold = in_child(dir, cache, 0);
	warm = in_child(dir, cache, 0);
	printf("%s: %zu articles\n", dir, cold.count);
	printf("  plain read               %8.3f s\n", read);
	printf("  cold (writes the cache)  %8.3f s  %6.1f MB peak RSS\n",
	       cold.secs, cold.rss_mb);
	printf("  warm to first list       %8.3f s  %6.1f MB peak RSS  "
	       "(%zu of %zu cached)\n", warm.secs, warm.rss_mb, warm.cached,
	       warm.count);
	target("real corpus: warm <= 0.1x cold", warm.secs / cold.secs, 0.1,
	       "x");
	nd_bench_remove(cache);
	return cold.ok && warm.ok ? 0 : -1;
}
