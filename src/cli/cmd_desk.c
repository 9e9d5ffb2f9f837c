/* newsdesk [DIR]: the interactive desk, or the list when not on a
 * terminal (a pipe or a file gets what 'newsdesk list DIR' prints). */
#include "cli.h"

#include "newsdesk/present/config.h"
#include "newsdesk/ui/desk.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

static int parse_layout(const char *s)
{
	int i;

	for (i = 0; i < ND_LAYOUT_COUNT; i++) {
		if (strcmp(s, nd_config_layout_name(i)) == 0)
			return i;
	}
	return -2;
}

int cmd_desk(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-config", no_argument, NULL, 'C' },
		{ "layout", required_argument, NULL, 'l' },
		{ "log", required_argument, NULL, 'L' },
		{ "offline", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_desk_options o;
	int c, r;

	memset(&o, 0, sizeof(o));
	o.layout = -1;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 't':
			o.theme = optarg;
			break;
		case 'c':
			o.config = optarg;
			break;
		case 'C':
			o.no_config = 1;
			break;
		case 'l':
			o.layout = parse_layout(optarg);
			if (o.layout < 0) {
				cli_error("unknown layout '%s' (auto, wide, "
					  "tall)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'L':
			o.log_path = optarg;
			break;
		case 'o':
			o.offline = 1;
			break;
		default:
			return cli_bad_option(argv);
		}
	}
	if (optind < argc)
		o.dir = argv[optind++];
	if (optind < argc) {
		cli_error("unexpected '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	/* Never draw into a pipe or a file: say why and how to get a list. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the desk needs a terminal on standard input and "
			  "output (over SSH: ssh -t); 'newsdesk list %s' "
			  "prints the list", o.dir ? o.dir : ".");
		return EXIT_USAGE;
	}
	/* 128 + a signal that ended the desk, as a shell would say it. */
	r = nd_desk_run(&o);
	return r == 0 ? EXIT_OK : r > 128 ? r : EXIT_PROBLEMS;
}
