/*
 * Directory watching: inotify where it works, a stat digest where not.
 * Both feed one debounce: a change marks the watch pending and notes the
 * time; check() reports once the tree has been quiet for debounce_ms.
 */
#include "newsdesk/model/watch.h"

#include "loader_int.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/hash.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

/* statfs f_type of file systems whose changes inotify does not see when
 * another machine makes them. */
#define NFS_MAGIC 0x6969
#define SMB_MAGIC 0x517B
#define CIFS_MAGIC 0xFF534D42
#define SMB2_MAGIC 0xFE534D42
#define FUSE_MAGIC 0x65735546

struct nd_watch {
	char *root;
	struct nd_watch_opts o;
	int fd; /* inotify, or -1 when polling */
	int pending;
	long long last_change, last_poll; /* ms, monotonic */
	uint64_t digest;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int remote_fs(const char *root)
{
	struct statfs sf;

	if (statfs(root, &sf) != 0)
		return 0;
	switch ((unsigned long)sf.f_type) {
	case NFS_MAGIC:
	case SMB_MAGIC:
	case CIFS_MAGIC:
	case SMB2_MAGIC:
	case FUSE_MAGIC:
		return 1;
	default:
		return 0;
	}
}

/* Every file's path and key, folded: any change to the tree changes it. */
static uint64_t digest(const char *root)
{
	struct nd_diag d;
	struct nd_file_key *keys;
	char **paths;
	size_t n, i, skipped;
	uint64_t h = 0;

	nd_diag_init(&d);
	if (nd_loader_walk_keys(root, NULL, &paths, &keys, &n, &d,
				&skipped) == 0) {
		for (i = 0; i < n; i++) {
			h = h * 31 + nd_hash64(paths[i], strlen(paths[i]));
			h = h * 31 + nd_hash64(&keys[i], sizeof(keys[i]));
		}
		h = h * 31 + n;
		nd_loader_walk_free(paths, n);
		free(keys);
	}
	nd_diag_release(&d);
	return h;
}

#ifdef __linux__
#define EVENTS                                                          \
	(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | \
	 IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

struct seen {
	struct nd_file_key *ids; /* dev and ino of each directory entered */
	size_t n, cap;
};

static int entered(struct seen *s, const struct stat *st)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->ids[i].dev == (uint64_t)st->st_dev &&
		    s->ids[i].ino == (uint64_t)st->st_ino)
			return 1;
	}
	nd_grow(&s->ids, &s->cap, s->n + 1, sizeof(*s->ids));
	s->ids[s->n].dev = (uint64_t)st->st_dev;
	s->ids[s->n++].ino = (uint64_t)st->st_ino;
	return 0;
}

/* Watches dir and the directories below it, as the loader walks them
 * (hidden ones skipped, links followed, each directory once: a link
 * loop ends). -1 when one cannot be watched (out of watches). */
static int watch_dir(int fd, const char *dir, struct seen *s, int depth)
{
	struct dirent *de;
	struct stat st;
	char *path;
	size_t n;
	DIR *d;
	int r = 0;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || entered(s, &st) ||
	    depth > 64)
		return 0;
	if (inotify_add_watch(fd, dir, EVENTS) < 0)
		return -1;
	d = opendir(dir);
	if (d == NULL)
		return 0;
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    (de->d_type != DT_DIR && de->d_type != DT_LNK &&
		     de->d_type != DT_UNKNOWN))
			continue;
		n = strlen(dir) + strlen(de->d_name) + 2;
		path = nd_xmalloc(n);
		snprintf(path, n, "%s/%s", dir, de->d_name);
		r = watch_dir(fd, path, s, depth + 1);
		free(path);
	}
	closedir(d);
	return r;
}

static int watch_tree(int fd, const char *root)
{
	struct seen s = { NULL, 0, 0 };
	int r = watch_dir(fd, root, &s, 0);

	free(s.ids);
	return r;
}

