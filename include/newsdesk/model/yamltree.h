/*
 * yamltree: YAML text -> a small tree of scalars, sequences and mappings.
 *
 * The only module (with the theme and config readers built on it) that
 * knows libyaml. It exists so that hostile input is stopped here, before
 * anything else sees it: nesting is capped (libyaml itself has no depth
 * limit), the node count is capped (alias expansion included, so alias
 * bombs fail fast), aliases to a node that encloses them (cycles) and
 * unknown aliases are refused, duplicate mapping keys are refused naming
 * the key and both lines, and mapping keys must be scalars.
 *
 * Scalars keep their bytes and length (they may hold NUL: never strlen),
 * whether they were plain (unquoted, so they may mean a number, bool or
 * null) and where they started. Lines and columns are 1-based; columns
 * count characters. A mapping stores keys and values interleaved:
 * items[2*i] is a key, items[2*i + 1] its value, in file order.
 * The caller owns the tree and frees it with nd_node_free().
 */
#ifndef NEWSDESK_YAMLTREE_H
#define NEWSDESK_YAMLTREE_H

#include <stddef.h>

#include "newsdesk/base/err.h"
#include <stdint.h>

enum nd_node_kind { ND_NODE_SCALAR, ND_NODE_SEQ, ND_NODE_MAP };

struct nd_node {
	enum nd_node_kind kind;
	unsigned line, col;
	/* Character offsets (libyaml's mark.index) of the node's extent. */
	size_t start, end;
	unsigned height; /* 1 for a scalar */
	int plain;	 /* scalar written without quotes or block style */
	char *str;	 /* scalar bytes, NUL-terminated, may hold NUL */
	size_t len;
	struct nd_node **items;
	size_t count;
};

struct nd_yaml_limits {
	unsigned max_depth;
	size_t max_nodes;
	size_t max_scalar;
};

#define ND_YAML_DEFAULT_LIMITS { 32, 100000, 1024 * 1024 }

/* Parses one YAML document from text[0..len). line_base is added to every
 * line number (front matter starts below its "---" line). Returns 0 and
 * *root (NULL for an empty document), or -1 and *err. */
int nd_yaml_parse(const char *text, size_t len, unsigned line_base,
		  const struct nd_yaml_limits *lim, struct nd_node **root,
		  struct nd_err *err);
void nd_node_free(struct nd_node *n);

/* The event stream, for a reader that needs no tree (the loader's
 * summaries). A scalar's str is NUL-terminated and valid only during the
 * call; line and col are 0-based within text. ND_YEV_OTHER is an alias,
 * an anchor or a tag on a collection: whatever a plain reader does not
 * follow. */
enum nd_yev_kind {
	ND_YEV_SCALAR, ND_YEV_SEQ, ND_YEV_MAP, ND_YEV_END, ND_YEV_DOC,
	ND_YEV_OTHER,
};

struct nd_yev {
	enum nd_yev_kind kind;
	const char *str;
	size_t len;
	int plain;
	int anchored; /* the node has an anchor (an alias may copy it) */
};

typedef int (*nd_yev_fn)(void *ctx, const struct nd_yev *ev);

/* Feeds text's events to fn until the stream ends (0), fn returns
 * non-zero (that value), or libyaml finds an error (-1; no message:
 * nd_yaml_parse gives the one to show). No limits are applied here. */
int nd_yaml_stream(const char *text, size_t len, nd_yev_fn fn, void *ctx);

size_t nd_map_size(const struct nd_node *map);
const struct nd_node *nd_map_key(const struct nd_node *map, size_t i);
const struct nd_node *nd_map_value(const struct nd_node *map, size_t i);
/* Value for key (exact bytes), or NULL. */
const struct nd_node *nd_map_get(const struct nd_node *map, const char *key);

/* Typed reads of plain scalars, after YAML 1.2's core schema: null is
 * "", "~" or null; a bool is true or false (each also Capitalised or ALL
 * CAPS). YAML 1.1's yes/no/on/off are strings in 1.2, and are read so:
 * nd_node_is_yaml11_bool() tells them apart, for a helpful warning. A
 * quoted scalar is a string, whatever it says. */
int nd_node_is_null(const struct nd_node *n);
int nd_node_bool(const struct nd_node *n, int *out);
int nd_node_is_yaml11_bool(const struct nd_node *n);
int nd_node_int(const struct nd_node *n, long long *out);
/* 1 when a plain scalar reads as a JSON-compatible number. */
int nd_node_is_number(const struct nd_node *n);
const char *nd_node_kind_name(const struct nd_node *n);

/* "libyaml 0.2.5": the library in use, for --version. */
const char *nd_yaml_library_version(void);

#endif
