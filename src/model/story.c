/* Stories: the rule is in story.h; this is its near-linear evaluation. */
#include "newsdesk/model/story.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/hash.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words that say nothing about which story a headline tells (English,
 * the corpora's language; sorted for bsearch). */
static const char *const stop_words[] = {
	"about", "after", "all", "an", "and", "are", "as", "at", "be", "but",
	"by", "can", "for", "from", "has", "have", "how", "in", "into", "is",
	"it", "its", "more", "new", "now", "of", "on", "or", "our", "out",
	"over", "than", "that", "the", "their", "this", "to", "up", "via",
	"was", "what", "when", "why", "will", "with", "you", "your",
};

#define KEYS_PER_TITLE 4
#define MAX_TOKENS 64
/* In a bucket, each article is compared with at most this many later
 * ones in the window: a guard against thousands of same-day titles
 * sharing a word, which would make a bucket quadratic. */
#define MAX_SWEEP 200

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_stop(const char *w)
{
	return bsearch(&w, stop_words, sizeof(stop_words) / sizeof(*stop_words),
		       sizeof(*stop_words), cmp_str) != NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Ends the word in w (lower-cased, NUL-ended) and adds its hash. A
 * plural's s goes (records, record), so one headline's "misconfigurations"
 * meets another's "misconfiguration"; "ss" stays (access). */
static void end_word(char *w, size_t *wl, uint64_t *out, size_t *n)
{
	if (*wl > 3 && w[*wl - 1] == 's' && w[*wl - 2] != 's')
		(*wl)--;
	w[*wl] = '\0';
	if (*wl > 1 && !is_stop(w) && *n < MAX_TOKENS)
		out[(*n)++] = nd_hash64(w, *wl);
	*wl = 0;
}

/* A headline's words as sorted, unique hashes; returns how many. */
static size_t tokens(const char *s, size_t len, uint64_t *out)
{
	char w[64];
	size_t i, wl = 0, n = 0, k, u;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&') { /* an entity (&#8216;, &amp;) is no word */
			const char *semi = memchr(s + i, ';', len - i);

			if (semi != NULL && semi - (s + i) < 10) {
				end_word(w, &wl, out, &n);
				i = (size_t)(semi - s);
				continue;
			}
		}
		if (c == 0xE2 && i + 2 < len && ((unsigned char)s[i + 1] == 0x80 ||
						 (unsigned char)s[i + 1] == 0x81)) {
			/* general punctuation (’ “ — …) separates words */
			end_word(w, &wl, out, &n);
			i += 2;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (word_byte(c) && wl < sizeof(w) - 1)
			w[wl++] = (char)c;
		else if (!word_byte(c))
			end_word(w, &wl, out, &n);
	}
	end_word(w, &wl, out, &n);
	qsort(out, n, sizeof(*out), cmp_u64);
	for (k = u = 0; k < n; k++) {
		if (u == 0 || out[u - 1] != out[k])
			out[u++] = out[k];
	}
	return u;
}

/* The directory's words: df and weight of each distinct one. */
struct corpus {
	uint64_t *tok; /* distinct tokens, sorted */
	double *weight;
	uint32_t *df;
	size_t n;
};

