#include "newsdesk/write/triage.h"

#include "triage_int.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/str.h"
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

int tr_result(struct nd_result *r, enum nd_status s, const char *fmt, ...)
{
	va_list ap;

	r->status = s;
	r->reread = s == ND_DONE || s == ND_CONFLICT;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	return s == ND_FAILED ? -1 : 0;
}

int tr_refused(struct nd_result *r, const struct nd_err *err)
{
	return tr_result(r, err->code == ND_SAFEWRITE_CHANGED ? ND_CONFLICT
							      : ND_FAILED,
			 "%s", err->message);
}

/* A dry run changes nothing: the caller has nothing to read again. */
static int dry(struct nd_result *r, const char *what)
{
	tr_result(r, ND_DONE, "%s", what);
	r->reread = 0;
	return 0;
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
	tr_result(r, r->status, "%s (and the journal still lists it: %s)", why,
	       err.message);
}

/* Journal first, then the file; a failed write withdraws the record.
 * what: the message of a change made ("published no -> yes"). */
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
		return dry(r, what);
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
		return tr_result(r, ND_FAILED, "%s; file not changed",
				 err.message);
	if (nd_safewrite_replace(f, out->data, out->len, &err) != 0) {
		tr_refused(r, &err);
		withdraw(t, f->path, c.field, r);
		return -1;
	}
	t->done++;
	return tr_result(r, ND_DONE, "%s", what);
}

void tr_value_of(const struct nd_locked_file *f, const char *field,
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
	char what[200];
	struct nd_err err;
	struct nd_change c;
	int rc;

	if (nd_edit_set(f->data, f->len, field, text, &out, &err) != 0) {
		nd_buf_release(&out);
		return tr_result(r, ND_FAILED, "%s", err.message);
	}
	tr_value_of(f, field, &old);
	nd_buf_addf(&new, "=%s", text);
	memset(&c, 0, sizeof(c));
	c.field = (char *)field;
	c.old = old.data;
	c.new = new.data;
	nd_change_describe(&c, 0, what, sizeof(what));
	rc = commit(t, f, &c, 0, &out, what, r);
	nd_buf_release(&out);
	nd_buf_release(&old);
	nd_buf_release(&new);
	return rc;
}

static int topic(struct nd_triage *t, struct nd_locked_file *f,
		 const char *name, int add, struct nd_result *r)
{
	struct nd_buf out = ND_BUF_INIT, new = ND_BUF_INIT;
	char what[200];
	struct nd_err err;
	struct nd_change c;
	int rc;

	if (nd_edit_topic(f->data, f->len, name, add, &out, &err) != 0) {
		nd_buf_release(&out);
		if (err.code == ND_EDIT_NOTHING_TO_DO)
			return tr_result(r, ND_NOTHING, "%s", err.message);
		return tr_result(r, ND_FAILED, "%s", err.message);
	}
	nd_buf_addf(&new, "=%s", name);
	memset(&c, 0, sizeof(c));
	c.field = (char *)(add ? "topics+" : "topics-");
	c.old = (char *)"!";
	c.new = new.data;
	nd_change_describe(&c, 0, what, sizeof(what));
	rc = commit(t, f, &c, 1, &out, what, r);
	nd_buf_release(&out);
	nd_buf_release(&new);
	return rc;
}

static const char *num_word(long long v, char *buf, size_t cap)
{
	if (v == ND_UNKNOWN)
		return "missing";
	snprintf(buf, cap, "%lld", v);
	return buf;
}

/* Only the field the decision changes is compared with what the caller
 * saw: a change to another field on disk is kept, and is no conflict. */
static int conflict(const struct nd_article *a, const struct nd_decision *d,
		    const struct nd_expect *e, struct nd_result *r)
{
	char buf[32];

	if (e == NULL)
		return 0;
	if (d->kind == ND_SET_PUBLISHED && e->check_published &&
	    a->published != e->published) {
		tr_result(r, ND_CONFLICT, "published changed on disk (now %s); "
			  "not changed", a->published == -1 ? "missing"
			  : a->published ? "yes" : "no");
		return 1;
	}
	if ((d->kind == ND_SET_QUALITY || d->kind == ND_ADD_QUALITY) &&
	    e->check_quality && a->quality != e->quality) {
		tr_result(r, ND_CONFLICT, "quality changed on disk (now %s); "
			  "not changed", num_word(a->quality, buf,
						  sizeof(buf)));
		return 1;
	}
	if (d->kind == ND_SET_HEAT && e->check_heat && a->heat != e->heat) {
		tr_result(r, ND_CONFLICT, "heat changed on disk (now %s); not "
			  "changed", num_word(a->heat, buf, sizeof(buf)));
		return 1;
	}
	return 0;
}

