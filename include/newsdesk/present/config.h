/*
 * config: the user's settings, from $XDG_CONFIG_HOME/newsdesk/config.yaml
 * (or ~/.config/newsdesk/config.yaml, or --config PATH):
 *
 *   dir: ~/news              # opened when no DIR is given
 *   theme: dark              # a name in the theme path, or a file
 *   layout: auto             # auto, wide (side by side) or tall (stacked)
 *   sort: date               # date, quality, heat, provider, title, path
 *   reverse: false           # flip the sort's natural direction
 *   limit: "published:no"    # a query applied at start
 *   mouse: false             # click to select, wheel to scroll
 *   opener: firefox          # what 'O' runs (else $BROWSER)
 *   fetch-timeout: 30        # seconds for a page fetch
 *   connect-timeout: 10      # seconds to connect
 *   hyperlinks: false        # OSC 8 links in the reader's link list
 *   private-redirects: false # follow redirects into loopback/private nets
 *   follow-links: false      # follow directory links leading out of dir
 *   searches:                # saved searches, name: query (search.h)
 *     unread AI: "read:no topic:AI"
 *   story-threshold: 40      # headline similarity for a story, percent
 *   story-days: 3            # the most days between a story's articles
 *   watch: true              # fold in changes to dir as they happen
 *   keys:                    # action: key or [keys]; adds to the defaults
 *     down: [j, Down, C-n]
 *     none: [L]              # unbinds
 *
 * A bad entry is reported with its line and skipped; a file that is not
 * YAML at all is reported and the defaults are used. The config owns its
 * strings and keymap; nd_config_release() frees them.
 */
#ifndef NEWSDESK_CONFIG_H
#define NEWSDESK_CONFIG_H

#include "newsdesk/base/diag.h"
#include "newsdesk/present/keys.h"
#include "newsdesk/present/search.h"
#include "newsdesk/model/sort.h"

enum nd_layout { ND_LAYOUT_AUTO, ND_LAYOUT_WIDE, ND_LAYOUT_TALL,
		 ND_LAYOUT_COUNT };

struct nd_config {
	char *dir;
	char *theme;
	enum nd_layout layout;
	enum nd_sort_key sort;
	int reverse;
	char *limit;
	int mouse;
	char *opener;	       /* command for 'O'; NULL: $BROWSER */
	long fetch_timeout_ms; /* 0: the default */
	long connect_timeout_ms;
	int hyperlinks;	       /* OSC 8 links in the reader */
	int private_redirects; /* see nd_fetch_opts */
	int follow_links;      /* nd_load_opts.follow_links */
	int story_threshold;   /* percent, 1..100 (model/story.h) */
	int story_days;	       /* 0..30 */
	int watch;	       /* nd_watch_open's enabled (default 1) */
	struct nd_keymap keys;
	struct nd_search_list searches; /* in the file's order */
};

/* Defaults: no dir, theme "dark", auto layout, newest first, vi keys. */
int nd_config_init(struct nd_config *c);
void nd_config_release(struct nd_config *c);
/* Reads path over c. 0 (maybe with warnings), or -1 (error in d; c keeps
 * the values it had). A missing file is not an error when optional. */
int nd_config_load(struct nd_config *c, const char *path, int optional,
		   struct nd_diag *d);
/* $XDG_CONFIG_HOME/newsdesk/config.yaml or ~/.config/...; malloc'd. */
char *nd_config_default_path(void);
const char *nd_config_layout_name(enum nd_layout l);

#endif
