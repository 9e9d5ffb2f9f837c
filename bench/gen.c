#include "gen.h"

#include "newsdesk/base/buf.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const words[] = {
	"market", "chip", "model", "climate", "energy", "open", "source",
	"security", "flaw", "launch", "orbit", "battery", "grid", "policy",
	"court", "ruling", "study", "patients", "trial", "ocean", "record",
	"crypto", "miners", "pivot", "farms", "GPU", "cloud", "outage",
	"browser", "update", "privacy", "regulators", "drone", "rail",
	"Überblick", "marché", "日本", "économie", "Зонд", "données",
};
static const char *const providers[][2] = {
	{ "PC Gamer", "pcgamer.com" },	{ "TechSpot", "techspot.com" },
	{ "Reuters", "reuters.com" },	{ "Le Monde", "lemonde.fr" },
	{ "heise online", "heise.de" }, { "NHK World", "nhk.or.jp" },
	{ "BBC News", "bbc.co.uk" },	{ "Ars Technica", "arstechnica.com" },
};
static const char *const topics[] = {
	"AI", "AI Hardware", "Climate", "Space", "Security", "Open Source",
	"Energy", "Health", "Economy", "Transport",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

static void sentence(struct nd_buf *b, uint64_t *rng, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			nd_buf_addc(b, ' ');
		nd_buf_adds(b, words[next(rng) % N(words)]);
	}
}

static void date(struct nd_buf *b, uint64_t *rng)
{
	nd_buf_addf(b, "20%02u-%02u-%02uT%02u:%02u:%02uZ", 19 + next(rng) % 5,
		    1 + next(rng) % 12, 1 + next(rng) % 28, next(rng) % 24,
		    next(rng) % 60, next(rng) % 60);
}

static void related(struct nd_buf *b, uint64_t *rng, size_t i, unsigned n)
{
	unsigned k;

	nd_buf_adds(b, "\nrelated:\n");
	for (k = 0; k < n; k++) {
		const char *const *p = providers[next(rng) % N(providers)];

		nd_buf_adds(b, "  - title: \"");
		sentence(b, rng, 8);
		nd_buf_adds(b, "\"\n    excerpt: \"");
		sentence(b, rng, 30);
		nd_buf_adds(b, "\"\n    publishedDateTime: ");
		date(b, rng);
		nd_buf_addf(b, "\n    webUrl: \"https://www.%s/news/%zu-%u\"\n"
			    "    type: article\n    provider:\n      name: %s\n"
			    "      domain: %s\n    quality: %u\n", p[1], i, k,
			    p[0], p[1], next(rng) % 100);
	}
}

static void article(struct nd_buf *b, size_t i)
{
	uint64_t rng = 0x9E3779B97F4A7C15ULL ^ (i * 0x100000001B3ULL);
	const char *const *p = providers[next(&rng) % N(providers)];
	/* Most articles have a few related items; one in 500 has 180,
	 * like the largest front matter seen in real corpora (~150 KB). */
	unsigned nrel = i % 500 == 7 ? 180 : next(&rng) % 6;

	nd_buf_adds(b, "---\ncategory: news\ntitle: \"");
	sentence(b, &rng, 10);
	nd_buf_adds(b, "\"\nexcerpt: \"");
	sentence(b, &rng, 20);
	nd_buf_adds(b, "\\r\\n");
	sentence(b, &rng, 15);
	nd_buf_adds(b, "\"\npublishedDateTime: ");
	date(b, &rng);
	nd_buf_addf(b, "\noriginalUrl: \"https://www.%s/a/%zu\"\nwebUrl: "
		    "\"https://www.%s/a/%zu\"\ntype: article\nquality: %u\n"
		    "heat: %d\npublished: %s\n\nprovider:\n  name: %s\n"
		    "  domain: %s\n\ntopics:\n  - %s\n  - %s\n\nimages:\n"
		    "  - url: \"https://cdn.%s/img/%zu.jpg\"\n    width: 1200\n"
		    "    height: 675\n    isCached: true\n", p[1], i, p[1], i,
		    next(&rng) % 140, (int)(next(&rng) % 50) - 1,
		    next(&rng) % 100 < 13 ? "true" : "false", p[0], p[1],
		    topics[next(&rng) % N(topics)], topics[next(&rng) % N(topics)],
		    p[1], i);
	if (nrel)
		related(b, &rng, i, nrel);
	nd_buf_addf(b, "\nsecured: \"%016llx%016llx==\"\n---\n",
		    (unsigned long long)next(&rng) * 7919,
		    (unsigned long long)next(&rng) * 104729);
}

int nd_bench_generate(const char *dir, size_t count)
{
	struct nd_buf b = ND_BUF_INIT;
	char path[4096];
	size_t i;
	FILE *f;

	for (i = 0; i < count; i++) {
		if (i % 1000 == 0) {
			snprintf(path, sizeof(path), "%s/d%04zu", dir, i / 1000);
			if (mkdir(path, 0755) != 0)
				return -1;
		}
		snprintf(path, sizeof(path), "%s/d%04zu/%07zu.md", dir,
			 i / 1000, i);
		nd_buf_reset(&b);
		article(&b, i);
		f = fopen(path, "w");
		if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len) {
			if (f != NULL)
				fclose(f);
			nd_buf_release(&b);
			return -1;
		}
		fclose(f);
	}
	nd_buf_release(&b);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int nd_bench_remove(const char *dir)
{
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
