/* newsdesk check: validates files and lists every problem. */
#include "cli.h"

#include "newsdesk/article.h"
#include "newsdesk/loader.h"

#include <getopt.h>
#include <stdlib.h>

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

static int check_path(const char *path, struct tally *t)
{
	struct nd_diag d;
	char **paths;
	size_t n, i, skipped;
	int r;

	nd_diag_init(&d);
	r = nd_walk(path, &paths, &n, &d, &skipped);
	t->problems += d.count;
	cli_print_problems(&d, stdout);
	nd_diag_release(&d);
	if (r != 0)
		return -1;
	for (i = 0; i < n; i++)
		check_file(paths[i], t);
	nd_walk_free(paths, n);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longs[] = { { NULL, 0, NULL, 0 } };
	struct tally t = { 0, 0, 0 };
	int i, failed = 0;

	if (getopt_long(argc, argv, "", longs, NULL) != -1)
		return cli_bad_option(argv);
	if (optind == argc)
		failed |= check_path(".", &t);
	for (i = optind; i < argc; i++)
		failed |= check_path(argv[i], &t);
	fflush(stdout);
	fprintf(stderr, "%s: checked %zu files: %zu with problems, %zu "
		"problems in all\n", cli.prog, t.files, t.bad, t.problems);
	return failed || t.problems ? EXIT_PROBLEMS : EXIT_OK;
}
