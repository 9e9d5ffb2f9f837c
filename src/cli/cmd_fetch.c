/* newsdesk fetch URL|FILE: the page as readable text (or the raw page). */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/model/article.h"
#include "newsdesk/net/cache.h"
#include "newsdesk/net/page.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file argument means its article's originalUrl, else its webUrl. */
static char *url_of(const char *arg)
{
	struct nd_article *a;
	struct nd_diag d;
	struct nd_text t;
	char *url = NULL;

	if (nd_skip_prefix(arg, "http://") != NULL ||
	    nd_skip_prefix(arg, "https://") != NULL ||
	    access(arg, F_OK) != 0)
		return nd_xstrdup(arg);
	nd_diag_init(&d);
	if (nd_article_load(arg, &a, &d) != 0) {
		cli_print_problems(&d, stderr);
		nd_diag_release(&d);
		return NULL;
	}
	t = a->original_url.s ? a->original_url : a->web_url;
	if (t.s != NULL)
		url = nd_xmemdup(t.s, t.len);
	else
		cli_error("'%s' has no originalUrl or webUrl", arg);
	nd_article_free(a);
	nd_diag_release(&d);
	return url;
}

static void print_text(const struct nd_page *p, size_t width)
{
	struct nd_buf b = ND_BUF_INIT;
	struct nd_doc doc;
	char *title;
	size_t i;

	nd_doc_init(&doc, width, cli.san_flags);
	nd_page_render(p, &doc, &title);
	if (title != NULL && title[0]) {
		cli_put(&b, title, strlen(title));
		nd_buf_adds(&b, "\n\n");
	}
	for (i = 0; i < doc.count; i++) {
		nd_buf_add(&b, doc.lines[i].text, doc.lines[i].len);
		nd_buf_addc(&b, '\n');
		if (b.len > 65536)
			cli_flush(&b);
	}
	cli_flush(&b);
	nd_buf_release(&b);
	nd_doc_release(&doc);
	free(title);
}

/* Raw bytes to a file or pipe; through the sanitiser to a terminal. */
static void print_raw(const struct nd_page *p)
{
	struct nd_buf b = ND_BUF_INIT;

	if (isatty(STDOUT_FILENO)) {
		cli_put_multiline(&b, p->raw.data, p->raw.len);
		cli_flush(&b);
		nd_buf_release(&b);
		return;
	}
	if (p->raw.len)
		fwrite(p->raw.data, 1, p->raw.len, stdout);
}

int cmd_fetch(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "offline", no_argument, NULL, 'o' },
		{ "width", required_argument, NULL, 'w' },
		{ "no-cache", no_argument, NULL, 'C' },
		{ "private-redirects", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_page_opts o;
	struct nd_page p;
	size_t width = cli.columns ? cli.columns : 80;
	char *url, *cache = NULL;
	int c, raw = 0, no_cache = 0, r;

	memset(&o, 0, sizeof(o));
	while ((c = getopt_long(argc, argv, "f:ow:", longs, NULL)) != -1) {
		if (c == 'f' && (strcmp(optarg, "text") == 0 ||
				 strcmp(optarg, "html") == 0))
			raw = strcmp(optarg, "html") == 0;
		else if (c == 'o')
			o.offline = 1;
		else if (c == 'C')
			no_cache = 1;
		else if (c == 'P')
			o.fetch.private_redirects = 1;
		else if (c == 'w' && strtol(optarg, NULL, 10) >= 20)
			width = (size_t)strtol(optarg, NULL, 10);
		else
			return cli_bad_option(argv);
	}
	if (optind + 1 != argc) {
		cli_error("usage: %s fetch URL|FILE [--format text|html] "
			  "[--offline] [--width N] [--private-redirects]",
			  cli.prog);
		return EXIT_USAGE;
	}
	url = url_of(argv[optind]);
	if (url == NULL)
		return EXIT_PROBLEMS;
	if (!no_cache)
		o.cache_dir = cache = nd_cache_dir();
	r = nd_page_get(url, &o, &p);
	if (r != 0) {
		cli_error("%s: %s", url, p.err.message);
	} else {
		if (p.note[0])
			cli_error("%s", p.note);
		if (raw)
			print_raw(&p);
		else
			print_text(&p, width);
	}
	nd_page_release(&p);
	free(url);
	free(cache);
	return r == 0 ? EXIT_OK : EXIT_PROBLEMS;
}
