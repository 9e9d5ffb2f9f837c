/*
 * tally: counts over a set of articles (a view's ids), for the stats
 * charts and the command line's stats: by published and read state, by
 * provider (its name, else its domain), topic and category, quality and
 * heat in buckets of 20, and the days the articles are dated.
 *
 * One pass over the ids; counts by interned string id, so 100,000
 * articles tally in a few milliseconds. The tally owns its arrays; free
 * with nd_tally_release(). It points into nothing: the index may go.
 */
#ifndef NEWSDESK_TALLY_H
#define NEWSDESK_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/model/index.h"

/* Quality and heat buckets: <0, 0-19, 20-39, 40-59, 60-79, 80-99, 100+. */
#define ND_TALLY_BUCKETS 7

enum nd_tally_by { ND_BY_PROVIDER, ND_BY_TOPIC, ND_BY_CATEGORY, ND_BY_COUNT };

struct nd_tally {
	size_t total;
	size_t published, unpublished, pub_missing; /* missing: also unpub. */
	size_t read, unread;
	size_t nstrs;		   /* length of each by[] array */
	size_t *by[ND_BY_COUNT];   /* by interned id of the index */
	size_t none[ND_BY_COUNT];  /* articles without one */
	size_t quality[ND_TALLY_BUCKETS], quality_unknown;
	size_t heat[ND_TALLY_BUCKETS], heat_unknown;
	int64_t *days; /* day numbers (days since 1970-01-01), sorted */
	size_t ndays;  /* dated articles */
};

/* ids NULL: every article of idx (n ignored). */
void nd_tally_count(struct nd_tally *t, const struct nd_index *idx,
		    const uint32_t *ids, size_t n);
void nd_tally_release(struct nd_tally *t);
/* Bucket of a quality or heat value (not ND_NUM_UNKNOWN), and its label
 * ("0-19") and query ("quality>=0 quality<20"; field is "quality" or
 * "heat"). */
int nd_tally_bucket(int32_t v);
const char *nd_tally_bucket_label(int b);
void nd_tally_bucket_query(int b, const char *field, char *out, size_t cap);

#endif
