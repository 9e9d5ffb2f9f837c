/* libFuzzer target: any bytes as the undo journal, read back and asked
 * for its undo and redo targets. Must never crash, hang or leak; every
 * group and change read holds real strings, and the targets are what the
 * header promises (undo: a done group, redo: an undone one). */
#include "newsdesk/write/journal.h"

#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Volatile so that the compiler keeps the reads ASan checks. */
static volatile size_t sink;

static void check_string(const char *s)
{
	if (s == NULL)
		abort();
	sink += strlen(s);
}

static void check_strings(const struct nd_journal *j)
{
	size_t i, k;

	for (i = 0; i < j->count; i++) {
		const struct nd_group *g = &j->groups[i];

		check_string(g->id);
		check_string(g->root);
		if (g->state < 0 || g->state > 2 || g->count > g->cap)
			abort();
		for (k = 0; k < g->count; k++) {
			const struct nd_change *c = &g->changes[k];

			check_string(c->path);
			check_string(c->field);
			check_string(c->old);
			check_string(c->new);
			check_string(c->snapshot);
			check_string(c->after);
		}
	}
}

static void check_targets(const struct nd_journal *j, const char *root)
{
	const struct nd_group *u = nd_journal_undo_target(j, root);
	const struct nd_group *r = nd_journal_redo_target(j, root);

	if (u != NULL &&
	    (u < j->groups || u >= j->groups + j->count || u->state != 0))
		abort();
	if (r != NULL &&
	    (r < j->groups || r >= j->groups + j->count || r->state != 1))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct nd_journal j;
	struct nd_diag d;
	const char *path = fuzz_tmpfile("journal", data, size);

	nd_diag_init(&d);
	if (nd_journal_read(&j, path, &d) == 0) {
		check_strings(&j);
		/* any root, a fixed one, and the roots the input named */
		check_targets(&j, NULL);
		check_targets(&j, "/news");
		check_targets(&j, "");
		if (j.count > 0) {
			check_targets(&j, j.groups[0].root);
			check_targets(&j, j.groups[j.count - 1].root);
		}
	}
	fuzz_check_diag(&d);
	nd_journal_release(&j);
	nd_diag_release(&d);
	return 0;
}
