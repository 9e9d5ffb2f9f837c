#include "newsdesk/net/cache.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/xdg.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *nd_cache_dir(void)
{
	return nd_xdg_path(ND_XDG_CACHE, "pages");
}

static void entry_path(struct nd_buf *b, const char *dir, const char *url,
		       const char *ext)
{
	char h[17];

	nd_hash_hex(url, strlen(url), h);
	nd_buf_reset(b);
	nd_buf_addf(b, "%s/%s.%s", dir, h, ext);
}

static char *field(const char *meta, const char *name)
{
	size_t n = strlen(name);
	const char *p = meta, *nl;

	while (p != NULL && *p) {
		nl = strchr(p, '\n');
		if (strncmp(p, name, n) == 0 && p[n] == ' ')
			return nd_xmemdup(p + n + 1, nl ? (size_t)(nl - p - n - 1)
						    : strlen(p + n + 1));
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

int nd_cache_get(const char *dir, const char *url, struct nd_cache_entry *e)
{
	struct nd_buf p = ND_BUF_INIT;
	struct nd_err cause;
	char *meta, *body, *t;
	size_t len, blen;

	memset(e, 0, sizeof(*e));
	nd_buf_init(&e->body, 0);
	entry_path(&p, dir, url, "meta");
	if (nd_read_file(p.data, 64 * 1024, &meta, &len, &cause) != 0) {
		nd_buf_release(&p);
		return -1;
	}
	e->url = field(meta, "url");
	if (e->url == NULL || strcmp(e->url, url) != 0) {
		free(meta);
		nd_buf_release(&p);
		nd_cache_entry_release(e);
		return -1; /* a hash collision, or damage */
	}
	e->content_type = field(meta, "type");
	e->etag = field(meta, "etag");
	e->last_modified = field(meta, "modified");
	t = field(meta, "fetched");
	e->fetched = t ? strtoll(t, NULL, 10) : 0;
	free(t);
	free(meta);
	entry_path(&p, dir, url, "body");
	if (nd_read_file(p.data, 256u * 1024 * 1024, &body, &blen,
			 &cause) != 0) {
		nd_buf_release(&p);
		nd_cache_entry_release(e);
		return -1;
	}
	nd_buf_init(&e->body, 0);
	nd_buf_add(&e->body, body, blen);
	free(body);
	nd_buf_release(&p);
	return 0;
}

static int write_whole(const char *path, const char *data, size_t len)
{
	struct nd_buf tmp = ND_BUF_INIT;
	FILE *f;
	int ok;

	nd_buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp.data, "w");
	ok = f != NULL && fwrite(data, 1, len, f) == len;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	if (ok && rename(tmp.data, path) != 0)
		ok = 0;
	if (!ok)
		unlink(tmp.data);
	nd_buf_release(&tmp);
	return ok ? 0 : -1;
}

static int make_dirs(const char *dir)
{
	char *p = nd_xstrdup(dir), *s;

	if (p == NULL)
		return -1;
	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	mkdir(p, 0700);
	free(p);
	return 0;
}

struct aged {
	char *name;
	time_t mtime;
	off_t size;
};

static int by_age(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;

	return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

/* Oldest first out, until the bodies fit in limit. */
static void evict(const char *dir, size_t limit)
{
	struct aged *all = NULL;
	size_t n = 0, cap = 0, i;
	struct nd_buf p = ND_BUF_INIT;
	struct dirent *de;
	struct stat st;
	off_t total = 0;
	DIR *d = opendir(dir);

	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 6 || strcmp(de->d_name + l - 5, ".body") != 0)
			continue;
		nd_buf_reset(&p);
		nd_buf_addf(&p, "%s/%s", dir, de->d_name);
		if (stat(p.data, &st) != 0)
			continue;
		nd_grow(&all, &cap, n + 1, sizeof(*all));
		all[n].name = nd_xmemdup(de->d_name, l - 5);
		all[n].mtime = st.st_mtime;
		all[n++].size = st.st_size;
		total += st.st_size;
	}
	if (d != NULL)
		closedir(d);
	if (n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(all, n, sizeof(*all), by_age);
	for (i = 0; i < n; i++) {
		if ((size_t)total > limit) {
			nd_buf_reset(&p);
			nd_buf_addf(&p, "%s/%s.body", dir, all[i].name);
			unlink(p.data);
			nd_buf_reset(&p);
			nd_buf_addf(&p, "%s/%s.meta", dir, all[i].name);
			unlink(p.data);
			total -= all[i].size;
		}
		free(all[i].name);
	}
	free(all);
	nd_buf_release(&p);
}

int nd_cache_put(const char *dir, const struct nd_cache_entry *e,
		 size_t limit)
{
	struct nd_buf p = ND_BUF_INIT, meta = ND_BUF_INIT;
	int r;

	make_dirs(dir);
	nd_buf_addf(&meta, "url %s\ntype %s\netag %s\nmodified %s\nfetched "
		    "%lld\n", e->url, e->content_type ? e->content_type : "",
		    e->etag ? e->etag : "", e->last_modified
		    ? e->last_modified : "", (long long)time(NULL));
	entry_path(&p, dir, e->url, "body");
	r = write_whole(p.data, e->body.data, e->body.len);
	entry_path(&p, dir, e->url, "meta");
	if (r == 0)
		r = write_whole(p.data, meta.data, meta.len);
	nd_buf_release(&p);
	nd_buf_release(&meta);
	evict(dir, limit ? limit : ND_CACHE_DEFAULT_LIMIT);
	return r;
}

void nd_cache_entry_release(struct nd_cache_entry *e)
{
	free(e->url);
	free(e->content_type);
	free(e->etag);
	free(e->last_modified);
	nd_buf_release(&e->body);
	memset(e, 0, sizeof(*e));
	nd_buf_init(&e->body, 0);
}
