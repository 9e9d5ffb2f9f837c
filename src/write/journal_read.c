/* Reading the journal: framed records, the unframed ones of earlier
 * versions, and what a crash or a full disk left behind. */
#include "newsdesk/write/journal.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"

#include "journal_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* A line that holds no record of any kind. */
#define NOT_A_RECORD (-2)

struct scan {
	struct nd_journal *j;
	struct nd_diag *d;
	struct jr_recs *recs;
	const char *data;
};

static char *unescape(const char *s, size_t len)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			nd_buf_addc(&b, s[i] == 't' ? '\t' : s[i] == 'n' ? '\n'
					: s[i] == 'r' ? '\r' : s[i]);
		} else {
			nd_buf_addc(&b, s[i]);
		}
	}
	return nd_buf_detach(&b, NULL);
}

/* Splits a record at tabs: the field count, or max + 1 when there are
 * more (a record glued onto a torn one has too many). */
static size_t fields(const char *body, size_t blen, const char **f,
		     size_t *len, size_t max)
{
	const char *p = body, *end = body + blen, *tab;
	size_t n;

	for (n = 0; n < max; n++) {
		tab = memchr(p, '\t', (size_t)(end - p));
		f[n] = p;
		len[n] = (size_t)((tab != NULL ? tab : end) - p);
		if (tab == NULL)
			return n + 1;
		p = tab + 1;
	}
	return max + 1;
}

char *jr_field(const char *body, size_t len, size_t k)
{
	const char *f[10];
	size_t flen[10];

	if (k >= 10 || fields(body, len, f, flen, 10) <= k)
		return NULL;
	return unescape(f[k], flen[k]);
}

static long find_group(const struct nd_journal *j, const char *f,
		       size_t len)
{
	char *id = unescape(f, len);
	long i;

	for (i = (long)j->count; i-- > 0;) {
		if (strcmp(j->groups[i].id, id) == 0)
			break;
	}
	free(id);
	return i;
}

static long new_group(struct nd_journal *j, const char **f, size_t *len)
{
	struct nd_group *g;

	nd_grow(&j->groups, &j->cap, j->count + 1, sizeof(*j->groups));
	g = &j->groups[j->count++];
	memset(g, 0, sizeof(*g));
	g->id = unescape(f[1], len[1]);
	g->time = strtoll(f[2], NULL, 10);
	g->root = unescape(f[3], len[3]);
	g->first_at = g->done_at = j->lines;
	return (long)j->count - 1;
}

static long add_change(struct nd_journal *j, const char **f, size_t *len)
{
	long gi = find_group(j, f[1], len[1]);
	struct nd_group *g;
	struct nd_change *c;

	if (gi < 0)
		gi = new_group(j, f, len);
	g = &j->groups[gi];
	nd_grow(&g->changes, &g->cap, g->count + 1, sizeof(*g->changes));
	c = &g->changes[g->count++];
	c->path = unescape(f[4], len[4]);
	c->field = unescape(f[5], len[5]);
	c->old = unescape(f[6], len[6]);
	c->new = unescape(f[7], len[7]);
	c->snapshot = unescape(f[8], len[8]);
	c->after = unescape(f[9], len[9]);
	return gi;
}

static void free_change(struct nd_change *c)
{
	free(c->path);
	free(c->field);
	free(c->old);
	free(c->new);
	free(c->snapshot);
	free(c->after);
}

/* F: the last change of that file and field in the group never happened. */
static long drop_change(struct nd_journal *j, const char **f, size_t *len)
{
	long gi = find_group(j, f[1], len[1]);
	char *path = unescape(f[3], len[3]), *field = unescape(f[4], len[4]);
	struct nd_group *g = gi >= 0 ? &j->groups[gi] : NULL;
	size_t i;

	for (i = g ? g->count : 0; i-- > 0;) {
		struct nd_change *c = &g->changes[i];

		if (strcmp(c->path, path) == 0 &&
		    strcmp(c->field, field) == 0) {
			free_change(c);
			memmove(c, c + 1, (g->count - i - 1) * sizeof(*c));
			g->count--;
			break;
		}
	}
	free(path);
	free(field);
	return gi;
}

static long mark(struct nd_journal *j, const char **f, size_t *len)
{
	long gi = find_group(j, f[1], len[1]);
	struct nd_group *g;

	if (gi < 0) {
		j->bad_lines++;
		return -1;
	}
	g = &j->groups[gi];
	g->state = f[0][0] == 'U' ? 1 : f[0][0] == 'A' ? 2 : 0;
	if (f[0][0] == 'U')
		g->undone_at = j->lines;
	else if (f[0][0] == 'R')
		g->done_at = j->lines;
	return gi;
}

/* The group the record belongs to, -1 for none, or NOT_A_RECORD. */
static long parse_record(struct nd_journal *j, const char *body, size_t blen)
{
	/* Zeroed: only the first n are set, and gcc's analyser cannot see
	 * that each record kind reads no further than its own count. */
	const char *f[10] = { 0 };
	size_t len[10] = { 0 }, n = fields(body, blen, f, len, 10);
	char kind = len[0] == 1 ? f[0][0] : '\0';

	if (kind == 'D' && n == 10)
		return add_change(j, f, len);
	if (kind == 'F' && n == 5)
		return drop_change(j, f, len);
	if (kind != '\0' && strchr("URA", kind) != NULL && n == 3)
		return mark(j, f, len);
	if (kind == 'C' && n == 3)
		return -1; /* a compaction's note */
	return NOT_A_RECORD;
}

