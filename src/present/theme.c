#include "newsdesk/present/theme.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/base/str.h"
#include "newsdesk/model/yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S(fg, bg, attrs) { (short)(fg), (short)(bg), (attrs) }
#define D ND_COLOR_DEFAULT
enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

static const char *const role_names[ND_ROLE_COUNT] = {
	"normal", "header", "status", "status.error", "prompt",
	"pane.title", "pane.title.focus", "border", "list.normal",
	"list.selected", "list.unpublished", "list.tagged", "list.meta",
	"detail.label", "detail.title", "detail.url", "detail.text",
	"md.heading", "md.emph", "md.strong", "md.code", "md.quote", "md.link",
	"help.key",
};

/* Keep in step with themes/dark.yaml (a test compares them). */
static const struct nd_style dark[ND_ROLE_COUNT] = {
	[ND_ROLE_NORMAL] = S(D, D, 0),
	[ND_ROLE_HEADER] = S(BLACK, CYAN, ND_ATTR_BOLD),
	[ND_ROLE_STATUS] = S(D, D, 0),
	[ND_ROLE_STATUS_ERROR] = S(WHITE, RED, ND_ATTR_BOLD),
	[ND_ROLE_PROMPT] = S(YELLOW, D, ND_ATTR_BOLD),
	[ND_ROLE_PANE_TITLE] = S(CYAN, D, 0),
	[ND_ROLE_PANE_TITLE_FOCUS] = S(BLACK, CYAN, ND_ATTR_BOLD),
	[ND_ROLE_BORDER] = S(8, D, 0),
	[ND_ROLE_LIST_NORMAL] = S(D, D, 0),
	[ND_ROLE_LIST_SELECTED] = S(BLACK, CYAN, ND_ATTR_BOLD),
	[ND_ROLE_LIST_UNPUBLISHED] = S(YELLOW, D, ND_ATTR_BOLD),
	[ND_ROLE_LIST_TAGGED] = S(MAGENTA, D, ND_ATTR_BOLD),
	[ND_ROLE_LIST_META] = S(8, D, 0),
	[ND_ROLE_DETAIL_LABEL] = S(CYAN, D, ND_ATTR_BOLD),
	[ND_ROLE_DETAIL_TITLE] = S(WHITE, D, ND_ATTR_BOLD),
	[ND_ROLE_DETAIL_URL] = S(BLUE, D, ND_ATTR_UNDERLINE),
	[ND_ROLE_DETAIL_TEXT] = S(D, D, 0),
	[ND_ROLE_MD_HEADING] = S(YELLOW, D, ND_ATTR_BOLD),
	[ND_ROLE_MD_EMPH] = S(D, D, ND_ATTR_ITALIC),
	[ND_ROLE_MD_STRONG] = S(D, D, ND_ATTR_BOLD),
	[ND_ROLE_MD_CODE] = S(GREEN, D, 0),
	[ND_ROLE_MD_QUOTE] = S(8, D, ND_ATTR_ITALIC),
	[ND_ROLE_MD_LINK] = S(BLUE, D, ND_ATTR_UNDERLINE),
	[ND_ROLE_HELP_KEY] = S(YELLOW, D, ND_ATTR_BOLD),
};

