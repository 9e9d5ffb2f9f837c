/*
 * newsdesk: the command line. Parses the subcommand and hands over; the
 * only place that calls exit() with a status.
 */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/xdg.h"
#include "newsdesk/model/yamltree.h"
#include "newsdesk/net/fetch.h"
#include "newsdesk/net/html.h"
#include "newsdesk/present/doc.h"
#include "newsdesk/ui/desk.h"

#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NEWSDESK_VERSION
#define NEWSDESK_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: newsdesk [--theme NAME|PATH] [--config PATH | --no-config]\n"
	"                [--layout auto|wide|tall] [--log FILE] [--offline] "
	"[DIR]\n"
	"       newsdesk list [DIR] [-q QUERY] [--search NAME] [-s KEY] [-r]\n"
	"                     [-n N] [--format table|tsv|json] "
	"[--follow-links]\n"
	"       newsdesk show FILE [--format text|json]\n"
	"       newsdesk set FILE... FIELD=VALUE... [--dry-run]\n"
	"       newsdesk unreject FILE... [--dry-run]\n"
	"       newsdesk triage [DIR] [-q QUERY] --set FIELD=VALUE... "
	"[--reject]\n"
	"       newsdesk undo|redo [DIR]\n"
	"       newsdesk log [DIR] [-n N]\n"
	"       newsdesk stories [DIR] [-q QUERY] [--resolve ID [--keep FILE]]\n"
	"       newsdesk fetch URL|FILE [--format text|html] [--offline]\n"
	"                      [--private-redirects]\n"
	"       newsdesk check [--links] [--follow-links] [DIR|FILE...]\n"
	"       newsdesk stats [-q QUERY] [--follow-links] [DIR]\n"
	"\n"
	"A terminal news desk for a directory of article files (YAML front\n"
	"matter between '---' lines, optional Markdown body).\n"
	"\n"
	"With no command, newsdesk opens the desk on DIR (or the config's dir,\n"
	"or .): a list, a detail and a related pane; press ? for the keys.\n"
	"When the output is not a terminal it prints the list instead.\n"
	"\n"
	"commands:\n"
	"  list    one line per article; -q filters with a query, -s sorts by\n"
	"          date, quality, heat, provider, title or path (newest, best,\n"
	"          hottest first; names A-Z), -r reverses, -n keeps the first N;\n"
	"          --format json prints JSON Lines with every field and the path;\n"
	"          marks: N unread, - unpublished; --search NAME applies a\n"
	"          saved search (the config's searches:)\n"
	"  show    every field of one article (--format json for JSON)\n"
	"  check   validates files: 'path:line:col: message' per problem;\n"
	"          exit 0 when clean, 1 when any problem was found\n"
	"  stats   charts: articles per day, by published and read state,\n"
	"          provider, topic, category, quality and heat (-q filters)\n"
	"  set     decisions on files: published=true|false quality=N\n"
	"          quality+=N quality-=N heat=N topic+=X topic-=X reject\n"
	"          (quality and heat: whole numbers from -1 to 1000000)\n"
	"  unreject  puts rejected files back from .rejected/\n"
	"  triage  the same on every article of DIR matching -q\n"
	"  undo, redo, log   the decision journal (undo survives restarts)\n"
	"  stories the same story from several outlets, grouped; --resolve\n"
	"          publishes the best (or --keep) and rejects the others\n"
	"  fetch   the original page as readable text (cached; --offline)\n"
	"  check --links     every article's URLs; dead ones listed\n"
	"  --follow-links    (list, check, stats) also enter symbolic links to\n"
	"                    directories outside DIR, else skipped with a warning\n"
	"\n"
	"queries (for -q):\n"
	"  word \"a phrase\"          title or excerpt contains it (any case)\n"
	"  published:yes|no|missing read:yes|no topic:X provider:X\n"
	"  category:X type:X\n"
	"  quality>=50 heat<10 date>=2023-05-01 after:DATE before:DATE\n"
	"  story:ID dups:yes|no       in that story; in a story or alone\n"
	"  a b (AND)  a OR b  NOT a  -a  ( ... )\n"
	"\n"
	"options:\n"
	"  -h, --help      this help\n"
	"  -V, --version   the version\n"
	"  --no-cache      (before the command) load every file, neither\n"
	"                  reading nor writing the persistent index\n"
	"\n"
	"exit status: 0 success, 1 problems found or files unreadable,\n"
	"2 usage error. See newsdesk(1).\n";

/* Allocates nothing: there is no memory left to do it with. */
static void out_of_memory(size_t bytes)
{
	static const char msg[] = "newsdesk: out of memory\n";

	(void)bytes;
	fflush(stdout);
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing left to say it with */
	}
	_exit(EXIT_PROBLEMS);
}

void cli_fatal(const char *why)
{
	cli_error("%s", why);
	exit(EXIT_PROBLEMS);
}

static void usage(FILE *to)
{
	fputs(usage_text, to);
}

/* The persistent index for every load of this process (the desk's
 * included), unless a leading --no-cache says otherwise. Returns how many
 * arguments it took; argv[0] is kept in place. */
static int use_cache(int *argc, char **argv)
{
	char *dir;

	if (*argc > 1 && strcmp(argv[1], "--no-cache") == 0) {
		argv[1] = argv[0];
		(*argc)--;
		return 1;
	}
	dir = nd_xdg_path(ND_XDG_CACHE, "");
	nd_loader_set_cache_dir(dir);
	free(dir);
	return 0;
}

static int dispatch(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "list", cmd_list },
		{ "show", cmd_show },
		{ "check", cmd_check },
		{ "stats", cmd_stats },
		{ "set", cmd_set },
		{ "unreject", cmd_unreject },
		{ "stories", cmd_stories },
		{ "triage", cmd_triage },
		{ "undo", cmd_undo },
		{ "redo", cmd_redo },
		{ "log", cmd_log },
		{ "fetch", cmd_fetch },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[0], cmds[i].name) == 0)
			return cmds[i].fn(argc, argv);
	}
	return -1;
}

int main(int argc, char **argv)
{
	int r;

	/* LC_CTYPE only: numbers must parse the same in every locale. */
	setlocale(LC_CTYPE, "");
	nd_alloc_set_oom_handler(out_of_memory);
	cli_init("newsdesk");
	opterr = 0; /* we say it ourselves, naming the program plainly */
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
			 strcmp(argv[1], "--help") == 0 ||
			 strcmp(argv[1], "help") == 0)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "-V") == 0 ||
			 strcmp(argv[1], "--version") == 0)) {
		printf("newsdesk %s\n%s, %s, %s, %s, %s\n", NEWSDESK_VERSION,
		       nd_desk_library_version(), nd_yaml_library_version(),
		       nd_fetch_library_version(), nd_html_library_version(),
		       nd_markdown_library_version());
		return EXIT_OK;
	}
	argv += use_cache(&argc, argv);
	/* A command, or the desk: 'newsdesk [--theme T] [DIR]'. */
	r = argc > 1 && argv[1][0] != '-' ? dispatch(argc - 1, argv + 1) : -1;
	if (r < 0)
		r = cmd_desk(argc, argv);
	if (r > 128) {
		/* The desk was ended by a signal (a hang-up): it has restored
		 * the terminal; leave as the signal would have, without exit
		 * handlers, which on a hung-up terminal can hang (the ASan
		 * leak checker's tracer does). */
		fflush(NULL);
		_exit(r);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write output");
		return EXIT_PROBLEMS;
	}
	exit(r);
}
