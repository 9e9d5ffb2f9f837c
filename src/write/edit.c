#include "newsdesk/write/edit.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/str.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/model/article.h"
#include "newsdesk/model/frontmatter.h"
#include "newsdesk/model/yamltree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A parsed file and the geometry an edit needs. */
struct doc {
	const char *data;
	size_t len;
	struct nd_fm_split split;
	struct nd_node *root;
};

static int fail(struct nd_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct nd_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nd_err_vat(err, 0, 0, fmt, ap);
	va_end(ap);
	if (err != NULL)
		err->code = ND_EDIT_FAILED;
	return -1;
}

/* The change is already there (or already gone): not a failure. */
static int nothing_to_do(struct nd_err *err, const char *what,
			 const char *t, size_t tl)
{
	fail(err, "%s topic '%.*s'", what, (int)tl, t);
	if (err != NULL)
		err->code = ND_EDIT_NOTHING_TO_DO;
	return -1;
}

static int open_doc(struct doc *d, const char *data, size_t len,
		    struct nd_err *err)
{
	static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;
	struct nd_err ye;

	d->data = data;
	d->len = len;
	d->root = NULL;
	if (nd_fm_parse(data, len, &lim, &d->split, &d->root, &ye) != 0)
		return fail(err, "cannot parse (line %u): %s", ye.line,
			    ye.message);
	if (d->root != NULL && d->root->kind != ND_NODE_MAP) {
		nd_node_free(d->root);
		return fail(err, "front matter is not a mapping");
	}
	return 0;
}

/* libyaml's index counts characters (and CRLF as two); we need bytes. */
static size_t byte_of(const struct doc *d, size_t char_index)
{
	const char *y = d->data + d->split.yaml_start;
	size_t ylen = d->split.yaml_len, i = 0, n;
	uint32_t cp;

	while (char_index > 0 && i < ylen) {
		n = nd_utf8_decode(y + i, ylen - i, &cp);
		i += n ? n : 1;
		char_index--;
	}
	return d->split.yaml_start + i;
}

static const char *eol(const struct doc *d)
{
	return d->split.crlf ? "\r\n" : "\n";
}

static int splice(const struct doc *d, size_t from, size_t to,
		  const char *text, size_t tlen, struct nd_buf *out)
{
	nd_buf_reset(out);
	if (nd_buf_add(out, d->data, from) != 0 ||
	    nd_buf_add(out, text, tlen) != 0 ||
	    nd_buf_add(out, d->data + to, d->len - to) != 0)
		return -1;
	return 0;
}

/* Inserts a line before the closing '---'. */
static int add_line(const struct doc *d, const char *line, struct nd_buf *out)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t at = d->split.yaml_start + d->split.yaml_len;
	int r;

	nd_buf_adds(&b, line);
	nd_buf_adds(&b, eol(d));
	r = splice(d, at, at, b.data, b.len, out);
	nd_buf_release(&b);
	return r;
}

static int plain_safe(const char *s, size_t len)
{
	static const char *const words[] = { "true", "false", "yes", "no",
					     "on", "off", "null", "y", "n" };
	size_t i;

	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i]) == len && strncasecmp(words[i], s, len) == 0)
			return 0;
	}
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
		      c == '_' || c == '-' || c == '\''))
			return 0;
	}
	return 1;
}

/* A YAML scalar for s: plain when that is safe, else double-quoted. */
static void quote(struct nd_buf *out, const char *s, size_t len)
{
	size_t i;

	if (plain_safe(s, len)) {
		nd_buf_add(out, s, len);
		return;
	}
	nd_buf_addc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			nd_buf_addf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7F)
			nd_buf_addf(out, "\\x%02x", c);
		else
			nd_buf_addc(out, (char)c);
	}
	nd_buf_addc(out, '"');
}

static const struct nd_node *top_value(const struct doc *d, const char *key)
{
	return d->root != NULL ? nd_map_get(d->root, key) : NULL;
}

