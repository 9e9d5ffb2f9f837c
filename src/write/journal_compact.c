/* Compaction: the journal rewritten with its newest groups only, so it
 * never grows to its read cap; the policy is in journal.h. */
#include "newsdesk/write/journal.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/fileio.h"

#include "journal_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct rank {
	long last; /* the group's last line */
	size_t group;
};

static int by_recent(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	return (x->last < y->last) - (x->last > y->last);
}

size_t jr_compacted_size(int fd)
{
	char head[160], *nl, *v;
	const char *body;
	size_t blen, size = 0;
	ssize_t n = pread(fd, head, sizeof(head) - 1, 0);

	if (n <= 0)
		return 0;
	nl = memchr(head, '\n', (size_t)n);
	body = nl != NULL ? jr_unframe(head, (size_t)(nl - head), &blen) : NULL;
	if (body == NULL || blen < 2 || body[0] != 'C' || body[1] != '\t')
		return 0;
	v = jr_field(body, blen, 2);
	if (v != NULL)
		size = (size_t)strtoull(v, NULL, 10);
	free(v);
	return size;
}

/* The groups kept (one flag each): the one being written whatever its
 * size, as undo must see all of a decision, then the others from the most
 * recently active down, while they fit in half the threshold. */
static char *choose(const struct nd_journal *j, const struct jr_recs *recs,
		    const char *group)
{
	size_t *bytes = nd_xcalloc(j->count + 1, sizeof(*bytes));
	struct rank *order = nd_xcalloc(j->count + 1, sizeof(*order));
	char *keep = nd_xcalloc(j->count + 1, 1);
	size_t i, g, used = 0;

	for (i = 0; i < j->count; i++)
		order[i].group = i;
	for (i = 0; i < recs->count; i++) {
		const struct jr_rec *r = &recs->items[i];

		if (r->group >= 0) {
			bytes[r->group] += jr_framed_size(r->len);
			order[r->group].last = r->line;
		}
	}
	for (i = 0; i < j->count; i++) {
		if (strcmp(j->groups[i].id, group) == 0) {
			keep[i] = 1;
			used = bytes[i];
		}
	}
	qsort(order, j->count, sizeof(*order), by_recent);
	for (i = 0; i < j->count; i++) {
		g = order[i].group;
		if (keep[g])
			continue;
		if (used + bytes[g] > nd_journal_io.rotate_at / 2)
			break;
		keep[g] = 1;
		used += bytes[g];
	}
	free(bytes);
	free(order);
	return keep;
}

/* The C record first (what was kept, so the next compaction waits for
 * the journal to grow by half the threshold past it), then the records
 * kept, in their order. */
static void write_kept(struct nd_buf *out, const char *data,
		       const struct jr_recs *recs, const char *keep)
{
	struct nd_buf note = ND_BUF_INIT;
	size_t i, kept = 0;

	for (i = 0; i < recs->count; i++) {
		if (recs->items[i].group >= 0 && keep[recs->items[i].group])
			kept += jr_framed_size(recs->items[i].len);
	}
	nd_buf_addf(&note, "C\t%lld\t%zu", (long long)time(NULL), kept);
	jr_frame(out, note.data, note.len);
	nd_buf_release(&note);
	for (i = 0; i < recs->count; i++) {
		const struct jr_rec *r = &recs->items[i];

		if (r->group >= 0 && keep[r->group])
			jr_frame(out, data + r->off, r->len);
	}
}

static void sync_dir(const char *path)
{
	struct nd_buf dir = ND_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash == NULL)
		nd_buf_addc(&dir, '.');
	else
		nd_buf_add(&dir, path,
			   slash == path ? 1 : (size_t)(slash - path));
	fd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		nd_journal_io.fsync(fd);
		close(fd);
	}
	nd_buf_release(&dir);
}

/* The journal as it was stays as PATH.1 (one generation, for the record:
 * newsdesk does not read it), a hard link, so PATH never goes missing. */
static void keep_old(const char *path, const char *old)
{
	unlink(old);
	if (link(path, old) != 0)
		return; /* no hard links on this file system: no PATH.1 */
}

/* PATH.new, fsynced, renamed over the journal. */
static int replace(const char *path, const struct nd_buf *out,
		   struct nd_err *err)
{
	struct nd_buf tmp = ND_BUF_INIT, old = ND_BUF_INIT;
	int fd, e;

	nd_buf_addf(&tmp, "%s.new", path);
	nd_buf_addf(&old, "%s.1", path);
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		  O_CLOEXEC, 0600);
	e = fd < 0 ? errno : jr_write_all(fd, out->data, out->len);
	if (fd >= 0 && close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0) {
		keep_old(path, old.data);
		if (rename(tmp.data, path) != 0)
			e = errno;
	}
	if (e != 0) {
		unlink(tmp.data);
		nd_err_set(err, "cannot compact the journal '%s': %s", path,
			   strerror(e));
	} else {
		sync_dir(path);
	}
	nd_buf_release(&tmp);
	nd_buf_release(&old);
	return e != 0 ? -1 : 0;
}

/* A snapshot is removed with the last record naming it, and only from the
 * journal's own snapshot directory. */
static void prune(const char *path, const char *data,
		  const struct jr_recs *recs, const char *keep)
{
	char *dir = nd_journal_snapshot_dir(path), *snap;
	size_t i, n = strlen(dir);

	for (i = 0; i < recs->count; i++) {
		const struct jr_rec *r = &recs->items[i];

		if (r->group < 0 || keep[r->group] || data[r->off] != 'D')
			continue;
		snap = jr_field(data + r->off, r->len, 8);
		if (snap != NULL && strncmp(snap, dir, n) == 0 &&
		    snap[n] == '/' && strchr(snap + n + 1, '/') == NULL)
			unlink(snap);
		free(snap);
	}
	free(dir);
}

/* A journal already past its cap (an earlier version had none) cannot be
 * read: it is set aside as PATH.1 whole and a new one begun. */
static int read_all(int fd, char **data, size_t *size, struct nd_err *err)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && (size_t)st.st_size > nd_journal_io.max) {
		*data = nd_xstrdup("");
		*size = 0;
		return 0;
	}
	if (lseek(fd, 0, SEEK_SET) != 0)
		return nd_err_set(err, "cannot read the journal: %s",
				  strerror(errno));
	return nd_read_fd(fd, nd_journal_io.max, data, size, err);
}

int jr_compact(const char *path, int fd, const char *group,
	       struct nd_err *err)
{
	struct jr_recs recs = { NULL, 0, 0 };
	struct nd_buf out = ND_BUF_INIT;
	struct nd_journal j;
	struct nd_diag d;
	char *data = NULL, *keep;
	size_t size = 0;
	int rc;

	if (read_all(fd, &data, &size, err) != 0)
		return -1;
	memset(&j, 0, sizeof(j));
	j.path = nd_xstrdup(path);
	nd_diag_init(&d); /* damaged records are left out: nothing to say */
	jr_parse(&j, data, size, &d, &recs);
	nd_diag_release(&d);
	keep = choose(&j, &recs, group);
	write_kept(&out, data, &recs, keep);
	rc = replace(path, &out, err);
	if (rc == 0)
		prune(path, data, &recs, keep);
	nd_buf_release(&out);
	free(keep);
	free(recs.items);
	nd_journal_release(&j);
	free(data);
	return rc;
}
