/* The stats page: lines, horizontal bar sections and the page's order. */
#include "newsdesk/present/chart.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include "chart_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nd_chart_init(struct nd_chart *c)
{
	memset(c, 0, sizeof(*c));
}

void nd_chart_release(struct nd_chart *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		free(c->lines[i].text);
	for (i = 0; i < c->ntargets; i++) {
		free(c->targets[i].query);
		free(c->targets[i].label);
	}
	free(c->lines);
	free(c->targets);
	nd_chart_init(c);
}

void cl_init(struct chart_line *l)
{
	memset(l, 0, sizeof(*l));
	nd_buf_init(&l->b, 0);
}

void cl_add(struct chart_line *l, enum nd_chart_role role, const char *s,
	    size_t len)
{
	struct nd_chart_span *sp;

	if (l->nspans == ND_CHART_SPANS) {
		l->spans[l->nspans - 1].len += len;
	} else {
		sp = &l->spans[l->nspans++];
		sp->start = l->b.len;
		sp->len = len;
		sp->role = role;
	}
	nd_buf_add(&l->b, s, len);
}

size_t chart_push(struct nd_chart *c, struct chart_line *l, long target)
{
	struct nd_chart_line *out;
	size_t i, k = 0;

	while (l->b.len > 0 && l->b.data[l->b.len - 1] == ' ')
		l->b.len--;
	nd_grow(&c->lines, &c->cap, c->count + 1, sizeof(*c->lines));
	out = &c->lines[c->count];
	memset(out, 0, sizeof(*out));
	for (i = 0; i < l->nspans; i++) {
		struct nd_chart_span sp = l->spans[i];

		if (sp.start >= l->b.len || sp.len == 0)
			continue;
		if (sp.start + sp.len > l->b.len)
			sp.len = l->b.len - sp.start;
		out->spans[k++] = sp;
	}
	out->nspans = k;
	out->target = target;
	l->b.data[l->b.len] = '\0';
	out->text = nd_buf_detach(&l->b, NULL);
	return c->count++;
}

long chart_target(struct nd_chart *c, const char *query, const char *label,
		  size_t count)
{
	struct nd_chart_target *t;

	nd_grow(&c->targets, &c->targets_cap, c->ntargets + 1,
		sizeof(*c->targets));
	t = &c->targets[c->ntargets];
	memset(t, 0, sizeof(*t));
	t->query = nd_xstrdup(query);
	t->label = nd_xstrdup(label);
	t->count = count;
	return (long)c->ntargets++;
}

size_t chart_digits(size_t n)
{
	size_t d = 1;

	while (n >= 10)
		n /= 10, d++;
	return d;
}

size_t chart_units(size_t count, size_t max, size_t cells, int ascii)
{
	size_t u, least = ascii ? 4 : 1;

	if (count == 0 || max == 0)
		return 0;
	u = (size_t)(((double)count * (double)cells * 8.0) / (double)max + 0.5);
	return u < least ? least : u;
}

void chart_hbar(struct nd_buf *out, size_t units, int ascii)
{
	static const char *const part[8] = {
		"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A",
		"\u2589",
	};
	size_t i;

	for (i = 0; i < units / 8; i++)
		nd_buf_adds(out, ascii ? "#" : "\u2588");
	if (ascii && units % 8 >= 4)
		nd_buf_addc(out, '=');
	else if (!ascii)
		nd_buf_adds(out, part[units % 8]);
}

void chart_vcell(struct nd_buf *out, size_t level, int ascii)
{
	static const char *const part[9] = {
		" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585",
		"\u2586", "\u2587", "\u2588",
	};

	if (level > 8)
		level = 8;
	if (ascii)
		nd_buf_addc(out, level == 8 ? '#' : level >= 4 ? '=' : ' ');
	else
		nd_buf_adds(out, part[level]);
}

/* One horizontal bar: what it counts, how many, the bar. */
struct bar_row {
	const char *label;
	size_t len, count;
	char *query; /* malloc'd; NULL: no drill-down */
};

struct section {
	struct bar_row *rows;
	size_t n, cap;
	size_t label_w, max; /* widest label (columns), largest count */
};

static void sanitised(struct nd_buf *out, const char *s, size_t len,
		      int ascii)
{
	nd_sanitize(out, s, len, ND_SAN_LINE | (ascii ? ND_SAN_ASCII : 0));
}

