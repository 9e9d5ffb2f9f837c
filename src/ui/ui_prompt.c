/*
 * The prompt and the one-key menu on the status line: modes with their
 * own state, fed one key at a time by the loop (so a resize or a running
 * fetch carries on under them). A prompt starts empty with the current
 * value as a hint; Up recalls it and the earlier entries of its kind,
 * which are kept across restarts (present/history.h).
 */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/utf8.h"

#include <stdlib.h>
#include <string.h>

static void close_prompt(struct ui *u)
{
	struct ui_prompt *p = &u->prompt;

	nd_lineedit_release(&p->ed);
	free(p->hint);
	memset(p, 0, sizeof(*p));
}

void ui_prompt_release(struct ui *u)
{
	if (u->prompt.active)
		close_prompt(u);
}

/* The recall list: the kind's history, then the current value. */
static void recall(struct ui *u, const char *kind, const char *hint)
{
	size_t n;
	const char **items = nd_history_of(&u->history, kind, &n);

	if (hint != NULL && hint[0] != '\0' &&
	    (n == 0 || strcmp(items[n - 1], hint) != 0))
		items[n++] = hint; /* nd_history_of left room for one */
	nd_lineedit_set_recall(&u->prompt.ed, items, n);
	free(items);
}

void ui_prompt_start(struct ui *u, const char *kind, const char *label,
		     const char *hint, enum ui_complete complete,
		     ui_text_fn change, ui_text_fn done)
{
	struct ui_prompt *p = &u->prompt;

	ui_prompt_release(u);
	p->active = 1;
	p->kind = kind;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->hint = hint ? nd_xstrdup(hint) : NULL;
	p->complete = complete;
	p->change = change;
	p->done = done;
	nd_lineedit_init(&p->ed);
	recall(u, kind, hint);
	u->st.message[0] = '\0';
}

static void remember(struct ui *u, const char *kind, const char *text)
{
	struct nd_err err;

	if (text[0] == '\0' || u->history_path == NULL)
		return;
	nd_history_add(&u->history, kind, text);
	if (nd_history_save(&u->history, u->history_path, &err) != 0)
		ui_message(u, 1, "%s", err.message);
}

/* done() may start another prompt or a menu: the prompt is closed and
 * its text copied before it runs. */
static int finish(struct ui *u, int accepted)
{
	ui_text_fn done = u->prompt.done;
	char *text = accepted ? nd_xstrdup(u->prompt.ed.text.data) : NULL;
	char kind[32];

	snprintf(kind, sizeof(kind), "%s", u->prompt.kind);
	close_prompt(u);
	if (accepted)
		remember(u, kind, text);
	else
		ui_message(u, 0, "%s cancelled", kind);
	done(u, text);
	free(text);
	return RE_RELAYOUT | RE_RESELECT;
}

int ui_prompt_key(struct ui *u, int key)
{
	struct ui_prompt *p = &u->prompt;

	u->st.message[0] = '\0'; /* Tab's last word goes with the next key */
	switch (nd_lineedit_key(&p->ed, key)) {
	case ND_EDIT_ACCEPT:
		return finish(u, 1);
	case ND_EDIT_CANCEL:
		return finish(u, 0);
	case ND_EDIT_COMPLETE:
		/* the completed text is an edit like any other */
		if (ui_complete(u) == 0 || p->change == NULL)
			return RE_NONE;
		p->change(u, p->ed.text.data);
		return RE_RESELECT;
	case ND_EDIT_CHANGED:
		if (p->change != NULL)
			p->change(u, p->ed.text.data);
		return RE_RESELECT;
	default:
		return RE_NONE;
	}
}

/* The label, then the text scrolled so the cursor shows, or the hint
 * when the line is still empty. */
void ui_prompt_draw(struct ui *u)
{
	const struct ui_prompt *p = &u->prompt;
	int y = u->rows - 1, lw = (int)strlen(p->label), cw = u->cols - lw - 1;
	size_t before, skip = 0, off = 0;

	term_fill(y, 0, u->cols, ND_ROLE_STATUS);
	term_role(ND_ROLE_PROMPT);
	term_text(y, 0, u->cols, p->label, strlen(p->label), 0);
	before = nd_text_width(p->ed.text.data, p->ed.cursor);
	if (cw > 0 && before > (size_t)cw)
		off = nd_text_fit(p->ed.text.data, p->ed.cursor,
				  before - (size_t)cw + 1, &skip);
	if (cw > 0 && p->ed.text.len == 0 && p->hint && p->hint[0]) {
		char hint[300];

		snprintf(hint, sizeof(hint), "(Up: %s)", p->hint);
		term_role(ND_ROLE_LIST_META);
		ui_content(u, y, lw, cw, hint, strlen(hint), 0);
	} else if (cw > 0) {
		term_role(ND_ROLE_STATUS);
		ui_content(u, y, lw, cw, p->ed.text.data + off,
			   p->ed.text.len - off, 0);
	}
	lw += (int)(before - skip);
	term_cursor(y, lw < u->cols - 1 ? lw : u->cols - 1, 1);
}

void ui_menu_start(struct ui *u, const char *label, ui_key_fn done)
{
	u->menu.active = 1;
	snprintf(u->menu.label, sizeof(u->menu.label), "%s", label);
	u->menu.done = done;
	u->st.message[0] = '\0';
}

int ui_menu_key(struct ui *u, int key)
{
	ui_key_fn done = u->menu.done;

	u->menu.active = 0;
	if (key == ND_KEY_ESC || key == ND_KEY_CTRL('g')) {
		ui_message(u, 0, "cancelled");
		key = -1;
	}
	done(u, key);
	return RE_RELAYOUT | RE_RESELECT;
}

void ui_menu_draw(struct ui *u)
{
	int y = u->rows - 1;

	term_fill(y, 0, u->cols, ND_ROLE_STATUS);
	term_role(ND_ROLE_PROMPT);
	/* the label may quote a topic that was typed: the sanitizer too */
	ui_content(u, y, 0, u->cols, u->menu.label, strlen(u->menu.label), 0);
}
