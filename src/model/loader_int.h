/* Private to the loader's files: the walk with the stat of each file. */
#ifndef NEWSDESK_LOADER_INT_H
#define NEWSDESK_LOADER_INT_H

#include <sys/stat.h>

#include "newsdesk/model/icache.h"
#include "newsdesk/model/loader.h"

void nd_file_key_of(struct nd_file_key *k, const struct stat *st);
/* nd_loader_walk, also giving each file's key (malloc'd, beside paths;
 * keys may be NULL when not wanted). */
int nd_loader_walk_keys(const char *root, const struct nd_load_opts *opts,
			char ***paths, struct nd_file_key **keys,
			size_t *count, struct nd_diag *diag, size_t *skipped);

/* Where the path below root starts in path. */
size_t nd_loader_rel_start(const char *root, const char *path);

/* nd_loader_load, or with old a refresh (nd_loader_refresh). */
int nd_loader_run(const char *root, const struct nd_load_opts *opts,
		  const struct nd_index *old, struct nd_index **out,
		  struct nd_diag *diag, struct nd_load_stats *stats,
		  struct nd_refresh *changes);
/* Matches the walk with old's summaries: (*old_hit)[i] is old's id + 1
 * when file i's key is unchanged; fills changes (loader_refresh.c).
 * Returns how many are unchanged. */
size_t nd_loader_match_old(size_t **old_hit, const struct nd_index *old,
			   char **paths, const struct nd_file_key *keys,
			   size_t count, struct nd_refresh *changes);

/* One load's use of the persistent index (loader_cache.c). */
struct lcache {
	struct nd_icache *ic;	   /* the cache read, or NULL */
	struct nd_icache_writer *w; /* the cache being written, or NULL */
	size_t *hit;		   /* per file: record + 1, or 0: parse it */
	size_t hits;
	struct nd_text *topics; /* scratch for decoded records */
	size_t topics_cap;
	int64_t fresh_after; /* ns: files changed since are not recorded */
};

/* Opens the cache of root (when opts allow one) and matches it with the
 * walk's files: lc->hit says which need no parse. Opens the writer when
 * the cache must change. Never fails: without a cache, all are parsed. */
void lcache_begin(struct lcache *lc, const char *root,
		  const struct nd_load_opts *opts, char **paths,
		  const struct nd_file_key *keys, size_t count,
		  int64_t scan_start, struct nd_load_stats *st);
/* Adds file i from the cache to idx and its problems to diag. */
int lcache_serve(struct lcache *lc, size_t i, const char *path,
		 size_t rel_at, struct nd_index *idx, struct nd_diag *diag,
		 struct nd_load_stats *st);
/* Records file i's outcome in the cache being written (entry NULL: it
 * failed); its problems are diag's items from first on. */
void lcache_record(struct lcache *lc, const char *rel,
		   const struct nd_file_key *key, uint64_t size,
		   const struct nd_entry *entry, const struct nd_diag *diag,
		   size_t first);
/* No cache for this load (a refresh): every file is parsed or reused. */
void lcache_none(struct lcache *lc, size_t count);
/* Commits (ok) or drops the cache being written and frees lc. */
void lcache_end(struct lcache *lc, int ok, struct nd_load_stats *st);

#endif
