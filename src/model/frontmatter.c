#include "newsdesk/model/frontmatter.h"

#include "newsdesk/base/str.h"
#include "newsdesk/base/utf8.h"

#include <stdio.h>
#include <string.h>

/* Length of the line at p (without its LF), or up to end. */
static size_t line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
}

/* 1 when the line is exactly marker, maybe with trailing blanks or CR. */
static int is_marker(const char *p, size_t n, const char *marker)
{
	size_t i;

	if (n < 3 || memcmp(p, marker, 3) != 0)
		return 0;
	for (i = 3; i < n; i++) {
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	}
	return 1;
}

static int split_error(struct nd_err *err, unsigned line, unsigned col,
		       const char *msg)
{
	return nd_err_at(err, line, col, "%s", msg);
}

int nd_fm_split(const char *data, size_t len, struct nd_fm_split *out,
		struct nd_err *err)
{
	const char *p = data, *end = data + len;
	unsigned line = 2;
	size_t n;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (len == 0)
		return split_error(err, 0, 0, "empty file");
	if (len >= 3 && memcmp(p, ND_LIT("\xEF\xBB\xBF")) == 0) {
		out->has_bom = 1;
		p += 3;
	}
	n = line_len(p, end);
	if (!is_marker(p, n, "---"))
		return split_error(err, 1, 1,
				   "no front matter: the file must start "
				   "with a '---' line");
	out->crlf = n > 0 && p[n - 1] == '\r';
	p += n + (p + n < end);
	out->yaml_start = (size_t)(p - data);
	out->yaml_line = 2;
	while (p < end) {
		n = line_len(p, end);
		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			out->yaml_len = (size_t)(p - data) - out->yaml_start;
			p += n + (p + n < end);
			out->body_start = (size_t)(p - data);
			return 0;
		}
		p += n + (p + n < end);
		line++;
	}
	return split_error(err, 1, 1,
			   "unterminated front matter: no closing '---' line");
}

/* libyaml would name the byte offset only; we give line and column. */
static int check_utf8(const char *data, size_t len, const struct nd_fm_split *s,
		      struct nd_err *err)
{
	const char *y = data + s->yaml_start, *ls;
	size_t bad, i, n;
	unsigned line = s->yaml_line, col = 1;
	uint32_t cp;

	if (nd_utf8_valid(y, s->yaml_len, &bad))
		return 0;
	ls = y;
	for (i = 0; i < bad; i++) {
		if (y[i] == '\n') {
			line++;
			ls = y + i + 1;
		}
	}
	for (i = 0; ls + i < y + bad; i += n, col++)
		n = nd_utf8_decode(ls + i, (size_t)(y + bad - ls) - i, &cp);
	(void)len;
	return nd_err_at(err, line, col, "invalid UTF-8 (byte 0x%02X)",
			 (unsigned char)y[bad]);
}

int nd_fm_parse(const char *data, size_t len, const struct nd_yaml_limits *lim,
		struct nd_fm_split *split, struct nd_node **root,
		struct nd_err *err)
{
	*root = NULL;
	if (nd_fm_split(data, len, split, err) != 0)
		return -1;
	if (check_utf8(data, len, split, err) != 0)
		return -1;
	return nd_yaml_parse(data + split->yaml_start, split->yaml_len,
			     split->yaml_line - 1, lim, root, err);
}
