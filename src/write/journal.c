#include "newsdesk/write/journal.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/xdg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL_MAX (256u * 1024 * 1024)
#define ROTATE_AT (JOURNAL_MAX / 4)

struct nd_journal_io nd_journal_io = { write, fsync, ROTATE_AT, JOURNAL_MAX };

void nd_journal_io_reset(void)
{
	nd_journal_io.write = write;
	nd_journal_io.fsync = fsync;
	nd_journal_io.rotate_at = ROTATE_AT;
	nd_journal_io.max = JOURNAL_MAX;
}

char *nd_journal_default_path(void)
{
	return nd_xdg_path(ND_XDG_STATE, "journal");
}

char *nd_journal_snapshot_dir(const char *journal)
{
	struct nd_buf b = ND_BUF_INIT;
	const char *slash = strrchr(journal, '/');

	nd_buf_add(&b, journal, slash ? (size_t)(slash - journal) : 0);
	nd_buf_adds(&b, slash ? "/snapshots" : "snapshots");
	return nd_buf_detach(&b, NULL);
}

char *nd_journal_new_group(void)
{
	static unsigned counter;
	struct timespec ts;
	struct nd_buf b = ND_BUF_INIT;

	clock_gettime(CLOCK_REALTIME, &ts);
	nd_buf_addf(&b, "%lld.%09ld-%ld-%u", (long long)ts.tv_sec, ts.tv_nsec,
		    (long)getpid(), counter++);
	return nd_buf_detach(&b, NULL);
}

/* Tabs, newlines and backslashes would break the line format. */
static void escape(struct nd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			nd_buf_adds(b, "\\t");
		else if (*s == '\n')
			nd_buf_adds(b, "\\n");
		else if (*s == '\r')
			nd_buf_adds(b, "\\r");
		else if (*s == '\\')
			nd_buf_adds(b, "\\\\");
		else
			nd_buf_addc(b, *s);
	}
}

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

