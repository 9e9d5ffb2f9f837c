/*
 * frontmatter: finds the YAML front matter of an article file.
 *
 * A file is: an optional UTF-8 BOM, a "---" line, YAML lines, a closing
 * "---" or "..." line, then an optional Markdown body. Marker lines may end
 * in spaces and LF or CRLF. nd_fm_split() only locates the parts (byte
 * offsets into the caller's buffer); nd_fm_parse() also runs the YAML
 * parser on them. Errors name the line and column within the file.
 */
#ifndef NEWSDESK_FRONTMATTER_H
#define NEWSDESK_FRONTMATTER_H

#include <stddef.h>

#include "newsdesk/model/yamltree.h"

struct nd_fm_split {
	size_t yaml_start, yaml_len; /* the YAML text between the markers */
	size_t body_start;	     /* first byte after the closing line */
	unsigned yaml_line;	     /* file line of the first YAML line */
	int has_bom, crlf;
};

int nd_fm_split(const char *data, size_t len, struct nd_fm_split *out,
		struct nd_err *err);
/* Splits and parses; *root is the front matter (NULL if empty). */
int nd_fm_parse(const char *data, size_t len, const struct nd_yaml_limits *lim,
		struct nd_fm_split *split, struct nd_node **root,
		struct nd_err *err);

#endif
