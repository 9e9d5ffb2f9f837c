/* newsdesk check: validates files and lists every problem. */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/model/article.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/net/fetch.h"

#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

struct tally {
	size_t files, bad, problems;
};

static void check_file(const char *path, struct tally *t)
{
	struct nd_article *a = NULL;
	struct nd_diag d;

	nd_diag_init(&d);
	nd_article_load(path, &a, &d);
	t->files++;
	if (d.count + d.dropped > 0) {
		t->bad++;
		t->problems += d.count + d.dropped;
		cli_print_problems(&d, stdout);
	}
	nd_article_free(a);
	nd_diag_release(&d);
}

static int check_path(const char *path, const struct nd_load_opts *lo,
		      struct tally *t)
{
	struct nd_diag d;
	char **paths;
	size_t n, i, skipped;
	int r;

	nd_diag_init(&d);
	r = nd_loader_walk(path, lo, &paths, &n, &d, &skipped);
	t->problems += d.count;
	cli_print_problems(&d, stdout);
	nd_diag_release(&d);
	if (r != 0)
		return -1;
	for (i = 0; i < n; i++)
		check_file(paths[i], t);
	nd_loader_walk_free(paths, n);
	return 0;
}

/* --links: every article's URLs, CONNECTIONS at a time. */
#define CONNECTIONS 8

struct link_job {
	char **urls, **where;
	size_t n, next;
	size_t checked, ndead; /* under lock */
	pthread_mutex_t lock;
};

/* Prints a dead link at once (under the lock: lines never interleave). */
static void report_dead(const char *where, const char *url,
			const char *why)
{
	struct nd_buf b = ND_BUF_INIT;

	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr); /* the counter line, if shown */
	cli_put(&b, where, strlen(where));
	nd_buf_adds(&b, ": dead link ");
	cli_put(&b, url, strlen(url));
	nd_buf_adds(&b, ": ");
	cli_put(&b, why, strlen(why));
	nd_buf_addc(&b, '\n');
	cli_flush(&b);
	fflush(stdout);
	nd_buf_release(&b);
}

static void *link_worker(void *arg)
{
	struct link_job *j = arg;
	struct nd_fetch_opts o;
	char summary[300];
	long status;
	size_t i;
	int dead;

	memset(&o, 0, sizeof(o));
	o.connect_timeout_ms = 10000;
	o.timeout_ms = 20000;
	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->n)
			return NULL;
		dead = nd_fetch_link_check(j->urls[i], &o, &status, summary,
					   sizeof(summary)) != 0;
		pthread_mutex_lock(&j->lock);
		j->checked++;
		if (dead) {
			j->ndead++;
			report_dead(j->where[i], j->urls[i], summary);
		}
		pthread_mutex_unlock(&j->lock);
	}
}

static void add_url(struct link_job *j, size_t *cap, const char *path,
		    struct nd_text t)
{
	size_t k;

	if (t.s == NULL)
		return;
	for (k = j->n; k-- > 0 && strcmp(j->where[k], path) == 0;) {
		if (strlen(j->urls[k]) == t.len &&
		    memcmp(j->urls[k], t.s, t.len) == 0)
			return; /* webUrl == originalUrl */
	}
	nd_grow(&j->urls, cap, j->n + 1, sizeof(*j->urls));
	j->where = nd_xrealloc(j->where, *cap * sizeof(*j->where));
	j->urls[j->n] = nd_xmemdup(t.s, t.len);
	j->where[j->n++] = nd_xstrdup(path);
}

/* On a terminal, "checked 12 / 340 links, 1 dead" on stderr while the
 * workers run (results themselves go out as they come); cleared after. */
static void watch_links(struct link_job *j)
{
	char a[32], b[32];
	size_t checked, dead;
	int tty = isatty(STDERR_FILENO), shown = 0;

	for (;;) {
		pthread_mutex_lock(&j->lock);
		checked = j->checked;
		dead = j->ndead;
		if (tty && checked < j->n) {
			cli_thousands(a, sizeof(a), checked);
			cli_thousands(b, sizeof(b), j->n);
			fprintf(stderr, "\rchecked %s / %s links, %zu dead\033[K",
				a, b, dead);
			fflush(stderr);
			shown = 1;
		}
		pthread_mutex_unlock(&j->lock);
		if (checked >= j->n)
			break;
		poll(NULL, 0, 100);
	}
	if (shown)
		fputs("\r\033[K", stderr);
}

static int check_links(int argc, char **argv, int first,
		       const struct nd_load_opts *lo)
{
	struct link_job j;
	pthread_t tids[CONNECTIONS];
	struct nd_diag d;
	struct nd_article *a;
	char **paths;
	size_t n, i, cap = 0, skipped, dead = 0;
	int k, threads;

	memset(&j, 0, sizeof(j));
	for (k = first; k < argc || (k == first && argc == first); k++) {
		nd_diag_init(&d);
		if (nd_loader_walk(k < argc ? argv[k] : ".", lo, &paths, &n, &d,
			    &skipped) == 0) {
			for (i = 0; i < n; i++) {
				if (nd_article_load(paths[i], &a, &d) != 0)
					continue;
				add_url(&j, &cap, paths[i], a->original_url);
				add_url(&j, &cap, paths[i], a->web_url);
				nd_article_free(a);
			}
			nd_loader_walk_free(paths, n);
		}
		nd_diag_release(&d);
	}
	pthread_mutex_init(&j.lock, NULL);
	threads = j.n < CONNECTIONS ? (int)j.n : CONNECTIONS;
	for (k = 0; k < threads; k++)
		pthread_create(&tids[k], NULL, link_worker, &j);
	watch_links(&j);
	for (k = 0; k < threads; k++)
		pthread_join(tids[k], NULL);
	fflush(stdout);
	fprintf(stderr, "%s: checked %zu links: %zu dead\n", cli.prog, j.n,
		j.ndead);
	dead = j.ndead;
	pthread_mutex_destroy(&j.lock);
	for (i = 0; i < j.n; i++) {
		free(j.urls[i]);
		free(j.where[i]);
	}
	free(j.urls);
	free(j.where);
	return dead ? EXIT_PROBLEMS : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "links", no_argument, NULL, 'l' },
		{ "follow-links", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_load_opts lo;
	struct tally t = { 0, 0, 0 };
	int i, c, failed = 0, links = 0;

	memset(&lo, 0, sizeof(lo));
	lo.report_temps = 1; /* a stale one is the user's to delete */
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (c == 'l')
			links = 1;
		else if (c == 'L')
			lo.follow_links = 1;
		else
			return cli_bad_option(argv);
	}
	if (links)
		return check_links(argc, argv, optind, &lo);
	if (optind == argc)
		failed |= check_path(".", &lo, &t);
	for (i = optind; i < argc; i++)
		failed |= check_path(argv[i], &lo, &t);
	fflush(stdout);
	fprintf(stderr, "%s: checked %zu files: %zu with problems, %zu "
		"problems in all\n", cli.prog, t.files, t.bad, t.problems);
	return failed || t.problems ? EXIT_PROBLEMS : EXIT_OK;
}
