#include "newsdesk/model/json.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/base/utf8.h"

#include <string.h>

static int add_escape(struct nd_buf *out, uint32_t cp)
{
	switch (cp) {
	case '"':
		return nd_buf_add(out, ND_LIT("\\\""));
	case '\\':
		return nd_buf_add(out, ND_LIT("\\\\"));
	case '\n':
		return nd_buf_add(out, ND_LIT("\\n"));
	case '\r':
		return nd_buf_add(out, ND_LIT("\\r"));
	case '\t':
		return nd_buf_add(out, ND_LIT("\\t"));
	default:
		if (cp > 0xFFFF) /* tag characters: a surrogate pair */
			return nd_buf_addf(out, "\\u%04x\\u%04x",
					   0xD800 + ((cp - 0x10000) >> 10),
					   0xDC00 + ((cp - 0x10000) & 0x3FF));
		return nd_buf_addf(out, "\\u%04x", (unsigned)cp);
	}
}

int nd_json_string(struct nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	int r = nd_buf_addc(out, '"');

	while (r == 0 && i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
			r = nd_buf_addc(out, (char)b);
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (cp == ND_UTF8_INVALID)
			r = nd_buf_add(out, ND_LIT("\\ufffd"));
		else if (cp == '"' || cp == '\\' || !nd_sanitize_cp_is_safe(cp))
			r = add_escape(out, cp);
		else
			r = nd_buf_add(out, s + i, n);
		i += n;
	}
	return r != 0 ? -1 : nd_buf_addc(out, '"');
}

static int scalar(struct nd_buf *out, const struct nd_node *n)
{
	int b;

	if (nd_node_is_null(n))
		return nd_buf_adds(out, "null");
	if (nd_node_bool(n, &b) == 0)
		return nd_buf_adds(out, b ? "true" : "false");
	if (nd_node_is_number(n))
		return nd_buf_add(out, n->str, n->len);
	return nd_json_string(out, n->str, n->len);
}

int nd_json_node(struct nd_buf *out, const struct nd_node *n)
{
	size_t i;
	int r;

	if (n == NULL)
		return nd_buf_adds(out, "null");
	if (n->kind == ND_NODE_SCALAR)
		return scalar(out, n);
	if (n->kind == ND_NODE_SEQ) {
		r = nd_buf_addc(out, '[');
		for (i = 0; r == 0 && i < n->count; i++) {
			if (i > 0)
				r = nd_buf_adds(out, ", ");
			r = r ? r : nd_json_node(out, n->items[i]);
		}
		return r ? r : nd_buf_addc(out, ']');
	}
	r = nd_buf_addc(out, '{');
	for (i = 0; r == 0 && i < n->count / 2; i++) {
		const struct nd_node *k = n->items[2 * i];

		if (i > 0)
			r = nd_buf_adds(out, ", ");
		r = r ? r : nd_json_string(out, k->str, k->len);
		r = r ? r : nd_buf_adds(out, ": ");
		r = r ? r : nd_json_node(out, n->items[2 * i + 1]);
	}
	return r ? r : nd_buf_addc(out, '}');
}

static int body_is_blank(const struct nd_article *a)
{
	size_t i;

	for (i = 0; i < a->body.len; i++) {
		if (!strchr(" \t\r\n", a->body.s[i]))
			return 0;
	}
	return 1;
}

int nd_json_article(struct nd_buf *out, const struct nd_article *a)
{
	const struct nd_node *m = a->fm;
	size_t i;
	int r;

	r = nd_buf_adds(out, "{\"path\": ");
	r = r ? r : nd_json_string(out, a->path, strlen(a->path));
	for (i = 0; r == 0 && i < nd_map_size(m); i++) {
		const struct nd_node *k = nd_map_key(m, i);

		/* A field called "path" would clash with ours: skip it. */
		if (ND_IS(k->str, k->len, "path"))
			continue;
		r = nd_buf_adds(out, ", ");
		r = r ? r : nd_json_string(out, k->str, k->len);
		r = r ? r : nd_buf_adds(out, ": ");
		r = r ? r : nd_json_node(out, nd_map_value(m, i));
	}
	if (r == 0 && !body_is_blank(a)) {
		r = nd_buf_adds(out, ", \"body\": ");
		r = r ? r : nd_json_string(out, a->body.s, a->body.len);
	}
	return r ? r : nd_buf_addc(out, '}');
}