static size_t find_tok(const struct corpus *c, uint64_t t)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->tok[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Weighted Jaccard of two sorted token lists, wa and wb their words'
 * weights (NULL: every word weighs 1). */
static double similarity(const uint64_t *a, const double *wa, size_t na,
			 const uint64_t *b, const double *wb, size_t nb)
{
	double both = 0, either = 0, w;
	size_t i = 0, j = 0;

	while (i < na || j < nb) {
		if (j == nb || (i < na && a[i] < b[j])) {
			either += wa != NULL ? wa[i] : 1.0;
			i++;
		} else if (i == na || b[j] < a[i]) {
			either += wb != NULL ? wb[j] : 1.0;
			j++;
		} else {
			w = wa != NULL ? wa[i] : 1.0;
			both += w;
			either += w;
			i++, j++;
		}
	}
	return either > 0 ? both / either : 0;
}

double nd_story_headline_similarity(const char *a, size_t alen,
				    const char *b, size_t blen)
{
	uint64_t ta[MAX_TOKENS], tb[MAX_TOKENS];
	size_t na = tokens(a, alen, ta), nb = tokens(b, blen, tb);

	return similarity(ta, NULL, na, tb, NULL, nb);
}

void nd_story_opts_default(struct nd_story_opts *o)
{
	o->threshold = ND_STORY_THRESHOLD;
	o->window = ND_STORY_WINDOW;
}

void nd_stories_free(struct nd_stories *s)
{
	if (s == NULL)
		return;
	free(s->of);
	free(s->items);
	free(s->members);
	free(s);
}

const struct nd_story *nd_stories_find(const struct nd_stories *s,
				       const char *id)
{
	size_t i;

	for (i = 0; s != NULL && i < s->count; i++) {
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	}
	return NULL;
}

/* Every article's tokens, flat: toks[at[i] .. at[i + 1]), and each
 * one's weight in w (looked up once, not at every comparison). */
struct titles {
	uint64_t *toks;
	double *w;
	size_t *at;
	size_t n;
};

static void read_titles(const struct nd_index *idx, struct titles *t)
{
	uint64_t buf[MAX_TOKENS];
	size_t i, k, used = 0, cap = 0;

	t->n = idx->count;
	t->at = nd_xcalloc(t->n + 1, sizeof(*t->at));
	t->toks = NULL;
	nd_grow(&t->toks, &cap, 1, sizeof(*t->toks)); /* never NULL */
	for (i = 0; i < t->n; i++) {
		const struct nd_summary *s = &idx->items[i];
		size_t m = s->removed || s->title == NULL
				   ? 0 : tokens(s->title, s->title_len, buf);

		nd_grow(&t->toks, &cap, used + m + 1, sizeof(*t->toks));
		for (k = 0; k < m; k++)
			t->toks[used++] = buf[k];
		t->at[i + 1] = used;
	}
}

/* df and weight of each distinct token: one sort, near-linear. */
static void count_words(const struct titles *t, struct corpus *c)
{
	size_t total = t->at[t->n], i, j;
	uint64_t *all = nd_xmalloc((total + 1) * sizeof(*all));

	memcpy(all, t->toks, total * sizeof(*all));
	qsort(all, total, sizeof(*all), cmp_u64);
	c->tok = all;
	c->df = nd_xcalloc(total + 1, sizeof(*c->df));
	c->weight = nd_xcalloc(total + 1, sizeof(*c->weight));
	for (i = j = 0; i < total; i++) {
		if (j > 0 && all[j - 1] == all[i]) {
			c->df[j - 1]++;
			continue;
		}
		all[j] = all[i];
		c->df[j++] = 1;
	}
	c->n = j;
	for (i = 0; i < j; i++)
		c->weight[i] = log((double)(t->n + 1) / c->df[i]);
}

static void weigh(struct titles *t, const struct corpus *c)
{
	size_t k, total = t->at[t->n];

	t->w = nd_xmalloc((total + 1) * sizeof(*t->w));
	for (k = 0; k < total; k++)
		t->w[k] = c->weight[find_tok(c, t->toks[k])];
}

struct posting {
	uint64_t tok;
	int64_t date;
	uint32_t id;
};

static int cmp_posting(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	if (x->tok != y->tok)
		return x->tok < y->tok ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Each dated title's rarest words (df >= 2: a word nobody else has
 * cannot pair) become its buckets. */
static struct posting *keys(const struct nd_index *idx,
			    const struct titles *t, const struct corpus *c,
			    size_t *np)
{
	struct posting *p = NULL;
	size_t cap = 0, i, k, m, n = 0;

	nd_grow(&p, &cap, 1, sizeof(*p)); /* never NULL, even when empty */

	for (i = 0; i < t->n; i++) {
		size_t best[KEYS_PER_TITLE] = { 0 }, nb = 0, x;

		if (idx->items[i].date == ND_TIME_NONE)
			continue;
		for (k = t->at[i]; k < t->at[i + 1]; k++) {
			size_t at = find_tok(c, t->toks[k]);

			if (c->df[at] < 2)
				continue;
			/* keep the KEYS_PER_TITLE lowest df, in df order:
			 * add (or replace the commonest), then bubble it
			 * into place */
			if (nb < KEYS_PER_TITLE)
				best[nb++] = at;
			else if (c->df[at] < c->df[best[nb - 1]])
				best[nb - 1] = at;
			else
				continue;
			for (m = nb - 1; m > 0 && c->df[best[m - 1]] >
						  c->df[best[m]]; m--) {
				x = best[m - 1];
				best[m - 1] = best[m];
				best[m] = x;
			}
		}
		nd_grow(&p, &cap, n + nb + 1, sizeof(*p));
		for (k = 0; k < nb; k++) {
			p[n].tok = c->tok[best[k]];
			p[n].date = idx->items[i].date;
			p[n++].id = (uint32_t)i;
		}
	}
	qsort(p, n, sizeof(*p), cmp_posting);
	*np = n;
	return p;
}

static uint32_t find_set(uint32_t *up, uint32_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]]; /* path halving */
		i = up[i];
	}
	return i;
}

