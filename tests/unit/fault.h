/* Shared by the write-back tests: faults for the journal's io seam. */
#ifndef NEWSDESK_TEST_FAULT_H
#define NEWSDESK_TEST_FAULT_H

#include <errno.h>
#include <sys/types.h>
#include <unistd.h>

static int fault_calls;

/* A full disk: the first write takes half, then nothing more. */
static inline ssize_t fault_short_write(int fd, const void *p, size_t n)
{
	if (fault_calls++ == 0 && n > 1)
		return write(fd, p, n / 2);
	errno = ENOSPC;
	return -1;
}

#endif