char *nd_edit_get(const char *data, size_t len, const char *key)
{
	struct nd_err err;
	const struct nd_node *v;
	struct doc d;
	char *s = NULL;
	size_t a, b;

	if (open_doc(&d, data, len, &err) != 0)
		return NULL;
	v = top_value(&d, key);
	if (v != NULL && v->kind == ND_NODE_SCALAR) {
		a = byte_of(&d, v->start);
		b = byte_of(&d, v->end);
		s = nd_xmalloc(b - a + 1);
		if (s != NULL) {
			memcpy(s, data + a, b - a);
			s[b - a] = '\0';
		}
	}
	nd_node_free(d.root);
	return s;
}

/* The new file must parse, and key must read as value. */
static int verify_scalar(const struct nd_buf *out, const char *key,
			 const char *value, struct nd_err *err)
{
	char *now = nd_edit_get(out->data, out->len, key);
	int ok = now != NULL && strcmp(now, value) == 0;

	free(now);
	return ok ? 0 : fail(err, "the edit did not read back as %s: %s; "
				  "file left alone", key, value);
}

int nd_edit_set(const char *data, size_t len, const char *key,
		const char *value, struct nd_buf *out, struct nd_err *err)
{
	const struct nd_node *v;
	struct nd_buf line = ND_BUF_INIT;
	struct doc d;
	size_t a, b;
	int r;

	if (open_doc(&d, data, len, err) != 0)
		return -1;
	v = top_value(&d, key);
	if (v != NULL && v->kind != ND_NODE_SCALAR) {
		const char *what = nd_node_kind_name(v);

		nd_node_free(d.root);
		return fail(err, "field '%s' is %s, not a value; not changed",
			    key, what);
	}
	if (v == NULL) {
		nd_buf_addf(&line, "%s: %s", key, value);
		r = add_line(&d, line.data, out);
	} else {
		a = byte_of(&d, v->start);
		b = byte_of(&d, v->end);
		/* "published:" with no value: keep a space after the colon. */
		if (a == b && a > 0 && data[a - 1] == ':')
			nd_buf_addc(&line, ' ');
		nd_buf_adds(&line, value);
		r = splice(&d, a, b, line.data, line.len, out);
	}
	nd_buf_release(&line);
	nd_node_free(d.root);
	if (r != 0)
		return fail(err, "out of memory");
	return verify_scalar(out, key, value, err);
}

static int is_topic(const struct nd_node *n, const char *t, size_t tl)
{
	return n->kind == ND_NODE_SCALAR && nd_fold_equal(n->str, n->len, t, tl);
}

static long find_topic(const struct nd_node *seq, const char *t, size_t tl)
{
	size_t i;

	for (i = 0; i < seq->count; i++) {
		if (is_topic(seq->items[i], t, tl))
			return (long)i;
	}
	return -1;
}

/* The length of the line break that ends just before at, or 0. libyaml
 * (YAML 1.1) breaks lines at LF, CR, CRLF, NEL (U+0085), LS (U+2028) and
 * PS (U+2029): a cut at LF alone would take the next field with it. */
static size_t break_before(const struct doc *d, size_t at)
{
	const unsigned char *p = (const unsigned char *)d->data;
	size_t from = d->split.yaml_start;

	if (at > from && (p[at - 1] == '\n' || p[at - 1] == '\r'))
		return 1;
	if (at >= from + 2 && p[at - 2] == 0xC2 && p[at - 1] == 0x85)
		return 2;
	if (at >= from + 3 && p[at - 3] == 0xE2 && p[at - 2] == 0x80 &&
	    (p[at - 1] == 0xA8 || p[at - 1] == 0xA9))
		return 3;
	return 0;
}

/* The length of the line break that starts at at, or 0. */
static size_t break_at(const struct doc *d, size_t at, size_t end)
{
	const unsigned char *p = (const unsigned char *)d->data;

	if (p[at] == '\r')
		return at + 1 < end && p[at + 1] == '\n' ? 2 : 1;
	if (p[at] == '\n')
		return 1;
	if (at + 1 < end && p[at] == 0xC2 && p[at + 1] == 0x85)
		return 2;
	if (at + 2 < end && p[at] == 0xE2 && p[at + 1] == 0x80 &&
	    (p[at + 2] == 0xA8 || p[at + 2] == 0xA9))
		return 3;
	return 0;
}

