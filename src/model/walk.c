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

static void add_path(struct walker *w, char *path)
{
	nd_grow(&w->paths, &w->cap, w->count + 1, sizeof(*w->paths));
	w->paths[w->count++] = path;
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

	/* The NUL comes with the name, below. */
	memcpy(p, dir, dl); /* NOLINT(bugprone-not-null-terminated-result) */
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

static void walk_dir(struct walker *w, const char *dir, int depth);

static void visit(struct walker *w, int dfd, const char *dir,
		  const char *name, int depth)
{
	struct stat st;
	char *path = join(dir, name);

	if (fstatat(dfd, name, &st, 0) != 0) {
		skip(w, path, errno == ENOENT ? "broken symbolic link"
					      : strerror(errno));
		free(path);
		return;
	}
	if (S_ISREG(st.st_mode)) {
		add_path(w, path);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (seen_before(w, &st))
			skip(w, path, "directory already visited "
				      "(a symbolic link loop?)");
		else if (depth >= MAX_DIR_DEPTH)
			skip(w, path, "directories nested too deep");
		else
			walk_dir(w, path, depth + 1);
		free(path);
		return;
	}
	skip(w, path, S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file"
		      : S_ISSOCK(st.st_mode) ? "a socket, not a regular file"
					     : "a device, not a regular file");
	free(path);
}

static void walk_dir(struct walker *w, const char *dir, int depth)
{
	struct dirent *de;
	DIR *d;
	int dfd;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (dfd < 0 || (d = fdopendir(dfd)) == NULL) {
		nd_diag_add(w->diag, ND_WARNING, dir, 0, 0,
			    "cannot open directory: %s; skipped",
			    strerror(errno));
		if (dfd >= 0)
			close(dfd);
		w->skipped++;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ".", "..", and hidden: .keep, .rejected */
		visit(w, dfd, dir, de->d_name, depth);
	}
	closedir(d);
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
		walk_dir(&w, root, 0);
	} else {
		add_path(&w, nd_xstrdup(root));
	}
	free(w.seen);
	if (w.count > 1) /* qsort(NULL, 0, ...) is undefined */
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
