/* libFuzzer target: any bytes as a theme file. Must never crash, hang or
 * leak; every style read is in range (colours -1..255, known attributes),
 * a refused theme is the default, and every message is safe to print. */
#include "newsdesk/present/theme.h"

#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const unsigned all_attrs = ND_ATTR_BOLD | ND_ATTR_UNDERLINE |
				  ND_ATTR_REVERSE | ND_ATTR_DIM |
				  ND_ATTR_ITALIC;

static int style_ok(struct nd_style s)
{
	return s.fg >= ND_COLOR_DEFAULT && s.fg <= 255 &&
	       s.bg >= ND_COLOR_DEFAULT && s.bg <= 255 &&
	       (s.attrs & ~all_attrs) == 0;
}

static void check_theme(const struct nd_theme *t)
{
	static const int depths[] = { 0, 8, 16, 256 };
	size_t r, k;

	if (memchr(t->name, '\0', sizeof(t->name)) == NULL)
		abort();
	for (r = 0; r < ND_ROLE_COUNT; r++) {
		if (!style_ok(t->roles[r]))
			abort();
		/* what a terminal gets must be in range for it too */
		for (k = 0; k < sizeof(depths) / sizeof(depths[0]); k++) {
			struct nd_style s = nd_theme_style(t, r, depths[k]);

			if (!style_ok(s) ||
			    (depths[k] > 0 &&
			     (s.fg >= depths[k] || s.bg >= depths[k])) ||
			    (depths[k] == 0 && (s.fg != ND_COLOR_DEFAULT ||
						s.bg != ND_COLOR_DEFAULT)))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *path = fuzz_tmpfile("theme.yaml", data, size);
	struct nd_theme t, def;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_theme_load(path, &t, &d) != 0) {
		/* the name's bytes past its NUL are not part of the value */
		nd_theme_default(&def);
		if (strcmp(t.name, def.name) != 0 ||
		    memcmp(t.roles, def.roles, sizeof(t.roles)) != 0)
			abort();
	}
	check_theme(&t);
	fuzz_check_diag(&d);
	nd_diag_release(&d);
	return 0;
}
