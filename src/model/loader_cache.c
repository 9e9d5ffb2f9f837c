/*
 * The loader's side of the persistent index: which files need a parse,
 * serving the others from the cache, and writing the new cache while the
 * index is built (the records stream to a temporary file in path order,
 * so a 100k cache never sits in memory).
 */
#include "loader_int.h"

#include "newsdesk/base/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Coarse file timestamps lag the clock by up to a tick (4 ms at HZ=250):
 * a file stamped this close to the walk might change again in the same
 * tick and keep its stamp, so it is not recorded (git's "racy clean"). */
#define RACY_NS (100 * 1000000LL)

static char *default_dir;

void nd_loader_set_cache_dir(const char *dir)
{
	free(default_dir);
	default_dir = dir != NULL ? nd_xstrdup(dir) : NULL;
}

static int same_key(const struct nd_file_key *a, const struct nd_file_key *b)
{
	return a->size == b->size && a->ino == b->ino && a->dev == b->dev &&
	       a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/* -1, 0, 1 as strcmp orders a path below the root and a record's. */
static int cmp_rel(const char *rel, const char *rrel, size_t rlen)
{
	size_t n = strlen(rel), m = n < rlen ? n : rlen;
	int c = memcmp(rel, rrel, m);

	if (c != 0)
		return c;
	return n < rlen ? -1 : n > rlen;
}

/* Merge-joins the walk (sorted) with the records (sorted). */
static void match(struct lcache *lc, const char *root, char **paths,
		  const struct nd_file_key *keys, size_t count)
{
	struct nd_file_key key;
	const char *rrel;
	size_t i, j = 0, rlen, n = nd_icache_count(lc->ic);
	int c;

	for (i = 0; i < count && j < n; i++) {
		const char *rel = paths[i] + nd_loader_rel_start(root, paths[i]);

		c = 1;
		while (j < n) {
			nd_icache_key(lc->ic, j, &rrel, &rlen, &key);
			c = cmp_rel(rel, rrel, rlen);
			if (c <= 0)
				break;
			j++;
		}
		if (c == 0 && same_key(&keys[i], &key)) {
			lc->hit[i] = ++j;
			lc->hits++;
		}
		nd_icache_done_before(lc->ic, j);
	}
}

/* mkdir -p, owner only: the cache tells what one reads. */
static int make_dirs(const char *dir)
{
	char *p = nd_xstrdup(dir), *s;
	int r = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		r = -1;
	free(p);
	return r;
}

static void note(struct nd_load_stats *st, const char *what,
		 const struct nd_err *err)
{
	/* Cut to fit: the note is a hint for the log, not a report. */
	snprintf(st->cache_note, sizeof(st->cache_note), "%.40s%s%.50s", what,
		 err != NULL ? ": " : "", err != NULL ? err->message : "");
}

static void open_writer(struct lcache *lc, const char *dir,
			const char *file, const char *real,
			struct nd_load_stats *st)
{
	struct nd_err err;

	if (make_dirs(dir) != 0) {
		note(st, "cannot create the cache directory", NULL);
		return;
	}
	if (nd_icache_writer_open(file, real, &lc->w, &err) != 0)
		note(st, "cannot write the cache", &err);
}

static void read_cache(struct lcache *lc, const char *file,
		       const char *real, struct nd_load_stats *st)
{
	struct nd_err err;

	memset(&err, 0, sizeof(err));
	if (nd_icache_open(file, real, &lc->ic, &err) != 0)
		note(st, err.code == ENOENT ? "no cache yet" : "cache refused",
		     err.code == ENOENT ? NULL : &err);
}

void lcache_begin(struct lcache *lc, const char *root,
		  const struct nd_load_opts *opts, char **paths,
		  const struct nd_file_key *keys, size_t count,
		  int64_t scan_start, struct nd_load_stats *st)
{
	const char *dir = opts != NULL && opts->cache_dir != NULL
				  ? opts->cache_dir
				  : default_dir;
	struct stat rs;
	char *real, *file;

	memset(lc, 0, sizeof(*lc));
	lc->hit = nd_xcalloc(count + 1, sizeof(*lc->hit));
	lc->fresh_after = scan_start - RACY_NS;
	if (dir == NULL || (opts != NULL && opts->no_cache) ||
	    stat(root, &rs) != 0 || !S_ISDIR(rs.st_mode))
		return;
	real = realpath(root, NULL);
	if (real == NULL)
		return;
	file = nd_icache_file(dir, real);
	read_cache(lc, file, real, st);
	if (lc->ic != NULL)
		match(lc, root, paths, keys, count);
	/* Unchanged (every record used, none missing): nothing to write. */
	if (lc->ic == NULL || lc->hits != count ||
	    lc->hits != nd_icache_count(lc->ic))
		open_writer(lc, dir, file, real, st);
	free(file);
	free(real);
}

void lcache_none(struct lcache *lc, size_t count)
{
	memset(lc, 0, sizeof(*lc));
	lc->hit = nd_xcalloc(count + 1, sizeof(*lc->hit));
}

int lcache_serve(struct lcache *lc, size_t i, const char *path,
		 size_t rel_at, struct nd_index *idx, struct nd_diag *diag,
		 struct nd_load_stats *st)
{
	struct nd_icache_rec rec;
	size_t first = diag->count;
	int r = 0;

	nd_icache_get(lc->ic, lc->hit[i] - 1, &rec, &lc->topics,
		      &lc->topics_cap);
	nd_icache_rec_problems(&rec, path, diag);
	if (lc->w != NULL)
		nd_icache_writer_add(lc->w, path + rel_at, &rec.key, rec.size,
				     rec.ok ? &rec.entry : NULL, diag, first);
	st->cached++;
	if (!rec.ok) {
		st->failed++;
		return 0;
	}
	rec.entry.path = path;
	if (nd_index_add_entry(idx, &rec.entry, rel_at,
			       (unsigned)(diag->count - first)) < 0)
		r = -1;
	else
		st->loaded++;
	st->bytes += rec.size;
	nd_icache_done_before(lc->ic, lc->hit[i] - 1);
	return r;
}

void lcache_record(struct lcache *lc, const char *rel,
		   const struct nd_file_key *key, uint64_t size,
		   const struct nd_entry *entry, const struct nd_diag *diag,
		   size_t first)
{
	/* Every problem of an article's load names the article, so the
	 * replay names it too (icache.h). */
	if (lc->w == NULL || key->mtime_ns >= lc->fresh_after ||
	    key->ctime_ns >= lc->fresh_after)
		return;
	nd_icache_writer_add(lc->w, rel, key, size, entry, diag, first);
}

void lcache_end(struct lcache *lc, int ok, struct nd_load_stats *st)
{
	struct nd_err err;

	if (lc->w != NULL && ok) {
		if (nd_icache_writer_commit(lc->w, &err) != 0)
			note(st, "cannot write the cache", &err);
		else
			st->cache_written = 1;
	} else if (lc->w != NULL) {
		nd_icache_writer_abort(lc->w);
	}
	nd_icache_free(lc->ic);
	free(lc->hit);
	free(lc->topics);
	memset(lc, 0, sizeof(*lc));
}