static void join(uint32_t *up, uint32_t a, uint32_t b)
{
	a = find_set(up, a);
	b = find_set(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b; /* the lower id leads */
}

struct build {
	const struct nd_index *idx;
	const struct nd_story_opts *o;
	struct titles t;
	struct corpus c;
	uint32_t *up;
};

static double pair_similarity(const struct build *b, uint32_t x, uint32_t y)
{
	const struct titles *t = &b->t;

	return similarity(t->toks + t->at[x], t->w + t->at[x],
			  t->at[x + 1] - t->at[x], t->toks + t->at[y],
			  t->w + t->at[y], t->at[y + 1] - t->at[y]);
}

/* One bucket, in date order: each title against the later ones within
 * the window. */
static void sweep(struct build *b, const struct posting *p, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n && j - i <= MAX_SWEEP &&
				p[j].date - p[i].date <= b->o->window;
		     j++) {
			if (find_set(b->up, p[i].id) == find_set(b->up, p[j].id))
				continue;
			if (pair_similarity(b, p[i].id, p[j].id) >=
			    b->o->threshold)
				join(b->up, p[i].id, p[j].id);
		}
	}
}

static void link_pairs(struct build *b, const struct nd_story_link *links,
		       size_t nlinks)
{
	const struct nd_summary *items = b->idx->items;
	size_t i;

	for (i = 0; i < nlinks; i++) {
		uint32_t x = links[i].from, y = links[i].to;
		int64_t dx, dy;

		if (x >= b->t.n || y >= b->t.n || x == y)
			continue;
		dx = items[x].date;
		dy = items[y].date;
		if (dx == ND_TIME_NONE || dy == ND_TIME_NONE ||
		    (dx > dy ? dx - dy : dy - dx) > b->o->window)
			continue;
		if (pair_similarity(b, x, y) >= b->o->threshold / 2)
			join(b->up, x, y);
	}
}

/* Published first, then the best quality, then the oldest. */
static int better(const struct nd_summary *x, const struct nd_summary *y)
{
	if ((x->published == 1) != (y->published == 1))
		return x->published == 1;
	if (x->quality != y->quality)
		return x->quality > y->quality;
	return x->date < y->date;
}

static void story_id(const struct nd_index *idx, uint32_t first,
		     char id[9])
{
	const struct nd_summary *s = &idx->items[first];
	const char *rel = s->path + s->rel_at;

	snprintf(id, 9, "%08x", (unsigned)(nd_hash64(rel, strlen(rel)) &
					   0xffffffffu));
}