/* A step needs a number to step from: a value on disk that is not one
 * (5.5, 99999999999) is refused rather than guessed at. */
static int bad_base(const struct nd_locked_file *f, const char *field,
		    long long now, struct nd_result *r)
{
	char *raw = nd_edit_get(f->data, f->len, field);
	int bad = raw != NULL && now == ND_UNKNOWN && raw[0] != '\0' &&
		  strcmp(raw, "~") != 0 && strcmp(raw, "null") != 0;

	if (bad)
		tr_result(r, ND_FAILED, "%s is '%.40s', not a whole number "
			  "from %d to %d: set it with %s=N; not changed",
			  field, raw, ND_SCORE_MIN, ND_SCORE_MAX, field);
	free(raw);
	return bad;
}

/* quality or heat: set, or step with checked arithmetic (a step may be
 * anywhere in long long's range); the result must be in range. */
static int decide_score(struct nd_triage *t, struct nd_locked_file *f,
			const char *field, long long now,
			const struct nd_decision *d, struct nd_result *r)
{
	char text[32], *raw;
	long long q = d->num;
	int same;

	if (d->kind == ND_ADD_QUALITY) {
		if (bad_base(f, field, now, r))
			return -1;
		if (now != ND_UNKNOWN && __builtin_add_overflow(q, now, &q))
			q = d->num < 0 ? 0 : LLONG_MAX;
		if (q < 0)
			q = 0; /* a step down stops at 0, never at unknown */
	}
	if (q < ND_SCORE_MIN || q > ND_SCORE_MAX)
		return tr_result(r, ND_FAILED, "%s %lld is out of range (a "
				 "whole number from %d to %d); not changed",
				 field, q, ND_SCORE_MIN, ND_SCORE_MAX);
	snprintf(text, sizeof(text), "%lld", q);
	raw = nd_edit_get(f->data, f->len, field);
	same = (now != ND_UNKNOWN && q == now) ||
	       (raw != NULL && strcmp(raw, text) == 0);
	free(raw);
	if (same)
		return tr_result(r, ND_NOTHING, "%s is already %lld", field, q);
	return set_field(t, f, field, text, r);
}

static int decide(struct nd_triage *t, struct nd_locked_file *f,
		  const struct nd_article *a, const struct nd_decision *d,
		  struct nd_result *r)
{
	switch (d->kind) {
	case ND_SET_PUBLISHED:
		if (a->published == (d->num != 0))
			return tr_result(r, ND_NOTHING, "already %s",
					 d->num ? "published" : "unpublished");
		return set_field(t, f, "published", d->num ? "true" : "false",
				 r);
	case ND_SET_QUALITY:
	case ND_ADD_QUALITY:
		return decide_score(t, f, "quality", a->quality, d, r);
	case ND_SET_HEAT:
		return decide_score(t, f, "heat", a->heat, d, r);
	case ND_ADD_TOPIC:
	case ND_REMOVE_TOPIC:
		return topic(t, f, d->topic, d->kind == ND_ADD_TOPIC, r);
	default:
		return tr_result(r, ND_FAILED, "unknown decision");
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
		tr_result(r, ND_FAILED, "cannot parse: %s",
		       d.count ? d.items[0].message : "?");
	nd_diag_release(&d);
	return rc;
}

static int reject(struct nd_triage *t, const char *path, struct nd_result *r);
static int unreject(struct nd_triage *t, const char *path,
		    struct nd_result *r);

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
	if (d->kind == ND_UNREJECT)
		return unreject(t, path, r);
	if (nd_safewrite_open(path, &f, &err) != 0)
		return tr_refused(r, &err);
	if (parse_locked(&f, &a, r) != 0) {
		nd_safewrite_close(&f);
		return -1;
	}
	rc = conflict(a, d, e, r) ? 0 : decide(t, &f, a, d, r);
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

int tr_move(const char *src, const char *dst, struct nd_result *r)
{
	struct stat st;

	if (lstat(dst, &st) == 0)
		return tr_result(r, ND_CONFLICT, "'%s' already exists; not "
				 "moved", dst);
	if (make_parents(dst) != 0)
		return tr_result(r, ND_FAILED, "cannot create the folder for "
				 "'%s': %s", dst, strerror(errno));
	if (nd_safewrite_io.rename(src, dst) != 0)
		return tr_result(r, ND_FAILED, "cannot move: %s",
				 strerror(errno));
	sync_parent(src);
	sync_parent(dst);
	return tr_result(r, ND_DONE, "moved");
}

const char *tr_rejected_part(const char *path)
{
	const char *p = path, *last = NULL;

	while ((p = strstr(p, "/.rejected/")) != NULL)
		last = p++;
	return last;
}

/* Journals the move of the locked file to dst, then makes it. */
static int relocate(struct nd_triage *t, struct nd_locked_file *f,
		    struct nd_buf *dst, const char *what, struct nd_result *r)
{
	struct nd_buf old = ND_BUF_INIT, new = ND_BUF_INIT;
	struct nd_change c;
	struct nd_err err;
	int rc = 0;

