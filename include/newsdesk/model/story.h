/*
 * story: articles carrying the same story, grouped.
 *
 * The rule, so a group can be explained: two articles are the same story
 * when their dates are at most window seconds apart (both known) and
 * their headlines are similar: each headline is cut into words (letters
 * and digits; case folded; HTML entities and one-letter words dropped;
 * stop words such as "the", "of", "to" dropped), each word weighs
 * log((N + 1) / df) (rarer words in the directory weigh more, so a
 * corpus's "power apps" counts little), and the similarity is the weight
 * of the words both share over the weight of the words either has
 * (weighted Jaccard, 0 to 1). At or above threshold they are one story.
 * A related item of one that points at the other's webUrl or originalUrl
 * is evidence: then half the threshold is enough. Stories are the
 * connected groups of such pairs (so A~B and B~C put A, B and C
 * together).
 *
 * Fast: pairs are only compared within buckets of a headline's rarest
 * words (the four with the lowest df, df >= 2); a bucket is swept in date
 * order and only pairs within the window are compared, so the work is
 * near-linear in the number of articles.
 *
 * A story's id is 8 hex digits, a hash of the path (below the root) of
 * its first member in path order: stable while that member stays.
 * nd_stories_build() reads the index and never changes it; the caller
 * owns the result (nd_stories_free()) and may hand it to queries with
 * nd_index's stories pointer (story:ID, dups:yes).
 */
#ifndef NEWSDESK_STORY_H
#define NEWSDESK_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/model/index.h"

#define ND_STORY_THRESHOLD 0.4
#define ND_STORY_WINDOW (3 * 86400)

struct nd_story_opts {
	double threshold; /* 0..1 */
	int64_t window;	  /* seconds */
};

struct nd_story {
	char id[9];
	uint32_t first, count; /* members[first .. first + count) */
	uint32_t best; /* published first, then best quality, then oldest */
};

struct nd_stories {
	uint32_t *of; /* per article id: story index + 1, 0 when alone */
	size_t nof;
	struct nd_story *items;
	size_t count;
	uint32_t *members; /* article ids, each story's in path order */
	size_t nmembers;
};

/* A related-item link: article from points at article to. */
struct nd_story_link {
	uint32_t from, to;
};

void nd_story_opts_default(struct nd_story_opts *o);
/* Groups idx's articles (removed ones stay alone). links (may be NULL)
 * are the related-item links known. Returns NULL only for an empty
 * index. */
struct nd_stories *nd_stories_build(const struct nd_index *idx,
				    const struct nd_story_opts *o,
				    const struct nd_story_link *links,
				    size_t nlinks);
void nd_stories_free(struct nd_stories *s);
/* The story with id, or NULL. */
const struct nd_story *nd_stories_find(const struct nd_stories *s,
				       const char *id);
/* Reads every article's related items again from its file and lists
 * those pointing at another article of idx (by webUrl or originalUrl).
 * Unreadable files are skipped. *links is malloc'd. */
size_t nd_story_links_load(const struct nd_index *idx,
			   struct nd_story_link **links);
/* The similarity of two headlines by the rule above, with every word
 * weighing 1 (no directory to count in): for tests and explanations. */
double nd_story_headline_similarity(const char *a, size_t alen,
				    const char *b, size_t blen);

#endif
