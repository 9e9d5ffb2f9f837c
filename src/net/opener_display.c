/* The form of a URL shown to a person: what is opened, all of it visible,
 * but never the password in it (the status line is read over shoulders,
 * the debug log is attached to bug reports). */
#include "newsdesk/net/opener.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include <string.h>

/* Characters that take no room or look like a plain space: the sanitizer
 * drops or keeps them, which in a URL would hide the difference between
 * two hosts. Format characters (Cf), spaces other than ' ', fillers and
 * variation selectors. */
static int invisible(uint32_t c)
{
	static const struct {
		uint32_t lo, hi;
	} ranges[] = {
		{ 0x00A0, 0x00A0 }, { 0x00AD, 0x00AD }, { 0x034F, 0x034F },
		{ 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD },
		{ 0x070F, 0x070F }, { 0x08E2, 0x08E2 }, { 0x115F, 0x1160 },
		{ 0x1680, 0x1680 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },
		{ 0x2000, 0x200F }, { 0x2028, 0x202F }, { 0x205F, 0x206F },
		{ 0x2800, 0x2800 }, { 0x3000, 0x3000 }, { 0x3164, 0x3164 },
		{ 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 },
		{ 0xFFF0, 0xFFFB }, { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
		{ 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 },
		{ 0x1D173, 0x1D17A }, { 0xE0000, 0xE0FFF },
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (c >= ranges[i].lo && c <= ranges[i].hi)
			return 1;
	}
	return !nd_sanitize_cp_is_safe(c);
}

/* Bytes that are no text as a browser sends them (%FF); what shows as
 * nothing as <U+200B>. Both are plain ASCII, so the sanitizer keeps them. */
static void add_visible(struct nd_buf *out, const char *s, size_t len)
{
	size_t i, n;
	uint32_t c;

	for (i = 0; i < len; i += n) {
		n = nd_utf8_decode(s + i, len - i, &c);
		if (c == ND_UTF8_INVALID || c < 0x20 || c == 0x7F)
			nd_buf_addf(out, "%%%02X", (unsigned char)s[i]);
		else if (c >= 0x80 && invisible(c))
			nd_buf_addf(out, "<U+%04X>", (unsigned)c);
		else
			nd_buf_add(out, s + i, n);
	}
}

/* The '@' that ends the user and password, or NULL: the last one before
 * the host ends, at '/', '?', '#' or '\' (which browsers take for '/' in
 * http URLs, so "http://a\@b" goes to a: nothing to hide there). */
static const char *userinfo_end(const char *url, const char **host)
{
	static const char scheme[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"
				     "MNOPQRSTUVWXYZ0123456789+-.";
	const char *sep = strstr(url, "://"), *end, *at = NULL;
	size_t n = strspn(url, scheme);

	if (sep == NULL || n == 0 || url + n != sep)
		return NULL;
	*host = sep + 3;
	end = *host + strcspn(*host, "/?#\\");
	for (sep = *host; sep < end; sep++) {
		if (*sep == '@')
			at = sep;
	}
	return at;
}

void nd_opener_display(struct nd_buf *out, const char *url)
{
	const char *host = url, *at = userinfo_end(url, &host);
	size_t len = strlen(url);

	if (at == NULL) {
		add_visible(out, url, len);
		return;
	}
	add_visible(out, url, (size_t)(host - url));
	nd_buf_add(out, ND_LIT("***"));
	add_visible(out, at, len - (size_t)(at - url));
}