static size_t line_start(const struct doc *d, size_t at)
{
	while (at > d->split.yaml_start && break_before(d, at) == 0)
		at--;
	return at;
}

static size_t next_line(const struct doc *d, size_t at)
{
	size_t end = d->split.yaml_start + d->split.yaml_len, n;

	for (; at < end; at++) {
		n = break_at(d, at, end);
		if (n != 0)
			return at + n;
	}
	return end;
}

static int add_to_seq(const struct doc *d, const struct nd_node *v,
		      const struct nd_buf *q, struct nd_buf *out)
{
	struct nd_buf ins = ND_BUF_INIT;
	size_t at;
	int r;

	if (d->data[byte_of(d, v->start)] == '[') {
		at = byte_of(d, v->end) - 1; /* the ']' */
		if (v->count > 0)
			nd_buf_adds(&ins, ", ");
		nd_buf_add(&ins, q->data, q->len);
	} else {
		at = next_line(d, byte_of(d, v->items[v->count - 1]->end));
		nd_buf_pad(&ins, ' ', v->col - 1);
		nd_buf_adds(&ins, "- ");
		nd_buf_add(&ins, q->data, q->len);
		nd_buf_adds(&ins, eol(d));
	}
	r = splice(d, at, at, ins.data, ins.len, out);
	nd_buf_release(&ins);
	return r;
}

static int add_topic(const struct doc *d, const struct nd_node *v,
		     const char *t, size_t tl, struct nd_buf *out,
		     struct nd_err *err)
{
	struct nd_buf q = ND_BUF_INIT, b = ND_BUF_INIT;
	size_t a, z;
	int r;

	quote(&q, t, tl);
	if (v == NULL) {
		nd_buf_addf(&b, "topics:%s  - %s", eol(d), q.data);
		r = add_line(d, b.data, out);
	} else if (v->kind == ND_NODE_SEQ) {
		r = find_topic(v, t, tl) >= 0
			    ? nothing_to_do(err, "already has", t, tl)
			    : add_to_seq(d, v, &q, out);
	} else if (v->kind == ND_NODE_SCALAR && is_topic(v, t, tl)) {
		r = nothing_to_do(err, "already has", t, tl);
	} else if (v->kind == ND_NODE_SCALAR) {
		/* "topics: AI" or "topics:" becomes a flow list. */
		a = byte_of(d, v->start);
		z = byte_of(d, v->end);
		if (a == z && a > 0 && d->data[a - 1] == ':')
			nd_buf_addc(&b, ' ');
		nd_buf_addc(&b, '[');
		/* The old value goes into a flow list, where ',' '[' '{'
		 * mean something: its bytes are kept only when they are a
		 * plain scalar safe there ("topics: AI, Space" is one topic,
		 * not two), else its value is written again, quoted. */
		if (plain_safe(d->data + a, z - a)) {
			nd_buf_add(&b, d->data + a, z - a);
			nd_buf_adds(&b, ", ");
		} else if (!nd_node_is_null(v)) {
			quote(&b, v->str, v->len);
			nd_buf_adds(&b, ", ");
		}
		nd_buf_add(&b, q.data, q.len);
		nd_buf_addc(&b, ']');
		r = splice(d, a, z, b.data, b.len, out);
	} else {
		r = fail(err, "field 'topics' is a mapping; not changed");
	}
	nd_buf_release(&q);
	nd_buf_release(&b);
	return r;
}

static int remove_from_seq(const struct doc *d, const struct nd_node *v,
			   size_t i, struct nd_buf *out)
{
	const struct nd_node *it = v->items[i];

	if (d->data[byte_of(d, v->start)] == '[') {
		if (v->count == 1)
			return splice(d, byte_of(d, it->start),
				      byte_of(d, it->end), "", 0, out);
		if (i + 1 < v->count)
			return splice(d, byte_of(d, it->start),
				      byte_of(d, v->items[i + 1]->start), "", 0,
				      out);
		return splice(d, byte_of(d, v->items[i - 1]->end),
			      byte_of(d, it->end), "", 0, out);
	}
	if (v->count == 1) /* an empty block list: write [] */
		return splice(d, byte_of(d, v->start), byte_of(d, it->end),
			      ND_LIT("[]"), out);
	return splice(d, line_start(d, byte_of(d, it->start)),
		      next_line(d, byte_of(d, it->end)), "", 0, out);
}

