/*
 * newsdesk-bench: how fast the loader builds an index, and what it costs.
 *
 * Generates N deterministic seed-shaped articles into a temporary
 * directory (or takes --dir), reads every file once plainly as the
 * baseline, then loads them into an index, and prints articles/s, MB/s,
 * peak RSS and the ratio of the load to the plain read. It also times the
 * operations the desk runs on the whole index: a query and the sorts.
 * Then it lays out documents of --spans N and 2N spans (Markdown, the
 * doc alone, HTML) and prints both times and their ratio: a linear
 * layout takes twice as long for twice the spans, no more.
 * Exits non-zero if the load lost an article or a layout came out wrong.
 */
#include "newsdesk/base/fileio.h"

#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"
#include "newsdesk/model/sort.h"
#include "newsdesk/present/view.h"

#include "gen.h"
#include "layout.h"
#include "scale.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

struct opts {
	size_t count, spans;
	const char *dir;
	unsigned threads;
	int keep, quiet;
	int scale, million;
	size_t sizes[8], nsizes;
};

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The baseline: the same files, read and thrown away. */
static double plain_read(const char *dir, size_t *files, size_t *bytes)
{
	struct nd_diag d;
	struct nd_err cause;
	char **paths, *data;
	size_t n, i, size, skipped;
	double t0 = nd_bench_now();

	nd_diag_init(&d);
	*bytes = 0;
	if (nd_loader_walk(dir, NULL, &paths, &n, &d, &skipped) != 0) {
		nd_diag_release(&d);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (nd_read_file(paths[i], ND_MAX_FILE_BYTES, &data, &size, &cause) == 0) {
			*bytes += size;
			free(data);
		}
	}
	*files = n;
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
	return nd_bench_now() - t0;
}

static double time_query(const struct nd_index *idx, const char *text,
			 size_t *hits)
{
	struct nd_err err;
	struct nd_query *q;
	double t0 = nd_bench_now();
	size_t i;

	*hits = 0;
	if (nd_query_compile(text, &q, &err) != 0)
		return -1;
	for (i = 0; i < idx->count; i++)
		*hits += (size_t)nd_query_match(q, idx, i);
	nd_query_free(q);
	return nd_bench_now() - t0;
}

static double time_sort(const struct nd_index *idx, enum nd_sort_key key)
{
	uint32_t *ids = malloc((idx->count + 1) * sizeof(*ids));
	double t0;
	size_t i;

	if (ids == NULL)
		return -1;
	for (i = 0; i < idx->count; i++)
		ids[i] = (uint32_t)i;
	t0 = nd_bench_now();
	nd_sort_ids(idx, ids, idx->count, key, 1);
	t0 = nd_bench_now() - t0;
	free(ids);
	return t0;
}

/* What the desk does on 'l' (limit) and 's' (sort): one view rebuild. */
static double time_view(const struct nd_index *idx, const char *limit,
			enum nd_sort_key key, size_t *rows)
{
	struct nd_err err;
	struct nd_query *q = NULL;
	struct nd_view v;
	double t0;

	nd_view_init(&v);
	if (limit != NULL && nd_query_compile(limit, &q, &err) != 0)
		return -1;
	nd_view_set_limit(&v, q, NULL);
	v.sort = key;
	v.desc = nd_sort_natural_desc(key);
	t0 = nd_bench_now();
	nd_view_rebuild(&v, idx, 0);
	t0 = nd_bench_now() - t0;
	*rows = v.count;
	nd_view_release(&v);
	return t0;
}

