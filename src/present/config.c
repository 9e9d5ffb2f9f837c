#include "newsdesk/present/config.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/xdg.h"
#include "newsdesk/model/yamltree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const layout_names[ND_LAYOUT_COUNT] = { "auto", "wide",
							   "tall" };

const char *nd_config_layout_name(enum nd_layout l)
{
	return l < ND_LAYOUT_COUNT ? layout_names[l] : "?";
}

int nd_config_init(struct nd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->theme = nd_xstrdup("dark");
	c->sort = ND_SORT_DATE;
	c->story_threshold = 40;
	c->story_days = 3;
	c->watch = 1;
	if (c->theme == NULL || nd_keymap_default(&c->keys) != 0)
		return -1;
	return 0;
}

void nd_config_release(struct nd_config *c)
{
	free(c->dir);
	free(c->theme);
	free(c->limit);
	free(c->opener);
	nd_keymap_release(&c->keys);
	nd_search_list_release(&c->searches);
	memset(c, 0, sizeof(*c));
}

char *nd_config_default_path(void)
{
	return nd_xdg_path(ND_XDG_CONFIG, "config.yaml");
}

struct reader {
	const char *path;
	struct nd_diag *d;
};

static void warn(struct reader *r, const struct nd_node *n, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

static void warn(struct reader *r, const struct nd_node *n, const char *fmt,
		 ...)
{
	char msg[400]; /* room for a saved search's query error */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nd_diag_add(r->d, ND_WARNING, r->path, n->line, n->col, "%s; ignored",
		    msg);
}

static int scalar_is_text(const struct nd_node *n)
{
	return n->kind == ND_NODE_SCALAR && memchr(n->str, '\0', n->len) == NULL;
}

static void set_string(struct reader *r, const struct nd_node *n,
		       const char *name, char **out, int expand)
{
	char *s;

	if (!scalar_is_text(n)) {
		warn(r, n, "'%s' takes text", name);
		return;
	}
	s = expand ? nd_xdg_expand_home(n->str) : nd_xstrdup(n->str);
	if (s == NULL)
		return;
	free(*out);
	*out = s;
}

static void set_bool(struct reader *r, const struct nd_node *n,
		     const char *name, int *out)
{
	/* Articles follow YAML 1.2 strictly (their files feed other tools);
	 * our own config also takes 1.1's yes/no/on/off, as people write
	 * them in settings. */
	if (nd_node_bool(n, out) == 0)
		return;
	if (nd_node_is_yaml11_bool(n))
		*out = n->str[0] == 'y' || n->str[0] == 'Y' ||
		       ((n->str[0] == 'o' || n->str[0] == 'O') &&
			(n->str[1] == 'n' || n->str[1] == 'N'));
	else
		warn(r, n, "'%s' takes true or false", name);
}

static void set_layout(struct reader *r, const struct nd_node *n,
		       struct nd_config *c)
{
	int i;

	for (i = 0; scalar_is_text(n) && i < ND_LAYOUT_COUNT; i++) {
		if (strcasecmp(n->str, layout_names[i]) == 0) {
			c->layout = (enum nd_layout)i;
			return;
		}
	}
	warn(r, n, "%s", "'layout' is auto, wide or tall");
}

static void set_sort(struct reader *r, const struct nd_node *n,
		     struct nd_config *c)
{
	if (!scalar_is_text(n) || nd_sort_parse(n->str, &c->sort) != 0)
		warn(r, n, "%s", "'sort' is date, quality, heat, provider, "
				 "title or path");
}

static void set_timeout(struct reader *r, const struct nd_node *n,
			const char *name, long *out)
{
	long long s;

	if (nd_node_int(n, &s) != 0 || s < 1 || s > 600)
		warn(r, n, "'%s' is seconds, 1 to 600", name);
	else
		*out = (long)s * 1000;
}

/* A whole number setting in lo..hi; else a warning and the default kept. */
static void set_int(struct reader *r, const struct nd_node *n,
		    const char *name, int lo, int hi, int *out)
{
	long long v;

	if (nd_node_int(n, &v) != 0 || v < lo || v > hi)
		warn(r, n, "'%s' is a whole number, %d to %d", name, lo, hi);
	else
		*out = (int)v;
}

static void bind_one(struct reader *r, struct nd_config *c,
		     const struct nd_node *k, enum nd_action a)
{
	int key;

	if (!scalar_is_text(k) || nd_key_parse(k->str, &key) != 0) {
		warn(r, k, "unknown key name '%s' (j, G, C-d, Down, PgDn, "
			   "Enter, Tab, F1...)", scalar_is_text(k) ? k->str
								   : "?");
		return;
	}
	nd_keymap_bind(&c->keys, key, a);
}

static void set_keys(struct reader *r, const struct nd_node *n,
		     struct nd_config *c)
{
	size_t i, j;

	if (n->kind != ND_NODE_MAP) {
		warn(r, n, "%s", "'keys' maps an action to a key or a list");
		return;
	}
	for (i = 0; i < nd_map_size(n); i++) {
		const struct nd_node *k = nd_map_key(n, i);
		const struct nd_node *v = nd_map_value(n, i);
		enum nd_action a = nd_action_by_name(k->str);

		if (a == ND_ACT_NONE && strcmp(k->str, "none") != 0) {
			warn(r, k, "unknown action '%s' (see the help "
				   "screen, '?')", k->str);
			continue;
		}
		if (v->kind == ND_NODE_SEQ) {
			for (j = 0; j < v->count; j++)
				bind_one(r, c, v->items[j], a);
		} else {
			bind_one(r, c, v, a);
		}
	}
}

/* One saved search; a bad query names the search and its column. */
static void add_search(struct reader *r, const struct nd_node *k,
		       const struct nd_node *v, struct nd_config *c)
{
	struct nd_query *q;
	struct nd_err err;

	if (!scalar_is_text(k) || k->len == 0) {
		warn(r, k, "%s", "a saved search needs a name");
		return;
	}
	if (!scalar_is_text(v)) {
		warn(r, v, "saved search '%s' takes a query", k->str);
		return;
	}
	if (nd_query_compile(v->str, &q, &err) != 0) {
		warn(r, v, "saved search '%s': bad query at column %u: %s",
		     k->str, err.col, err.message);
		return;
	}
	nd_search_add(&c->searches, k->str, v->str, q);
}

static void set_searches(struct reader *r, const struct nd_node *n,
			 struct nd_config *c)
{
	size_t i;

	if (n->kind != ND_NODE_MAP) {
		warn(r, n, "%s", "'searches' maps a name to a query");
		return;
	}
	for (i = 0; i < nd_map_size(n); i++)
		add_search(r, nd_map_key(n, i), nd_map_value(n, i), c);
}

static void read_entry(struct reader *r, const struct nd_node *k,
		       const struct nd_node *v, struct nd_config *c)
{
	const char *name = k->str;

	if (strcmp(name, "dir") == 0)
		set_string(r, v, name, &c->dir, 1);
	else if (strcmp(name, "theme") == 0)
		set_string(r, v, name, &c->theme, 1);
	else if (strcmp(name, "limit") == 0)
		set_string(r, v, name, &c->limit, 0);
	else if (strcmp(name, "layout") == 0)
		set_layout(r, v, c);
	else if (strcmp(name, "sort") == 0)
		set_sort(r, v, c);
	else if (strcmp(name, "reverse") == 0)
		set_bool(r, v, name, &c->reverse);
	else if (strcmp(name, "mouse") == 0)
		set_bool(r, v, name, &c->mouse);
	else if (strcmp(name, "keys") == 0)
		set_keys(r, v, c);
	else if (strcmp(name, "searches") == 0)
		set_searches(r, v, c);
	else if (strcmp(name, "hyperlinks") == 0)
		set_bool(r, v, name, &c->hyperlinks);
	else if (strcmp(name, "private-redirects") == 0)
		set_bool(r, v, name, &c->private_redirects);
	else if (strcmp(name, "follow-links") == 0)
		set_bool(r, v, name, &c->follow_links);
	else if (strcmp(name, "watch") == 0)
		set_bool(r, v, name, &c->watch);
	else if (strcmp(name, "opener") == 0)
		set_string(r, v, name, &c->opener, 1);
	else if (strcmp(name, "fetch-timeout") == 0)
		set_timeout(r, v, name, &c->fetch_timeout_ms);
	else if (strcmp(name, "connect-timeout") == 0)
		set_timeout(r, v, name, &c->connect_timeout_ms);
	else if (strcmp(name, "story-threshold") == 0)
		set_int(r, v, name, 1, 100, &c->story_threshold);
	else if (strcmp(name, "story-days") == 0)
		set_int(r, v, name, 0, 30, &c->story_days);
	else
		warn(r, k, "unknown setting '%s'", name);
}

int nd_config_load(struct nd_config *c, const char *path, int optional,
		   struct nd_diag *d)
{
	static const struct nd_yaml_limits lim = { 8, 10000, 64 * 1024 };
	struct reader r = { path, d };
	struct nd_err err;
	struct nd_node *root = NULL;
	struct nd_err cause;
	char *data;
	size_t size, i;

	if (nd_read_file(path, 1024 * 1024, &data, &size, &cause) != 0) {
		if (optional && cause.code == ENOENT)
			return 0;
		nd_diag_add_err(d, ND_ERROR, path, &cause);
		return -1;
	}
	if (nd_yaml_parse(data, size, 0, &lim, &root, &err) != 0) {
		free(data);
		nd_diag_add(d, ND_ERROR, path, err.line, err.col, "%s",
			    err.message);
		return -1;
	}
	free(data);
	if (root != NULL && root->kind != ND_NODE_MAP) {
		nd_diag_add(d, ND_ERROR, path, root->line, root->col,
			    "the config must be a mapping of settings");
		nd_node_free(root);
		return -1;
	}
	for (i = 0; i < nd_map_size(root); i++)
		read_entry(&r, nd_map_key(root, i), nd_map_value(root, i), c);
	nd_node_free(root);
	return 0;
}
