/*
 * hash: a fast, stable, non-cryptographic hash of bytes (64-bit FNV-1a).
 *
 * Stable across runs and machines, so it may name files on disk (cache
 * entries) and be written to the journal (a file's bytes after a change).
 * Not for anything an attacker must not collide.
 */
#ifndef NEWSDESK_BASE_HASH_H
#define NEWSDESK_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t nd_hash64(const void *data, size_t len);
/* nd_hash64 as 16 lower-case hex digits and a NUL. */
void nd_hash_hex(const void *data, size_t len, char out[17]);

#endif
