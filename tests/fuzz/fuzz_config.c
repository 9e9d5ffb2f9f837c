/* libFuzzer target: any bytes as the config file. Must never crash, hang
 * or leak; every value read is one the header allows, a refused file
 * leaves the defaults, and every message is safe to print. */
#include "newsdesk/present/config.h"

#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int timeout_ok(long ms)
{
	return ms == 0 || (ms >= 1000 && ms <= 600000 && ms % 1000 == 0);
}

static void check_loaded(const struct nd_config *c)
{
	char name[64];
	size_t i;

	if (c->theme == NULL || c->layout >= ND_LAYOUT_COUNT ||
	    c->sort >= ND_SORT_COUNT || !timeout_ok(c->fetch_timeout_ms) ||
	    !timeout_ok(c->connect_timeout_ms) || c->story_threshold < 1 ||
	    c->story_threshold > 100 || c->story_days < 0 ||
	    c->story_days > 30)
		abort();
	for (i = 0; i < c->keys.count; i++) {
		if (c->keys.items[i].action >= ND_ACT_COUNT ||
		    nd_action_info(c->keys.items[i].action) == NULL)
			abort();
		nd_key_name(c->keys.items[i].key, name, sizeof(name));
	}
	/* Saved searches: named, their text kept, compiled unless empty. */
	for (i = 0; i < c->searches.count; i++) {
		const struct nd_search *s = &c->searches.items[i];

		if (s->name == NULL || s->name[0] == '\0' || s->text == NULL ||
		    (s->query == NULL) != (strspn(s->text, " \t\r\n") ==
					   strlen(s->text)))
			abort();
	}
}

/* "c keeps the values it had": here, the defaults. */
static void check_defaults(const struct nd_config *c)
{
	if (c->dir != NULL || c->limit != NULL || c->opener != NULL ||
	    c->theme == NULL || strcmp(c->theme, "dark") != 0 ||
	    c->layout != ND_LAYOUT_AUTO || c->sort != ND_SORT_DATE ||
	    c->reverse || c->mouse || c->hyperlinks ||
	    c->fetch_timeout_ms != 0 || c->connect_timeout_ms != 0 ||
	    c->searches.count != 0 ||
	    c->story_threshold != 40 || c->story_days != 3)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *path = fuzz_tmpfile("config.yaml", data, size);
	struct nd_config c;
	struct nd_diag d;

	if (nd_config_init(&c) != 0)
		abort();
	nd_diag_init(&d);
	if (nd_config_load(&c, path, 0, &d) == 0)
		check_loaded(&c);
	else
		check_defaults(&c);
	fuzz_check_diag(&d);
	nd_config_release(&c);
	nd_diag_release(&d);
	return 0;
}
