/* The directory walk of the loader: which files are articles. */
#include "newsdesk/model/loader.h"

#include "loader_int.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
	struct nd_file_key *keys; /* beside paths, when wanted */
	size_t keys_cap;
	int want_keys;
	struct dir_id *seen; /* every directory entered */
	size_t nseen, seen_cap;
	struct nd_diag *diag;
	size_t skipped;
	const char *root;  /* as given, for messages */
	char *root_real;   /* realpath(root) */
	size_t root_len;   /* of root_real; 0 when it is "/" */
	int follow_links, report_temps;
};

/* What safewrite.c names its temporary files: ".NAME[.RANDOM]" + this. */
#define OUR_TEMP ".newsdesk-tmp"

/* Files an editor, a patch or a writer leaves beside an article: never
 * articles, and not problems either. Any case: "X.BAK" is one too. */
static const char *const leftover_suffixes[] = {
	"~", ".orig", ".rej", ".bak", ".tmp", ".swp", ".swo", OUR_TEMP,
};

static int ends_with(const char *name, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && strcasecmp(name + len - n, suffix) == 0;
}

static int is_leftover(const char *name)
{
	size_t len = strlen(name), i;

	if (strcmp(name, "4913") == 0) /* vim's probe: can it write here? */
		return 1;
	if (name[0] == '#' && len > 2 && name[len - 1] == '#') /* emacs */
		return 1;
	for (i = 0; i < sizeof(leftover_suffixes) / sizeof(*leftover_suffixes);
	     i++) {
		if (ends_with(name, len, leftover_suffixes[i]))
			return 1;
	}
	return 0;
}

void nd_file_key_of(struct nd_file_key *k, const struct stat *st)
{
	memset(k, 0, sizeof(*k));
	k->size = (uint64_t)st->st_size;
	k->ino = (uint64_t)st->st_ino;
	k->dev = (uint64_t)st->st_dev;
	k->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
		      st->st_mtim.tv_nsec;
	k->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 +
		      st->st_ctim.tv_nsec;
}

/* The stat the walk made anyway is kept: a warm start compares it with
 * the cache instead of asking the kernel a second time per file. */
static void add_path(struct walker *w, char *path, const struct stat *st)
{
	nd_grow(&w->paths, &w->cap, w->count + 1, sizeof(*w->paths));
	if (w->want_keys) {
		nd_grow(&w->keys, &w->keys_cap, w->count + 1,
			sizeof(*w->keys));
		nd_file_key_of(&w->keys[w->count], st);
	}
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

/* A symbolic link whose target's real path is neither root nor below it:
 * "ln -s /usr x" must not make a load read the whole system. */
static int leads_out(struct walker *w, int dfd, const char *name,
		     const char *path)
{
	struct stat lst;
	char *real;
	int out;

	if (w->follow_links ||
	    fstatat(dfd, name, &lst, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISLNK(lst.st_mode))
		return 0;
	real = realpath(path, NULL);
	if (real == NULL) {
		skip(w, path, strerror(errno));
		return 1;
	}
	out = strncmp(real, w->root_real, w->root_len) != 0 ||
	      (real[w->root_len] != '/' && real[w->root_len] != '\0');
	free(real);
	if (out) {
		nd_diag_add(w->diag, ND_WARNING, path, 0, 0,
			    "symbolic link to a directory outside '%s'; "
			    "skipped (follow it with 'follow-links: true' in "
			    "the config or --follow-links)", w->root);
		w->skipped++;
	}
	return out;
}

static void enter(struct walker *w, const char *path, const struct stat *st,
		  int depth)
{
	if (seen_before(w, st))
		skip(w, path, "directory already visited "
			      "(a symbolic link loop?)");
	else if (depth >= MAX_DIR_DEPTH)
		skip(w, path, "directories nested too deep");
	else
		walk_dir(w, path, depth + 1);
}

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
		add_path(w, path, &st);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!leads_out(w, dfd, name, path))
			enter(w, path, &st, depth);
		free(path);
		return;
	}
	skip(w, path, S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file"
		      : S_ISSOCK(st.st_mode) ? "a socket, not a regular file"
					     : "a device, not a regular file");
	free(path);
}