/* Without colour, these keep the screen readable. */
static const unsigned mono_fallback[ND_ROLE_COUNT] = {
	[ND_ROLE_HEADER] = ND_ATTR_REVERSE,
	[ND_ROLE_STATUS_ERROR] = ND_ATTR_REVERSE | ND_ATTR_BOLD,
	[ND_ROLE_PROMPT] = ND_ATTR_BOLD,
	[ND_ROLE_PANE_TITLE_FOCUS] = ND_ATTR_REVERSE,
	[ND_ROLE_LIST_SELECTED] = ND_ATTR_REVERSE,
	[ND_ROLE_LIST_UNPUBLISHED] = ND_ATTR_BOLD,
	[ND_ROLE_LIST_TAGGED] = ND_ATTR_UNDERLINE,
	[ND_ROLE_DETAIL_LABEL] = ND_ATTR_BOLD,
	[ND_ROLE_DETAIL_TITLE] = ND_ATTR_BOLD,
	[ND_ROLE_DETAIL_URL] = ND_ATTR_UNDERLINE,
	[ND_ROLE_MD_HEADING] = ND_ATTR_BOLD,
	[ND_ROLE_MD_LINK] = ND_ATTR_UNDERLINE,
	[ND_ROLE_HELP_KEY] = ND_ATTR_BOLD,
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

const char *nd_theme_role_name(enum nd_role r)
{
	return r < ND_ROLE_COUNT ? role_names[r] : "?";
}

void nd_theme_default(struct nd_theme *t)
{
	snprintf(t->name, sizeof(t->name), "dark");
	memcpy(t->roles, dark, sizeof(dark));
}

int nd_theme_color_parse(const char *s, size_t len)
{
	const size_t bright = sizeof("bright-") - 1;
	char *end;
	long n;
	size_t i;

	if (ND_IS_CI(s, len, "default"))
		return ND_COLOR_DEFAULT;
	for (i = 0; i < 8; i++) {
		size_t cl = strlen(color_names[i]);

		if (len == cl && strncasecmp(s, color_names[i], cl) == 0)
			return (int)i;
		if (len == cl + bright &&
		    strncasecmp(s, ND_LIT("bright-")) == 0 &&
		    strncasecmp(s + bright, color_names[i], cl) == 0)
			return (int)i + 8;
	}
	if (len == 0 || len > 3 || memchr(s, '\0', len) != NULL)
		return -2;
	n = strtol(s, &end, 10);
	if (end != s + len || n < 0 || n > 255)
		return -2;
	return (int)n;
}

static int attr_parse(const char *s, size_t len)
{
	static const struct {
		const char *name;
		unsigned bit;
	} attrs[] = {
		{ "bold", ND_ATTR_BOLD },     { "underline", ND_ATTR_UNDERLINE },
		{ "reverse", ND_ATTR_REVERSE }, { "dim", ND_ATTR_DIM },
		{ "italic", ND_ATTR_ITALIC },
	};
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (strlen(attrs[i].name) == len &&
		    strncasecmp(attrs[i].name, s, len) == 0)
			return (int)attrs[i].bit;
	}
	return -1;
}

static enum nd_role role_by_name(const char *s, size_t len)
{
	int i;

	for (i = 0; i < ND_ROLE_COUNT; i++) {
		if (strlen(role_names[i]) == len &&
		    memcmp(role_names[i], s, len) == 0)
			return (enum nd_role)i;
	}
	return ND_ROLE_COUNT;
}

struct theme_reader {
	const char *path;
	struct nd_diag *d;
};

static void warn(struct theme_reader *r, const struct nd_node *n,
		 const char *what)
{
	nd_diag_add(r->d, ND_WARNING, r->path, n->line, n->col, "%s; ignored",
		    what);
}

static int read_color(struct theme_reader *r, const struct nd_node *n,
		      short *out)
{
	int c = n->kind == ND_NODE_SCALAR ? nd_theme_color_parse(n->str, n->len) : -2;

	if (c == -2) {
		warn(r, n, "unknown colour (use a name such as cyan or "
			   "bright-red, default, or 0-255)");
		return -1;
	}
	*out = (short)c;
	return 0;
}

static void read_attrs(struct theme_reader *r, const struct nd_node *n,
		       unsigned *out)
{
	size_t i, count = n->kind == ND_NODE_SEQ ? n->count : 1;
	int a;

	*out = 0;
	if (n->kind == ND_NODE_MAP) {
		warn(r, n, "attrs must be a list such as [bold, underline]");
		return;
	}
	for (i = 0; i < count; i++) {
		const struct nd_node *it = n->kind == ND_NODE_SEQ ? n->items[i]
								  : n;

		a = it->kind == ND_NODE_SCALAR ? attr_parse(it->str, it->len)
					       : -1;
		if (a < 0)
			warn(r, it, "unknown attribute (bold, underline, "
				    "reverse, dim, italic)");
		else
			*out |= (unsigned)a;
	}
}

static void read_role(struct theme_reader *r, const struct nd_node *key,
		      const struct nd_node *val, struct nd_theme *t)
{
	enum nd_role role = role_by_name(key->str, key->len);
	struct nd_style st = { ND_COLOR_DEFAULT, ND_COLOR_DEFAULT, 0 };
	const struct nd_node *n;

	if (role == ND_ROLE_COUNT) {
		warn(r, key, "unknown role");
		return;
	}
	if (val->kind != ND_NODE_MAP) {
		warn(r, val, "a role takes a mapping such as {fg: cyan}");
		return;
	}
	n = nd_map_get(val, "fg");
	if (n != NULL && read_color(r, n, &st.fg) != 0)
		return;
	n = nd_map_get(val, "bg");
	if (n != NULL && read_color(r, n, &st.bg) != 0)
		return;
	n = nd_map_get(val, "attrs");
	if (n != NULL)
		read_attrs(r, n, &st.attrs);
	t->roles[role] = st;
}