/* The groups of two or more, each story's members in path (id) order. */
static void collect(const struct build *b, struct nd_stories *s)
{
	size_t n = b->t.n, i, *size = nd_xcalloc(n, sizeof(*size));
	uint32_t *slot = nd_xcalloc(n, sizeof(*slot)), r;

	for (i = 0; i < n; i++)
		size[find_set(b->up, (uint32_t)i)]++;
	s->of = nd_xcalloc(n, sizeof(*s->of));
	s->nof = n;
	s->items = nd_xcalloc(n / 2 + 1, sizeof(*s->items));
	s->members = nd_xcalloc(n + 1, sizeof(*s->members));
	for (i = 0; i < n; i++) {
		struct nd_story *st;

		r = find_set(b->up, (uint32_t)i);
		if (size[r] < 2)
			continue;
		if (r == i) { /* the lowest id: a new story */
			st = &s->items[s->count];
			st->first = (uint32_t)s->nmembers;
			s->nmembers += size[r];
			st->best = r;
			story_id(b->idx, r, st->id);
			slot[r] = (uint32_t)++s->count;
		}
		st = &s->items[slot[r] - 1];
		s->members[st->first + st->count++] = (uint32_t)i;
		s->of[i] = slot[r];
		if (better(&b->idx->items[i], &b->idx->items[st->best]))
			st->best = (uint32_t)i;
	}
	free(size);
	free(slot);
}

struct nd_stories *nd_stories_build(const struct nd_index *idx,
				    const struct nd_story_opts *o,
				    const struct nd_story_link *links,
				    size_t nlinks)
{
	struct nd_story_opts dflt;
	struct nd_stories *s;
	struct posting *p;
	struct build b;
	size_t np, i, j;

	if (idx->count == 0)
		return NULL;
	if (o == NULL) {
		nd_story_opts_default(&dflt);
		o = &dflt;
	}
	memset(&b, 0, sizeof(b));
	b.idx = idx;
	b.o = o;
	read_titles(idx, &b.t);
	count_words(&b.t, &b.c);
	weigh(&b.t, &b.c);
	b.up = nd_xmalloc(idx->count * sizeof(*b.up));
	for (i = 0; i < idx->count; i++)
		b.up[i] = (uint32_t)i;
	p = keys(idx, &b.t, &b.c, &np);
	for (i = 0; i < np; i = j) {
		for (j = i + 1; j < np && p[j].tok == p[i].tok; j++)
			;
		sweep(&b, p + i, j - i);
	}
	link_pairs(&b, links, nlinks);
	s = nd_xcalloc(1, sizeof(*s));
	collect(&b, s);
	free(p);
	free(b.up);
	free(b.t.toks);
	free(b.t.w);
	free(b.t.at);
	free(b.c.tok);
	free(b.c.df);
	free(b.c.weight);
	return s;
}

size_t nd_story_links_load(const struct nd_index *idx,
			   struct nd_story_link **links)
{
	size_t i, k, n = 0, cap = 0;

	*links = NULL;
	for (i = 0; i < idx->count; i++) {
		struct nd_article *a = NULL;
		struct nd_diag d;

		if (idx->items[i].removed || idx->items[i].nrelated == 0)
			continue;
		nd_diag_init(&d);
		if (nd_article_load(idx->items[i].path, &a, &d) == 0) {
			for (k = 0; k < a->nrelated; k++) {
				const struct nd_text *u = &a->related[k].web_url;
				long to = u->s == NULL ? -1 :
					nd_index_find_url(idx, u->s, u->len);

				if (to < 0 || (size_t)to == i)
					continue;
				nd_grow(links, &cap, n + 1, sizeof(**links));
				(*links)[n].from = (uint32_t)i;
				(*links)[n++].to = (uint32_t)to;
			}
		}
		nd_article_free(a);
		nd_diag_release(&d);
	}
	return n;
}
