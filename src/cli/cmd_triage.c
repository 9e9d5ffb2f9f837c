/* newsdesk set, triage, undo, redo and log: decisions from the shell,
 * through the same triage code as the desk. */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"
#include "newsdesk/write/journal.h"
#include "newsdesk/write/triage.h"

#include <sys/stat.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DECISIONS 32

struct tally {
	size_t done, nothing, conflicts, failed;
	/* what a change made is called: "changed", "would change" (a dry
	 * run), "undid", "redid" */
	const char *verb;
};

static void report(void *ctx, const char *path, const struct nd_result *r)
{
	struct tally *t = ctx;
	struct nd_buf b = ND_BUF_INIT;
	const char *const words[] = { t->verb, "unchanged", "conflict",
				      "failed" };

	switch (r->status) {
	case ND_DONE:
		t->done++;
		break;
	case ND_NOTHING:
		t->nothing++;
		break;
	case ND_CONFLICT:
		t->conflicts++;
		break;
	default:
		t->failed++;
	}
	cli_put(&b, path, strlen(path));
	nd_buf_addf(&b, ": %s: ", words[r->status]);
	cli_put(&b, r->message, strlen(r->message));
	nd_buf_addc(&b, '\n');
	fputs(b.data, r->status >= ND_CONFLICT ? stderr : stdout);
	nd_buf_release(&b);
}

/* "newsdesk: " and a line that may hold an article's title, sanitised. */
static void say(const char *line)
{
	struct nd_buf b = ND_BUF_INIT;

	nd_buf_addf(&b, "%s: ", cli.prog);
	cli_put(&b, line, strlen(line));
	nd_buf_addc(&b, '\n');
	fflush(stdout);
	fputs(b.data, stderr);
	nd_buf_release(&b);
}

static int finish(const struct tally *t, int dry)
{
	fflush(stdout);
	fprintf(stderr, "%s: %zu %s, %zu unchanged, %zu conflicts, %zu "
		"failed\n", cli.prog, t->done, dry ? "would change" : "changed",
		t->nothing, t->conflicts, t->failed);
	return t->conflicts || t->failed ? EXIT_PROBLEMS : EXIT_OK;
}

static char *journal_path(void)
{
	char *p = nd_journal_default_path();

	if (p == NULL)
		cli_error("no HOME or XDG_STATE_HOME: cannot keep a journal");
	return p;
}


static int apply_all(struct nd_triage *t, char **paths, size_t n,
		     const struct nd_decision *ds, size_t nd,
		     struct tally *tl)
{
	struct nd_result r;
	size_t i, k;

	nd_triage_begin(t);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nd; k++) {
			nd_triage_apply(t, paths[i], &ds[k], NULL, &r);
			report(tl, paths[i], &r);
			nd_triage_result_release(&r);
		}
	}
	return 0;
}

static int parse_decisions(char **args, size_t n, struct nd_decision *ds)
{
	struct nd_err err;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(args[i], "reject") == 0) {
			memset(&ds[i], 0, sizeof(ds[i]));
			ds[i].kind = ND_REJECT;
		} else if (nd_triage_parse(args[i], &ds[i], &err) != 0) {
			cli_error("%s", err.message);
			return -1;
		}
	}
	return 0;
}

/* Files decided on their own (set, unreject) belong to the root
 * nd_triage_find_root() finds for the first: the same one the desk and
 * triage use, which scopes undo and holds .rejected/. */
static int apply_files(char **files, size_t n, const struct nd_decision *ds,
		       size_t nd, int dry)
{
	struct tally tl = { 0, 0, 0, 0, dry ? "would change" : "changed" };
	struct nd_triage t;
	char *journal = journal_path(), *root;

	if (journal == NULL)
		return EXIT_PROBLEMS;
	root = nd_triage_find_root(files[0], journal);
	if (root == NULL || nd_triage_init(&t, root, journal) != 0) {
		cli_error("cannot open '%s'", files[0]);
		free(journal);
		free(root);
		return EXIT_PROBLEMS;
	}
	t.dry_run = dry;
	apply_all(&t, files, n, ds, nd, &tl);
	nd_triage_release(&t);
	free(journal);
	free(root);
	return finish(&tl, dry);
}

