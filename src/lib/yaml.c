/* A YAML document as a tree with positions, over libyaml's document API. */
#include <config.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include <rota/rota.h>
#include "yaml-tree.h"

/* Deeper than any config needs; it bounds the recursion below on hostile input. */
#define MAX_DEPTH 64

struct ydoc {
	yaml_document_t doc;
	int have_doc;
	ynode_t *nodes;        /* nodes[i] mirrors libyaml's node i + 1 */
	size_t nnodes;
	ynode_t *root;
	const char *name;
	rota_error *err;
};

int
ynode_is_null(const ynode_t *n)
{
	if (n == NULL)
		return 1;
	if (n->kind != Y_SCALAR || !n->plain)
		return 0;
	return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
	       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

const char *
ynode_what(const ynode_t *n)
{
	if (ynode_is_null(n))
		return "nothing";
	switch (n->kind) {
	case Y_SEQ: return "a list";
	case Y_MAP: return "a mapping";
	default: return "a string";
	}
}

static int
key_is(const ynode_t *k, const char *key)
{
	return k->kind == Y_SCALAR && strlen(key) == k->len && memcmp(k->str, key, k->len) == 0;
}

const ynode_t *
ymap_get(const ynode_t *map, const char *key)
{
	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i + 1];
	return NULL;
}

static int fail(struct ydoc *d, const ynode_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct ydoc *d, const ynode_t *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(d->err, ROTA_EXIT_USAGE, d->name, at ? at->line : 0, at ? at->col : 0,
	                fmt, ap);
	va_end(ap);
	return -1;
}

static ynode_t *build(struct ydoc *d, int idx, int depth);