	nd_buf_addf(&old, "=%s", f->path);
	nd_buf_addf(&new, "=%s", dst->data);
	memset(&c, 0, sizeof(c));
	c.path = f->path;
	c.field = (char *)".path";
	c.old = old.data;
	c.new = new.data;
	if (t->dry_run) {
		dry(r, what);
	} else if (t->journal != NULL &&
		   nd_journal_change(t->journal, t->group, t->root, &c,
				     &err) != 0) {
		rc = tr_result(r, ND_FAILED, "%s; not moved", err.message);
	} else if (tr_move(f->path, dst->data, r) == 0 &&
		   r->status == ND_DONE) {
		t->done++;
		tr_result(r, ND_DONE, "%s", what);
		r->new_path = nd_buf_detach(dst, NULL);
	} else {
		withdraw(t, f->path, ".path", r);
	}
	nd_buf_release(&old);
	nd_buf_release(&new);
	return rc;
}

static int reject(struct nd_triage *t, const char *path, struct nd_result *r)
{
	struct nd_buf dst = ND_BUF_INIT, what = ND_BUF_INIT;
	struct nd_locked_file f;
	struct nd_err err;
	size_t rl = strlen(t->root);
	int rc;

	if (nd_safewrite_open(path, &f, &err) != 0)
		return tr_refused(r, &err);
	if (strncmp(f.path, t->root, rl) != 0 || f.path[rl] != '/')
		rc = tr_result(r, ND_FAILED, "not inside '%s'", t->root);
	else if (tr_rejected_part(f.path + rl) != NULL)
		rc = tr_result(r, ND_NOTHING, "already rejected");
	else {
		nd_buf_addf(&dst, "%s/.rejected/%s", t->root, f.path + rl + 1);
		nd_buf_addf(&what, "rejected: moved to %s", dst.data);
		rc = relocate(t, &f, &dst, what.data, r);
	}
	nd_safewrite_close(&f);
	nd_buf_release(&dst);
	nd_buf_release(&what);
	return rc;
}

/* ROOT/.rejected/REL goes back to ROOT/REL, whatever t->root is: the path
 * itself says where it came from. */
static int unreject(struct nd_triage *t, const char *path,
		    struct nd_result *r)
{
	struct nd_buf dst = ND_BUF_INIT, what = ND_BUF_INIT;
	struct nd_locked_file f;
	struct nd_err err;
	const char *cut;
	int rc;

