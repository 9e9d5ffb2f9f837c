/* The desk's decisions: publish, quality, topics, reject, on one article
 * or on every tagged one; tags; undo and redo; triage mode. Writing goes
 * through the triage module, the same code as 'newsdesk set'. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/write/journal.h"
#include "newsdesk/write/triage.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#define QUALITY_STEP 5

void ui_marks_reset(struct ui *u)
{
	free(u->tagged);
	free(u->decided);
	u->marks_cap = u->idx->count;
	u->tagged = nd_xcalloc(u->marks_cap + 1, 1);
	u->decided = nd_xcalloc(u->marks_cap + 1, 1);
	u->ntagged = 0;
	u->triage_done = 0;
}

void ui_triage_release(struct ui *u)
{
	free(u->tagged);
	free(u->decided);
	free(u->journal);
	nd_query_free(u->saved_limit);
	free(u->saved_limit_text);
}

/* The file of article id was written: read it again into the index. */
static void reread(struct ui *u, size_t id)
{
	struct nd_article *a = NULL;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_article_load(nd_index_get(u->idx, id)->path, &a, &d) == 0)
		nd_index_update(u->idx, id, a);
	else
		nd_index_update(u->idx, id, NULL); /* gone: rejected */
	nd_article_free(a);
	nd_diag_release(&d);
	if ((long)id == u->art_id)
		u->art_id = -2; /* parse it again for the detail pane */
}

static void refresh_path(struct ui *u, const char *path)
{
	long id = nd_index_find_path(u->idx, path);

	if (id >= 0)
		reread(u, (size_t)id);
}

static void expect_of(const struct nd_summary *s, struct nd_expect *e)
{
	memset(e, 0, sizeof(*e));
	e->check_published = 1;
	e->published = (int)s->published; /* -1, 0 or 1 */
	e->check_quality = 1;
	e->quality = s->quality == ND_NUM_UNKNOWN ? ND_UNKNOWN : s->quality;
}

struct outcome {
	size_t done, nothing, conflicts, failed;
	char first_error[300];
};

static void count(struct outcome *o, const struct nd_result *r)
{
	if (r->status == ND_DONE) {
		o->done++;
		return;
	}
	if (r->status == ND_NOTHING) {
		o->nothing++;
		return;
	}
	if (r->status == ND_CONFLICT)
		o->conflicts++;
	else
		o->failed++;
	if (o->first_error[0] == '\0')
		snprintf(o->first_error, sizeof(o->first_error), "%s",
			 r->message);
}

static void decide_one(struct ui *u, struct nd_triage *t, size_t id,
		       const struct nd_decision *d, struct outcome *o)
{
	const struct nd_summary *s = nd_index_get(u->idx, id);
	struct nd_expect e;
	struct nd_result r;
	int was = s->published == 1;

	expect_of(s, &e);
	nd_triage_apply(t, s->path, d, &e, &r);
	count(o, &r);
	if (r.status == ND_DONE) {
		reread(u, id);
		s = nd_index_get(u->idx, id);
		/* keep the header's count without walking the view */
		if (was != (s->published == 1) && !s->removed)
			u->view.unpublished += was ? 1 : (size_t)-1;
		if (u->triage && !u->decided[id]) {
			u->decided[id] = 1;
			u->triage_done++;
			if (u->triage_left > 0)
				u->triage_left--;
		}
		if (d->kind == ND_REJECT && nd_view_row_of(&u->view,
				(uint32_t)id) >= 0)
			nd_view_remove_row(&u->view, (size_t)nd_view_row_of(
				&u->view, (uint32_t)id), u->idx);
	}
	nd_triage_result_release(&r);
}

static void report(struct ui *u, const struct outcome *o, const char *what,
		   size_t n)
{
	if (o->conflicts || o->failed)
		ui_message(u, 1, "%s: %zu changed, %zu failed or in conflict: "
			   "%s", what, o->done, o->conflicts + o->failed,
			   o->first_error);
	else if (n == 1 && o->done == 0)
		ui_message(u, 0, "%s: nothing to do", what);
	else
		ui_message(u, 0, "%s: %zu changed%s (u undoes)", what, o->done,
			   o->nothing ? ", the rest already so" : "");
}

static int confirm(struct ui *u, const char *what, size_t n)
{
	char q[160];
	int k;

	snprintf(q, sizeof(q), "%s: change %zu files? (y/n) ", what, n);
	k = ui_choose(u, q);
	return k == 'y' || k == 'Y';
}