static int take(struct scan *s, const char *body, size_t len)
{
	long g = parse_record(s->j, body, len);
	struct jr_rec *r;

	if (g == NOT_A_RECORD)
		return -1;
	if (s->recs != NULL) {
		nd_grow(&s->recs->items, &s->recs->cap, s->recs->count + 1,
			sizeof(*s->recs->items));
		r = &s->recs->items[s->recs->count++];
		r->off = (size_t)(body - s->data);
		r->len = len;
		r->line = s->j->lines;
		r->group = g;
	}
	return 0;
}

/* A record glued onto a torn one (by a version that did not cut a failed
 * append off): a frame that starts inside the line and checks to its end. */
static const char *glued(const char *line, size_t len, size_t *blen)
{
	const char *p = line + 1, *end = line + len, *body;

	while (p < end && (p = memchr(p, '@', (size_t)(end - p))) != NULL) {
		body = jr_unframe(p, (size_t)(end - p), blen);
		if (body != NULL)
			return body;
		p++;
	}
	return NULL;
}

static void read_line(struct scan *s, const char *line, size_t len)
{
	const char *body;
	size_t blen = len;

	body = jr_unframe(line, len, &blen);
	if (body == NULL && line[0] != '@')
		body = line; /* written before records were framed */
	if (body != NULL && take(s, body, blen) == 0)
		return;
	s->j->bad_lines++;
	body = glued(line, len, &blen);
	nd_diag_add(s->d, ND_WARNING, s->j->path, (unsigned)s->j->lines, 0,
		    "%s", body != NULL ? "torn record skipped; the record "
		    "glued to it was read" : "torn or damaged record skipped");
	if (body != NULL)
		take(s, body, blen);
}

/* A group none of whose changes happened failed as a whole: undo and redo
 * pass over it. */
static void settle(struct nd_journal *j)
{
	size_t i;

	for (i = 0; i < j->count; i++) {
		if (j->groups[i].count == 0)
			j->groups[i].state = 2;
	}
}

void jr_parse(struct nd_journal *j, char *data, size_t size,
	      struct nd_diag *d, struct jr_recs *recs)
{
	struct scan s = { j, d, recs, data };
	char *line, *nl;

	for (line = data; line < data + size; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + size - line));
		if (nl == NULL) {
			j->bad_lines++;
			nd_diag_add(d, ND_WARNING, j->path,
				    (unsigned)j->lines + 1, 0, "torn record at "
				    "the end skipped (an append that never "
				    "finished)");
			break;
		}
		*nl = '\0';
		j->lines++;
		if (nl > line)
			read_line(&s, line, (size_t)(nl - line));
	}
	settle(j);
}

/* Under a shared lock, so an append under way is not taken for a torn
 * record. */
static int read_locked(const char *path, char **data, size_t *size,
		       struct nd_err *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int rc, e = errno;

	if (fd < 0) {
		nd_err_set(err, "cannot open the journal: %s", strerror(e));
		err->code = e;
		return -1;
	}
	if (flock(fd, LOCK_SH) != 0) {
		nd_err_set(err, "cannot lock the journal: %s", strerror(errno));
		close(fd);
		return -1;
	}
	rc = nd_read_fd(fd, nd_journal_io.max, data, size, err);
	close(fd);
	return rc;
}

int nd_journal_read(struct nd_journal *j, const char *path,
		    struct nd_diag *d)
{
	struct nd_err cause;
	char *data;
	size_t size;

	memset(j, 0, sizeof(*j));
	j->path = nd_xstrdup(path);
	if (read_locked(path, &data, &size, &cause) != 0) {
		if (cause.code == ENOENT)
			return 0;
		nd_diag_add_err(d, ND_ERROR, path, &cause);
		return -1;
	}
	jr_parse(j, data, size, d, NULL);
	free(data);
	return 0;
}

void nd_journal_release(struct nd_journal *j)
{
	size_t i, k;

	for (i = 0; i < j->count; i++) {
		struct nd_group *g = &j->groups[i];

		for (k = 0; k < g->count; k++)
			free_change(&g->changes[k]);
		free(g->changes);
		free(g->id);
		free(g->root);
	}
	free(j->groups);
	free(j->path);
	memset(j, 0, sizeof(*j));
}

/* A group belongs to a directory when it was made there or below it. */
static int in_root(const struct nd_group *g, const char *root)
{
	size_t n;

	if (root == NULL)
		return 1;
	n = strlen(root);
	return strncmp(g->root, root, n) == 0 &&
	       (g->root[n] == '\0' || g->root[n] == '/' ||
		(n > 0 && root[n - 1] == '/'));
}

/* A group that failed (state 2, which includes every group none of whose
 * changes happened) is never a target. */
const struct nd_group *nd_journal_undo_target(const struct nd_journal *j,
					      const char *root)
{
	const struct nd_group *best = NULL;
	size_t i;

	for (i = 0; i < j->count; i++) {
		const struct nd_group *g = &j->groups[i];

		if (in_root(g, root) && g->state == 0 && g->count > 0 &&
		    (best == NULL || g->done_at > best->done_at))
			best = g;
	}
	return best;
}

/* The group undone last, unless a new group was done since (a redo does
 * not count: redoing twice after undoing twice is fine; nor does a group
 * that failed: nothing was done). */
const struct nd_group *nd_journal_redo_target(const struct nd_journal *j,
					      const char *root)
{
	const struct nd_group *best = NULL;
	long last_done = 0;
	size_t i;

	for (i = 0; i < j->count; i++) {
		const struct nd_group *g = &j->groups[i];

		if (!in_root(g, root) || g->state == 2 || g->count == 0)
			continue;
		if (g->first_at > last_done)
			last_done = g->first_at;
		if (g->state == 1 && (best == NULL ||
				      g->undone_at > best->undone_at))
			best = g;
	}
	return best != NULL && best->undone_at > last_done ? best : NULL;
}
