#include "newsdesk/base/xdg.h"

#include "newsdesk/base/buf.h"

#include <stdlib.h>

static const struct {
	const char *var, *fallback;
} kinds[] = {
	[ND_XDG_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	[ND_XDG_CACHE] = { "XDG_CACHE_HOME", ".cache" },
	[ND_XDG_STATE] = { "XDG_STATE_HOME", ".local/state" },
	[ND_XDG_DATA] = { "XDG_DATA_HOME", ".local/share" },
};

char *nd_xdg_path(enum nd_xdg_kind kind, const char *name)
{
	const char *xdg = getenv(kinds[kind].var), *home = getenv("HOME");
	struct nd_buf b = ND_BUF_INIT;

	/* The spec: a relative path in these variables is invalid. */
	if (xdg != NULL && xdg[0] == '/')
		nd_buf_addf(&b, "%s/newsdesk", xdg);
	else if (home != NULL && home[0] != '\0')
		nd_buf_addf(&b, "%s/%s/newsdesk", home, kinds[kind].fallback);
	else
		return NULL;
	if (name[0] != '\0')
		nd_buf_addf(&b, "/%s", name);
	return nd_buf_detach(&b, NULL);
}

char *nd_xdg_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	struct nd_buf b = ND_BUF_INIT;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') &&
	    home != NULL) {
		nd_buf_adds(&b, home);
		nd_buf_adds(&b, path + 1);
	} else {
		nd_buf_adds(&b, path);
	}
	return nd_buf_detach(&b, NULL);
}
