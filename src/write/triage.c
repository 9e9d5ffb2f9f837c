#include "newsdesk/write/triage.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/model/article.h"
#include "newsdesk/write/edit.h"
#include "newsdesk/write/safewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int result(struct nd_result *r, enum nd_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int result(struct nd_result *r, enum nd_status s, const char *fmt, ...)
{
	va_list ap;

	r->status = s;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	return s == ND_FAILED ? -1 : 0;
}

/* A file that changed on disk under us is a conflict (the other write
 * wins and is kept), any other refusal a failure. */
static int refused(struct nd_result *r, const struct nd_err *err)
{
	return result(r, err->code == ND_SAFEWRITE_CHANGED ? ND_CONFLICT
							   : ND_FAILED,
		      "%s", err->message);
}

int nd_triage_init(struct nd_triage *t, const char *root, const char *journal)
{
	memset(t, 0, sizeof(*t));
	t->root = realpath(root, NULL);
	if (t->root == NULL)
		return -1;
	if (journal != NULL && (t->journal = nd_xstrdup(journal)) == NULL)
		return -1;
	return 0;
}

void nd_triage_release(struct nd_triage *t)
{
	free(t->root);
	free(t->journal);
	free(t->group);
	memset(t, 0, sizeof(*t));
}

void nd_triage_begin(struct nd_triage *t)
{
	free(t->group);
	t->group = nd_journal_new_group();
	t->done = 0;
}

void nd_triage_result_release(struct nd_result *r)
{
	free(r->new_path);
	r->new_path = NULL;
}

/* A copy of the file as it was, so undo can put back every byte. */
static char *snapshot(struct nd_triage *t, const struct nd_locked_file *f)
{
	static unsigned counter;
	struct nd_buf path = ND_BUF_INIT;
	char *dir = nd_journal_snapshot_dir(t->journal);
	FILE *fp;
	int ok;

	if (dir == NULL)
		return NULL;
	mkdir(dir, 0700);
	nd_buf_addf(&path, "%s/%s-%u", dir, t->group, counter++);
	free(dir);
	fp = fopen(path.data, "wx");
	ok = fp != NULL && fwrite(f->data, 1, f->len, fp) == f->len &&
	     fflush(fp) == 0 && fsync(fileno(fp)) == 0;
	if (fp != NULL && fclose(fp) != 0)
		ok = 0;
	if (!ok) {
		unlink(path.data);
		nd_buf_release(&path);
		return NULL;
	}
	return nd_buf_detach(&path, NULL);
}

/* The file was not changed after all (r says why): an F record withdraws
 * the change journalled. If even that cannot be written, the journal
 * lists a change that was not made (undo will find the file as it was
 * and leave it alone), and the message says so. */
static void withdraw(struct nd_triage *t, const char *path, const char *field,
		     struct nd_result *r)
{
	char why[sizeof(r->message)];
	struct nd_err err;

	if (t->journal == NULL ||
	    nd_journal_failed(t->journal, t->group, path, field, &err) == 0)
		return;
	memcpy(why, r->message, sizeof(why));
	result(r, r->status, "%s (and the journal still lists it: %s)", why,
	       err.message);
}

/* Journal first, then the file; a failed write withdraws the record.
 * what: the message of a change made ("published: false -> true"). */
static int commit(struct nd_triage *t, struct nd_locked_file *f,
		  const struct nd_change *proto, int snap,
		  const struct nd_buf *out, const char *what,
		  struct nd_result *r)
{
	struct nd_change c = *proto;
	char after[17];
	struct nd_err err;
	int rc;

