#include "test.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/model/article.h"

#include <sys/stat.h>
#include <unistd.h>

static int text_is(struct nd_text t, const char *want)
{
	return t.s != NULL && t.len == strlen(want) &&
	       memcmp(t.s, want, t.len) == 0;
}

static void test_seed_fields(void **state)
{
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_article_load(FIXTURES "/seed.md", &a, &d), 0);
	assert_int_equal(d.count, 0);
	assert_true(text_is(a->category, "news"));
	assert_true(text_is(a->title, "Cryptominers hope they can find a second "
				      "life by turning their mining operations "
				      "into AI farms"));
	assert_int_equal(a->date, 1683838380);
	assert_true(text_is(a->type, "article"));
	assert_int_equal(a->quality, 27);
	assert_int_equal(a->heat, ND_UNKNOWN); /* heat: -1 means unknown */
	assert_int_equal(a->published, 0);
	assert_true(text_is(a->provider.name, "PC Gamer"));
	assert_true(text_is(a->provider.domain, "pcgamer.com"));
	assert_int_equal(a->ntopics, 2);
	assert_true(text_is(a->topics[0], "AI Hardware"));
	assert_int_equal(a->nimages, 1);
	assert_int_equal(a->images[0].width, 1200);
	assert_int_equal(a->images[0].cached, 1);
	assert_int_equal(a->nrelated, 3);
	assert_true(text_is(a->related[1].provider.name, "bnnbloomberg"));
	assert_int_equal(a->related[1].quality, 59);
	assert_int_equal(a->related[2].nimages, 0);
	/* ampWebUrl of related[1] is kept in the tree */
	assert_non_null(nd_map_get(a->related[1].node, "cdnAmpWebUrl"));
	assert_int_equal(a->secured.len, 389);
	assert_int_equal(a->nunknown, 0);
	assert_true(text_is(a->body, "\n"));
	nd_article_free(a);
	nd_diag_release(&d);
}

static void test_unknown_fields_kept(void **state)
{
	size_t len;
	char *data = test_dup("---\ntitle: t\nfoo: bar\nprovider:\n  name: P\n"
			      "  images:\n    - url: x\n      width: 1\n"
			      "extra: [1, 2]\n---\n# Body\n", &len);
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_article_parse("mem.md", data, len, &a, &d), 0);
	assert_int_equal(a->nunknown, 2);
	assert_string_equal(nd_map_key(a->fm, a->unknown[0])->str, "foo");
	assert_string_equal(nd_map_key(a->fm, a->unknown[1])->str, "extra");
	assert_int_equal(a->provider.nimages, 1);
	assert_int_equal(a->published, -1);
	assert_true(text_is(a->body, "# Body\n"));
	nd_article_free(a);
	nd_diag_release(&d);
}

struct hostile {
	const char *file;
	int loads; /* 0: refused with an error */
	unsigned line, col;
	const char *needle;
};

static const struct hostile hostile[] = {
	{ "empty.md", 0, 0, 0, "empty file" },
	{ "no-frontmatter.md", 0, 1, 1, "no front matter" },
	{ "unterminated.md", 0, 1, 1, "unterminated front matter" },
	{ "not-mapping.md", 0, 2, 1, "must be a mapping" },
	{ "invalid-utf8.md", 0, 2, 13, "invalid UTF-8" },
	{ "tab-indent.md", 0, 3, 1, "tab character" },
	{ "duplicate-key.md", 0, 4, 1, "duplicate key 'title' (first at line 2)" },
	{ "alias-bomb.md", 0, 0, 0, "alias bomb" },
	{ "alias-cycle.md", 0, 2, 11, "cycle" },
	{ "alias-unknown.md", 0, 3, 4, "unknown alias" },
	{ "deep-nesting.md", 0, 2, 35, "nesting deeper than 32" },
	{ "deep-block.md", 0, 0, 0, "nesting deeper than 32" },
	{ "empty-frontmatter.md", 0, 2, 1, "front matter is empty" },
	{ "syntax-error.md", 0, 3, 1, "did not find expected" },
	{ "complex-key.md", 0, 2, 3, "mapping keys must be plain text" },
	{ "control-chars.md", 0, 3, 1, "control characters" },
	{ "wrong-types.md", 1, 3, 10, "field 'quality' should be a number, "
				      "found 'high'" },
	{ "out-of-range.md", 1, 3, 10, "field 'quality' should be a whole "
				       "number from -1 to 1000000, found "
				       "'5.5'" },
	{ "bom.md", 1, 0, 0, NULL },
	{ "crlf.md", 1, 0, 0, NULL },
	{ "dots-end.md", 1, 0, 0, NULL },
	{ "nul-scalar.md", 1, 0, 0, NULL },
	{ "two-blocks.md", 1, 0, 0, NULL },
};