static int start_inotify(struct nd_watch *w)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0)
		return -1;
	if (watch_tree(fd, w->root) != 0) {
		close(fd);
		return -1;
	}
	w->fd = fd;
	return 0;
}

/* 1 when the events in buf[0..n) bring a new directory. */
static int new_dir(const char *buf, ssize_t n)
{
	const struct inotify_event *ev;
	ssize_t at;

	for (at = 0; at + (ssize_t)sizeof(*ev) <= n;
	     at += (ssize_t)sizeof(*ev) + ev->len) {
		ev = (const struct inotify_event *)(const void *)(buf + at);
		if ((ev->mask & IN_ISDIR) &&
		    (ev->mask & (IN_CREATE | IN_MOVED_TO)))
			return 1;
	}
	return 0;
}

/* Reads every queued event; a new directory gets watches. */
static int drain_inotify(struct nd_watch *w)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t n;
	int any = 0;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		any = 1;
		/* Watching the tree again is the simple answer to a new
		 * directory: watches are per inode, so the existing ones
		 * are only refreshed. Rare, unlike file events. */
		if (new_dir(buf, n) && watch_tree(w->fd, w->root) != 0) {
			close(w->fd);
			w->fd = -1; /* from now on, poll */
			w->digest = digest(w->root);
			break;
		}
	}
	return any;
}
#else
static int start_inotify(struct nd_watch *w)
{
	(void)w;
	return -1;
}

static int drain_inotify(struct nd_watch *w)
{
	(void)w;
	return 0;
}
#endif

int nd_watch_open(const char *root, const struct nd_watch_opts *o,
		  struct nd_watch **out, struct nd_err *err)
{
	struct nd_watch *w;

	*out = NULL;
	if (access(root, R_OK) != 0)
		return nd_err_set(err, "cannot watch '%s': %s", root,
				  strerror(errno));
	w = nd_xcalloc(1, sizeof(*w));
	w->root = nd_xstrdup(root);
	if (o != NULL)
		w->o = *o;
	if (w->o.poll_ms <= 0)
		w->o.poll_ms = 2000;
	if (w->o.debounce_ms <= 0)
		w->o.debounce_ms = 300;
	w->fd = -1;
	if (w->o.enabled && (w->o.force_poll || remote_fs(root) ||
			     start_inotify(w) != 0)) {
		w->digest = digest(root);
		w->last_poll = now_ms();
	}
	*out = w;
	return 0;
}

void nd_watch_free(struct nd_watch *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w->root);
	free(w);
}

int nd_watch_fd(const struct nd_watch *w)
{
	return w->fd;
}

int nd_watch_polling(const struct nd_watch *w)
{
	return w->o.enabled && w->fd < 0;
}

int nd_watch_timeout_ms(const struct nd_watch *w)
{
	long long now = now_ms(), left = -1, poll_left;

	if (!w->o.enabled)
		return -1;
	if (w->pending)
		left = w->last_change + w->o.debounce_ms - now;
	if (w->fd < 0) {
		poll_left = w->last_poll + w->o.poll_ms - now;
		if (left < 0 || poll_left < left)
			left = poll_left;
	}
	if (w->pending || w->fd < 0)
		return left < 0 ? 0 : (int)left;
	return -1;
}

static int changed_by_poll(struct nd_watch *w, long long now)
{
	uint64_t h;

	if (now - w->last_poll < w->o.poll_ms)
		return 0;
	w->last_poll = now;
	h = digest(w->root);
	if (h == w->digest)
		return 0;
	w->digest = h;
	return 1;
}

int nd_watch_check(struct nd_watch *w)
{
	long long now = now_ms();
	int changed;

	if (!w->o.enabled)
		return 0;
	changed = w->fd >= 0 ? drain_inotify(w) : changed_by_poll(w, now);
	if (changed) {
		w->pending = 1;
		w->last_change = now;
		return 0;
	}
	if (w->pending && now - w->last_change >= w->o.debounce_ms) {
		w->pending = 0;
		return 1;
	}
	return 0;
}