static void decide(struct ui *u, const struct nd_decision *d)
{
	struct nd_triage t;
	struct outcome o;
	char what[96];
	long sel = nd_view_selected(&u->view);
	size_t id, n = 0;
	int bulk = u->tag_prefix;

	u->tag_prefix = 0;
	memset(&o, 0, sizeof(o));
	nd_triage_describe(d, what, sizeof(what));
	if (bulk && u->ntagged == 0) {
		ui_message(u, 1, "no tagged articles (t tags, T tags by query)");
		return;
	}
	if ((!bulk && sel < 0) || (bulk && u->ntagged > 1 &&
				    !confirm(u, what, u->ntagged)))
		return;
	if (nd_triage_init(&t, u->dir, u->journal) != 0) {
		ui_message(u, 1, "cannot open '%s' for writing", u->dir);
		return;
	}
	nd_triage_begin(&t);
	for (id = 0; bulk && id < u->idx->count; id++) {
		if (u->tagged[id] && !u->idx->items[id].removed) {
			decide_one(u, &t, id, d, &o);
			n++;
		}
	}
	if (!bulk) {
		decide_one(u, &t, (size_t)sel, d, &o);
		n = 1;
	}
	nd_triage_release(&t);
	report(u, &o, what, n);
	/* Triage mode moves on to the next article after a decision. */
	if (u->triage && !bulk && o.done + o.nothing > 0 &&
	    d->kind != ND_REJECT)
		nd_view_move(&u->view, 1, (size_t)ui_list_height(u));
	nd_view_scroll(&u->view, (size_t)ui_list_height(u));
}

static void prompt_decision(struct ui *u, enum nd_dkind kind,
			    const char *label)
{
	struct nd_decision d = { kind, 0, NULL };
	char *text = ui_prompt(u, label, "", NULL, NULL), *end;

	if (text == NULL || text[0] == '\0') {
		free(text);
		u->tag_prefix = 0;
		return;
	}
	if (kind == ND_SET_QUALITY) {
		d.num = strtoll(text, &end, 10);
		if (*end != '\0' || d.num < 0) {
			ui_message(u, 1, "quality is a whole number, 0 or more");
			free(text);
			u->tag_prefix = 0;
			return;
		}
	} else {
		d.topic = text;
	}
	decide(u, &d);
	free(text);
}

static void tag(struct ui *u)
{
	long id = nd_view_selected(&u->view);

	if (id < 0)
		return;
	u->tagged[id] = !u->tagged[id];
	u->ntagged += u->tagged[id] ? 1 : (size_t)-1;
	nd_view_move(&u->view, 1, (size_t)ui_list_height(u));
}

static void tag_query(struct ui *u)
{
	struct nd_err err;
	struct nd_query *q;
	size_t i, n = 0;
	char *text = ui_prompt(u, "Tag matching: ", "", NULL, NULL);

	if (text == NULL)
		return;
	if (text[0] == '\0') {
		memset(u->tagged, 0, u->marks_cap);
		u->ntagged = 0;
		ui_message(u, 0, "all tags cleared");
	} else if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad query at column %u: %s", err.col,
			   err.message);
	} else {
		for (i = 0; i < u->view.count; i++) {
			uint32_t id = u->view.ids[i];

			if (!u->tagged[id] && nd_query_match(q, u->idx, id)) {
				u->tagged[id] = 1;
				u->ntagged++;
				n++;
			}
		}
		nd_query_free(q);
		ui_message(u, 0, "%zu more tagged, %zu in all (; then a "
			   "decision applies to them)", n, u->ntagged);
	}
	free(text);
}

static void on_undone(void *ctx, const char *path, const struct nd_result *r)
{
	struct ui *u = ctx;

	if (r->status == ND_DONE)
		refresh_path(u, path);
}

