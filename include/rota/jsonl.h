/* A strict JSON Lines reader (RFC 8259 values, one object a line): what rota's own
 * `--format json` writes, read back (rota-alert --input -).
 *
 * Each line holds one object whose members are flat: strings (every JSON escape,
 * surrogate pairs joined, handed out as UTF-8), numbers (JSON's grammar, no NaN, no
 * hex), true, false and null.  A nested object or array is an error, as are a duplicate
 * key, a blank line, trailing text after the object, a raw control character or bytes
 * that are not UTF-8 in a string, a lone surrogate and \u0000 (a key or value holds no
 * NUL).  A UTF-8 BOM before the first line and CRLF line ends are taken.  Errors name
 * file:line:column (column in bytes, 1-based) and what was expected there.
 *
 * Memory is bounded: a line longer than the reader's limit is an error before more of
 * it is held; a line may not have more than max(limit / 16, 256) members. */
#ifndef ROTA_JSONL_H
#define ROTA_JSONL_H

#include <stddef.h>
#include <rota/error.h>

typedef struct rota_jsonl rota_jsonl;

enum rota_json_type {
	ROTA_JSON_NULL = 0, ROTA_JSON_FALSE, ROTA_JSON_TRUE, ROTA_JSON_NUMBER, ROTA_JSON_STRING
};

typedef struct rota_json_member {
	const char *key;          /* decoded, NUL-terminated */
	int type;                 /* enum rota_json_type */
	const char *text;         /* a string's decoded text, a number as written; "" else */
	size_t len;               /* strlen(text) */
	double num;               /* a number's value (strtod of text) */
	long col;                 /* where the value starts on its line (1-based) */
} rota_json_member;

/* path "-" or NULL reads stdin.  NULL with err (status 2 when the file is missing or
 * a directory, 3 on system failures). */
rota_jsonl *rota_jsonl_open(const char *path, rota_error *err);
/* Read from memory (tests, fuzzing); name is used in messages. */
rota_jsonl *rota_jsonl_open_mem(const char *data, size_t len, const char *name);
void rota_jsonl_close(rota_jsonl *j);

/* The longest line a reader holds, in bytes (its line end not counted). */
#define ROTA_JSONL_LIMIT_DEFAULT ((size_t)1 << 20)
void rota_jsonl_set_limit(rota_jsonl *j, size_t max);

/* Next object: 1 = got one, 0 = end of input, -1 = error (err: file:line:col, status 2;
 * 3 when reading failed). */
int rota_jsonl_next(rota_jsonl *j, rota_error *err);
/* The current object's members in the order written; valid until the next call. */
size_t rota_jsonl_nmembers(const rota_jsonl *j);
const rota_json_member *rota_jsonl_member(const rota_jsonl *j, size_t i);
/* The member named key, or NULL. */
const rota_json_member *rota_jsonl_get(const rota_jsonl *j, const char *key);
long rota_jsonl_line(const rota_jsonl *j);          /* the current object's line */
const char *rota_jsonl_name(const rota_jsonl *j);   /* "<stdin>" or the file name */

#endif