static int parse_sizes(const char *arg, struct opts *o)
{
	char *end;

	o->nsizes = 0;
	if (arg == NULL) {
		o->sizes[o->nsizes++] = 10000;
		o->sizes[o->nsizes++] = 100000;
		return 0;
	}
	while (*arg != '\0' && o->nsizes < 8) {
		o->sizes[o->nsizes++] = strtoul(arg, &end, 10);
		if (end == arg || (*end != ',' && *end != '\0'))
			return -1;
		arg = *end == ',' ? end + 1 : end;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "dir", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "spans", required_argument, NULL, 's' },
		{ "keep", no_argument, NULL, 'k' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "scale", optional_argument, NULL, 'S' },
		{ "million", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->count = 10000;
	o->spans = 100000;
	while ((c = getopt_long(argc, argv, "n:d:t:s:kqh", longs, NULL)) !=
	       -1) {
		switch (c) {
		case 'n':
			o->count = strtoul(optarg, NULL, 10);
			break;
		case 'd':
			o->dir = optarg;
			break;
		case 't':
			o->threads = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 's':
			o->spans = strtoul(optarg, NULL, 10);
			break;
		case 'k':
			o->keep = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'S':
			o->scale = 1;
			if (parse_sizes(optarg, o) != 0)
				return -1;
			break;
		case 'M':
			o->scale = o->million = 1;
			break;
		default:
			printf("usage: newsdesk-bench [--count N | --dir DIR] "
			       "[--threads N] [--spans N] [--keep] "
			       "[--quiet]\n"
			       "       newsdesk-bench --scale[=N,N...] "
			       "[--million] [--dir REAL_CORPUS]\n"
			       "(--scale: issue 10's targets at 10k and 100k, "
			       "or the sizes given)\n");
			return c == 'h' ? 1 : -1;
		}
	}
	return 0;
}

static void report(const struct opts *o, const struct nd_index *idx,
		   size_t bytes, double t_read, double t_load, long rss_before)
{
	size_t hits;
	double tq = time_query(idx, "published:no topic:AI quality>=50", &hits);
	double tw = time_query(idx, "crypto OR \"open source\"", &hits);
	double ts = time_sort(idx, ND_SORT_TITLE);
	double td = time_sort(idx, ND_SORT_DATE);
	size_t rows_all, rows_lim;
	double va = time_view(idx, NULL, ND_SORT_DATE, &rows_all);
	double vl = time_view(idx, "published:no quality>=50", ND_SORT_QUALITY,
			      &rows_lim);
	double mb = (double)bytes / (1024.0 * 1024.0);

	if (o->quiet)
		return;
	printf("articles          %zu\n", idx->count);
	printf("bytes             %.1f MB (%.0f bytes/article)\n", mb,
	       (double)bytes / (double)(idx->count ? idx->count : 1));
	printf("plain read        %.3f s  %.0f MB/s\n", t_read, mb / t_read);
	printf("full load         %.3f s  %.0f articles/s  %.1f MB/s\n", t_load,
	       (double)idx->count / t_load, mb / t_load);
	printf("load / read       %.1fx\n", t_load / t_read);
	printf("peak RSS          %.1f MB (%.1f MB before the load)\n",
	       (double)peak_rss_kb() / 1024.0, (double)rss_before / 1024.0);
	printf("index strings     %.1f MB (%zu bytes/article)\n",
	       (double)idx->pool.bytes / (1024.0 * 1024.0),
	       idx->pool.bytes / (idx->count ? idx->count : 1));
	printf("query fields      %.1f ms\n", tq * 1000);
	printf("query words       %.1f ms\n", tw * 1000);
	printf("sort by title     %.1f ms\n", ts * 1000);
	printf("sort by date      %.1f ms\n", td * 1000);
	printf("desk: all, date   %.1f ms (%zu rows)\n", va * 1000, rows_all);
	printf("desk: limit+sort  %.1f ms (%zu rows)\n", vl * 1000, rows_lim);
}

int main(int argc, char **argv)
{
	struct nd_load_opts lo;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_diag d;
	struct opts o;
	char tmpl[] = "/tmp/newsdesk-bench-XXXXXX";
	const char *dir;
	size_t files = 0, bytes = 0;
	double t_read, t_load;
	long rss_before;
	int r, fail = 0;

	r = parse(argc, argv, &o);
	if (r != 0)
		return r > 0 ? 0 : 2;
	if (o.scale) {
		if (o.million && o.nsizes == 0)
			parse_sizes(NULL, &o);
		return nd_bench_scale(o.sizes, o.nsizes, o.million, o.dir);
	}
	dir = o.dir;
	if (dir == NULL) {
		if (mkdtemp(tmpl) == NULL || nd_bench_generate(tmpl, o.count) != 0) {
			fprintf(stderr, "newsdesk-bench: cannot generate into "
				"'%s'\n", tmpl);
			return 1;
		}
		dir = tmpl;
	}
	plain_read(dir, &files, &bytes); /* warm the page cache for both */
	t_read = plain_read(dir, &files, &bytes);
	rss_before = peak_rss_kb();
	memset(&lo, 0, sizeof(lo));
	lo.threads = o.threads;
	nd_diag_init(&d);
	t_load = nd_bench_now();
	if (nd_loader_load(dir, &lo, &idx, &d, &st) != 0) {
		fprintf(stderr, "newsdesk-bench: cannot load '%s'\n", dir);
		return 1;
	}
	t_load = nd_bench_now() - t_load;
	report(&o, idx, bytes, t_read, t_load, rss_before);
	if (o.dir == NULL && (idx->count != o.count || d.count != 0)) {
		fprintf(stderr, "newsdesk-bench: loaded %zu of %zu articles, "
			"%zu problems\n", idx->count, o.count, d.count);
		fail = 1;
	}
	nd_index_free(idx);
	nd_diag_release(&d);
	if (o.spans != 0 && nd_bench_layout(o.spans, o.quiet) != 0) {
		fprintf(stderr, "newsdesk-bench: a layout of %zu spans came "
			"out wrong\n", o.spans);
		fail = 1;
	}
	if (o.dir == NULL && !o.keep)
		nd_bench_remove(tmpl);
	else if (o.dir == NULL)
		printf("kept              %s\n", tmpl);
	return fail;
}
