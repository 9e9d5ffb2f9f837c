/*
 * desk: the interactive ncurses desk, as the command line starts it.
 *
 * nd_desk_run() owns the terminal from start to end: it reads the config
 * and theme, loads the directory, runs the one event loop until the user
 * quits, and restores the terminal before it returns (also after a
 * fatal error in the loader or the terminal). Problems it cannot show on
 * the screen go to stderr after the terminal is restored. Everything else
 * of the desk is private to src/ui/.
 */
#ifndef NEWSDESK_UI_DESK_H
#define NEWSDESK_UI_DESK_H

struct nd_desk_options {
	const char *dir;       /* NULL: the config's dir, else "." */
	const char *theme;     /* NULL: from the config */
	const char *config;    /* NULL: the default path */
	int no_config;
	int layout;	       /* -1: from the config */
	const char *log_path;  /* NULL: no debug log */
	int offline;	       /* pages only from the cache */
};

/* 0 when the user quit, 1 when the desk could not start, 128 + the
 * signal when a hang-up, SIGTERM, SIGINT, SIGQUIT or SIGALRM ended it
 * (between two actions, the terminal restored). */
int nd_desk_run(const struct nd_desk_options *opt);

/* "ncurses 6.4.20221231": the library in use, for --version. */
const char *nd_desk_library_version(void);

#endif