/* The label cut (with an ellipsis) or padded to width columns. */
static void put_label(struct chart_line *l, const struct bar_row *r,
		      size_t width, int ascii)
{
	struct nd_buf safe = ND_BUF_INIT;
	size_t w, used, fit;

	sanitised(&safe, r->label, r->len, ascii);
	w = nd_text_width(safe.data, safe.len);
	if (w > width) {
		fit = nd_text_fit(safe.data, safe.len, width - 1, &used);
		safe.len = fit;
		nd_buf_adds(&safe, ascii ? "~" : "\u2026");
		w = used + 1;
	}
	nd_buf_pad(&safe, ' ', width - w);
	cl_add(l, ND_CHART_LABEL, safe.data, safe.len);
	nd_buf_release(&safe);
}

static void add_row(struct section *s, const char *label, size_t len,
		    size_t count, char *query, int ascii)
{
	struct nd_buf safe = ND_BUF_INIT;
	size_t w;

	nd_grow(&s->rows, &s->cap, s->n + 1, sizeof(*s->rows));
	s->rows[s->n++] = (struct bar_row){ label, len, count, query };
	sanitised(&safe, label, len, ascii);
	w = nd_text_width(safe.data, safe.len);
	nd_buf_release(&safe);
	if (w > s->label_w)
		s->label_w = w;
	if (count > s->max)
		s->max = count;
}

static void section_release(struct section *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->rows[i].query);
	free(s->rows);
}

static void title_line(struct nd_chart *c, const char *text)
{
	struct chart_line l;

	cl_init(&l);
	cl_add(&l, ND_CHART_TITLE, text, strlen(text));
	chart_push(c, &l, -1);
}

static void bar_line(struct nd_chart *c, const struct section *s, size_t i,
		     size_t lw, const struct nd_chart_opts *o)
{
	const struct bar_row *r = &s->rows[i];
	size_t cw = chart_digits(s->max), used = lw + cw + 2;
	size_t cells = o->width > used ? o->width - used : 1;
	size_t units = chart_units(r->count, s->max, cells, o->ascii);
	struct nd_buf tmp = ND_BUF_INIT, lab = ND_BUF_INIT;
	struct chart_line l;
	long t = -1;

	cl_init(&l);
	put_label(&l, r, lw, o->ascii);
	nd_buf_addf(&tmp, " %*zu ", (int)cw, r->count);
	cl_add(&l, ND_CHART_VALUE, tmp.data, tmp.len);
	nd_buf_reset(&tmp);
	chart_hbar(&tmp, units, o->ascii);
	cl_add(&l, ND_CHART_BAR, tmp.data, tmp.len);
	if (r->query != NULL && r->count > 0) {
		sanitised(&lab, r->label, r->len, o->ascii);
		t = chart_target(c, r->query, lab.data, r->count);
		c->targets[t].line = c->count;
		c->targets[t].lines = 1;
		c->targets[t].col = used;
		c->targets[t].cols = (units + 7) / 8;
	}
	chart_push(c, &l, t);
	nd_buf_release(&tmp);
	nd_buf_release(&lab);
}

static size_t rows_max(const struct nd_chart_opts *o)
{
	if (o->height == 0)
		return (size_t)-1;
	return o->height > 6 ? o->height - 3 : 3;
}

static void more_line(struct nd_chart *c, const struct section *s,
		      size_t from, int ascii)
{
	struct chart_line l;
	struct nd_buf b = ND_BUF_INIT;

	nd_buf_addf(&b, "%s %zu more", ascii ? "..." : "\u2026", s->n - from);
	cl_init(&l);
	cl_add(&l, ND_CHART_AXIS, b.data, b.len);
	chart_push(c, &l, -1);
	nd_buf_release(&b);
}

/* A titled section of horizontal bars; takes the rows' queries. */
static void bars(struct nd_chart *c, const char *title, struct section *s,
		 const struct nd_chart_opts *o)
{
	size_t lw = s->label_w, i, shown;
	size_t lmax = o->width * 2 / 5;

	title_line(c, title);
	if (lw > lmax)
		lw = lmax;
	if (lw < 1)
		lw = 1;
	shown = s->n;
	if (shown > rows_max(o))
		shown = rows_max(o) - 1;
	for (i = 0; i < shown; i++)
		bar_line(c, s, i, lw, o);
	if (shown < s->n)
		more_line(c, s, shown, o->ascii);
	section_release(s);
}

static void blank(struct nd_chart *c)
{
	struct chart_line l;

	cl_init(&l);
	chart_push(c, &l, -1);
}

/* field:"value", quoted for the query language; NULL when value holds a
 * NUL (a query cannot say it). */