/* newsdesk unreject FILE...: back from ROOT/.rejected/ to where it was. */
int cmd_unreject(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_decision d;
	int c, dry = 0;

	while ((c = getopt_long(argc, argv, "n", longs, NULL)) != -1) {
		if (c != 'n')
			return cli_bad_option(argv);
		dry = 1;
	}
	if (optind == argc) {
		cli_error("usage: %s unreject FILE... [--dry-run]", cli.prog);
		return EXIT_USAGE;
	}
	memset(&d, 0, sizeof(d));
	d.kind = ND_UNREJECT;
	return apply_files(argv + optind, (size_t)(argc - optind), &d, 1,
			   dry);
}

/* newsdesk set FILE... published=true quality=N topic+=X topic-=X */
int cmd_set(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_decision ds[MAX_DECISIONS];
	int c, dry = 0, first, i, nfiles;

	while ((c = getopt_long(argc, argv, "n", longs, NULL)) != -1) {
		if (c != 'n')
			return cli_bad_option(argv);
		dry = 1;
	}
	first = optind;
	for (i = first; i < argc && strchr(argv[i], '=') == NULL &&
			strcmp(argv[i], "reject") != 0; i++)
		;
	nfiles = i - first;
	if (nfiles == 0 || i == argc || argc - i > MAX_DECISIONS) {
		cli_error("usage: %s set FILE... published=true|false "
			  "quality=N heat=N topic+=X topic-=X reject "
			  "[--dry-run]", cli.prog);
		return EXIT_USAGE;
	}
	if (parse_decisions(argv + i, (size_t)(argc - i), ds) != 0)
		return EXIT_USAGE;
	return apply_files(argv + first, (size_t)nfiles, ds,
			   (size_t)(argc - i), dry);
}

static int select_paths(const char *dir, const char *query, char ***paths,
			size_t *n)
{
	struct nd_query *q = NULL;
	struct nd_index *idx;
	size_t i;
	int r;

	r = cli_query_load(dir, NULL, query, &q, &idx);
	if (r != 0)
		return r;
	*paths = nd_xcalloc(idx->count + 1, sizeof(**paths));
	*n = 0;
	for (i = 0; *paths != NULL && i < idx->count; i++) {
		if (nd_query_match(q, idx, i))
			(*paths)[(*n)++] = nd_xstrdup(idx->items[i].path);
	}
	nd_query_free(q);
	nd_index_free(idx);
	return *paths != NULL ? 0 : EXIT_PROBLEMS;
}

/* DIR is the root, as the desk's is; DIR given as a single file has the
 * root set finds for it. */
static int triage_open(struct nd_triage *t, const char *dir,
		       const char *journal)
{
	struct stat st;
	char *root;
	int r;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return nd_triage_init(t, dir, journal);
	root = nd_triage_find_root(dir, journal);
	r = root != NULL ? nd_triage_init(t, root, journal) : -1;
	free(root);
	return r;
}

/* newsdesk triage DIR -q QUERY --set published=true [--reject] */
int cmd_triage(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "query", required_argument, NULL, 'q' },
		{ "set", required_argument, NULL, 's' },
		{ "reject", no_argument, NULL, 'x' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	char *sets[MAX_DECISIONS], **paths = NULL, *journal;
	struct nd_decision ds[MAX_DECISIONS];
	struct tally tl = { 0, 0, 0, 0, "changed" };
	const char *query = NULL, *dir = ".";
	struct nd_triage t;
	size_t nsets = 0, n = 0, i;
	int c, dry = 0, r;

	while ((c = getopt_long(argc, argv, "q:s:xn", longs, NULL)) != -1) {
		if (c == 'q')
			query = optarg;
		else if ((c == 's' || c == 'x') && nsets < MAX_DECISIONS)
			sets[nsets++] = c == 's' ? optarg : (char *)"reject";
		else if (c == 'n')
			dry = 1;
		else
			return cli_bad_option(argv);
	}
	if (optind < argc)
		dir = argv[optind++];
	if (nsets == 0 || optind < argc) {
		cli_error("usage: %s triage DIR -q QUERY --set FIELD=VALUE... "
			  "[--reject] [--dry-run]", cli.prog);
		return EXIT_USAGE;
	}
	if (parse_decisions(sets, nsets, ds) != 0)
		return EXIT_USAGE;
	r = select_paths(dir, query, &paths, &n);
	if (r != 0)
		return r;
	journal = journal_path();
	if (journal == NULL || triage_open(&t, dir, journal) != 0) {
		free(journal);
		return EXIT_PROBLEMS;
	}
	t.dry_run = dry;
	if (dry)
		tl.verb = "would change";
	apply_all(&t, paths, n, ds, nsets, &tl);
	nd_triage_release(&t);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(journal);
	return finish(&tl, dry);
}

