/* newsdesk stories: articles carrying the same story, grouped by the rule
 * in model/story.h; --resolve keeps one and rejects the others. */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/model/query.h"
#include "newsdesk/model/story.h"
#include "newsdesk/present/config.h"
#include "newsdesk/write/journal.h"
#include "newsdesk/write/triage.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct nd_stories *cli_stories(struct nd_index *idx)
{
	struct nd_story_opts o;
	struct nd_story_link *links;
	struct nd_stories *s;
	struct nd_config c;
	struct nd_diag d;
	char *path = nd_config_default_path();
	size_t n;

	nd_story_opts_default(&o);
	nd_diag_init(&d);
	/* The user's thresholds; a bad config is the desk's to report. */
	if (nd_config_init(&c) == 0 &&
	    (path == NULL || nd_config_load(&c, path, 1, &d) == 0)) {
		o.threshold = c.story_threshold / 100.0;
		o.window = (int64_t)c.story_days * 86400;
	}
	nd_config_release(&c);
	nd_diag_release(&d);
	free(path);
	n = nd_story_links_load(idx, &links);
	s = nd_stories_build(idx, &o, links, n);
	free(links);
	idx->stories = s;
	return s;
}

static void member_line(struct nd_buf *b, const struct nd_index *idx,
			uint32_t id, int best)
{
	const struct nd_summary *s = nd_index_get(idx, id);
	const char *prov;
	char date[24];
	size_t plen;

	prov = nd_index_str(idx, s->provider ? s->provider : s->domain, &plen);
	if (s->date == ND_TIME_NONE)
		snprintf(date, sizeof(date), "-");
	else
		nd_date_format(s->date, date);
	nd_buf_addf(b, "  %c %s ", best ? '*' : ' ', date);
	cli_marks(b, s);
	nd_buf_addc(b, ' ');
	cli_cell(b, prov, plen, 16, 0);
	nd_buf_addc(b, ' ');
	cli_put(b, s->title, s->title_len);
	nd_buf_adds(b, "\n      ");
	cli_put(b, s->path, strlen(s->path));
	nd_buf_addc(b, '\n');
}

static int any_match(const struct nd_query *q, const struct nd_index *idx,
		     const struct nd_stories *s, const struct nd_story *st)
{
	uint32_t k;

	for (k = 0; k < st->count; k++) {
		if (nd_query_match(q, idx, s->members[st->first + k]))
			return 1;
	}
	return 0;
}

static size_t print_stories(const struct nd_index *idx,
			    const struct nd_stories *s,
			    const struct nd_query *q)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i, shown = 0, in = 0;
	uint32_t k;

	for (i = 0; s != NULL && i < s->count; i++) {
		const struct nd_story *st = &s->items[i];

		if (!any_match(q, idx, s, st))
			continue;
		shown++;
		in += st->count;
		nd_buf_addf(&b, "story %s: %u articles\n", st->id, st->count);
		for (k = 0; k < st->count; k++)
			member_line(&b, idx, s->members[st->first + k],
				    s->members[st->first + k] == st->best);
		cli_flush(&b);
	}
	nd_buf_release(&b);
	fflush(stdout);
	fprintf(stderr, "%s: %zu stories, %zu articles in them, of %zu\n",
		cli.prog, shown, in, idx->count);
	return shown;
}

static void report(void *ctx, const char *path, const struct nd_result *r)
{
	static const char *const words[] = { "changed", "unchanged",
					     "conflict", "failed" };
	struct nd_buf b = ND_BUF_INIT;
	int *bad = ctx;

	*bad |= r->status >= ND_CONFLICT;
	cli_put(&b, path, strlen(path));
	nd_buf_addf(&b, ": %s: ", words[r->status]);
	cli_put(&b, r->message, strlen(r->message));
	nd_buf_addc(&b, '\n');
	fputs(b.data, r->status >= ND_CONFLICT ? stderr : stdout);
	nd_buf_release(&b);
}

/* Keeps the story's best article (or keep) and rejects the others, as
 * one journal group. */
static int resolve(const char *dir, const struct nd_index *idx,
		   const struct nd_story *st, const struct nd_stories *s,
		   const char *keep)
{
	char **others = nd_xcalloc(st->count, sizeof(*others));
	const char *kept = nd_index_get(idx, st->best)->path;
	char *journal = nd_journal_default_path();
	struct nd_triage t;
	size_t n = 0;
	uint32_t k;
	int bad = 0;

	for (k = 0; keep != NULL && k < st->count; k++) {
		const char *p = nd_index_get(idx, s->members[st->first + k])->path;

		if (strcmp(p, keep) == 0)
			kept = p;
	}
	for (k = 0; k < st->count; k++) {
		const char *p = nd_index_get(idx, s->members[st->first + k])->path;

		if (p != kept)
			others[n++] = (char *)p;
	}
	if (journal == NULL || nd_triage_init(&t, dir, journal) != 0) {
		cli_error("cannot open '%s' for writing", dir);
		bad = 1;
	} else {
		nd_triage_resolve(&t, kept, others, n, report, &bad);
		nd_triage_release(&t);
	}
	free(others);
	free(journal);
	return bad ? EXIT_PROBLEMS : EXIT_OK;
}

/* newsdesk stories [DIR] [-q QUERY] [--resolve ID [--keep FILE]] */
int cmd_stories(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "query", required_argument, NULL, 'q' },
		{ "resolve", required_argument, NULL, 'R' },
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = ".", *query = NULL, *id = NULL, *keep = NULL;
	const struct nd_story *st;
	struct nd_query *q = NULL;
	struct nd_stories *s;
	struct nd_index *idx;
	int c, r;

	while ((c = getopt_long(argc, argv, "q:", longs, NULL)) != -1) {
		if (c == 'q')
			query = optarg;
		else if (c == 'R')
			id = optarg;
		else if (c == 'k')
			keep = optarg;
		else
			return cli_bad_option(argv);
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc || (keep != NULL && id == NULL)) {
		cli_error("usage: %s stories [DIR] [-q QUERY] [--resolve ID "
			  "[--keep FILE]]", cli.prog);
		return EXIT_USAGE;
	}
	r = cli_query_load(dir, NULL, query, &q, &idx);
	if (r != 0)
		return r;
	cli_apply_read_state(idx);
	s = cli_stories(idx);
	if (id == NULL) {
		print_stories(idx, s, q);
	} else if ((st = nd_stories_find(s, id)) == NULL) {
		cli_error("no story '%s' in '%s'", id, dir);
		r = EXIT_PROBLEMS;
	} else {
		r = resolve(dir, idx, st, s, keep);
	}
	nd_stories_free(s);
	nd_query_free(q);
	nd_index_free(idx);
	return r;
}
