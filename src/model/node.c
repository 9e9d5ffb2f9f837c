#include "newsdesk/model/yamltree.h"

#include "newsdesk/base/str.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t nd_map_size(const struct nd_node *map)
{
	return map != NULL && map->kind == ND_NODE_MAP ? map->count / 2 : 0;
}

const struct nd_node *nd_map_key(const struct nd_node *map, size_t i)
{
	return map->items[2 * i];
}

const struct nd_node *nd_map_value(const struct nd_node *map, size_t i)
{
	return map->items[2 * i + 1];
}

const struct nd_node *nd_map_get(const struct nd_node *map, const char *key)
{
	size_t i, n = nd_map_size(map), klen = strlen(key);

	for (i = 0; i < n; i++) {
		const struct nd_node *k = nd_map_key(map, i);

		if (k->len == klen && memcmp(k->str, key, klen) == 0)
			return nd_map_value(map, i);
	}
	return NULL;
}

/* One of YAML 1.2's core-schema spellings of a word: all lower case,
 * capitalised, or all upper case ("null", "Null", "NULL"), nothing else
 * ("nUll" is a string). */
static int plain_is(const struct nd_node *n, const char *word)
{
	size_t wl = strlen(word), i;
	int upper = 1;

	if (n->len != wl || strncasecmp(n->str, word, wl) != 0)
		return 0;
	for (i = 0; i < wl; i++)
		upper &= n->str[i] < 'a' || n->str[i] > 'z';
	/* word is lower case: equal, or Capitalised, or ALL CAPS */
	return upper || strncmp(n->str + 1, word + 1, wl - 1) == 0;
}

int nd_node_is_null(const struct nd_node *n)
{
	if (n == NULL)
		return 1;
	if (n->kind != ND_NODE_SCALAR || !n->plain)
		return 0;
	return n->len == 0 || ND_IS(n->str, n->len, "~") ||
	       plain_is(n, "null");
}

int nd_node_bool(const struct nd_node *n, int *out)
{
	if (n == NULL || n->kind != ND_NODE_SCALAR || !n->plain)
		return -1;
	if (plain_is(n, "true")) {
		*out = 1;
		return 0;
	}
	if (plain_is(n, "false")) {
		*out = 0;
		return 0;
	}
	return -1;
}

int nd_node_is_yaml11_bool(const struct nd_node *n)
{
	static const char *const words[] = { "yes", "no", "on", "off",
					     "y", "n" };
	size_t i;

	if (n == NULL || n->kind != ND_NODE_SCALAR || !n->plain)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (plain_is(n, words[i]))
			return 1;
	}
	return 0;
}

/* Plain scalars only: "27" is a number, "\"27\"" a string. */
static int scalar_text(const struct nd_node *n)
{
	return n != NULL && n->kind == ND_NODE_SCALAR && n->plain &&
	       n->len > 0 && n->len < 64 && memchr(n->str, '\0', n->len) == NULL;
}

static int node_float(const struct nd_node *n, double *out)
{
	char *end;
	double d;

	if (!nd_node_is_number(n))
		return -1;
	d = strtod(n->str, &end);
	if (*end != '\0' || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

int nd_node_int(const struct nd_node *n, long long *out)
{
	char *end;
	long long v;
	double d;

	if (!scalar_text(n))
		return -1;
	errno = 0;
	v = strtoll(n->str, &end, 10);
	if (errno == 0 && end != n->str && *end == '\0') {
		*out = v;
		return 0;
	}
	/* "27.0" is accepted and rounded; "1e3" too. */
	if (node_float(n, &d) != 0 || d > 9e18 || d < -9e18)
		return -1;
	*out = llround(d);
	return 0;
}

int nd_node_is_number(const struct nd_node *n)
{
	size_t i = 0, len;
	const char *s;
	int digits = 0;

	if (!scalar_text(n))
		return 0;
	s = n->str;
	len = n->len;
	if (s[i] == '-')
		i++;
	if (i < len && s[i] == '0' && i + 1 < len && s[i + 1] >= '0' &&
	    s[i + 1] <= '9')
		return 0; /* JSON forbids leading zeros */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (digits == 0)
		return 0;
	if (i < len && s[i] == '.') {
		i++;
		digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
		if (digits == 0)
			return 0;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
		if (digits == 0)
			return 0;
	}
	return i == len;
}

const char *nd_node_kind_name(const struct nd_node *n)
{
	if (n == NULL)
		return "nothing";
	switch (n->kind) {
	case ND_NODE_MAP:
		return "a mapping";
	case ND_NODE_SEQ:
		return "a list";
	default:
		return "text";
	}
}
