/* The directory walk of the loader: which files are articles. */
#include "newsdesk/model/loader.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Deep enough for any real archive, shallow enough for our stack. */
#define MAX_DIR_DEPTH 64

struct dir_id {
	dev_t dev;
	ino_t ino;
};

struct walker {
	char **paths;
	size_t count, cap;
	struct dir_id *seen; /* every directory entered */
	size_t nseen, seen_cap;
	struct nd_diag *diag;
	size_t skipped;
};

static int add_path(struct walker *w, char *path)
{
	nd_grow(&w->paths, &w->cap, w->count + 1, sizeof(*w->paths));
	w->paths[w->count++] = path;
	return 0;
}

static int seen_before(struct walker *w, const struct stat *st)
{
	size_t i;

	for (i = 0; i < w->nseen; i++) {
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return 1;
	}
	nd_grow(&w->seen, &w->seen_cap, w->nseen + 1, sizeof(*w->seen));
	w->seen[w->nseen].dev = st->st_dev;
	w->seen[w->nseen++].ino = st->st_ino;
	return 0;
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl > 0 && dir[dl - 1] != '/';
	char *p = nd_xmalloc(dl + slash + nl + 1);

	memcpy(p, dir, dl);
	if (slash)
		p[dl] = '/';
	memcpy(p + dl + slash, name, nl + 1);
	return p;
}

static void skip(struct walker *w, const char *path, const char *why)
{
	nd_diag_add(w->diag, ND_WARNING, path, 0, 0, "%s; skipped", why);
	w->skipped++;
}

static int walk_dir(struct walker *w, const char *dir, int depth);

static int visit(struct walker *w, int dfd, const char *dir,
		 const char *name, int depth)
{
	struct stat st;
	char *path = join(dir, name);

	if (path == NULL)
		return -1;
	if (fstatat(dfd, name, &st, 0) != 0) {
		skip(w, path, errno == ENOENT ? "broken symbolic link"
					      : strerror(errno));
		free(path);
		return 0;
	}
	if (S_ISREG(st.st_mode))
		return add_path(w, path);
	if (S_ISDIR(st.st_mode)) {
		int r = 0;

		if (seen_before(w, &st))
			skip(w, path, "directory already visited "
				      "(a symbolic link loop?)");
		else if (depth >= MAX_DIR_DEPTH)
			skip(w, path, "directories nested too deep");
		else
			r = walk_dir(w, path, depth + 1);
		free(path);
		return r;
	}
	skip(w, path, S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file"
		      : S_ISSOCK(st.st_mode) ? "a socket, not a regular file"
					     : "a device, not a regular file");
	free(path);
	return 0;
}

static int walk_dir(struct walker *w, const char *dir, int depth)
{
	struct dirent *de;
	DIR *d;
	int dfd, r = 0;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (dfd < 0 || (d = fdopendir(dfd)) == NULL) {
		nd_diag_add(w->diag, ND_WARNING, dir, 0, 0,
			    "cannot open directory: %s; skipped",
			    strerror(errno));
		if (dfd >= 0)
			close(dfd);
		w->skipped++;
		return 0;
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ".", "..", and hidden: .keep, .rejected */
		r = visit(w, dfd, dir, de->d_name, depth);
	}
	closedir(d);
	return r;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int nd_loader_walk(const char *root, char ***paths, size_t *count,
	    struct nd_diag *diag, size_t *skipped)
{
	struct walker w;
	struct stat st;
	int r;

	memset(&w, 0, sizeof(w));
	w.diag = diag;
	*paths = NULL;
	*count = 0;
	if (stat(root, &st) != 0) {
		nd_diag_add(diag, ND_ERROR, root, 0, 0, "cannot open: %s",
			    strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		seen_before(&w, &st);
		r = walk_dir(&w, root, 0);
	} else {
		char *p = nd_xstrdup(root);

		r = p != NULL ? add_path(&w, p) : -1;
	}
	free(w.seen);
	if (r != 0) {
		nd_diag_add(diag, ND_ERROR, root, 0, 0, "out of memory");
		nd_loader_walk_free(w.paths, w.count);
		return -1;
	}
	qsort(w.paths, w.count, sizeof(*w.paths), by_name);
	*paths = w.paths;
	*count = w.count;
	if (skipped != NULL)
		*skipped = w.skipped;
	return 0;
}

void nd_loader_walk_free(char **paths, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}