static char *quoted(const char *field, const char *s, size_t len)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	if (memchr(s, '\0', len) != NULL)
		return NULL;
	nd_buf_addf(&b, "%s:\"", field);
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			nd_buf_addc(&b, '\\');
		nd_buf_addc(&b, s[i]);
	}
	nd_buf_addc(&b, '"');
	return nd_buf_detach(&b, NULL);
}

struct named_count {
	const char *s;
	size_t len, count;
};

/* Most first, then by name without case: stable whatever the load. */
static int by_count_name(const void *a, const void *b)
{
	const struct named_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return nd_fold_compare(x->s, x->len, y->s, y->len);
}

static void by_section(struct nd_chart *c, const struct nd_tally *t,
		       const struct nd_index *idx, enum nd_tally_by k,
		       const struct nd_chart_opts *o)
{
	static const char *const names[] = { "Providers", "Topics",
					     "Categories" };
	static const char *const fields[] = { "provider", "topic",
					      "category" };
	struct section s = { 0 };
	struct named_count *v = nd_xmalloc(t->nstrs * sizeof(*v));
	size_t i, n = 0;
	char title[64];

	for (i = 1; i < t->nstrs; i++) {
		if (t->by[k][i] == 0)
			continue;
		v[n].s = nd_index_str(idx, (uint32_t)i, &v[n].len);
		v[n++].count = t->by[k][i];
	}
	qsort(v, n, sizeof(*v), by_count_name);
	for (i = 0; i < n; i++)
		add_row(&s, v[i].s, v[i].len, v[i].count,
			quoted(fields[k], v[i].s, v[i].len), o->ascii);
	if (t->none[k] != 0)
		add_row(&s, "(none)", 6, t->none[k], NULL, o->ascii);
	snprintf(title, sizeof(title), "%s (%zu)", names[k], n);
	bars(c, title, &s, o);
	free(v);
}

static void bucket_section(struct nd_chart *c, const char *title,
			   const char *field, const size_t *b, size_t unknown,
			   const struct nd_chart_opts *o)
{
	struct section s = { 0 };
	char q[64];
	const char *label;
	int i;

	for (i = 0; i < ND_TALLY_BUCKETS; i++) {
		if (b[i] == 0)
			continue;
		nd_tally_bucket_query(i, field, q, sizeof(q));
		label = nd_tally_bucket_label(i);
		add_row(&s, label, strlen(label), b[i], nd_xstrdup(q),
			o->ascii);
	}
	if (unknown != 0)
		add_row(&s, "unknown", 7, unknown, NULL, o->ascii);
	bars(c, title, &s, o);
}

static void pair_section(struct nd_chart *c, const char *title,
			 const char *const names[2], const size_t n[2],
			 const char *const queries[2],
			 const struct nd_chart_opts *o)
{
	struct section s = { 0 };
	int i;

	for (i = 0; i < 2; i++)
		add_row(&s, names[i], strlen(names[i]), n[i],
			nd_xstrdup(queries[i]), o->ascii);
	bars(c, title, &s, o);
}

static void state_sections(struct nd_chart *c, const struct nd_tally *t,
			   const struct nd_chart_opts *o)
{
	static const char *const pub[2] = { "published", "unpublished" };
	static const char *const pubq[2] = { "published:yes", "published:no" };
	static const char *const rd[2] = { "unread", "read" };
	static const char *const rdq[2] = { "read:no", "read:yes" };
	size_t pn[2], rn[2];

	pn[0] = t->published, pn[1] = t->unpublished;
	rn[0] = t->unread, rn[1] = t->read;
	pair_section(c, "Published", pub, pn, pubq, o);
	blank(c);
	pair_section(c, "Read", rd, rn, rdq, o);
}

void nd_chart_page(struct nd_chart *c, const struct nd_tally *t,
		   const struct nd_index *idx, const struct nd_chart_opts *o)
{
	struct nd_chart_opts w = *o;
	char head[128];
	enum nd_tally_by k;

	w.width = w.width < 20 ? 20 : w.width > 400 ? 400 : w.width;
	snprintf(head, sizeof(head), "%zu article%s, %zu unpublished, %zu "
		 "unread", t->total, t->total == 1 ? "" : "s", t->unpublished,
		 t->unread);
	title_line(c, head);
	blank(c);
	nd_chart_time(c, t, &w, 0);
	blank(c);
	state_sections(c, t, &w);
	for (k = ND_BY_PROVIDER; k < ND_BY_COUNT; k++) {
		blank(c);
		by_section(c, t, idx, k, &w);
	}
	blank(c);
	bucket_section(c, "Quality", "quality", t->quality, t->quality_unknown,
		       &w);
	blank(c);
	bucket_section(c, "Heat", "heat", t->heat, t->heat_unknown, &w);
}