	if (t->dry_run)
		return result(r, ND_DONE, "would change: %s (dry run)", what);
	c.path = f->path;
	c.snapshot = NULL;
	c.after = NULL;
	if (snap && t->journal != NULL) {
		c.snapshot = snapshot(t, f);
		nd_hash_hex(out->data, out->len, after);
		c.after = after;
	}
	rc = t->journal != NULL ? nd_journal_change(t->journal, t->group,
						    t->root, &c, &err) : 0;
	if (rc != 0 && c.snapshot != NULL)
		unlink(c.snapshot); /* no record names it */
	free(c.snapshot);
	if (rc != 0)
		return result(r, ND_FAILED, "%s; file not changed",
			      err.message);
	if (nd_safewrite_replace(f, out->data, out->len, &err) != 0) {
		refused(r, &err);
		withdraw(t, f->path, c.field, r);
		return -1;
	}
	t->done++;
	return result(r, ND_DONE, "%s", what);
}

static void value_of(const struct nd_locked_file *f, const char *field,
		     struct nd_buf *out)
{
	char *v = nd_edit_get(f->data, f->len, field);

	nd_buf_reset(out);
	if (v == NULL) {
		nd_buf_adds(out, "!");
	} else {
		nd_buf_addc(out, '=');
		nd_buf_adds(out, v);
	}
	free(v);
}

static int set_field(struct nd_triage *t, struct nd_locked_file *f,
		     const char *field, const char *text, struct nd_result *r)
{
	struct nd_buf out = ND_BUF_INIT, old = ND_BUF_INIT, new = ND_BUF_INIT;
	struct nd_buf what = ND_BUF_INIT;
	struct nd_err err;
	struct nd_change c;
	int rc;

	if (nd_edit_set(f->data, f->len, field, text, &out, &err) != 0) {
		nd_buf_release(&out);
		return result(r, ND_FAILED, "%s", err.message);
	}
	value_of(f, field, &old);
	nd_buf_addf(&new, "=%s", text);
	nd_buf_addf(&what, "%s: %s -> %s", field,
		    old.data[0] == '!' ? "(missing)" : old.data + 1, text);
	memset(&c, 0, sizeof(c));
	c.field = (char *)field;
	c.old = old.data;
	c.new = new.data;
	rc = commit(t, f, &c, 0, &out, what.data, r);
	nd_buf_release(&out);
	nd_buf_release(&old);
	nd_buf_release(&new);
	nd_buf_release(&what);
	return rc;
}

static int topic(struct nd_triage *t, struct nd_locked_file *f,
		 const char *name, int add, struct nd_result *r)
{
	struct nd_buf out = ND_BUF_INIT, new = ND_BUF_INIT, what = ND_BUF_INIT;
	struct nd_err err;
	struct nd_change c;
	int rc;

	if (nd_edit_topic(f->data, f->len, name, add, &out, &err) != 0) {
		nd_buf_release(&out);
		if (err.code == ND_EDIT_NOTHING_TO_DO)
			return result(r, ND_NOTHING, "%s", err.message);
		return result(r, ND_FAILED, "%s", err.message);
	}
	nd_buf_addf(&new, "=%s", name);
	nd_buf_addf(&what, "topic %s: %s", add ? "added" : "removed", name);
	memset(&c, 0, sizeof(c));
	c.field = (char *)(add ? "topics+" : "topics-");
	c.old = (char *)"!";
	c.new = new.data;
	rc = commit(t, f, &c, 1, &out, what.data, r);
	nd_buf_release(&out);
	nd_buf_release(&new);
	nd_buf_release(&what);
	return rc;
}

static const char *bool_word(long long v)
{
	return v ? "yes" : "no";
}

static int conflict(const struct nd_article *a, const struct nd_expect *e,
		    struct nd_result *r)
{
	if (e == NULL)
		return 0;
	if (e->check_published && a->published != e->published) {
		result(r, ND_CONFLICT, "published changed on disk (now %s); "
		       "not changed", a->published == -1 ? "missing"
		       : bool_word(a->published));
		return 1;
	}
	if (e->check_quality && a->quality != e->quality) {
		result(r, ND_CONFLICT, "quality changed on disk; not changed");
		return 1;
	}
	return 0;
}