static void undo(struct ui *u, int redo)
{
	const struct nd_group *g;
	struct nd_journal j;
	struct nd_triage t;
	struct nd_diag d;
	long n;

	nd_diag_init(&d);
	if (u->journal == NULL || nd_journal_read(&j, u->journal, &d) != 0) {
		ui_message(u, 1, "cannot read the journal");
		nd_diag_release(&d);
		return;
	}
	nd_diag_release(&d);
	if (nd_triage_init(&t, u->dir, u->journal) != 0) {
		nd_journal_release(&j);
		return;
	}
	g = redo ? nd_journal_redo_target(&j, t.root)
		 : nd_journal_undo_target(&j, t.root);
	if (g == NULL) {
		ui_message(u, 1, "nothing to %s", redo ? "redo" : "undo");
	} else {
		n = nd_triage_undo(&t, g, redo, on_undone, u);
		nd_view_rebuild(&u->view, u->idx, nd_view_selected(&u->view));
		if (n < 0)
			ui_message(u, 1, "cannot write the journal: nothing "
				   "%s", redo ? "redone" : "undone");
		else if ((size_t)n < g->count)
			ui_message(u, 1, "%s %ld of %zu changes; the others "
				   "changed since ('newsdesk log')", redo
				   ? "redid" : "undid", n, g->count);
		else
			ui_message(u, 0, "%s %ld change%s", redo ? "redid"
				   : "undid", n, n == 1 ? "" : "s");
	}
	nd_triage_release(&t);
	nd_journal_release(&j);
}

static void triage_mode(struct ui *u)
{
	struct nd_err err;
	struct nd_query *q;
	char *text;

	if (u->triage) {
		u->triage = 0;
		memset(u->decided, 0, u->marks_cap);
		nd_view_set_limit(&u->view, u->saved_limit,
				  u->saved_limit_text);
		u->saved_limit = NULL;
		u->saved_limit_text = NULL;
		nd_view_rebuild(&u->view, u->idx, nd_view_selected(&u->view));
		ui_message(u, 0, "triage done: %zu decided", u->triage_done);
		return;
	}
	text = ui_prompt(u, "Triage: ", "published:no", NULL, NULL);
	if (text == NULL)
		return;
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad query at column %u: %s", err.col,
			   err.message);
		free(text);
		return;
	}
	/* Keep the old limit to put it back; the view takes the new one. */
	u->saved_limit = u->view.limit;
	u->saved_limit_text = u->view.limit_text;
	u->view.limit = NULL;
	u->view.limit_text = NULL;
	nd_view_set_limit(&u->view, q, q ? text : NULL);
	if (q == NULL)
		free(text);
	nd_view_rebuild(&u->view, u->idx, -1);
	nd_view_goto(&u->view, 0, (size_t)ui_list_height(u));
	memset(u->decided, 0, u->marks_cap);
	u->triage_done = 0;
	u->triage_left = u->view.count;
	u->triage = 1;
	ui_message(u, 0, "triage: p publish, P unpublish, +/- quality, d "
		   "reject, j skip; i leaves");
}

int ui_triage_action(struct ui *u, enum nd_action a)
{
	struct nd_decision d = { ND_SET_PUBLISHED, 1, NULL };

	switch (a) {
	case ND_ACT_PUBLISH:
		break;
	case ND_ACT_UNPUBLISH:
		d.num = 0;
		break;
	case ND_ACT_QUALITY_UP:
	case ND_ACT_QUALITY_DOWN:
		d.kind = ND_ADD_QUALITY;
		d.num = a == ND_ACT_QUALITY_UP ? QUALITY_STEP : -QUALITY_STEP;
		break;
	case ND_ACT_REJECT:
		d.kind = ND_REJECT;
		break;
	case ND_ACT_QUALITY_SET:
		prompt_decision(u, ND_SET_QUALITY, "Quality: ");
		return 1;
	case ND_ACT_TOPIC_ADD:
		prompt_decision(u, ND_ADD_TOPIC, "Add topic: ");
		return 1;
	case ND_ACT_TOPIC_REMOVE:
		prompt_decision(u, ND_REMOVE_TOPIC, "Remove topic: ");
		return 1;
	case ND_ACT_TAG:
		tag(u);
		return 1;
	case ND_ACT_TAG_QUERY:
		tag_query(u);
		return 1;
	case ND_ACT_TAG_PREFIX:
		u->tag_prefix = 1;
		ui_message(u, 0, "; next decision applies to %zu tagged",
			   u->ntagged);
		return 1;
	case ND_ACT_UNDO:
	case ND_ACT_REDO:
		undo(u, a == ND_ACT_REDO);
		return 1;
	case ND_ACT_TRIAGE:
		triage_mode(u);
		return 1;
	default:
		return 0;
	}
	decide(u, &d);
	return 1;
}
