/*
 * A load with a progress line: on a terminal, a load that is still
 * running after half a second shows "loading 12,345 / 100,000" on stderr,
 * rewritten in place and cleared when done. Nothing when stderr is not a
 * terminal (a pipe or a log must not fill with carriage returns).
 */
#include "cli.h"

#include "newsdesk/model/loadtask.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SHOW_AFTER_MS 500
#define TICK_MS 100

/* 12345 -> "12,345". */
void cli_thousands(char *out, size_t cap, size_t n)
{
	char digits[32];
	size_t len, i, o = 0;

	snprintf(digits, sizeof(digits), "%zu", n);
	len = strlen(digits);
	for (i = 0; i < len && o + 2 < cap; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

static long long elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - t0->tv_sec) * 1000 +
	       (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static void show(const struct nd_loadtask *t)
{
	char a[32], b[32];
	size_t done, total;

	nd_loadtask_progress(t, &done, &total);
	cli_thousands(a, sizeof(a), done);
	cli_thousands(b, sizeof(b), total);
	if (total == 0)
		fprintf(stderr, "\rloading (counting files)\033[K");
	else
		fprintf(stderr, "\rloading %s / %s\033[K", a, b);
	fflush(stderr);
}

int cli_load_progress(const char *dir, const struct nd_load_opts *opts,
		      struct nd_index **idx, struct nd_diag *d,
		      struct nd_load_stats *st)
{
	struct nd_loadtask *t;
	struct nd_err err;
	struct timespec t0;
	struct pollfd p;
	int tty = isatty(STDERR_FILENO), shown = 0;

	if (nd_loadtask_start(dir, opts, NULL, &t, &err) != 0) {
		/* No thread to spare: load here, without a progress line. */
		return nd_loader_load(dir, opts, idx, d, st);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	p.fd = nd_loadtask_fd(t);
	p.events = POLLIN;
	while (poll(&p, 1, tty ? TICK_MS : -1) <= 0 &&
	       !nd_loadtask_done(t)) {
		if (tty && elapsed_ms(&t0) >= SHOW_AFTER_MS) {
			show(t);
			shown = 1;
		}
	}
	if (shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	return nd_loadtask_finish(t, idx, d, st, NULL);
}
