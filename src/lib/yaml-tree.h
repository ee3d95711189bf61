/* A YAML document as a small tree with a line and column on every node (private to
 * librota: no rota_ prefix, so that the shared library does not export them).  libyaml
 * parses and resolves anchors and aliases; this layer adds what a config checker
 * needs on top: positions, merge keys (<<), duplicate-key errors, and a guard against
 * alias cycles. */
#ifndef ROTA_YAML_TREE_H
#define ROTA_YAML_TREE_H

#include <stddef.h>
#include <rota/error.h>

enum ynode_kind { Y_SCALAR = 1, Y_SEQ, Y_MAP };

typedef struct ynode ynode_t;
struct ynode {
	int kind;
	long line, col;           /* 1-based, where the node starts */
	const char *str;          /* scalar text (NUL-terminated; may hold NULs when len says) */
	size_t len;
	int plain;                /* scalar written without quotes */
	ynode_t **items;       /* seq: n items; map: n pairs as items[2i] key, [2i+1] value */
	size_t n;
	int state;                /* private: 0 new, 1 being built, 2 built */
};

typedef struct ydoc ydoc;

/* Parse one document.  An empty stream (or only comments) gives a NULL root.  Errors
 * (status 2) name file:line:col of the problem. */
ydoc *ydoc_parse(const char *data, size_t len, const char *name, rota_error *err);
const ynode_t *ydoc_root(const ydoc *d);
void ydoc_free(ydoc *d);

/* A plain empty, "~" or "null" scalar. */
int ynode_is_null(const ynode_t *n);
/* The value for a scalar key in a mapping, or NULL. */
const ynode_t *ymap_get(const ynode_t *map, const char *key);
/* "a mapping", "a sequence", "a string", "nothing" (null): for messages. */
const char *ynode_what(const ynode_t *n);

#endif
