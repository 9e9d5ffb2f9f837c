/* Undo and redo of a journal group, and the words for one change, shared
 * by the decision messages, undo and the log. */
#include "newsdesk/write/triage.h"

#include "triage_int.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/model/article.h"
#include "newsdesk/write/edit.h"
#include "newsdesk/write/safewrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A journal value ("=true", "!") as a reader says it. */
static const char *value_word(const char *v)
{
	if (v[0] == '!')
		return "(missing)";
	if (strcmp(v, "=true") == 0)
		return "yes";
	if (strcmp(v, "=false") == 0)
		return "no";
	return v + 1;
}

void nd_change_describe(const struct nd_change *c, int reverse, char *out,
			size_t cap)
{
	const char *from = reverse ? c->new : c->old;
	const char *to = reverse ? c->old : c->new;
	int plus = strcmp(c->field, "topics+") == 0;

	if (strcmp(c->field, ".path") == 0)
		snprintf(out, cap, "%s", tr_rejected_part(to + 1) != NULL
			 ? "rejected (moved to .rejected/)"
			 : "unrejected (back from .rejected/)");
	else if (plus || strcmp(c->field, "topics-") == 0)
		snprintf(out, cap, "topic %s %s", c->new + 1,
			 plus != reverse ? "added" : "removed");
	else
		snprintf(out, cap, "%s %s -> %s", c->field, value_word(from),
			 value_word(to));
}

/* Appends ', "Title"' of the file at path, cut to a line's worth at a
 * character boundary; nothing when it has none or cannot be read. */
static void add_title(struct nd_result *r, const char *path)
{
	struct nd_article *a = NULL;
	struct nd_diag d;
	size_t used = strlen(r->message), n, room = 60;

	nd_diag_init(&d);
	if (nd_article_load(path, &a, &d) == 0 && a->title.s != NULL &&
	    used + room + 8 < sizeof(r->message)) {
		n = a->title.len;
		if (n > room) {
			n = room;
			while (n > 0 && (a->title.s[n] & 0xC0) == 0x80)
				n--; /* not inside a UTF-8 sequence */
		}
		snprintf(r->message + used, sizeof(r->message) - used,
			 ", \"%.*s%s\"", (int)n, a->title.s,
			 n < a->title.len ? "\xe2\x80\xa6" : "");
	}
	nd_article_free(a);
	nd_diag_release(&d);
}

/* Puts a field back to text ("=x") or removes it ("!"), if the file still
 * holds what the change left there. */
static void revert_field(const struct nd_change *c, const char *from,
			 const char *to, struct nd_result *r)
{
	struct nd_buf out = ND_BUF_INIT, now = ND_BUF_INIT;
	struct nd_locked_file f;
	struct nd_err ee;
	struct nd_err err;
	int rc;

	if (nd_safewrite_open(c->path, &f, &err) != 0) {
		tr_refused(r, &err);
		return;
	}
	tr_value_of(&f, c->field, &now);
	if (strcmp(now.data, from) != 0) {
		tr_result(r, ND_CONFLICT, "%s changed since (now %s); left "
			  "alone", c->field, value_word(now.data));
	} else {
		rc = to[0] == '!'
			     ? nd_edit_remove(f.data, f.len, c->field, &out, &ee)
			     : nd_edit_set(f.data, f.len, c->field, to + 1, &out,
					   &ee);
		if (rc != 0)
			tr_result(r, ND_FAILED, "%s", ee.message);
		else if (nd_safewrite_replace(&f, out.data, out.len, &err) != 0)
			tr_refused(r, &err);
		else
			tr_result(r, ND_DONE, "done");
	}
	nd_safewrite_close(&f);
	nd_buf_release(&out);
	nd_buf_release(&now);
}

/* Undo of a topic edit: the snapshot when the file is as the change left
 * it (every byte back), else the topic itself. */
static int restore_snapshot(const struct nd_change *c, struct nd_locked_file *f,
			    struct nd_result *r)
{
	struct nd_err cause;
	char now[17], *old;
	struct nd_err err;
	size_t len;
	int rc;

	if (c->snapshot == NULL || strcmp(c->snapshot, "-") == 0)
		return 0;
	nd_hash_hex(f->data, f->len, now);
	if (strcmp(now, c->after) != 0 ||
	    nd_read_file(c->snapshot, ND_MAX_FILE_BYTES, &old, &len,
			 &cause) != 0)
		return 0;
	rc = nd_safewrite_replace(f, old, len, &err);
	free(old);
	if (rc != 0)
		tr_refused(r, &err);
	else
		tr_result(r, ND_DONE, "restored as it was");
	return 1;
}

static void revert_topic(const struct nd_change *c, int add, int redo,
			 struct nd_result *r)
{
	struct nd_buf out = ND_BUF_INIT;
	struct nd_locked_file f;
	struct nd_err ee;
	struct nd_err err;