	if (nd_safewrite_open(path, &f, &err) != 0)
		return tr_refused(r, &err);
	cut = tr_rejected_part(f.path);
	if (cut == NULL) {
		rc = tr_result(r, ND_NOTHING, "not rejected (not in a "
			       ".rejected folder)");
	} else {
		nd_buf_add(&dst, f.path, (size_t)(cut - f.path));
		nd_buf_addf(&dst, "/%s", cut + sizeof("/.rejected/") - 1);
		nd_buf_addf(&what, "unrejected: moved back to %s", dst.data);
		rc = relocate(t, &f, &dst, what.data, r);
	}
	nd_safewrite_close(&f);
	nd_buf_release(&dst);
	nd_buf_release(&what);
	return rc;
}

long nd_triage_resolve(struct nd_triage *t, const char *keep,
		       char *const *others, size_t n, nd_report_fn report,
		       void *ctx)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_decision rej = { ND_REJECT, 0, NULL };
	struct nd_result r;
	size_t i, before;

	nd_triage_begin(t);
	before = t->done;
	for (i = 0; i <= n; i++) {
		const char *path = i == 0 ? keep : others[i - 1];

		nd_triage_apply(t, path, i == 0 ? &pub : &rej, NULL, &r);
		if (report != NULL)
			report(ctx, path, &r);
		nd_triage_result_release(&r);
	}
	return (long)(t->done - before);
}

/* published: the YAML 1.2 core booleans (true, True, TRUE), and yes/no
 * as people say them; -1 for anything else. */
static int bool_value(const char *v)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes" };
	static const char *const no[] = { "false", "False", "FALSE", "no" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* A whole number in lo..hi written as one: no "5.5", no "1e3", no
 * overflow (strtoll saturates, which the range then refuses). */
static int whole(const char *v, long long lo, long long hi, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(v, &end, 10);
	return end != v && *end == '\0' && errno == 0 && *out >= lo &&
	       *out <= hi;
}

static int parse_score(const char *s, const char *v, const char *field,
		       long long lo, struct nd_decision *d, struct nd_err *err)
{
	if (whole(v, lo, ND_SCORE_MAX, &d->num))
		return 0;
	return nd_err_set(err, "cannot read '%s': %s takes a whole number "
			  "from %lld to %d", s, field, lo, ND_SCORE_MAX);
}

int nd_triage_parse(const char *s, struct nd_decision *d, struct nd_err *err)
{
	const char *v;

	memset(d, 0, sizeof(*d));
	if ((v = nd_skip_prefix(s, "published=")) != NULL &&
	    bool_value(v) >= 0) {
		d->kind = ND_SET_PUBLISHED;
		d->num = bool_value(v);
	} else if ((v = nd_skip_prefix(s, "quality+=")) != NULL ||
		   (v = nd_skip_prefix(s, "quality-=")) != NULL) {
		d->kind = ND_ADD_QUALITY;
		if (parse_score(s, v, "a step", 0, d, err) != 0)
			return -1;
		if (v[-2] == '-') /* the sign of "-=" */
			d->num = -d->num;
	} else if ((v = nd_skip_prefix(s, "quality=")) != NULL) {
		d->kind = ND_SET_QUALITY;
		return parse_score(s, v, "quality", ND_SCORE_MIN, d, err);
	} else if ((v = nd_skip_prefix(s, "heat=")) != NULL) {
		d->kind = ND_SET_HEAT;
		return parse_score(s, v, "heat", ND_SCORE_MIN, d, err);
	} else if ((v = nd_skip_prefix(s, "topic+=")) != NULL && *v != '\0') {
		d->kind = ND_ADD_TOPIC, d->topic = v;
	} else if ((v = nd_skip_prefix(s, "topic-=")) != NULL && *v != '\0') {
		d->kind = ND_REMOVE_TOPIC, d->topic = v;
	} else {
		return nd_err_set(err, "cannot read '%s' (published=true|"
				  "false, quality=N, quality+=N, quality-=N, "
				  "heat=N with N a whole number from %d to "
				  "%d, topic+=X, topic-=X)", s, ND_SCORE_MIN,
				  ND_SCORE_MAX);
	}
	return 0;
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
	case ND_SET_HEAT:
		snprintf(out, cap, "heat %lld", d->num);
		break;
	case ND_ADD_TOPIC:
		snprintf(out, cap, "add topic '%s'", d->topic);
		break;
	case ND_REMOVE_TOPIC:
		snprintf(out, cap, "remove topic '%s'", d->topic);
		break;
	case ND_UNREJECT:
		snprintf(out, cap, "unreject");
		break;
	default:
		snprintf(out, cap, "reject");
	}
}
