/* The desk's decisions: publish, quality, topics, reject, on one article
 * or on every tagged one; tags; undo and redo; triage mode. Writing goes
 * through the triage module, the same code as 'newsdesk set'. A decision
 * on many tagged articles runs in slices from the loop (ui_bulk_step),
 * shows its progress and stops on Esc: what was done stays done, as one
 * journal group, so one undo takes it back. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/write/journal.h"
#include "newsdesk/write/triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUALITY_STEP 5
/* One slice of a bulk decision: keys are read between two slices. */
#define SLICE_MS 40

struct outcome {
	size_t done, nothing, conflicts, failed;
	char first_error[300];
};

struct ui_bulk {
	struct nd_triage t;
	struct nd_decision d;
	char *topic;
	char what[96];
	size_t next_id, seen, total;
	struct outcome o;
	int stopped;
};

void ui_triage_release(struct ui *u)
{
	free(u->journal);
	free(u->pending.topic);
}

/* The file of article id was written: read it again into the index. */
static void reread(struct ui *u, size_t id)
{
	struct nd_article *a = NULL;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_article_load(nd_index_get(u->st.idx, id)->path, &a, &d) == 0)
		nd_index_update(u->st.idx, id, a);
	else
		nd_index_update(u->st.idx, id, NULL); /* gone: rejected */
	nd_article_free(a);
	nd_diag_release(&d);
	if ((long)id == u->art_id)
		u->art_id = -2; /* parse it again for the detail pane */
}

static void refresh_path(struct ui *u, const char *path)
{
	long id = nd_index_find_path(u->st.idx, path);

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
	const struct nd_summary *s = nd_index_get(u->st.idx, id);
	struct nd_view *v = &u->st.view;
	struct nd_expect e;
	struct nd_result r;
	int was = s->published == 1;
	long row;

	expect_of(s, &e);
	nd_triage_apply(t, s->path, d, &e, &r);
	count(o, &r);
	if (r.status == ND_DONE) {
		reread(u, id);
		s = nd_index_get(u->st.idx, id);
		/* keep the header's count without walking the view */
		if (was != (s->published == 1) && !s->removed)
			v->unpublished += was ? 1 : (size_t)-1;
		if (u->st.triage && !u->st.decided[id]) {
			u->st.decided[id] = 1;
			u->st.triage_done++;
			if (u->st.triage_left > 0)
				u->st.triage_left--;
		}
		row = nd_view_row_of(v, (uint32_t)id);
		if (d->kind == ND_REJECT && row >= 0)
			nd_view_remove_row(v, (size_t)row, u->st.idx);
	}
	nd_triage_result_release(&r);
}

static void report(struct ui *u, const struct outcome *o, const char *what,
		   size_t n, int stopped)
{
	if (o->conflicts || o->failed)
		ui_message(u, 1, "%s: %zu changed, %zu failed or in conflict: "
			   "%s", what, o->done, o->conflicts + o->failed,
			   o->first_error);
	else if (stopped)
		ui_message(u, 0, "%s: stopped after %zu of %zu, %zu changed "
			   "(u undoes them)", what, o->done + o->nothing, n,
			   o->done);
	else if (n == 1 && o->done == 0)
		ui_message(u, 0, "%s: nothing to do", what);
	else if (o->done == 0)
		ui_message(u, 0, "%s: nothing to do, all %zu already so", what,
			   o->nothing);
	else
		ui_message(u, 0, "%s: %zu changed%s (u undoes)", what, o->done,
			   o->nothing ? ", the rest already so" : "");
}

int ui_bulk_running(const struct ui *u)
{
	return u->bulk != NULL;
}