static int make_dirs(const char *path)
{
	char *p = nd_xstrdup(path), *s;

	if (p == NULL)
		return -1;
	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

static int append(const char *path, const struct nd_buf *line,
		  struct nd_err *err)
{
	size_t off = 0;
	ssize_t w;
	int fd, e = 0;

	if (make_dirs(path) != 0) {
		nd_err_set(err, "cannot create the journal's directory "
			 "for '%s': %s", path, strerror(errno));
		return -1;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		nd_err_set(err, "cannot open the journal '%s': %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (off < line->len && e == 0) {
		w = nd_journal_io.write(fd, line->data + off, line->len - off);
		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (e == 0 && nd_journal_io.fsync(fd) != 0)
		e = errno;
	close(fd);
	if (e != 0) {
		nd_err_set(err, "cannot write the journal '%s': %s", path,
			 strerror(e));
		return -1;
	}
	return 0;
}

int nd_journal_change(const char *path, const char *group, const char *root,
		      const struct nd_change *c, struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "D\t%s\t%lld\t", group, (long long)time(NULL));
	escape(&b, root);
	nd_buf_addc(&b, '\t');
	escape(&b, c->path);
	nd_buf_addc(&b, '\t');
	escape(&b, c->field);
	nd_buf_addc(&b, '\t');
	escape(&b, c->old);
	nd_buf_addc(&b, '\t');
	escape(&b, c->new);
	nd_buf_addc(&b, '\t');
	escape(&b, c->snapshot ? c->snapshot : "-");
	nd_buf_addc(&b, '\t');
	escape(&b, c->after ? c->after : "-");
	nd_buf_addc(&b, '\n');
	r = append(path, &b, err);
	nd_buf_release(&b);
	return r;
}

int nd_journal_mark(const char *path, char kind, const char *group,
		    struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "%c\t%s\t%lld\n", kind, group, (long long)time(NULL));
	r = append(path, &b, err);
	nd_buf_release(&b);
	return r;
}

int nd_journal_failed(const char *path, const char *group,
		      const char *file, const char *field, struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int r;

	nd_buf_addf(&b, "F\t%s\t%lld\t", group, (long long)time(NULL));
	escape(&b, file);
	nd_buf_addc(&b, '\t');
	escape(&b, field);
	nd_buf_addc(&b, '\n');
	r = append(path, &b, err);
	nd_buf_release(&b);
	return r;
}

static struct nd_group *find_group(struct nd_journal *j, const char *id)
{
	size_t i;

	for (i = j->count; i-- > 0;) {
		if (strcmp(j->groups[i].id, id) == 0)
			return &j->groups[i];
	}
	return NULL;
}

/* Splits a line at tabs; returns the field count (at most max). */
static size_t fields(char *line, char **f, size_t *len, size_t max)
{
	size_t n = 0;
	char *p = line, *tab;

	while (n < max) {
		tab = strchr(p, '\t');
		f[n] = p;
		len[n] = tab ? (size_t)(tab - p) : strlen(p);
		n++;
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

static struct nd_group *new_group(struct nd_journal *j, char **f,
				  size_t *len)
{
	struct nd_group *g;

	nd_grow(&j->groups, &j->cap, j->count + 1, sizeof(*j->groups));
	g = &j->groups[j->count++];
	memset(g, 0, sizeof(*g));
	g->id = unescape(f[1], len[1]);
	g->time = strtoll(f[2], NULL, 10);
	g->root = unescape(f[3], len[3]);
	g->first_at = g->done_at = j->lines;
	return g;
}

static void add_change(struct nd_journal *j, char **f, size_t *len)
{
	struct nd_group *g;
	struct nd_change *c;
	char *id = unescape(f[1], len[1]);

	g = find_group(j, id);
	free(id);
	if (g == NULL && (g = new_group(j, f, len)) == NULL)
		return;
	nd_grow(&g->changes, &g->cap, g->count + 1, sizeof(*g->changes));
	c = &g->changes[g->count++];
	c->path = unescape(f[4], len[4]);
	c->field = unescape(f[5], len[5]);
	c->old = unescape(f[6], len[6]);
	c->new = unescape(f[7], len[7]);
	c->snapshot = unescape(f[8], len[8]);
	c->after = unescape(f[9], len[9]);
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
static void drop_change(struct nd_journal *j, char **f, size_t *len)
{
	char *id = unescape(f[1], len[1]), *path = unescape(f[3], len[3]);
	char *field = unescape(f[4], len[4]);
	struct nd_group *g = find_group(j, id);
	size_t i;

	for (i = g ? g->count : 0; i-- > 0;) {
		struct nd_change *c = &g->changes[i];

		if (strcmp(c->path, path) == 0 && strcmp(c->field, field) == 0) {
			free_change(c);
			memmove(c, c + 1, (g->count - i - 1) * sizeof(*c));
			g->count--;
			break;
		}
	}
	free(id);
	free(path);
	free(field);
}

static void parse_line(struct nd_journal *j, char *line)
{
	/* Zeroed: only the first n are set, and gcc's analyser cannot see
	 * that each record kind reads no further than its own count. */
	char *f[10] = { 0 };
	size_t len[10] = { 0 }, n = fields(line, f, len, 10);
	struct nd_group *g;
	char *id;

	if (n == 10 && len[0] == 1 && f[0][0] == 'D') {
		add_change(j, f, len);
		return;
	}
	if (n == 5 && len[0] == 1 && f[0][0] == 'F') {
		drop_change(j, f, len);
		return;
	}
	if (n != 3 || len[0] != 1 || strchr("URA", f[0][0]) == NULL) {
		j->bad_lines++;
		return;
	}
	id = unescape(f[1], len[1]);
	g = find_group(j, id);
	free(id);
	if (g == NULL) {
		j->bad_lines++;
		return;
	}
	g->state = f[0][0] == 'U' ? 1 : f[0][0] == 'A' ? 2 : 0;
	if (f[0][0] == 'U')
		g->undone_at = j->lines;
	else if (f[0][0] == 'R')
		g->done_at = j->lines;
}

int nd_journal_read(struct nd_journal *j, const char *path,
		    struct nd_diag *d)
{
	struct nd_err cause;
	char *data, *line, *nl;
	size_t size;

	memset(j, 0, sizeof(*j));
	j->path = nd_xstrdup(path);
	if (nd_read_file(path, nd_journal_io.max, &data, &size, &cause) != 0) {
		if (cause.code == ENOENT)
			return 0;
		nd_diag_add_err(d, ND_ERROR, path, &cause);
		return -1;
	}
	for (line = data; line < data + size; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + size - line));
		if (nl == NULL)
			break; /* torn last line: the write never finished */
		*nl = '\0';
		j->lines++;
		if (nl > line)
			parse_line(j, line);
	}
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

const struct nd_group *nd_journal_undo_target(const struct nd_journal *j,
					      const char *root)
{
	const struct nd_group *best = NULL;
	size_t i;

	for (i = 0; i < j->count; i++) {
		const struct nd_group *g = &j->groups[i];

		if (in_root(g, root) && g->state == 0 &&
		    (best == NULL || g->done_at > best->done_at))
			best = g;
	}
	return best;
}

/* The group undone last, unless a new group was done since (a redo does
 * not count: redoing twice after undoing twice is fine). */
const struct nd_group *nd_journal_redo_target(const struct nd_journal *j,
					      const char *root)
{
	const struct nd_group *best = NULL;
	long last_done = 0;
	size_t i;

	for (i = 0; i < j->count; i++) {
		const struct nd_group *g = &j->groups[i];

		if (!in_root(g, root) || g->state == 2)
			continue;
		if (g->first_at > last_done)
			last_done = g->first_at;
		if (g->state == 1 && (best == NULL ||
				      g->undone_at > best->undone_at))
			best = g;
	}
	return best != NULL && best->undone_at > last_done ? best : NULL;
}