static int read_theme(struct theme_reader *r, const struct nd_node *root,
		      struct nd_theme *t)
{
	const struct nd_node *roles, *name;
	size_t i;

	if (root == NULL || root->kind != ND_NODE_MAP) {
		nd_diag_add(r->d, ND_ERROR, r->path, root ? root->line : 1,
			    root ? root->col : 1,
			    "a theme must be a mapping with 'name' and 'roles'");
		return -1;
	}
	name = nd_map_get(root, "name");
	if (name != NULL && name->kind == ND_NODE_SCALAR)
		snprintf(t->name, sizeof(t->name), "%.*s",
			 (int)(name->len < 63 ? name->len : 63), name->str);
	roles = nd_map_get(root, "roles");
	if (roles == NULL || roles->kind != ND_NODE_MAP) {
		nd_diag_add(r->d, ND_ERROR, r->path, root->line, root->col,
			    "a theme needs a 'roles' mapping");
		return -1;
	}
	for (i = 0; i < nd_map_size(roles); i++)
		read_role(r, nd_map_key(roles, i), nd_map_value(roles, i), t);
	return 0;
}

int nd_theme_load(const char *path, struct nd_theme *t, struct nd_diag *d)
{
	static const struct nd_yaml_limits lim = { 8, 10000, 4096 };
	struct theme_reader r = { path, d };
	struct nd_err err;
	struct nd_node *root = NULL;
	struct nd_err cause;
	char *data;
	size_t size;
	int rc;

	nd_theme_default(t);
	if (nd_read_file(path, 1024 * 1024, &data, &size, &cause) != 0) {
		nd_diag_add_err(d, ND_ERROR, path, &cause);
		return -1;
	}
	rc = nd_yaml_parse(data, size, 0, &lim, &root, &err);
	free(data);
	if (rc != 0) {
		nd_diag_add(d, ND_ERROR, path, err.line, err.col, "%s",
			    err.message);
		return -1;
	}
	rc = read_theme(&r, root, t);
	nd_node_free(root);
	if (rc != 0)
		nd_theme_default(t);
	return rc;
}

/* xterm's 256 colours as RGB, to find the nearest of the first eight. */
static void rgb_of(int c, int rgb[3])
{
	static const int base[16][3] = {
		{ 0, 0, 0 },	   { 205, 0, 0 },   { 0, 205, 0 },
		{ 205, 205, 0 },   { 0, 0, 238 },   { 205, 0, 205 },
		{ 0, 205, 205 },   { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 },	   { 0, 255, 0 },   { 255, 255, 0 },
		{ 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 },
		{ 255, 255, 255 },
	};
	static const int steps[6] = { 0, 95, 135, 175, 215, 255 };
	int i;

	if (c < 16) {
		for (i = 0; i < 3; i++)
			rgb[i] = base[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = steps[c / 36];
		rgb[1] = steps[c / 6 % 6];
		rgb[2] = steps[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + (c - 232) * 10;
	}
}

static short nearest_basic(int c, int ncolors)
{
	int rgb[3], b[3], best = 0, i, k;
	long dist, best_dist = -1;

	if (c < 0 || c < ncolors)
		return (short)c;
	if (c < 16 && ncolors >= 8)
		return (short)(c - 8); /* bright -> plain */
	rgb_of(c, rgb);
	for (i = 0; i < 8; i++) {
		rgb_of(i, b);
		for (dist = 0, k = 0; k < 3; k++)
			dist += (long)(rgb[k] - b[k]) * (rgb[k] - b[k]);
		if (best_dist < 0 || dist < best_dist)
			best_dist = dist, best = i;
	}
	return (short)best;
}

struct nd_style nd_theme_style(const struct nd_theme *t, enum nd_role r,
				   int ncolors)
{
	struct nd_style s = t->roles[r < ND_ROLE_COUNT ? r : 0];

	if (ncolors < 8) {
		s.fg = s.bg = ND_COLOR_DEFAULT;
		s.attrs |= mono_fallback[r];
		return s;
	}
	if (ncolors < 256) {
		/* Bright foregrounds on 8 colours become bold plain ones,
		 * and grey (bright black) would vanish as black: dim it. */
		if (ncolors < 16 && s.fg == 8) {
			s.fg = ND_COLOR_DEFAULT;
			s.attrs |= ND_ATTR_DIM;
		} else if (ncolors < 16 && s.fg > 8 && s.fg < 16) {
			s.attrs |= ND_ATTR_BOLD;
		}
		s.fg = nearest_basic(s.fg, ncolors);
		s.bg = nearest_basic(s.bg, ncolors);
	}
	return s;
}
