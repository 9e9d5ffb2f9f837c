#include "newsdesk/base/sanitize.h"

#include "newsdesk/base/utf8.h"

#include <stdio.h>

static int is_bidi(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int is_dropped(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF ||
	       (c >= 0xE0000 && c <= 0xE007F);
}

static int is_noncharacter(uint32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

int nd_sanitize_cp_is_safe(uint32_t c)
{
	if (c == ND_UTF8_INVALID || c < 0x20 || c == 0x7F)
		return 0;
	if (c >= 0x80 && c <= 0x9F)
		return 0;
	return !is_bidi(c) && !is_dropped(c) && !is_noncharacter(c) &&
	       c != 0x2028 && c != 0x2029;
}

static int add_visible(struct nd_buf *out, uint32_t c)
{
	return nd_buf_addf(out, "<U+%04X>", (unsigned)c);
}

static int add_caret(struct nd_buf *out, uint32_t c)
{
	char s[2] = { '^', c == 0x7F ? '?' : (char)(c + 0x40) };

	return nd_buf_add(out, s, 2);
}

struct san_state {
	struct nd_buf *out;
	int flags;
	size_t col; /* for tab stops in multi-line text */
};

static int add_break(struct san_state *st)
{
	if (st->flags & ND_SAN_MULTILINE) {
		st->col = 0;
		return nd_buf_addc(st->out, '\n');
	}
	st->col++;
	return nd_buf_addc(st->out, ' ');
}

static int add_tab(struct san_state *st)
{
	size_t n = 1;

	if (st->flags & ND_SAN_MULTILINE)
		n = 8 - st->col % 8;
	st->col += n;
	return nd_buf_pad(st->out, ' ', n);
}

static int add_char(struct san_state *st, uint32_t c, const char *raw,
		    size_t n)
{
	char enc[4];

	st->col++;
	if (c == ND_UTF8_INVALID || is_noncharacter(c))
		c = 0xFFFD, raw = NULL;
	if (c >= 0x80 && (st->flags & ND_SAN_ASCII))
		return nd_buf_addc(st->out, '?');
	if (raw == NULL)
		return nd_buf_add(st->out, enc, nd_utf8_encode(c, enc));
	return nd_buf_add(st->out, raw, n);
}

static int add_one(struct san_state *st, uint32_t c, const char *raw,
		   size_t n)
{
	if (c == '\n' || c == 0x2028 || c == 0x2029) {
		if (c != '\n' && !(st->flags & ND_SAN_MULTILINE))
			return add_visible(st->out, c);
		return add_break(st);
	}
	if (c == '\t')
		return add_tab(st);
	if (c < 0x20 || c == 0x7F) {
		st->col += 2;
		return add_caret(st->out, c);
	}
	if ((c >= 0x80 && c <= 0x9F) || is_bidi(c)) {
		st->col += 8;
		return add_visible(st->out, c);
	}
	if (is_dropped(c))
		return 0;
	return add_char(st, c, raw, n);
}

int nd_sanitize(struct nd_buf *out, const char *s, size_t len, int flags)
{
	struct san_state st = { out, flags, 0 };
	size_t i = 0, n;
	uint32_t c;

	if (nd_buf_grow(out, len) != 0)
		return -1;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		/* Fast path: printable ASCII is copied as it is. */
		if (b >= 0x20 && b < 0x7F) {
			if (nd_buf_addc(out, (char)b) != 0)
				return -1;
			st.col++;
			i++;
			continue;
		}
		if (b == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue; /* the LF that follows makes the break */
		}
		n = nd_utf8_decode(s + i, len - i, &c);
		if (add_one(&st, c, s + i, n) != 0)
			return -1;
		i += n;
	}
	return 0;
}
