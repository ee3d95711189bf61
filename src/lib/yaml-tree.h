/* A YAML document as a small tree with a line and column on every node (private to
 * librota).  libyaml parses and resolves anchors and aliases; this layer adds what a
 * config checker needs on top: positions, merge keys (<<), duplicate-key errors, and a
 * guard against alias cycles. */
#ifndef ROTA_YAML_TREE_H
#define ROTA_YAML_TREE_H

#include <stddef.h>
#include <rota/error.h>

enum rota_ynode_kind { ROTA_Y_SCALAR = 1, ROTA_Y_SEQ, ROTA_Y_MAP };

typedef struct rota_ynode rota_ynode;
struct rota_ynode {
	int kind;
	long line, col;           /* 1-based, where the node starts */
	const char *str;          /* scalar text (NUL-terminated; may hold NULs when len says) */
	size_t len;
	int plain;                /* scalar written without quotes */
	rota_ynode **items;       /* seq: n items; map: n pairs as items[2i] key, [2i+1] value */
	size_t n;
	int state;                /* private: 0 new, 1 being built, 2 built */
};

typedef struct rota_ydoc rota_ydoc;

/* Parse one document.  An empty stream (or only comments) gives a NULL root.  Errors
 * (status 2) name file:line:col of the problem. */
rota_ydoc *rota_ydoc_parse(const char *data, size_t len, const char *name, rota_error *err);
const rota_ynode *rota_ydoc_root(const rota_ydoc *d);
void rota_ydoc_free(rota_ydoc *d);

/* A plain empty, "~" or "null" scalar. */
int rota_ynode_is_null(const rota_ynode *n);
/* The value for a scalar key in a mapping, or NULL. */
const rota_ynode *rota_ymap_get(const rota_ynode *map, const char *key);
/* "a mapping", "a sequence", "a string", "nothing" (null): for messages. */
const char *rota_ynode_what(const rota_ynode *n);

#endif