static void entry(struct walker *w, int dfd, const char *dir,
		  const char *name, int depth)
{
	char *path;

	if (w->report_temps && ends_with(name, strlen(name), OUR_TEMP)) {
		/* A writer renames it away at once: this one was stopped. */
		path = join(dir, name);
		nd_diag_add(w->diag, ND_WARNING, path, 0, 0,
			    "a temporary file left by an interrupted write; "
			    "safe to delete");
		free(path);
	} else if (name[0] != '.' && !is_leftover(name)) {
		/* Hidden ones are skipped: ".", "..", .keep, .rejected */
		visit(w, dfd, dir, name, depth);
	}
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
	while ((de = readdir(d)) != NULL)
		entry(w, dfd, dir, de->d_name, depth);
	closedir(d);
}

struct named {
	char *path;
	struct nd_file_key key;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->path,
		      ((const struct named *)b)->path);
}

/* Sorts paths (and keys beside them) by name. */
static void sort_walk(struct walker *w)
{
	struct named *v;
	size_t i;

	if (w->count < 2) /* qsort(NULL, 0, ...) is undefined */
		return;
	v = nd_xcalloc(w->count, sizeof(*v));
	for (i = 0; i < w->count; i++) {
		v[i].path = w->paths[i];
		if (w->want_keys)
			v[i].key = w->keys[i];
	}
	qsort(v, w->count, sizeof(*v), by_name);
	for (i = 0; i < w->count; i++) {
		w->paths[i] = v[i].path;
		if (w->want_keys)
			w->keys[i] = v[i].key;
	}
	free(v);
}

static int cannot_open(struct nd_diag *diag, const char *root)
{
	nd_diag_add(diag, ND_ERROR, root, 0, 0, "cannot open: %s",
		    strerror(errno));
	return -1;
}

/* Links are judged against the real path of root, not the one given:
 * root itself may be a link, or name "..". */
static int walk_root(struct walker *w, const char *root,
		     const struct stat *st)
{
	w->root_real = realpath(root, NULL);
	if (w->root_real == NULL)
		return cannot_open(w->diag, root);
	w->root_len = strcmp(w->root_real, "/") == 0 ? 0
						      : strlen(w->root_real);
	seen_before(w, st);
	walk_dir(w, root, 0);
	free(w->root_real);
	return 0;
}

int nd_loader_walk_keys(const char *root, const struct nd_load_opts *opts,
			char ***paths, struct nd_file_key **keys,
			size_t *count, struct nd_diag *diag, size_t *skipped)
{
	struct walker w;
	struct stat st;
	int r = 0;

	memset(&w, 0, sizeof(w));
	w.want_keys = keys != NULL;
	if (keys != NULL)
		*keys = NULL;
	w.diag = diag;
	w.root = root;
	w.follow_links = opts != NULL && opts->follow_links;
	w.report_temps = opts != NULL && opts->report_temps;
	*paths = NULL;
	*count = 0;
	if (stat(root, &st) != 0)
		return cannot_open(diag, root);
	if (S_ISDIR(st.st_mode))
		r = walk_root(&w, root, &st);
	else
		add_path(&w, nd_xstrdup(root), &st);
	free(w.seen);
	sort_walk(&w);
	*paths = w.paths;
	if (keys != NULL)
		*keys = w.keys;
	*count = w.count;
	if (skipped != NULL)
		*skipped = w.skipped;
	return r;
}

int nd_loader_walk(const char *root, const struct nd_load_opts *opts,
		   char ***paths, size_t *count, struct nd_diag *diag,
		   size_t *skipped)
{
	return nd_loader_walk_keys(root, opts, paths, NULL, count, diag,
				   skipped);
}

void nd_loader_walk_free(char **paths, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}