/* 12345 -> "12,345": progress over 100,000 articles is read at a glance. */
static const char *grouped(size_t n, char out[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%zu", n), i, o = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

void ui_bulk_status(struct ui *u, char *out, size_t cap)
{
	const struct ui_bulk *b = u->bulk;
	char seen[32], total[32];

	snprintf(out, cap, "%s: %s / %s  (Esc stops; what is done stays, "
		 "u undoes it)", b->what, grouped(b->seen, seen),
		 grouped(b->total, total));
}

static void bulk_end(struct ui *u)
{
	struct ui_bulk *b = u->bulk;

	nd_triage_release(&b->t);
	nd_desk_tags_prune(&u->st);
	report(u, &b->o, b->what, b->total, b->stopped);
	free(b->topic);
	free(b);
	u->bulk = NULL;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000 +
	       (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* One slice: tagged articles in id order until SLICE_MS have gone. */
int ui_bulk_step(struct ui *u)
{
	struct ui_bulk *b = u->bulk;
	const struct nd_index *idx = u->st.idx;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (b->next_id < idx->count && elapsed_ms(&t0) < SLICE_MS) {
		size_t id = b->next_id++;

		if (u->st.tagged[id] && !idx->items[id].removed) {
			decide_one(u, &b->t, id, &b->d, &b->o);
			b->seen++;
		}
	}
	if (b->next_id >= idx->count)
		bulk_end(u);
	return RE_RESELECT | RE_DOC;
}

void ui_bulk_stop(struct ui *u)
{
	if (u->bulk == NULL)
		return;
	u->bulk->stopped = 1;
	bulk_end(u);
}

static void bulk_start(struct ui *u, const struct nd_decision *d)
{
	struct ui_bulk *b = nd_xcalloc(1, sizeof(*b));

	if (nd_triage_init(&b->t, u->dir, u->journal) != 0) {
		ui_message(u, 1, "cannot open '%s' for writing", u->dir);
		free(b);
		return;
	}
	nd_triage_begin(&b->t); /* one group: one undo takes it all back */
	b->d = *d;
	b->topic = d->topic ? nd_xstrdup(d->topic) : NULL;
	b->d.topic = b->topic;
	b->total = u->st.ntagged;
	nd_triage_describe(d, b->what, sizeof(b->what));
	u->bulk = b;
}

static void decide_selected(struct ui *u, const struct nd_decision *d)
{
	long sel = nd_view_selected(&u->st.view);
	struct nd_triage t;
	struct outcome o;
	char what[96];

	if (sel < 0)
		return;
	memset(&o, 0, sizeof(o));
	nd_triage_describe(d, what, sizeof(what));
	if (nd_triage_init(&t, u->dir, u->journal) != 0) {
		ui_message(u, 1, "cannot open '%s' for writing", u->dir);
		return;
	}
	nd_triage_begin(&t);
	decide_one(u, &t, (size_t)sel, d, &o);
	nd_triage_release(&t);
	nd_desk_tags_prune(&u->st);
	report(u, &o, what, 1, 0);
	/* Triage mode moves on to the next article after a decision. */
	if (u->st.triage && o.done + o.nothing > 0 && d->kind != ND_REJECT)
		nd_view_move(&u->st.view, 1, (size_t)ui_list_height(u));
}

static struct nd_decision pending_decision(const struct ui *u)
{
	struct nd_decision d;

	d.kind = (enum nd_dkind)u->pending.kind;
	d.num = u->pending.num;
	d.topic = u->pending.topic;
	return d;
}

static void confirmed(struct ui *u, int key)
{
	struct nd_decision d = pending_decision(u);

	if (key == 'y' || key == 'Y')
		bulk_start(u, &d);
	else if (key >= 0)
		ui_message(u, 0, "nothing changed");
}

/* The decision in u->pending, on the selection or on the tags. */
static void decide(struct ui *u)
{
	struct nd_decision d = pending_decision(u);
	char what[96], q[160];

	if (!u->pending.bulk) {
		decide_selected(u, &d);
		return;
	}
	if (u->st.ntagged == 0) {
		ui_message(u, 1, "no tagged articles (t tags, T tags by query)");
		return;
	}
	if (u->st.ntagged == 1) {
		bulk_start(u, &d);
		return;
	}
	nd_triage_describe(&d, what, sizeof(what));
	snprintf(q, sizeof(q), "%s: change %zu files? (y/n) ", what,
		 u->st.ntagged);
	ui_menu_start(u, q, confirmed);
}

static void set_pending(struct ui *u, enum nd_dkind kind, long long num,
			const char *topic)
{
	u->pending.kind = (int)kind;
	u->pending.num = num;
	free(u->pending.topic);
	u->pending.topic = topic ? nd_xstrdup(topic) : NULL;
	u->pending.bulk = u->tag_prefix;
	u->tag_prefix = 0;
}

static void decision_text(struct ui *u, const char *text)
{
	char *end;
	long long n;

	if (text == NULL || text[0] == '\0')
		return;
	if (u->pending.kind == ND_SET_QUALITY) {
		n = strtoll(text, &end, 10);
		if (*end != '\0' || n < 0 || end == text) {
			ui_message(u, 1, "quality is a whole number, 0 or more");
			return;
		}
		u->pending.num = n;
	} else {
		free(u->pending.topic);
		u->pending.topic = nd_xstrdup(text);
	}
	decide(u);
}

static void prompt_decision(struct ui *u, enum nd_dkind kind,
			    const char *label, const char *arg)
{
	set_pending(u, kind, 0, NULL);
	if (arg != NULL) {
		decision_text(u, arg);
		return;
	}
	ui_prompt_start(u, kind == ND_SET_QUALITY ? "quality" : "topic", label,
			NULL, kind == ND_SET_QUALITY ? COMPLETE_NONE
						     : COMPLETE_TOPIC,
			NULL, decision_text);
}

static void tag(struct ui *u)
{
	long id = nd_view_selected(&u->st.view);

	if (id < 0)
		return;
	nd_desk_tag(&u->st, (size_t)id);
	nd_view_move(&u->st.view, 1, (size_t)ui_list_height(u));
}

static void tag_query_done(struct ui *u, const char *text)
{
	const struct nd_view *v = &u->st.view;
	struct nd_err err;
	struct nd_query *q;
	size_t i, n = 0;

	if (text == NULL)
		return;
	if (text[0] == '\0') {
		nd_desk_untag_all(&u->st);
		ui_message(u, 0, "all tags cleared");
		return;
	}
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad query at column %u: %s", err.col,
			   err.message);
		return;
	}
	for (i = 0; i < v->count; i++) {
		if (!u->st.tagged[v->ids[i]] &&
		    nd_query_match(q, u->st.idx, v->ids[i])) {
			nd_desk_tag(&u->st, v->ids[i]);
			n++;
		}
	}
	nd_query_free(q);
	ui_message(u, 0, "%zu more tagged, %zu in all (; then a decision "
		   "applies to them)", n, u->st.ntagged);
}

static void on_undone(void *ctx, const char *path, const struct nd_result *r)
{
	struct ui *u = ctx;

	if (r->status == ND_DONE)
		refresh_path(u, path);
}

static void undo_group(struct ui *u, struct nd_triage *t,
		       const struct nd_group *g, int redo)
{
	long n = nd_triage_undo(t, g, redo, on_undone, u);

	nd_view_rebuild(&u->st.view, u->st.idx,
			nd_view_selected(&u->st.view));
	nd_desk_tags_prune(&u->st);
	if (n < 0)
		ui_message(u, 1, "cannot write the journal: nothing %s",
			   redo ? "redone" : "undone");
	else if ((size_t)n < g->count)
		ui_message(u, 1, "%s %ld of %zu changes; the others changed "
			   "since ('newsdesk log')", redo ? "redid" : "undid",
			   n, g->count);
	else
		ui_message(u, 0, "%s %ld change%s", redo ? "redid" : "undid", n,
			   n == 1 ? "" : "s");
}

static void undo(struct ui *u, int redo)
{
	const struct nd_group *g;
	struct nd_journal j;
	struct nd_triage t;
	struct nd_diag d;

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
	if (g == NULL)
		ui_message(u, 1, "nothing to %s", redo ? "redo" : "undo");
	else
		undo_group(u, &t, g, redo);
	nd_triage_release(&t);
	nd_journal_release(&j);
}

static void triage_leave(struct ui *u)
{
	struct nd_desk_state *st = &u->st;

	st->triage = 0;
	memset(st->decided, 0, st->marks_cap);
	nd_view_set_limit(&st->view, st->saved_limit, st->saved_limit_text);
	st->saved_limit = NULL;
	st->saved_limit_text = NULL;
	nd_view_rebuild(&st->view, st->idx, nd_view_selected(&st->view));
	ui_message(u, 0, "triage done: %zu decided", st->triage_done);
}

static void triage_done(struct ui *u, const char *text)
{
	struct nd_desk_state *st = &u->st;
	struct nd_err err;
	struct nd_query *q;

	if (text == NULL)
		return;
	if (text[0] == '\0')
		text = "published:no"; /* the hint: what triage is for */
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad query at column %u: %s", err.col,
			   err.message);
		return;
	}
	/* Keep the old limit to put it back; the view takes the new one. */
	st->saved_limit = st->view.limit;
	st->saved_limit_text = st->view.limit_text;
	st->view.limit = NULL;
	st->view.limit_text = NULL;
	nd_view_set_limit(&st->view, q, q ? nd_xstrdup(text) : NULL);
	nd_view_rebuild(&st->view, st->idx, -1);
	nd_view_goto(&st->view, 0, (size_t)ui_list_height(u));
	memset(st->decided, 0, st->marks_cap);
	st->triage_done = 0;
	st->triage_left = st->view.count;
	st->triage = 1;
	ui_message(u, 0, "triage: p publish, P unpublish, +/- quality, d "
		   "reject, j skip; i leaves");
}