	if (nd_safewrite_open(c->path, &f, &err) != 0) {
		tr_refused(r, &err);
		return;
	}
	if (!redo && restore_snapshot(c, &f, r)) {
		nd_safewrite_close(&f);
		return;
	}
	if (nd_edit_topic(f.data, f.len, c->new + 1, add, &out, &ee) != 0)
		tr_result(r, ee.code == ND_EDIT_NOTHING_TO_DO ? ND_CONFLICT
							      : ND_FAILED,
			  "%s; left alone", ee.message);
	else if (nd_safewrite_replace(&f, out.data, out.len, &err))
		tr_refused(r, &err);
	else
		tr_result(r, ND_DONE, "topic %s", add ? "added" : "removed");
	nd_safewrite_close(&f);
	nd_buf_release(&out);
}

/* Reverses (redoes) one change; a change made gets its words and the
 * article's title as the message. */
static void revert(const struct nd_change *c, int redo, struct nd_result *r)
{
	const char *from = redo ? c->old : c->new;
	const char *to = redo ? c->new : c->old;
	int moved = strcmp(c->field, ".path") == 0;

	memset(r, 0, sizeof(*r));
	if (moved) {
		if (access(from + 1, F_OK) != 0)
			tr_result(r, ND_CONFLICT, "'%s' is gone; not moved",
				  from + 1);
		else
			tr_move(from + 1, to + 1, r);
	} else if (strcmp(c->field, "topics+") == 0 ||
		   strcmp(c->field, "topics-") == 0) {
		revert_topic(c, (strcmp(c->field, "topics+") == 0) == redo,
			     redo, r);
	} else {
		revert_field(c, from, to, r);
	}
	if (r->status != ND_DONE)
		return;
	if (moved)
		r->new_path = nd_xstrdup(to + 1);
	nd_change_describe(c, !redo, r->message, sizeof(r->message));
	add_title(r, moved ? to + 1 : c->path);
}

/* The one line for the whole group: one change in full, many counted. */
static void summarise(struct nd_undo_outcome *o, const struct nd_group *g,
		      int redo, const char *first)
{
	const char *verb = redo ? "redid" : "undid";
	size_t n = sizeof(o->message), at;

	if (o->done == 1)
		snprintf(o->message, n, "%s: %s", verb, first);
	else if (o->done > 1)
		snprintf(o->message, n, "%s %ld changes (first: %s)", verb,
			 o->done, first);
	else
		snprintf(o->message, n, "nothing %s", redo ? "redone"
							   : "undone");
	at = strlen(o->message);
	if (o->left > 0 && at < n)
		snprintf(o->message + at, n - at, "; %zu of %zu left alone "
			 "(changed since: 'newsdesk log')", o->left, g->count);
}

static void note_path(struct nd_undo_outcome *o, const char *where)
{
	o->paths = nd_xrealloc(o->paths, (o->npaths + 1) * sizeof(*o->paths));
	o->paths[o->npaths++] = nd_xstrdup(where);
}

/* Written down first, as every change is: when it cannot be, no file is
 * touched. */
static int mark(struct nd_triage *t, const struct nd_group *g, int redo,
		nd_report_fn report, void *ctx, struct nd_undo_outcome *o)
{
	struct nd_result r;
	struct nd_err err;

	if (t->journal == NULL ||
	    nd_journal_mark(t->journal, redo ? 'R' : 'U', g->id, &err) == 0)
		return 0;
	memset(&r, 0, sizeof(r));
	tr_result(&r, ND_FAILED, "%s; nothing %s", err.message,
		  redo ? "redone" : "undone");
	if (report != NULL)
		report(ctx, t->journal, &r);
	if (o != NULL) {
		o->done = -1;
		snprintf(o->message, sizeof(o->message), "%s", r.message);
	}
	return -1;
}

long nd_triage_revert(struct nd_triage *t, const struct nd_group *g, int redo,
		      nd_report_fn report, void *ctx,
		      struct nd_undo_outcome *o)
{
	struct nd_undo_outcome local;
	char first[sizeof(((struct nd_result *)0)->message)] = "";
	struct nd_result r;
	size_t k;

	memset(&local, 0, sizeof(local));
	if (o == NULL)
		o = &local;
	memset(o, 0, sizeof(*o));
	if (mark(t, g, redo, report, ctx, o) != 0) {
		nd_undo_outcome_release(&local);
		return -1;
	}
	for (k = 0; k < g->count; k++) {
		/* Undo walks back, redo forward. */
		const struct nd_change *c = &g->changes[redo ? k
							      : g->count - 1 - k];
		const char *where = strcmp(c->field, ".path") == 0
					    ? (redo ? c->new : c->old) + 1
					    : c->path;

		revert(c, redo, &r);
		if (r.status == ND_DONE) {
			if (o->done++ == 0)
				memcpy(first, r.message, sizeof(first));
			note_path(o, where);
		} else {
			o->left++;
		}
		if (report != NULL)
			report(ctx, where, &r);
		nd_triage_result_release(&r);
	}
	summarise(o, g, redo, first);
	k = (size_t)o->done;
	nd_undo_outcome_release(&local);
	return (long)k;
}

long nd_triage_undo(struct nd_triage *t, const struct nd_group *g, int redo,
		    nd_report_fn report, void *ctx)
{
	return nd_triage_revert(t, g, redo, report, ctx, NULL);
}

void nd_undo_outcome_release(struct nd_undo_outcome *o)
{
	size_t i;

	for (i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->paths);
	o->paths = NULL;
	o->npaths = 0;
}
