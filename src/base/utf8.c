#include "newsdesk/base/utf8.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

size_t nd_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = ND_UTF8_INVALID;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = ND_UTF8_INVALID;
		return 1;
	}
	if (len < n) {
		*cp = ND_UTF8_INVALID;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = ND_UTF8_INVALID;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = ND_UTF8_INVALID;
		return 1;
	}
	*cp = c;
	return n;
}

size_t nd_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int nd_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (cp == ND_UTF8_INVALID) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/* wcwidth() follows LC_CTYPE; we want UTF-8 widths whatever LANG says. */
static locale_t width_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static int cp_width_raw(uint32_t cp)
{
	int w;

	if (cp < 0x7F)
		return cp >= 0x20 ? 1 : 0;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int nd_cp_width(uint32_t cp)
{
	locale_t loc = width_locale(), old;
	int w;

	if (cp < 0x7F || loc == (locale_t)0)
		return cp_width_raw(cp);
	old = uselocale(loc);
	w = cp_width_raw(cp);
	uselocale(old);
	return w;
}

/* Walks s adding widths until cols would be passed; the workhorse of both
 * width and fit so they never disagree. */
static size_t walk_width(const char *s, size_t len, size_t cols, size_t *used)
{
	locale_t loc = width_locale(), old = (locale_t)0;
	size_t i = 0, w = 0, n;
	uint32_t cp;
	int cw;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		cw = cp == ND_UTF8_INVALID ? 1 : cp_width_raw(cp);
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (loc != (locale_t)0)
		uselocale(old);
	if (used != NULL)
		*used = w;
	return i;
}

size_t nd_text_width(const char *s, size_t len)
{
	size_t used;

	walk_width(s, len, (size_t)-1, &used);
	return used;
}

size_t nd_text_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	return walk_width(s, len, cols, used);
}

static uint32_t fold_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 &&
	    c != 0x138 && c != 0x149 && c != 0x17F) {
		/* Latin Extended-A pairs: even upper, odd lower, except the
		 * runs 0x139-0x148 and 0x179-0x17E where odd is upper. */
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? c + 1 : c;
		return (c & 1) ? c : c + 1;
	}
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

int nd_casefold(struct nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (cp == ND_UTF8_INVALID) {
			if (nd_buf_add(out, s + i, 1) != 0)
				return -1;
		} else if (nd_buf_add(out, enc, nd_utf8_encode(fold_cp(cp), enc))
			   != 0) {
			return -1;
		}
		i += n;
	}
	return 0;
}

/* Compares one folded code point of a at *i with b at *j. */
static uint32_t next_folded(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n = nd_utf8_decode(s + *i, len - *i, &cp);

	if (cp == ND_UTF8_INVALID)
		cp = 0x110000 + (unsigned char)s[*i];
	*i += n;
	return fold_cp(cp);
}

int nd_fold_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	uint32_t ca, cb;

	while (i < alen && j < blen) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[j];

		/* ASCII needs no decoding: the common case by far. */
		if (x < 0x80 && y < 0x80) {
			x = (unsigned char)(x >= 'A' && x <= 'Z' ? x + 32 : x);
			y = (unsigned char)(y >= 'A' && y <= 'Z' ? y + 32 : y);
			if (x != y)
				return x < y ? -1 : 1;
			i++, j++;
			continue;
		}
		ca = next_folded(a, alen, &i);
		cb = next_folded(b, blen, &j);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	if (i < alen)
		return 1;
	return j < blen ? -1 : 0;
}

int nd_fold_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	return nd_fold_compare(a, alen, b, blen) == 0;
}

static int prefix_matches(const char *hay, size_t hlen, size_t at,
			  const char *needle, size_t nlen)
{
	size_t i = at, j = 0;

	while (j < nlen) {
		if (i >= hlen)
			return 0;
		if (next_folded(hay, hlen, &i) != next_folded(needle, nlen, &j))
			return 0;
	}
	return 1;
}

/* An ASCII first byte: memchr finds the candidates (either case), which
 * at 100,000 titles and excerpts is several times the byte loop's speed
 * -- the difference between a word query of 20 ms and of 100 ms. */
static int ascii_contains(const char *hay, size_t hlen, const char *needle,
			  size_t nlen, unsigned char first)
{
	unsigned char up = first >= 'a' && first <= 'z' ? first - 32 : first;
	const char *end = hay + hlen, *c;
	const char *lo = memchr(hay, first, hlen);
	const char *hi = up != first ? memchr(hay, up, hlen) : NULL;

	while (lo != NULL || hi != NULL) {
		c = hi == NULL || (lo != NULL && lo < hi) ? lo : hi;
		if (prefix_matches(hay, hlen, (size_t)(c - hay), needle, nlen))
			return 1;
		if (c == lo)
			lo = memchr(c + 1, first, (size_t)(end - c - 1));
		else
			hi = memchr(c + 1, up, (size_t)(end - c - 1));
	}
	return 0;
}

int nd_fold_contains(const char *hay, size_t hlen, const char *needle,
		     size_t nlen)
{
	size_t i;
	unsigned char first;

	if (nlen == 0)
		return 1;
	first = (unsigned char)needle[0];
	if (first < 0x80)
		return ascii_contains(hay, hlen, needle, nlen, first);
	for (i = 0; i < hlen; i++) {
		unsigned char h = (unsigned char)hay[i];

		/* Cheap filter for the ASCII case, the common one. */
		if (first < 0x80 && (h >= 0x80 || (h != first &&
		    !(h >= 'A' && h <= 'Z' && h + 32 == first))))
			continue;
		if ((h & 0xC0) == 0x80)
			continue;
		if (prefix_matches(hay, hlen, i, needle, nlen))
			return 1;
	}
	return 0;
}
