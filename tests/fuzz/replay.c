/* Replays saved inputs through a fuzz target without libFuzzer, so every
 * build (gcc too) runs the seeds and the inputs that once crashed as an
 * ordinary test: replay_TARGET DIR|FILE...
 *
 * Each file is named on stderr before it runs, so a crash (or an ASan
 * report) says which input did it. Files whose names start with '.' are
 * skipped (.gitkeep holds an empty directory in git). A missing or empty
 * argument list is an error: a replay that runs nothing must not pass. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int replay_file(const char *path)
{
	unsigned char *data = NULL, *p;
	size_t size = 0, cap = 0, n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (size == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(data, cap)) == NULL)
				abort();
			data = p;
		}
		n = fread(data + size, 1, cap - size, f);
		size += n;
	} while (n > 0);
	fclose(f);
	/* Exactly size bytes, so ASan sees a read past the end as it would
	 * under libFuzzer. */
	if ((p = realloc(data, size ? size : 1)) == NULL)
		abort();
	fprintf(stderr, "replay %s (%zu bytes)\n", path, size);
	LLVMFuzzerTestOneInput(p, size);
	free(p);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of dir in name order, so runs are repeatable. */
static int replay_dir(const char *dir, size_t *count)
{
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	DIR *dp = opendir(dir);
	int rc = 0;

	if (dp == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p;

			cap = cap ? cap * 2 : 64;
			p = realloc(names, cap * sizeof(*names));
			if (p == NULL)
				abort();
			names = p;
		}
		names[n] = strdup(e->d_name);
		if (names[n++] == NULL)
			abort();
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (replay_file(path) != 0)
			rc = -1;
		else
			(*count)++;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	fprintf(stderr, "%zu inputs replayed\n", count);
	if (count == 0) {
		fprintf(stderr, "usage: %s DIR|FILE... (with inputs in them)\n",
			argv[0]);
		return 1;
	}
	return rc;
}