static int
cmp_key(const void *a, const void *b)
{
	const ynode_t *x = **(ynode_t *const *const *)a;
	const ynode_t *y = **(ynode_t *const *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->str, y->str, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	/* Equal keys: the one written first sorts first, so it is "the first". */
	return (x->line != y->line) ? (x->line < y->line ? -1 : 1) :
	       (x->col < y->col ? -1 : x->col > y->col);
}

/* Each key once per mapping: YAML says so and libyaml does not check.  Sorting keeps
 * this O(n log n) for big hostile mappings. */
static int
check_duplicates(struct ydoc *d, ynode_t *m)
{
	if (m->n < 2)
		return 0;
	ynode_t ***keys = rota_xreallocarray(NULL, m->n, sizeof *keys);
	for (size_t i = 0; i < m->n; i++)
		keys[i] = &m->items[2 * i];
	qsort(keys, m->n, sizeof *keys, cmp_key);
	const ynode_t *first = NULL, *dup = NULL;
	for (size_t i = 1; i < m->n; i++) {
		const ynode_t *a = *keys[i - 1], *b = *keys[i];
		if (a->len == b->len && memcmp(a->str, b->str, a->len) == 0 &&
		    (dup == NULL || b->line < dup->line || (b->line == dup->line && b->col < dup->col))) {
			dup = b;
			/* The first of this run of equal keys. */
			size_t j = i - 1;
			while (j > 0 && (*keys[j - 1])->len == b->len &&
			       memcmp((*keys[j - 1])->str, b->str, b->len) == 0)
				j--;
			first = *keys[j];
		}
	}
	free(keys);
	if (dup == NULL)
		return 0;
	return fail(d, dup, "duplicate key '%s' (first given on line %ld): each key may appear "
	            "once in a mapping", dup->str, first->line);
}

static void
add_pair(ynode_t *m, size_t *cap, ynode_t *k, ynode_t *v)
{
	if (m->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		m->items = rota_xreallocarray(m->items, *cap, 2 * sizeof *m->items);
	}
	m->items[2 * m->n] = k;
	m->items[2 * m->n + 1] = v;
	m->n++;
}

/* "<<: *base" or "<<: [*a, *b]": copy the keys the mapping does not have itself; among
 * several sources the earlier one wins (the YAML 1.1 merge-key rule). */
static int
merge(struct ydoc *d, ynode_t *m, size_t *cap, const ynode_t *src)
{
	const ynode_t *one[1] = { src };
	ynode_t *const *list = (ynode_t *const *)one;
	size_t nsrc = 1;

	if (src->kind == Y_SEQ) {
		list = src->items;
		nsrc = src->n;
	}
	for (size_t s = 0; s < nsrc; s++) {
		const ynode_t *from = list[s];
		if (from->kind != Y_MAP)
			return fail(d, from, "'<<' merges mappings: expected an alias of a mapping "
			            "(<<: *name) or a list of them, found %s", ynode_what(from));
		for (size_t i = 0; i < from->n; i++) {
			ynode_t *k = from->items[2 * i];
			size_t j;
			for (j = 0; j < m->n; j++)
				if (m->items[2 * j]->len == k->len &&
				    memcmp(m->items[2 * j]->str, k->str, k->len) == 0)
					break;
			if (j == m->n)
				add_pair(m, cap, k, from->items[2 * i + 1]);
		}
	}
	return 0;
}

static int
build_map(struct ydoc *d, ynode_t *m, yaml_node_t *y, int depth)
{
	size_t cap = 0;
	ynode_t *merges[16];
	size_t nmerges = 0;

	for (yaml_node_pair_t *p = y->data.mapping.pairs.start; p < y->data.mapping.pairs.top; p++) {
		ynode_t *k = build(d, p->key, depth + 1);
		if (k == NULL)
			return -1;
		if (k->kind != Y_SCALAR)
			return fail(d, k, "a key must be a name, found %s: is there a '?', '{' or '[' "
			            "where a key should be?", ynode_what(k));
		ynode_t *v = build(d, p->value, depth + 1);
		if (v == NULL)
			return -1;
		if (k->plain && key_is(k, "<<")) {
			if (nmerges == sizeof merges / sizeof *merges)
				return fail(d, k, "too many '<<' merge keys in one mapping (at most %zu)",
				            sizeof merges / sizeof *merges);
			merges[nmerges++] = v;
			continue;
		}
		add_pair(m, &cap, k, v);
	}
	if (check_duplicates(d, m) < 0)
		return -1;
	for (size_t i = 0; i < nmerges; i++)
		if (merge(d, m, &cap, merges[i]) < 0)
			return -1;
	return 0;
}

static ynode_t *
build(struct ydoc *d, int idx, int depth)
{
	yaml_node_t *y = yaml_document_get_node(&d->doc, idx);
	if (y == NULL || idx < 1 || (size_t)idx > d->nnodes) {
		rota_error_set(d->err, ROTA_EXIT_USAGE, d->name, 0, 0, "broken YAML document");
		return NULL;
	}
	ynode_t *n = &d->nodes[idx - 1];
	if (n->state == 2)
		return n;
	if (n->state == 1 || depth > MAX_DEPTH) {
		if (n->state == 1)
			fail(d, n, "an alias refers to a node that contains it: aliases must not "
			     "form a cycle");
		else
			fail(d, n, "nesting deeper than %d levels: a config never needs that many",
			     MAX_DEPTH);
		return NULL;
	}
	n->state = 1;
	switch (y->type) {
	case YAML_SCALAR_NODE:
		n->kind = Y_SCALAR;
		n->str = (const char *)y->data.scalar.value;
		n->len = y->data.scalar.length;
		n->plain = y->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_NODE: {
		n->kind = Y_SEQ;
		size_t cnt = (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
		n->items = rota_xreallocarray(NULL, cnt, sizeof *n->items);
		for (size_t i = 0; i < cnt; i++) {
			n->items[i] = build(d, y->data.sequence.items.start[i], depth + 1);
			if (n->items[i] == NULL)
				return NULL;
			n->n = i + 1;
		}
		break;
	}
	case YAML_MAPPING_NODE:
		n->kind = Y_MAP;
		if (build_map(d, n, y, depth) < 0)
			return NULL;
		break;
	default:
		fail(d, n, "empty YAML node");
		return NULL;
	}
	n->state = 2;
	return n;
}

/* libyaml reports reader errors (bad UTF-8) as a byte offset only. */
static void
offset_to_pos(const char *data, size_t len, size_t off, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (data[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static void
syntax_error(yaml_parser_t *p, const char *data, size_t len, const char *name, rota_error *err)
{
	long line = (long)p->problem_mark.line + 1, col = (long)p->problem_mark.column + 1;
	const char *problem = p->problem ? p->problem : "cannot parse";

	if (p->error == YAML_MEMORY_ERROR) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, name, 0, 0, "out of memory");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		offset_to_pos(data, len, p->problem_offset, &line, &col);
		rota_error_set(err, ROTA_EXIT_USAGE, name, line, col,
		               "not valid YAML text: %s: save the file as UTF-8", problem);
		return;
	}
	if (p->context)
		rota_error_set(err, ROTA_EXIT_USAGE, name, line, col,
		               "YAML syntax error: %s (%s that starts on line %ld, column %ld): "
		               "check the indentation, and quote values that contain ': ', '#', "
		               "'[', '{', or start with '*', '&', '!', '%%', '@' or '`'",
		               problem, p->context, (long)p->context_mark.line + 1,
		               (long)p->context_mark.column + 1);
	else
		rota_error_set(err, ROTA_EXIT_USAGE, name, line, col,
		               "YAML syntax error: %s: check the indentation, and quote values that "
		               "contain ': ', '#', '[', '{', or start with '*', '&', '!', '%%', '@' or '`'",
		               problem);
}

/* libyaml's scanner spends time quadratic in the nesting depth (every token looks at
 * every open flow level), so 100,000 '[' take minutes before build() could refuse them.
 * A first pass over the events stops at MAX_DEPTH instead; syntax errors are left to
 * the real parse, which reports them with their context. */
static int
check_depth(const char *data, size_t len, const char *name, rota_error *err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 0;

	if (!yaml_parser_initialize(&p))
		return rota_error_set(err, ROTA_EXIT_RUNTIME, name, 0, 0, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t type = ev.type;
		long line = (long)ev.start_mark.line + 1, col = (long)ev.start_mark.column + 1;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
		if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
			/* build() counts the root as depth 0 */
			if (++depth > MAX_DEPTH + 1) {
				rc = rota_error_set(err, ROTA_EXIT_USAGE, name, line, col,
				                    "nesting deeper than %d levels: a config never needs "
				                    "that many", MAX_DEPTH);
				break;
			}
		} else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
	}
	yaml_parser_delete(&p);
	return rc;
}

ydoc *
ydoc_parse(const char *data, size_t len, const char *name, rota_error *err)
{
	yaml_parser_t p;
	struct ydoc *d = rota_xcalloc(1, sizeof *d);

	d->name = name;
	d->err = err;
	if (check_depth(data, len, name, err) < 0) {
		free(d);
		return NULL;
	}
	if (!yaml_parser_initialize(&p)) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, name, 0, 0, "out of memory");
		free(d);
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	if (!yaml_parser_load(&p, &d->doc)) {
		syntax_error(&p, data, len, name, err);
		yaml_parser_delete(&p);
		free(d);
		return NULL;
	}
	d->have_doc = 1;
	yaml_node_t *root = yaml_document_get_root_node(&d->doc);
	if (root != NULL) {
		/* rota.yaml is one document; a second one would be silently ignored. */
		yaml_document_t next;
		if (!yaml_parser_load(&p, &next)) {
			syntax_error(&p, data, len, name, err);
			goto bad;
		}
		int more = yaml_document_get_root_node(&next) != NULL;
		long nline = (long)next.start_mark.line + 1;
		yaml_document_delete(&next);
		if (more) {
			rota_error_set(err, ROTA_EXIT_USAGE, name, nline, 1,
			               "a second YAML document ('---'): rota.yaml holds one document; "
			               "remove the '---' line or merge the documents");
			goto bad;
		}
		d->nnodes = (size_t)(d->doc.nodes.top - d->doc.nodes.start);
		d->nodes = rota_xcalloc(d->nnodes, sizeof *d->nodes);
		for (size_t i = 0; i < d->nnodes; i++) {
			d->nodes[i].line = (long)d->doc.nodes.start[i].start_mark.line + 1;
			d->nodes[i].col = (long)d->doc.nodes.start[i].start_mark.column + 1;
		}
		d->root = build(d, 1, 0);
		if (d->root == NULL)
			goto bad;
	}
	yaml_parser_delete(&p);
	return d;
bad:
	yaml_parser_delete(&p);
	ydoc_free(d);
	return NULL;
}

const ynode_t *ydoc_root(const ydoc *d) { return d->root; }

void
ydoc_free(ydoc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nnodes; i++)
		free(d->nodes[i].items);
	free(d->nodes);
	if (d->have_doc)
		yaml_document_delete(&d->doc);
	free(d);
}
