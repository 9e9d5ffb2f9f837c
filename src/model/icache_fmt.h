/* Private to icache.c and icache_write.c: the file format's constants
 * (described at the top of icache.c) and its checksum. */
#ifndef NEWSDESK_ICACHE_FMT_H
#define NEWSDESK_ICACHE_FMT_H

#include <stdint.h>
#include <string.h>

#define MAGIC "NDINDEX\n"
#define ENDIAN_MARK 0x01020304u
#define HEADER_SIZE 64u
#define NTEXTS 8
#define MISSING UINT32_MAX
/* A record's fixed part: see put_fixed(). */
#define REC_FIXED (4 + 4 + 6 * 8 + 3 * 8 + 4 + 4 * 4 + NTEXTS * 4)

struct header {
	char magic[8];
	uint32_t version, endian, header_size, count;
	uint64_t payload_len, checksum;
	uint32_t root_len, reserved;
	unsigned char pad[16];
};

/* FNV-style fold over 64-bit words: fast enough to check 50 MB at
 * start-up, and any flipped or lost byte changes it. Not a defence
 * against someone who forges caches on purpose (they could write the
 * articles too); it catches torn writes and disk rot. */
static inline uint64_t fold(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	return h;
}

#define FOLD_SEED 0xcbf29ce484222325ULL

#endif
