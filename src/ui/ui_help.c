/* The help screen, generated from the key table. */
#include "ui.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static const char *const query_help[] = {
	"word \"a phrase\"         title or excerpt contains it",
	"published:yes|no|missing topic:X provider:X category:X type:X",
	"quality>=50 heat<10 date>=2023-05-01 after:D before:D",
	"a b (and)  a OR b  NOT a  -a  ( ... )",
};

static void build(struct ui *u, struct nd_doc *doc, int width)
{
	char keys[128], pad[40];
	int a;
	size_t i;

	nd_doc_init(doc, (size_t)width, u->ascii ? ND_SAN_ASCII : 0);
	nd_doc_text(doc, ND_ROLE_DETAIL_TITLE, ND_LIT("Keys"));
	nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
	nd_doc_blank(doc);
	for (a = 1; a < ND_ACT_COUNT; a++) {
		const struct nd_action_info *info = nd_action_info(a);

		nd_keymap_keys_for(&u->cfg.keys, a, keys, sizeof(keys));
		if (keys[0] == '\0')
			snprintf(keys, sizeof(keys), "(unbound)");
		nd_doc_text(doc, ND_ROLE_HELP_KEY, keys, strlen(keys));
		snprintf(pad, sizeof(pad), "%*s", strlen(keys) < 20
			 ? (int)(20 - strlen(keys)) : 1, "");
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, pad, strlen(pad));
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, info->help,
			    strlen(info->help));
		nd_doc_text(doc, ND_ROLE_LIST_META, ND_LIT("  ["));
		nd_doc_text(doc, ND_ROLE_LIST_META, info->name,
			    strlen(info->name));
		nd_doc_text(doc, ND_ROLE_LIST_META, ND_LIT("]"));
		nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
	}
	nd_doc_blank(doc);
	nd_doc_text(doc, ND_ROLE_DETAIL_TITLE,
		    ND_LIT("Queries (/ search, l limit)"));
	nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
	nd_doc_blank(doc);
	for (i = 0; i < sizeof(query_help) / sizeof(query_help[0]); i++) {
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, query_help[i],
			    strlen(query_help[i]));
		nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
	}
	nd_doc_blank(doc);
	nd_doc_text(doc, ND_ROLE_LIST_META,
		    ND_LIT("Keys are rebound in the config file under 'keys:' "
			   "by the names in brackets; see newsdesk(1)."));
	nd_doc_end_para(doc, 1, NULL, ND_ROLE_NORMAL);
}

void ui_help_draw(struct ui *u)
{
	struct nd_doc doc;
	struct rect r = { 1, 0, LINES - 2, COLS };
	static const char title[] = "Help  (q, Esc or ? closes)";
	size_t h;

	build(u, &doc, COLS > 2 ? COLS - 2 : 1);
	h = r.h > 0 ? (size_t)r.h : 0;
	if (doc.count <= h)
		u->help_top = 0;
	else if (u->help_top > doc.count - h)
		u->help_top = doc.count - h;
	ui_fill(0, 0, COLS, ND_ROLE_HEADER, u);
	ui_text(0, 1, COLS - 1, title, sizeof(title) - 1, 0);
	if (r.h > 0)
		ui_doc_lines(u, &doc, u->help_top, r);
	nd_doc_release(&doc);
}

int ui_help_key(struct ui *u, enum nd_action a)
{
	size_t page = LINES > 3 ? (size_t)LINES - 3 : 1;

	switch (a) {
	case ND_ACT_QUIT:
	case ND_ACT_HELP:
	case ND_ACT_BACK:
		u->help = 0;
		break;
	case ND_ACT_DOWN:
		u->help_top++;
		break;
	case ND_ACT_UP:
		if (u->help_top > 0)
			u->help_top--;
		break;
	case ND_ACT_PAGE_DOWN:
	case ND_ACT_HALF_DOWN:
		u->help_top += page;
		break;
	case ND_ACT_PAGE_UP:
	case ND_ACT_HALF_UP:
		u->help_top = u->help_top > page ? u->help_top - page : 0;
		break;
	case ND_ACT_TOP:
		u->help_top = 0;
		break;
	case ND_ACT_BOTTOM:
		u->help_top = (size_t)-1 / 2;
		break;
	default:
		break;
	}
	return REDRAW_ALL;
}