static int decide(struct nd_triage *t, struct nd_locked_file *f,
		  const struct nd_article *a, const struct nd_decision *d,
		  struct nd_result *r)
{
	char text[32];
	long long q;

	switch (d->kind) {
	case ND_SET_PUBLISHED:
		if (a->published == (d->num != 0))
			return result(r, ND_NOTHING, "already %s",
				      d->num ? "published" : "unpublished");
		return set_field(t, f, "published", d->num ? "true" : "false",
				 r);
	case ND_SET_QUALITY:
	case ND_ADD_QUALITY:
		q = d->num;
		/* Checked arithmetic: a step or a value from a file may be
		 * anywhere in long long's range. */
		if (d->kind == ND_ADD_QUALITY && a->quality != ND_UNKNOWN &&
		    __builtin_add_overflow(q, a->quality, &q))
			q = d->num < 0 ? 0 : LLONG_MAX;
		if (q < 0)
			q = 0;
		if (q > ND_QUALITY_MAX)
			return result(r, ND_FAILED, "quality %lld is out of "
				      "range (0 to %d); not changed", q,
				      ND_QUALITY_MAX);
		if (q == a->quality)
			return result(r, ND_NOTHING, "quality is already %lld",
				      q);
		snprintf(text, sizeof(text), "%lld", q);
		return set_field(t, f, "quality", text, r);
	case ND_ADD_TOPIC:
	case ND_REMOVE_TOPIC:
		return topic(t, f, d->topic, d->kind == ND_ADD_TOPIC, r);
	default:
		return result(r, ND_FAILED, "unknown decision");
	}
}

static int parse_locked(const struct nd_locked_file *f, struct nd_article **a,
			struct nd_result *r)
{
	struct nd_diag d;
	char *copy = nd_xmalloc(f->len + 1);
	int rc;

	memcpy(copy, f->data, f->len + 1);
	nd_diag_init(&d);
	rc = nd_article_parse(f->path, copy, f->len, a, &d);
	if (rc != 0)
		result(r, ND_FAILED, "cannot parse: %s",
		       d.count ? d.items[0].message : "?");
	nd_diag_release(&d);
	return rc;
}

static int reject(struct nd_triage *t, const char *path, struct nd_result *r);

int nd_triage_apply(struct nd_triage *t, const char *path,
		    const struct nd_decision *d, const struct nd_expect *e,
		    struct nd_result *r)
{
	struct nd_locked_file f;
	struct nd_article *a = NULL;
	struct nd_err err;
	int rc;

	memset(r, 0, sizeof(*r));
	if (t->group == NULL)
		nd_triage_begin(t);
	if (d->kind == ND_REJECT)
		return reject(t, path, r);
	if (nd_safewrite_open(path, &f, &err) != 0)
		return refused(r, &err);
	if (parse_locked(&f, &a, r) != 0) {
		nd_safewrite_close(&f);
		return -1;
	}
	rc = conflict(a, e, r) ? 0 : decide(t, &f, a, d, r);
	nd_article_free(a);
	nd_safewrite_close(&f);
	return rc;
}

static int make_parents(const char *path)
{
	char *p = nd_xstrdup(path), *s;
	int r = 0;

	if (p == NULL)
		return -1;
	for (s = p + 1; r == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	free(p);
	return r;
}

static void sync_parent(const char *path)
{
	char *p = nd_xstrdup(path), *slash;
	int fd;

	if (p == NULL)
		return;
	slash = strrchr(p, '/');
	if (slash != NULL && slash != p)
		*slash = '\0';
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		nd_safewrite_io.fsync(fd);
		close(fd);
	}
	free(p);
}