/* Undoes (redoes) the target group of the journal read into j. */
static int undo_group(const struct nd_journal *j, const char *root,
		      const char *journal, int redo)
{
	struct tally tl = { 0, 0, 0, 0, redo ? "redid" : "undid" };
	struct nd_undo_outcome o;
	const struct nd_group *g;
	struct nd_triage t;

	g = redo ? nd_journal_redo_target(j, root)
		 : nd_journal_undo_target(j, root);
	if (g == NULL) {
		cli_error("nothing to %s", redo ? "redo" : "undo");
		return EXIT_PROBLEMS;
	}
	if (nd_triage_init(&t, g->root, journal) != 0) {
		cli_error("cannot open '%s'", g->root);
		return EXIT_PROBLEMS;
	}
	/* A journal that cannot be written is reported through report(),
	 * and counted as failed. */
	nd_triage_revert(&t, g, redo, report, &tl, &o);
	nd_triage_release(&t);
	say(o.message);
	nd_undo_outcome_release(&o);
	return tl.conflicts || tl.failed ? EXIT_PROBLEMS : EXIT_OK;
}

static int undo_redo(int argc, char **argv, int redo)
{
	struct nd_journal j;
	struct nd_diag d;
	char *journal = journal_path(), *root = NULL;
	int r;

	if (argc > 2) {
		cli_error("usage: %s %s [DIR]", cli.prog, argv[0]);
		free(journal);
		return EXIT_USAGE;
	}
	if (journal == NULL)
		return EXIT_PROBLEMS;
	if (argc == 2 && (root = realpath(argv[1], NULL)) == NULL) {
		cli_error("cannot open '%s'", argv[1]);
		free(journal);
		return EXIT_PROBLEMS;
	}
	nd_diag_init(&d);
	r = nd_journal_read(&j, journal, &d);
	cli_print_problems(&d, stderr); /* or torn records, skipped */
	r = r != 0 ? EXIT_PROBLEMS : undo_group(&j, root, journal, redo);
	nd_journal_release(&j);
	nd_diag_release(&d);
	free(journal);
	free(root);
	return r;
}

int cmd_undo(int argc, char **argv)
{
	return undo_redo(argc, argv, 0);
}

int cmd_redo(int argc, char **argv)
{
	return undo_redo(argc, argv, 1);
}

/* newsdesk log [DIR] [-n N]: the newest groups first. */
int cmd_log(int argc, char **argv)
{
	static const char *const states[] = { "done", "undone", "failed" };
	struct nd_buf b = ND_BUF_INIT;
	struct nd_journal j;
	struct nd_diag d;
	char *journal, *root = NULL, when[24];
	long limit = 20, shown = 0;
	size_t i, k;
	int c;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			return cli_bad_option(argv);
		limit = strtol(optarg, NULL, 10);
	}
	if (optind < argc && (root = realpath(argv[optind], NULL)) == NULL) {
		cli_error("cannot open '%s'", argv[optind]);
		return EXIT_PROBLEMS;
	}
	journal = journal_path();
	nd_diag_init(&d);
	if (journal == NULL || nd_journal_read(&j, journal, &d) != 0) {
		cli_print_problems(&d, stderr);
		nd_diag_release(&d);
		free(journal);
		free(root);
		return EXIT_PROBLEMS;
	}
	cli_print_problems(&d, stderr); /* torn records, skipped */
	for (i = j.count; i-- > 0 && shown < limit;) {
		const struct nd_group *g = &j.groups[i];

		if (root != NULL && strncmp(g->root, root, strlen(root)) != 0)
			continue;
		shown++;
		nd_time_format(g->time, when);
		nd_buf_addf(&b, "%s  %-6s  %zu change%s in ", when,
			    states[g->state], g->count, g->count == 1 ? "" : "s");
		cli_put(&b, g->root, strlen(g->root));
		nd_buf_addc(&b, '\n');
		for (k = 0; k < g->count; k++) {
			char line[300];

			/* the words undo and the decision itself use */
			nd_change_describe(&g->changes[k], 0, line,
					   sizeof(line));
			nd_buf_adds(&b, "    ");
			cli_put(&b, g->changes[k].path,
				strlen(g->changes[k].path));
			nd_buf_adds(&b, "  ");
			cli_put(&b, line, strlen(line));
			nd_buf_addc(&b, '\n');
		}
		cli_flush(&b);
	}
	if (shown == 0)
		printf("no changes recorded\n");
	nd_buf_release(&b);
	nd_journal_release(&j);
	nd_diag_release(&d);
	free(journal);
	free(root);
	return EXIT_OK;
}
