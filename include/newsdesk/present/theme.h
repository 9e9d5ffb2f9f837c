/*
 * theme: semantic roles and the colours and attributes they get.
 *
 * Views ask for a role (list.selected, detail.label, status.error...),
 * never for a colour; a theme maps each role to a style once. Theme files
 * are YAML (see newsdesk-theme(5)):
 *
 *   name: dark
 *   roles:
 *     list.selected: {fg: black, bg: cyan, attrs: [bold]}
 *
 * Colours are default, black, red, green, yellow, blue, magenta, cyan,
 * white, bright-black .. bright-white, or 0-255. nd_theme_style()
 * adapts a style to what the terminal can do: 256 colours as they are,
 * 8 or 16 colours by the nearest basic colour, and no colours (or
 * NO_COLOR) by attributes alone, with a built-in fallback per role so
 * that the selection, the header and errors always stand out.
 */
#ifndef NEWSDESK_THEME_H
#define NEWSDESK_THEME_H

#include "newsdesk/base/diag.h"

enum nd_role {
	ND_ROLE_NORMAL,
	ND_ROLE_HEADER,
	ND_ROLE_STATUS,
	ND_ROLE_STATUS_ERROR,
	ND_ROLE_PROMPT,
	ND_ROLE_PANE_TITLE,
	ND_ROLE_PANE_TITLE_FOCUS,
	ND_ROLE_BORDER,
	ND_ROLE_LIST_NORMAL,
	ND_ROLE_LIST_SELECTED,
	ND_ROLE_LIST_UNPUBLISHED,
	ND_ROLE_LIST_TAGGED,
	ND_ROLE_LIST_META,
	ND_ROLE_DETAIL_LABEL,
	ND_ROLE_DETAIL_TITLE,
	ND_ROLE_DETAIL_URL,
	ND_ROLE_DETAIL_TEXT,
	ND_ROLE_MD_HEADING,
	ND_ROLE_MD_EMPH,
	ND_ROLE_MD_STRONG,
	ND_ROLE_MD_CODE,
	ND_ROLE_MD_QUOTE,
	ND_ROLE_MD_LINK,
	ND_ROLE_HELP_KEY,
	ND_ROLE_COUNT
};

enum {
	ND_ATTR_BOLD = 1 << 0,
	ND_ATTR_UNDERLINE = 1 << 1,
	ND_ATTR_REVERSE = 1 << 2,
	ND_ATTR_DIM = 1 << 3,
	ND_ATTR_ITALIC = 1 << 4,
};

#define ND_COLOR_DEFAULT (-1)

struct nd_style {
	short fg, bg;	/* ND_COLOR_DEFAULT or 0-255 */
	unsigned attrs; /* ND_ATTR_* */
};

struct nd_theme {
	char name[64];
	struct nd_style roles[ND_ROLE_COUNT];
};

const char *nd_theme_role_name(enum nd_role r);
/* The built-in default (the same as themes/dark.yaml). */
void nd_theme_default(struct nd_theme *t);
/* Reads a theme file over the default. Returns 0 (warnings in diag for
 * entries it skipped), or -1 with the error in diag and *t the default. */
int nd_theme_load(const char *path, struct nd_theme *t, struct nd_diag *d);
/* The style to use on a terminal with ncolors colours (0: none). */
struct nd_style nd_theme_style(const struct nd_theme *t, enum nd_role r,
				   int ncolors);
/* Colour by name or number, or -2 when unknown. */
int nd_theme_color_parse(const char *s, size_t len);

#endif