static void triage_mode(struct ui *u, const char *arg)
{
	if (u->st.triage)
		triage_leave(u);
	else if (arg != NULL)
		triage_done(u, arg);
	else
		ui_prompt_start(u, "triage", "Triage: ",
				"published:no", COMPLETE_QUERY, NULL,
				triage_done);
}

static int simple_decision(struct ui *u, enum nd_action a)
{
	switch (a) {
	case ND_ACT_PUBLISH:
		set_pending(u, ND_SET_PUBLISHED, 1, NULL);
		break;
	case ND_ACT_UNPUBLISH:
		set_pending(u, ND_SET_PUBLISHED, 0, NULL);
		break;
	case ND_ACT_QUALITY_UP:
	case ND_ACT_QUALITY_DOWN:
		set_pending(u, ND_ADD_QUALITY, a == ND_ACT_QUALITY_UP
				? QUALITY_STEP : -QUALITY_STEP, NULL);
		break;
	case ND_ACT_REJECT:
		set_pending(u, ND_REJECT, 0, NULL);
		break;
	default:
		return 0;
	}
	decide(u);
	return 1;
}

int ui_triage_action(struct ui *u, enum nd_action a, const char *arg)
{
	if (simple_decision(u, a))
		return 1;
	switch (a) {
	case ND_ACT_QUALITY_SET:
		prompt_decision(u, ND_SET_QUALITY, "Quality: ", arg);
		return 1;
	case ND_ACT_TOPIC_ADD:
		prompt_decision(u, ND_ADD_TOPIC, "Add topic: ", arg);
		return 1;
	case ND_ACT_TOPIC_REMOVE:
		prompt_decision(u, ND_REMOVE_TOPIC, "Remove topic: ", arg);
		return 1;
	case ND_ACT_TAG:
		tag(u);
		return 1;
	case ND_ACT_TAG_QUERY:
		if (arg != NULL)
			tag_query_done(u, arg);
		else
			ui_prompt_start(u, "tag", "Tag matching: ", NULL,
					COMPLETE_QUERY, NULL, tag_query_done);
		return 1;
	case ND_ACT_TAG_PREFIX:
		u->tag_prefix = 1;
		ui_message(u, 0, "; next decision applies to %zu tagged",
			   u->st.ntagged);
		return 1;
	case ND_ACT_UNDO:
	case ND_ACT_REDO:
		undo(u, a == ND_ACT_REDO);
		return 1;
	case ND_ACT_TRIAGE:
		triage_mode(u, arg);
		return 1;
	default:
		return 0;
	}
}