/* Moves src to dst (never over an existing file), syncing both dirs. */
static int move(const char *src, const char *dst, struct nd_result *r)
{
	struct stat st;

	if (lstat(dst, &st) == 0)
		return result(r, ND_CONFLICT, "'%s' already exists; not moved",
			      dst);
	if (make_parents(dst) != 0)
		return result(r, ND_FAILED, "cannot create the folder for "
			      "'%s': %s", dst, strerror(errno));
	if (nd_safewrite_io.rename(src, dst) != 0)
		return result(r, ND_FAILED, "cannot move: %s", strerror(errno));
	sync_parent(src);
	sync_parent(dst);
	return result(r, ND_DONE, "moved");
}

static int reject(struct nd_triage *t, const char *path, struct nd_result *r)
{
	struct nd_buf dst = ND_BUF_INIT, old = ND_BUF_INIT, new = ND_BUF_INIT;
	struct nd_locked_file f;
	struct nd_change c;
	struct nd_err err;
	size_t rl = strlen(t->root);
	int rc = 0;

	if (nd_safewrite_open(path, &f, &err) != 0)
		return refused(r, &err);
	if (strncmp(f.path, t->root, rl) != 0 || f.path[rl] != '/') {
		nd_safewrite_close(&f);
		return result(r, ND_FAILED, "not inside '%s'", t->root);
	}
	nd_buf_addf(&dst, "%s/.rejected/%s", t->root, f.path + rl + 1);
	nd_buf_addf(&old, "=%s", f.path);
	nd_buf_addf(&new, "=%s", dst.data);
	memset(&c, 0, sizeof(c));
	c.path = f.path;
	c.field = (char *)".path";
	c.old = old.data;
	c.new = new.data;
	if (t->dry_run) {
		result(r, ND_DONE, "would move to %s (dry run)", dst.data);
	} else if (t->journal != NULL &&
		   nd_journal_change(t->journal, t->group, t->root, &c, &err) != 0) {
		rc = result(r, ND_FAILED, "%s; not moved", err.message);
	} else if (move(f.path, dst.data, r) == 0 && r->status == ND_DONE) {
		t->done++;
		r->new_path = nd_buf_detach(&dst, NULL);
	} else {
		withdraw(t, f.path, ".path", r);
	}
	nd_safewrite_close(&f);
	nd_buf_release(&dst);
	nd_buf_release(&old);
	nd_buf_release(&new);
	return rc;
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
		refused(r, &err);
		return;
	}
	value_of(&f, c->field, &now);
	if (strcmp(now.data, from) != 0) {
		result(r, ND_CONFLICT, "%s changed since (now %s); left alone",
		       c->field, now.data[0] == '!' ? "missing" : now.data + 1);
	} else {
		rc = to[0] == '!'
			     ? nd_edit_remove(f.data, f.len, c->field, &out, &ee)
			     : nd_edit_set(f.data, f.len, c->field, to + 1, &out,
					   &ee);
		if (rc != 0)
			result(r, ND_FAILED, "%s", ee.message);
		else if (nd_safewrite_replace(&f, out.data, out.len, &err) != 0)
			refused(r, &err);
		else
			result(r, ND_DONE, "%s set back", c->field);
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
		refused(r, &err);
	else
		result(r, ND_DONE, "restored as it was");
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
		refused(r, &err);
		return;
	}
	if (!redo && restore_snapshot(c, &f, r)) {
		nd_safewrite_close(&f);
		return;
	}
	if (nd_edit_topic(f.data, f.len, c->new + 1, add, &out, &ee) != 0)
		result(r, ee.code == ND_EDIT_NOTHING_TO_DO ? ND_CONFLICT
							     : ND_FAILED,
		       "%s; left alone", ee.message);
	else if (nd_safewrite_replace(&f, out.data, out.len, &err))
		refused(r, &err);
	else
		result(r, ND_DONE, "topic %s", add ? "added" : "removed");
	nd_safewrite_close(&f);
	nd_buf_release(&out);
}

