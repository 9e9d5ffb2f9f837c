#include "fuzz_common.h"

#include "newsdesk/base/utf8.h"
#include "newsdesk/base/sanitize.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char dir[256];

static void remove_dir(void)
{
	char path[512];
	struct dirent *e;
	DIR *dp = opendir(dir);

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
}

/* /dev/shm keeps the millions of rewrites off the disk. */
static const char *base_dir(void)
{
	const char *t = getenv("TMPDIR");

	if (t != NULL && t[0] != '\0')
		return t;
	if (access("/dev/shm", W_OK) == 0)
		return "/dev/shm";
	return "/tmp";
}

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "%s/newsdesk-fuzz.XXXXXX", base_dir());
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	atexit(remove_dir);
}

const char *fuzz_tmpfile(const char *name, const unsigned char *data,
			 size_t size)
{
	static char path[512];
	size_t off = 0;
	ssize_t w;
	int fd;

	if (dir[0] == '\0')
		make_dir();
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (off < size) {
		w = write(fd, data + off, size - off);
		if (w <= 0) {
			perror(path);
			abort();
		}
		off += (size_t)w;
	}
	close(fd);
	return path;
}

void fuzz_check_diag(const struct nd_diag *d)
{
	size_t i, k, n, len;
	const char *m;
	uint32_t cp;

	for (i = 0; i < d->count; i++) {
		m = d->items[i].message;
		if (m == NULL)
			abort();
		len = strlen(m);
		for (k = 0; k < len; k += n) {
			n = nd_utf8_decode(m + k, len - k, &cp);
			if (!nd_sanitize_cp_is_safe(cp))
				abort();
		}
	}
}

const char *fuzz_guarded(const unsigned char *data, size_t size)
{
	static char *map;
	static size_t room; /* readable bytes before the guard page */
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (map == NULL || size > room) {
		if (map != NULL)
			munmap(map, room + page);
		/* at least a page: an empty input still needs a pointer */
		room = (size / page + 1) * page;
		map = mmap(NULL, room + page, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED ||
		    mprotect(map + room, page, PROT_NONE) != 0) {
			perror("fuzz_guarded");
			abort();
		}
	}
	if (size > 0)
		memcpy(map + room - size, data, size);
	return map + room - size;
}