static void test_hostile_fixtures(void **state)
{
	struct nd_article *a;
	struct nd_diag d;
	char path[512];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(hostile); i++) {
		const struct hostile *h = &hostile[i];

		snprintf(path, sizeof(path), FIXTURES "/hostile/%s", h->file);
		nd_diag_init(&d);
		assert_int_equal(nd_article_load(path, &a, &d),
				 h->loads ? 0 : -1);
		if (h->needle == NULL) {
			assert_int_equal(d.count, 0);
		} else {
			assert_true(d.count > 0);
			if (strstr(d.items[0].message, h->needle) == NULL)
				fail_msg("%s: '%s' lacks '%s'", h->file,
					 d.items[0].message, h->needle);
			if (h->line) {
				assert_int_equal(d.items[0].line, h->line);
				assert_int_equal(d.items[0].col, h->col);
			}
		}
		nd_article_free(a);
		nd_diag_release(&d);
	}
}

/* published follows YAML 1.2: yes/on are strings, said plainly, and a
 * quoted "false" is told apart from a real false. */
static void test_published_yaml12(void **state)
{
	static const struct {
		const char *yaml;
		int published;
		const char *needle; /* NULL: no warning */
	} cases[] = {
		{ "published: true", 1, NULL },
		{ "published: FALSE", 0, NULL },
		{ "published: yes", -1, "'yes', a string in YAML 1.2" },
		{ "published: On", -1, "'On', a string in YAML 1.2" },
		{ "published: \"false\"", -1,
		  "the quoted string \"false\": write false without quotes" },
		{ "published: maybe", -1, "should be true or false" },
	};
	struct nd_article *a;
	struct nd_diag d;
	char text[128];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		snprintf(text, sizeof(text), "---\ntitle: t\n%s\n---\n",
			 cases[i].yaml);
		nd_diag_init(&d);
		assert_int_equal(nd_article_parse("p.md", test_dup(text, NULL),
						  strlen(text), &a, &d),
				 0);
		assert_int_equal(a->published, cases[i].published);
		if (cases[i].needle == NULL) {
			assert_int_equal(d.count, 0);
		} else {
			assert_int_equal(d.count, 1);
			if (strstr(d.items[0].message, cases[i].needle) == NULL)
				fail_msg("%s: '%s' lacks '%s'", cases[i].yaml,
					 d.items[0].message, cases[i].needle);
			assert_int_equal(d.items[0].line, 3);
		}
		nd_article_free(a);
		nd_diag_release(&d);
	}
}

static void test_crlf_bom_values(void **state)
{
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_article_load(FIXTURES "/hostile/crlf.md", &a, &d), 0);
	assert_true(text_is(a->title, "CRLF file"));
	assert_int_equal(a->quality, 40);
	assert_true(text_is(a->body, "Body line\r\n"));
	nd_article_free(a);
	assert_int_equal(nd_article_load(FIXTURES "/hostile/bom.md", &a, &d), 0);
	assert_int_equal(a->published, 1);
	nd_article_free(a);
	assert_int_equal(nd_article_load(FIXTURES "/hostile/nul-scalar.md", &a,
					 &d), 0);
	assert_int_equal(a->title.len, 12);
	assert_memory_equal(a->title.s, "nul \0 inside", 12);
	nd_article_free(a);
	nd_diag_release(&d);
}

static void test_huge_scalar_refused(void **state)
{
	size_t n = 2u * 1024 * 1024, len;
	char *data = malloc(n + 64);
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	len = (size_t)snprintf(data, 64, "---\ntitle: \"");
	memset(data + len, 'A', n);
	len += n;
	memcpy(data + len, "\"\n---\n", 7);
	len += 6;
	nd_diag_init(&d);
	assert_int_equal(nd_article_parse("big.md", data, len, &a, &d), -1);
	assert_non_null(strstr(d.items[0].message, "value longer than"));
	nd_diag_release(&d);
}

static void test_fifo_refused(void **state)
{
	char dir[] = "/tmp/nd-fifo-XXXXXX", path[64];
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/pipe.md", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	nd_diag_init(&d);
	assert_int_equal(nd_article_load(path, &a, &d), -1);
	assert_non_null(strstr(d.items[0].message, "FIFO"));
	nd_diag_release(&d);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_fields),
		cmocka_unit_test(test_unknown_fields_kept),
		cmocka_unit_test(test_hostile_fixtures),
		cmocka_unit_test(test_crlf_bom_values),
		cmocka_unit_test(test_published_yaml12),
		cmocka_unit_test(test_huge_scalar_refused),
		cmocka_unit_test(test_fifo_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