static int remove_topic(const struct doc *d, const struct nd_node *v,
			const char *t, size_t tl, struct nd_buf *out,
			struct nd_err *err)
{
	long i;

	if (v != NULL && v->kind == ND_NODE_SCALAR && is_topic(v, t, tl))
		return splice(d, byte_of(d, v->start), byte_of(d, v->end),
			      ND_LIT("[]"), out);
	if (v == NULL || v->kind != ND_NODE_SEQ ||
	    (i = find_topic(v, t, tl)) < 0)
		return nothing_to_do(err, "has no", t, tl);
	return remove_from_seq(d, v, (size_t)i, out);
}

static int verify_topic(const struct nd_buf *out, const char *t, size_t tl,
			int want, struct nd_err *err)
{
	struct nd_article *a;
	struct nd_diag dg;
	char *copy = nd_xmalloc(out->len + 1);
	size_t i;
	int has = 0, r;

	memcpy(copy, out->data, out->len + 1);
	nd_diag_init(&dg);
	r = nd_article_parse("edit", copy, out->len, &a, &dg);
	nd_diag_release(&dg);
	if (r != 0)
		return fail(err, "the edit would break the file; left alone");
	for (i = 0; i < a->ntopics; i++)
		has |= nd_fold_equal(a->topics[i].s, a->topics[i].len, t, tl);
	nd_article_free(a);
	if (has != want)
		return fail(err, "the edit did not read back; file left alone");
	return 0;
}

int nd_edit_topic(const char *data, size_t len, const char *topic, int add,
		  struct nd_buf *out, struct nd_err *err)
{
	size_t tl = strlen(topic);
	struct doc d;
	int r;

	if (tl == 0)
		return fail(err, "empty topic");
	if (open_doc(&d, data, len, err) != 0)
		return -1;
	if (add)
		r = add_topic(&d, top_value(&d, "topics"), topic, tl, out, err);
	else
		r = remove_topic(&d, top_value(&d, "topics"), topic, tl, out,
				 err);
	nd_node_free(d.root);
	if (r != 0)
		return -1;
	return verify_topic(out, topic, tl, add, err);
}

int nd_edit_remove(const char *data, size_t len, const char *key,
		   struct nd_buf *out, struct nd_err *err)
{
	const struct nd_node *v, *k = NULL;
	struct doc d;
	const char *left;
	size_t i, keys;
	int r;

	if (open_doc(&d, data, len, err) != 0)
		return -1;
	v = top_value(&d, key);
	for (i = 0; v != NULL && i < nd_map_size(d.root); i++) {
		if (nd_map_value(d.root, i) == v)
			k = nd_map_key(d.root, i);
	}
	if (k == NULL || v->kind != ND_NODE_SCALAR ||
	    d.data[byte_of(&d, d.root->start)] == '{') {
		nd_node_free(d.root);
		return fail(err, "field '%s' cannot be removed here", key);
	}
	keys = nd_map_size(d.root);
	r = splice(&d, line_start(&d, byte_of(&d, k->start)),
		   next_line(&d, byte_of(&d, v->end)), "", 0, out);
	nd_node_free(d.root);
	if (r != 0)
		return fail(err, "out of memory");
	if (open_doc(&d, out->data, out->len, err) != 0)
		return fail(err, "the edit would break the file; left alone");
	/* Read back: the field is gone, and nothing else with it. */
	left = top_value(&d, key) != NULL || nd_map_size(d.root) + 1 != keys
		       ? ""
		       : NULL;
	nd_node_free(d.root);
	if (left != NULL)
		return fail(err, "the edit did not read back; file left alone");
	return 0;
}