static void revert(const struct nd_change *c, int redo, struct nd_result *r)
{
	const char *from = redo ? c->old : c->new;
	const char *to = redo ? c->new : c->old;

	memset(r, 0, sizeof(*r));
	if (strcmp(c->field, ".path") == 0) {
		if (access(from + 1, F_OK) != 0)
			result(r, ND_CONFLICT, "'%s' is gone; not moved",
			       from + 1);
		else
			move(from + 1, to + 1, r);
	} else if (strcmp(c->field, "topics+") == 0 ||
		   strcmp(c->field, "topics-") == 0) {
		revert_topic(c, (strcmp(c->field, "topics+") == 0) == redo,
			     redo, r);
	} else {
		revert_field(c, from, to, r);
	}
}

long nd_triage_undo(struct nd_triage *t, const struct nd_group *g, int redo,
		    nd_report_fn report, void *ctx)
{
	struct nd_result r;
	struct nd_err err;
	size_t k;
	long done = 0;

	/* Written down first, as every change is: when it cannot be, no file
	 * is touched. */
	if (t->journal != NULL &&
	    nd_journal_mark(t->journal, redo ? 'R' : 'U', g->id, &err) != 0) {
		memset(&r, 0, sizeof(r));
		result(&r, ND_FAILED, "%s; nothing %s", err.message,
		       redo ? "redone" : "undone");
		if (report != NULL)
			report(ctx, t->journal, &r);
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
		if (r.status == ND_DONE)
			done++;
		if (report != NULL)
			report(ctx, where, &r);
	}
	return done;
}

int nd_triage_parse(const char *s, struct nd_decision *d, struct nd_err *err)
{
	const char *v;
	char *end;

	memset(d, 0, sizeof(*d));
	if (strcmp(s, "published=true") == 0 || strcmp(s, "published=yes") == 0)
		d->kind = ND_SET_PUBLISHED, d->num = 1;
	else if (strcmp(s, "published=false") == 0 ||
		 strcmp(s, "published=no") == 0)
		d->kind = ND_SET_PUBLISHED, d->num = 0;
	else if ((v = nd_skip_prefix(s, "quality+=")) != NULL ||
		 (v = nd_skip_prefix(s, "quality-=")) != NULL) {
		d->kind = ND_ADD_QUALITY;
		d->num = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || d->num < -ND_QUALITY_MAX ||
		    d->num > ND_QUALITY_MAX)
			goto bad;
		if (v[-2] == '-') /* the sign of "-=" */
			d->num = -d->num;
	} else if ((v = nd_skip_prefix(s, "quality=")) != NULL) {
		d->kind = ND_SET_QUALITY;
		d->num = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || d->num < 0 ||
		    d->num > ND_QUALITY_MAX)
			goto bad;
	} else if ((v = nd_skip_prefix(s, "topic+=")) != NULL && *v != '\0') {
		d->kind = ND_ADD_TOPIC, d->topic = v;
	} else if ((v = nd_skip_prefix(s, "topic-=")) != NULL && *v != '\0') {
		d->kind = ND_REMOVE_TOPIC, d->topic = v;
	} else {
		goto bad;
	}
	return 0;
bad:
	nd_err_set(err, "cannot read '%s' (published=true|false, "
		   "quality=N, quality+=N, quality-=N with N from 0 to %d, "
		   "topic+=X, topic-=X)", s, ND_QUALITY_MAX);
	return -1;
}

void nd_triage_describe(const struct nd_decision *d, char *out, size_t cap)
{
	switch (d->kind) {
	case ND_SET_PUBLISHED:
		snprintf(out, cap, "%s", d->num ? "publish" : "unpublish");
		break;
	case ND_SET_QUALITY:
		snprintf(out, cap, "quality %lld", d->num);
		break;
	case ND_ADD_QUALITY:
		snprintf(out, cap, "quality %+lld", d->num);
		break;
	case ND_ADD_TOPIC:
		snprintf(out, cap, "add topic '%s'", d->topic);
		break;
	case ND_REMOVE_TOPIC:
		snprintf(out, cap, "remove topic '%s'", d->topic);
		break;
	default:
		snprintf(out, cap, "reject");
	}
}
