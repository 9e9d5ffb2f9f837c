/* newsdesk stats: the stats charts, as text, over the articles -q picks. */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/chart.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The terminal's width, else $COLUMNS, else 80 (a pipe, a file). */
static size_t chart_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long n;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	n = env != NULL ? strtol(env, NULL, 10) : 0;
	return n > 0 ? (size_t)n : 80;
}

/* Block characters only where the locale can show them, tty or not. */
static int chart_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs == NULL || strcmp(cs, "UTF-8") != 0;
}

static uint32_t *matching(const struct nd_index *idx,
			  const struct nd_query *q, size_t *n)
{
	uint32_t *ids = nd_xmalloc((idx->count ? idx->count : 1) *
				   sizeof(*ids));
	size_t i;

	*n = 0;
	for (i = 0; i < idx->count; i++) {
		if (nd_query_match(q, idx, i))
			ids[(*n)++] = (uint32_t)i;
	}
	return ids;
}

static void print_page(const struct nd_index *idx, const uint32_t *ids,
		       size_t n)
{
	struct nd_chart_opts o = { chart_width(), 0, chart_ascii() };
	struct nd_tally t;
	struct nd_chart c;
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	nd_tally_count(&t, idx, ids, n);
	nd_chart_init(&c);
	nd_chart_page(&c, &t, idx, &o);
	/* The lines are sanitised already: labels passed nd_sanitize. */
	for (i = 0; i < c.count; i++) {
		nd_buf_adds(&b, c.lines[i].text);
		nd_buf_addc(&b, '\n');
	}
	cli_flush(&b);
	nd_buf_release(&b);
	nd_chart_release(&c);
	nd_tally_release(&t);
}

static int parse(int argc, char **argv, struct nd_load_opts *lo,
		 const char **query)
{
	static const struct option longs[] = {
		{ "query", required_argument, NULL, 'q' },
		{ "follow-links", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(lo, 0, sizeof(*lo));
	while ((c = getopt_long(argc, argv, "q:", longs, NULL)) != -1) {
		if (c == 'q')
			*query = optarg;
		else if (c == 'L')
			lo->follow_links = 1;
		else
			return cli_bad_option(argv);
	}
	if (argc - optind > 1) {
		cli_error("usage: %s stats [-q QUERY] [--follow-links] [DIR]",
			  cli.prog);
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	struct nd_load_opts lo;
	struct nd_index *idx;
	struct nd_query *q = NULL;
	const char *query = NULL;
	uint32_t *ids;
	size_t n;
	int r;

	r = parse(argc, argv, &lo, &query);
	if (r != 0)
		return r;
	r = cli_query_load(optind < argc ? argv[optind] : ".", &lo, query, &q,
			   &idx);
	if (r != 0)
		return r;
	cli_apply_read_state(idx);
	ids = matching(idx, q, &n);
	print_page(idx, ids, n);
	free(ids);
	nd_query_free(q);
	nd_index_free(idx);
	return EXIT_OK;
}
