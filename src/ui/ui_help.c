/* The help screen: the keys of the mode it was opened from, generated
 * from the key table, then the query language where it applies. */
#include "ui.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"

#include <stdio.h>
#include <string.h>

static const char *const query_help[] = {
	"word \"a phrase\"         title or excerpt contains it",
	"published:yes|no|missing topic:X provider:X category:X type:X",
	"quality>=50 heat<10 date>=2023-05-01 after:D before:D",
	"a b (and)  a OR b  NOT a  -a  ( ... )",
};

/* Actions every mode takes besides its own. */
static const enum nd_action everywhere[] = {
	ND_ACT_HELP, ND_ACT_REDRAW, ND_ACT_COMMAND, ND_ACT_QUIT,
	ND_ACT_DOWN, ND_ACT_UP, ND_ACT_PAGE_DOWN, ND_ACT_PAGE_UP,
	ND_ACT_HALF_DOWN, ND_ACT_HALF_UP, ND_ACT_TOP, ND_ACT_BOTTOM,
	ND_ACT_BACK,
};

static const enum nd_action reader_acts[] = {
	ND_ACT_SEARCH, ND_ACT_SEARCH_NEXT, ND_ACT_SEARCH_PREV, ND_ACT_OPEN,
	ND_ACT_FOLLOW, ND_ACT_SOURCE, ND_ACT_BROWSER, ND_ACT_COPY,
};

/* The index takes everything but the reader's own. */
static const enum nd_action not_index[] = {
	ND_ACT_FOLLOW, ND_ACT_SOURCE,
};

/* The article takes the index's actions but these. */
static const enum nd_action not_article[] = {
	ND_ACT_FOLLOW, ND_ACT_SOURCE, ND_ACT_LIMIT, ND_ACT_SORT,
	ND_ACT_REVERSE, ND_ACT_LAYOUT, ND_ACT_ZOOM, ND_ACT_TRIAGE,
	ND_ACT_TAG_QUERY,
};

static int in(const enum nd_action *set, size_t n, enum nd_action a)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (set[i] == a)
			return 1;
	}
	return 0;
}

#define IN(set, a) in(set, sizeof(set) / sizeof((set)[0]), a)

const char *ui_mode_name(const struct ui *u)
{
	if (ui_reader_open(u))
		return "reader";
	return u->st.level == ND_LEVEL_ARTICLE ? "article" : "index";
}

/* Whether the mode under the help takes action a: the help lists it,
 * dispatch refuses the others with a message. */
int ui_mode_takes(const struct ui *u, enum nd_action a)
{
	if (a == ND_ACT_NONE || a >= ND_ACT_COUNT)
		return 0;
	if (IN(everywhere, a))
		return 1;
	if (ui_reader_open(u))
		return IN(reader_acts, a);
	if (u->st.level == ND_LEVEL_ARTICLE)
		return !IN(not_article, a);
	return !IN(not_index, a);
}

/* "keys   what it does  [name]": the text wraps under itself. */
static void key_line(const struct ui *u, struct nd_doc *doc, enum nd_action a,
		     int width)
{
	const struct nd_action_info *info = nd_action_info(a);
	char keys[128], prefix[160];
	int col = width >= 60 ? 20 : 12;

	nd_keymap_keys_for(&u->cfg.keys, a, keys, sizeof(keys));
	if (keys[0] == '\0')
		snprintf(keys, sizeof(keys), ":%s", info->name);
	snprintf(prefix, sizeof(prefix), "%-*s", (int)strlen(keys) < col
		 ? col : (int)strlen(keys) + 2, keys);
	nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, info->help, strlen(info->help));
	nd_doc_text(doc, ND_ROLE_LIST_META, ND_LIT("  ["));
	nd_doc_text(doc, ND_ROLE_LIST_META, info->name, strlen(info->name));
	nd_doc_text(doc, ND_ROLE_LIST_META, ND_LIT("]"));
	nd_doc_end_para(doc, 1, prefix, ND_ROLE_HELP_KEY);
}

static void heading(struct nd_doc *doc, const char *s)
{
	nd_doc_text(doc, ND_ROLE_DETAIL_TITLE, s, strlen(s));
	nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
	nd_doc_blank(doc);
}

static void build(const struct ui *u, struct nd_doc *doc, int width)
{
	char title[64];
	size_t i;
	int a;

	nd_doc_init(doc, (size_t)width, u->ascii ? ND_SAN_ASCII : 0);
	snprintf(title, sizeof(title), "Keys of the %s", ui_mode_name(u));
	heading(doc, title);
	for (a = 1; a < ND_ACT_COUNT; a++) {
		if (ui_mode_takes(u, a))
			key_line(u, doc, a, width);
	}
	nd_doc_blank(doc);
	if (!ui_reader_open(u)) {
		heading(doc, "Queries (/ search, l limit, T tag)");
		for (i = 0; i < sizeof(query_help) / sizeof(query_help[0]);
		     i++) {
			nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, query_help[i],
				    strlen(query_help[i]));
			nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
		}
		nd_doc_blank(doc);
	}
	nd_doc_text(doc, ND_ROLE_LIST_META,
		    ND_LIT("Prompts: C-a C-e C-b C-f C-w C-u C-k edit, Up and "
			   "Down recall, Tab completes, Esc cancels. Keys are "
			   "rebound in the config under 'keys:' by the names "
			   "in brackets; ':name args' runs any of them; see "
			   "newsdesk(1)."));
	nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
}

void ui_help_draw(struct ui *u)
{
	struct nd_doc doc;
	struct rect r = { 1, 0, u->rows - 2, u->cols };
	char title[96];

	build(u, &doc, u->cols > 2 ? u->cols - 2 : 1);
	u->help.list = 0;
	u->help.count = doc.count;
	u->help.height = r.h > 0 ? (size_t)r.h : 0;
	nd_scroller_clamp(&u->help);
	snprintf(title, sizeof(title), "Help: %s  %zu-%zu/%zu  (q, Esc or ? "
		 "closes)", ui_mode_name(u), doc.count ? u->help.top + 1 : 0,
		 u->help.top + u->help.height < doc.count
			 ? u->help.top + u->help.height : doc.count,
		 doc.count);
	term_fill(0, 0, u->cols, ND_ROLE_HEADER);
	term_text(0, 1, u->cols - 1, title, strlen(title), 0);
	if (r.h > 0)
		ui_doc_lines(u, &doc, u->help.top, r, NULL);
	nd_doc_release(&doc);
}

int ui_help_key(struct ui *u, enum nd_action a)
{
	if (nd_scroller_act(&u->help, a) >= 0)
		return RE_NONE;
	switch (a) {
	case ND_ACT_QUIT:
	case ND_ACT_HELP:
	case ND_ACT_BACK:
		u->help_on = 0;
		return RE_RELAYOUT;
	case ND_ACT_REDRAW:
		return RE_REPAINT;
	default:
		ui_message(u, 0, "the help is open: q closes it");
		return RE_NONE;
	}
}
