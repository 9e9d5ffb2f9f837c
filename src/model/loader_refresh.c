/*
 * The incremental reload: a stat per file tells which summaries of the
 * previous index still hold. Both lists are in path order (the walk sorts,
 * the index is built in walk order), so one merge finds the new, the
 * changed, the unchanged and the deleted files.
 */
#include "loader_int.h"

#include "newsdesk/base/alloc.h"

#include <stdlib.h>
#include <string.h>

struct list {
	char **paths;
	size_t n, cap;
};

static void add(struct list *l, const char *path)
{
	nd_grow(&l->paths, &l->cap, l->n + 1, sizeof(*l->paths));
	l->paths[l->n++] = nd_xstrdup(path);
}

static void give(struct list *l, char ***paths, size_t *n)
{
	*paths = l->paths;
	*n = l->n;
}

size_t nd_loader_match_old(size_t **old_hit, const struct nd_index *old,
			   char **paths, const struct nd_file_key *keys,
			   size_t count, struct nd_refresh *changes)
{
	struct list added = { 0 }, changed = { 0 }, removed = { 0 };
	size_t i = 0, k = 0, hits = 0;
	int c;

	*old_hit = nd_xcalloc(count + 1, sizeof(**old_hit));
	while (i < count || k < old->count) {
		c = i == count	       ? 1
		    : k == old->count ? -1
				       : strcmp(paths[i], old->items[k].path);
		if (c < 0) {
			add(&added, paths[i++]);
		} else if (c > 0) {
			add(&removed, old->items[k++].path);
		} else {
			/* Without keys (an index not from the loader) every
			 * file counts as changed: parsed again. */
			if (old->keys != NULL &&
			    nd_file_key_digest(&keys[i]) == old->keys[k]) {
				(*old_hit)[i] = k + 1;
				hits++;
			} else {
				add(&changed, paths[i]);
			}
			i++;
			k++;
		}
	}
	if (changes != NULL) {
		give(&added, &changes->added, &changes->nadded);
		give(&changed, &changes->changed, &changes->nchanged);
		give(&removed, &changes->removed, &changes->nremoved);
	} else {
		nd_loader_walk_free(added.paths, added.n);
		nd_loader_walk_free(changed.paths, changed.n);
		nd_loader_walk_free(removed.paths, removed.n);
	}
	return hits;
}

int nd_loader_refresh(const struct nd_index *old, const char *root,
		      const struct nd_load_opts *opts, struct nd_index **out,
		      struct nd_diag *diag, struct nd_load_stats *stats,
		      struct nd_refresh *changes)
{
	if (changes != NULL)
		memset(changes, 0, sizeof(*changes));
	return nd_loader_run(root, opts, old, out, diag, stats, changes);
}

void nd_refresh_release(struct nd_refresh *r)
{
	nd_loader_walk_free(r->added, r->nadded);
	nd_loader_walk_free(r->changed, r->nchanged);
	nd_loader_walk_free(r->removed, r->nremoved);
	memset(r, 0, sizeof(*r));
}
