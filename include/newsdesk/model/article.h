/*
 * article: one article file, fully parsed.
 *
 * An article owns its front-matter tree (.fm) and its file bytes (.data);
 * every nd_text points into them, so reading a field costs no copy. A text
 * with .s == NULL is a missing field; .len is the length (values may hold
 * NUL). Numbers read ND_UNKNOWN when missing, and heat -1 means unknown
 * too. Fields whose YAML type is wrong (quality: high) read as missing and
 * leave a warning in the diag; unknown fields stay in .fm untouched and are
 * listed in .unknown (indices of .fm's keys). Free with nd_article_free().
 */
#ifndef NEWSDESK_ARTICLE_H
#define NEWSDESK_ARTICLE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/diag.h"
#include "newsdesk/model/frontmatter.h"
#include "newsdesk/model/yamltree.h"

#define ND_UNKNOWN LLONG_MIN

/* quality and heat are whole numbers in this range (heat -1: unknown); a
 * file holding anything else (5.5, 99999999999) gets a warning and reads as
 * missing, so no reader clamps or rounds it into something else. */
#define ND_SCORE_MIN (-1)
#define ND_SCORE_MAX 1000000

struct nd_node;
/* The one rule for quality and heat in a file: a whole number written
 * as one (no 5.5, no 1e3) in ND_SCORE_MIN..ND_SCORE_MAX; 0, or -1. The
 * full reader warns on -1; the loader's fast path hands the file to it. */
int nd_score_parse(const struct nd_node *n, long long *out);

/* Hard limits for one article file. */
#define ND_MAX_FILE_BYTES (16u * 1024 * 1024)

struct nd_text {
	const char *s;
	size_t len;
};

struct nd_image {
	struct nd_text url;
	long long width, height;
	int cached; /* -1 unknown */
};

struct nd_provider {
	struct nd_text name, domain;
	struct nd_image *images;
	size_t nimages;
};

struct nd_related {
	struct nd_text title, excerpt, web_url, type;
	int64_t date;
	long long quality;
	struct nd_provider provider;
	struct nd_image *images;
	size_t nimages;
	const struct nd_node *node; /* the item, for its other fields */
};

struct nd_article {
	char *path;
	char *data; /* the whole file */
	size_t size;
	struct nd_fm_split split;
	struct nd_node *fm;

	struct nd_text category, title, excerpt, original_url, web_url, type;
	struct nd_text secured, body;
	int64_t date;
	long long quality, heat;
	int published; /* -1 missing, 0 or 1 */
	struct nd_provider provider;
	struct nd_text *topics;
	size_t ntopics;
	struct nd_image *images;
	size_t nimages;
	struct nd_related *related;
	size_t nrelated;
	size_t *unknown;
	size_t nunknown;
};

/* Parses a file already in memory; takes ownership of data (malloc'd).
 * Returns 0 (maybe with warnings in diag) or -1 (errors in diag; *out
 * NULL). path is copied and used in messages. */
int nd_article_parse(const char *path, char *data, size_t size,
		     struct nd_article **out, struct nd_diag *diag);
/* Reads path (with the size limit, never blocking) and parses it. */
int nd_article_load(const char *path, struct nd_article **out,
		    struct nd_diag *diag);
void nd_article_free(struct nd_article *a);

#endif
