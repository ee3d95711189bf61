/* rota.yaml: read a YAML tree (yaml.c), check every key, type, value and cross-reference
 * against the schema in rota.yaml(5), and build the typed structs of <rota/config.h>.
 *
 * Messages follow one pattern so that users learn it once:
 *   unknown key 'hourz' in calendar 'office': expected one of tz, hours, ...
 *   wrong type for 'hours' in calendar 'office': expected a mapping ..., found a list
 *   bad duration 'abc' for 'aht' in queue 'support': expected ...
 *   unknown calendar 'ofice' for 'calendar' in queue 'support': expected one of ...
 * and point at the offending node (the key for unknown keys, the value otherwise). */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "config-internal.h"

/* A config file is hand-written; anything this big is a mistake (or an attack). */
#define MAX_CONFIG_BYTES (16L << 20)

int
cfg_bad(struct ld *L, ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(L->err, ROTA_EXIT_USAGE, L->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---------------------------------------------------------------- the arena */

/* Everything a config holds is allocated in its arena, so that freeing a config (or one
 * abandoned half way through loading) is one call and loaders never free by hand.  Each
 * allocation keeps its size in front of it, so that arrays can grow (the old copy stays
 * in the arena until the config is freed). */
struct rota_config_arena {
	struct arena_block *head;
};

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ARENA_BLOCK (64u << 10)
#define ARENA_HDR sizeof(max_align_t)

void
cfg_arena_free(struct rota_config_arena *a)
{
	if (a == NULL)
		return;
	for (struct arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
cfg_alloc(struct ld *L, size_t n, size_t size)
{
	struct rota_config_arena *a = L->cfg->arena;
	if (size && n > (SIZE_MAX / 4) / size)
		return rota_xcalloc(n, size);     /* too big: the out-of-memory path */
	size_t want = (n * size + ARENA_HDR - 1) / ARENA_HDR * ARENA_HDR + ARENA_HDR;
	struct arena_block *b = a->head;
	if (b == NULL || b->size - b->used < want) {
		size_t cap = want > ARENA_BLOCK ? want : ARENA_BLOCK;
		b = rota_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->size = cap;
		b->next = a->head;
		a->head = b;
	}
	char *p = (char *)b->data + b->used;
	b->used += want;
	memset(p, 0, want);
	*(size_t *)p = n * size;
	return p + ARENA_HDR;
}

void *
cfg_realloc(struct ld *L, void *old, size_t n, size_t size)
{
	size_t have = old ? *(size_t *)((char *)old - ARENA_HDR) : 0;
	if (old && size && n <= have / size)
		return old;
	void *p = cfg_alloc(L, n, size);
	if (old)
		memcpy(p, old, have);
	return p;
}

char *
cfg_strndup(struct ld *L, const char *s, size_t n)
{
	char *p = cfg_alloc(L, n + 1, 1);
	memcpy(p, s, n);
	return p;
}

/* ---------------------------------------------------------------- did you mean */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			if (up + 1 < best) best = up + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* " (did you mean 'hours'?)" when one name is close, else "". */
const char *
cfg_suggest(const char *s, const char *const *names, size_t n)
{
	static _Thread_local char buf[160];
	size_t best = 99, at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		if (d < best)
			best = d, at = i;
	}
	size_t len = strlen(s);
	if (n == 0 || best == 0 || best > 2 || best * 2 > len)
		return "";
	snprintf(buf, sizeof buf, " (did you mean '%s'?)", names[at]);
	return buf;
}

void
cfg_join(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
	if (o >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

int
cfg_check_keys(struct ld *L, ynode *m, const char *ctx, const rota_config_table *t)
{
	const char *keys[32];
	size_t nkeys = t->nkeys < 32 ? t->nkeys : 32;
	for (size_t j = 0; j < nkeys; j++)
		keys[j] = t->keys[j].name;
	for (size_t i = 0; i < m->n; i++) {
		ynode *k = m->items[2 * i];
		size_t j;
		for (j = 0; j < nkeys; j++)
			if (strlen(keys[j]) == k->len && memcmp(keys[j], k->str, k->len) == 0)
				break;
		if (j < nkeys)
			continue;
		char list[400];
		cfg_join(list, sizeof list, keys, nkeys);
		return cfg_bad(L, k, "unknown key '%s' %s: expected one of %s%s", cfg_show(k), ctx, list,
		               cfg_suggest(cfg_show(k), keys, nkeys));
	}
	return 0;
}

/* ---------------------------------------------------------------- the key tables */

static int
load_choice(struct ld *L, const rota_config_key *k, ynode *v, const char *ctx, void *out)
{
	const char *const *w = k->choices;
	size_t n = 0;
	if (cfg_want_scalar(L, v, k->name, ctx, k->help) < 0)
		return -1;
	for (n = 0; w[n]; n++)
		if (strcmp(v->str, w[n]) == 0) {
			if (k->flags & ROTA_KEY_INDEX)
				*(int *)out = (int)n;
			else
				*(char **)out = cfg_sdup(L, v);
			return 0;
		}
	if (k->expect)
		return cfg_bad(L, v, "bad value '%s' for '%s' %s: expected %s", cfg_show(v), k->name,
		               ctx, k->expect);
	char list[200];
	cfg_join(list, sizeof list, w, n);
	return cfg_bad(L, v, "unknown %s '%s' for '%s' %s: expected one of %s%s", k->name,
	               cfg_show(v), k->name, ctx, list, cfg_suggest(cfg_show(v), w, n));
}

static int
load_field(struct ld *L, const rota_config_key *k, ynode *v, const char *ctx, void *at)
{
	size_t *count = (size_t *)((char *)at + sizeof(void *));   /* COUNT_FOLLOWS */
	switch (k->type) {
	case ROTA_KEY_NAME: return cfg_get_name(L, v, k->name, ctx, at);
	case ROTA_KEY_STRING: return cfg_get_str(L, v, k->name, ctx, k->help, at);
	case ROTA_KEY_ZONE: return cfg_get_tz(L, v, k->name, ctx, at);
	case ROTA_KEY_DATE: return cfg_get_date(L, v, k->name, ctx, at);
	case ROTA_KEY_CALENDAR: return cfg_ref_calendar(L, v, k->name, ctx, at);
	case ROTA_KEY_CHOICE: return load_choice(L, k, v, ctx, at);
	case ROTA_KEY_EVENT: return cfg_get_event(L, v, k->name, ctx, at);
	case ROTA_KEY_EVENTS: return cfg_get_events(L, v, k->name, ctx, at);
	case ROTA_KEY_DURATION: return cfg_get_dur(L, v, k->name, ctx, k->lo <= 0, at);
	case ROTA_KEY_SHARE:
		return cfg_get_ratio(L, v, k->name, ctx, !!(k->flags & ROTA_KEY_LO_OPEN),
		                     !!(k->flags & ROTA_KEY_HI_OPEN), at);
	case ROTA_KEY_NUMBER: return cfg_get_num(L, v, k->name, ctx, k->lo, k->hi, at);
	case ROTA_KEY_INTEGER: return cfg_get_int(L, v, k->name, ctx, (long)k->lo, (long)k->hi, at);
	case ROTA_KEY_SERVICE_LEVEL: return cfg_get_sl(L, v, k->name, ctx, at, (int64_t *)((char *)at + 8));
	case ROTA_KEY_NAMES: return cfg_get_strlist(L, v, k->name, ctx, k->expect, at, count);
	case ROTA_KEY_QUEUES: return cfg_ref_queues(L, v, k->name, ctx, at, count);
	case ROTA_KEY_LEVELS: return cfg_get_levels(L, v, k->name, ctx, k->hi >= 1, at, count);
	}
	return cfg_bad(L, v, "internal error: key '%s' has no generic reader", k->name);
}

int
cfg_load_fields(struct ld *L, ynode *m, const char *ctx, const rota_config_table *t, void *base)
{
	if (cfg_check_keys(L, m, ctx, t) < 0)
		return -1;
	for (size_t i = 0; i < t->nkeys; i++) {
		const rota_config_key *k = &t->keys[i];
		ynode *v = cfg_get(m, k->name);
		if (v == NULL && (k->flags & ROTA_KEY_REQUIRED))
			return cfg_missing(L, m, k->name, ctx, k->expect ? k->expect : k->help);
		if (k->offset == ROTA_KEY_OWN || v == NULL)
			continue;
		if (load_field(L, k, v, ctx, (char *)base + k->offset) < 0)
			return -1;
	}
	return 0;
}

static const rota_config_key TOP_KEYS[] = {
	FIELD("tz", ROTA_KEY_ZONE, 0, 0, 0, "UTC", "the planning zone: naive times are read in it",
	      rota_config, tz),
	KEY("calendars", ROTA_KEY_MAP, 0, 0, 0, NULL, "business calendars by name"),
	KEY("queues", ROTA_KEY_MAP, 0, 0, 0, NULL, "queues by name, for staffing"),
	KEY("sla", ROTA_KEY_LIST, 0, 0, 0, NULL, "customer-facing policies, first match wins"),
	KEY("ola", ROTA_KEY_LIST, 0, 0, 0, NULL, "team-internal policies, first match wins"),
	KEY("roster", ROTA_KEY_MAP, 0, 0, 0, NULL, "shifts, contracts, agents and cover"),
	KEY("alerts", ROTA_KEY_MAP, 0, 0, 0, NULL, "where warnings and breaches are sent"),
};
TABLE(cfg_top_table, "file", "Top level", TOP_KEYS);

static const rota_config_table *const TABLES[] = {
	&cfg_top_table, &cfg_calendar_table, &cfg_holiday_table, &cfg_queue_table,
	&cfg_policy_table, &cfg_metric_table, &cfg_roster_table, &cfg_shift_table,
	&cfg_break_table, &cfg_rules_table, &cfg_minutes_table, &cfg_agent_table,
	&cfg_pref_table, &cfg_cover_table, &cfg_weights_table, &cfg_alerts_table,
	&cfg_route_table, &cfg_escalate_table, &cfg_sink_table, NULL
};

const rota_config_table *const *
rota_config_tables(void)
{
	return TABLES;
}

const rota_config_key *
rota_config_table_key(const rota_config_table *t, const char *name)
{
	for (size_t i = 0; t && name && i < t->nkeys; i++)
		if (strcmp(t->keys[i].name, name) == 0)
			return &t->keys[i];
	return NULL;
}

/* ---------------------------------------------------------------- the file */

static int
load_root(struct ld *L, ynode *root)
{
	ynode *x;

	if (root == NULL || ynode_is_null(root))
		return 0;
	if (root->kind != Y_MAP)
		return cfg_bad(L, root, "wrong type for the whole file: expected a mapping of sections "
		           "(tz, calendars, queues, sla, ola, roster, alerts), found %s", cfg_found(root));
	/* References point backwards in this order: calendars before the things that use them. */
	if (cfg_load_fields(L, root, "at the top level", &cfg_top_table, L->cfg) < 0)
		return -1;
	if ((x = cfg_get(root, "calendars")) != NULL && cfg_load_calendars(L, x) < 0)
		return -1;
	if ((x = cfg_get(root, "queues")) != NULL && cfg_load_queues(L, x) < 0)
		return -1;
	if ((x = cfg_get(root, "sla")) != NULL && cfg_load_policies(L, x, ROTA_POLICY_SLA) < 0)
		return -1;
	if ((x = cfg_get(root, "ola")) != NULL && cfg_load_policies(L, x, ROTA_POLICY_OLA) < 0)
		return -1;
	if ((x = cfg_get(root, "roster")) != NULL && cfg_load_roster(L, x) < 0)
		return -1;
	if ((x = cfg_get(root, "alerts")) != NULL && cfg_load_alerts(L, x) < 0)
		return -1;
	return 0;
}

static char *
dir_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	if (slash == NULL)
		return rota_xstrdup("");
	if (slash == name)
		return rota_xstrdup("/");
	return rota_xstrndup(name, (size_t)(slash - name));
}

rota_config *
rota_config_load_mem(const char *data, size_t len, const char *name, rota_error *err)
{
	struct ld L;
	if (name == NULL)
		name = "<memory>";
	ydoc *doc = ydoc_parse(data, len, name, err);
	if (doc == NULL)
		return NULL;
	L.cfg = rota_config_empty();
	L.file = name;
	L.fname = L.cfg->path = cfg_strndup(&L, name, strlen(name));
	L.dir = dir_of(name);
	L.err = err;
	int rc = load_root(&L, ydoc_root(doc));
	free(L.dir);
	ydoc_free(doc);
	if (rc < 0) {
		rota_config_free(L.cfg);
		return NULL;
	}
	return L.cfg;
}

rota_config *
rota_config_load(const char *path, rota_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (is_stdin)
		path = "<stdin>";
	if (fd < 0) {
		int e = errno;
		/* A file the user named that cannot be read is bad input, as for every input;
		 * only the system failing (I/O, no descriptors left) is a runtime failure. */
		rota_error_set(err, rota_error_open_status(e), path, 0, 0,
		               "cannot read the configuration: %s%s", strerror(e),
		               e == ENOENT ? "; " : "");
		if (e == ENOENT)
			rota_error_fix(err, "name the file with {config}");
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		rota_error_set(err, ROTA_EXIT_USAGE, path, 0, 0, "cannot read the configuration: it "
		               "is a directory; expected a rota.yaml file");
		return NULL;
	}
	rota_strbuf data = ROTA_STRBUF_INIT;
	int failed = 0, rd = rota_strbuf_read_fd(&data, fd, MAX_CONFIG_BYTES);
	if (rd < 0)
		failed = rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "cannot read the "
		                        "configuration: %s", strerror(errno));
	else if (rd > 0)
		failed = rota_error_set(err, ROTA_EXIT_USAGE, path, 0, 0, "the configuration is "
		                        "larger than %ld MiB: is it the right file?",
		                        MAX_CONFIG_BYTES >> 20);
	close(fd);
	rota_config *cfg = NULL;
	if (!failed)
		cfg = rota_config_load_mem(rota_strbuf_str(&data), data.len, path, err);
	rota_strbuf_free(&data);
	return cfg;
}

rota_config *
rota_config_empty(void)
{
	rota_config *cfg = rota_xcalloc(1, sizeof *cfg);
	cfg->arena = rota_xcalloc(1, sizeof *cfg->arena);
	return cfg;
}

/* ---------------------------------------------------------------- deep check */

/* What loading leaves to the engines, done now: a config that passes this runs. */
int
rota_config_check(const rota_config *cfg, rota_error *err)
{
	if (cfg_check_calendars(cfg, err) < 0 || cfg_check_queues(cfg, err) < 0)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- lookups */

const rota_calendar_def *
rota_config_calendar(const rota_config *cfg, const char *name)
{
	for (size_t i = 0; cfg && name && i < cfg->ncalendars; i++)
		if (cfg->calendars[i].name && strcmp(cfg->calendars[i].name, name) == 0)
			return &cfg->calendars[i];
	return NULL;
}

const rota_queue_def *
rota_config_queue(const rota_config *cfg, const char *name)
{
	for (size_t i = 0; cfg && name && i < cfg->nqueues; i++)
		if (cfg->queues[i].name && strcmp(cfg->queues[i].name, name) == 0)
			return &cfg->queues[i];
	return NULL;
}

const rota_policy *
rota_config_policy(const rota_config *cfg, int kind, const char *name)
{
	const rota_policy *p = kind == ROTA_POLICY_OLA ? cfg->ola : cfg->sla;
	size_t n = kind == ROTA_POLICY_OLA ? cfg->nola : cfg->nsla;
	for (size_t i = 0; name && i < n; i++)
		if (p[i].name && strcmp(p[i].name, name) == 0)
			return &p[i];
	return NULL;
}

long
rota_roster_shift_index(const rota_roster_def *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nshifts; i++)
		if (r->shifts[i].id && strcmp(r->shifts[i].id, id) == 0)
			return (long)i;
	return -1;
}

const rota_agent_def *
rota_roster_agent(const rota_roster_def *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nagents; i++)
		if (r->agents[i].id && strcmp(r->agents[i].id, id) == 0)
			return &r->agents[i];
	return NULL;
}

void
rota_config_free(rota_config *cfg)
{
	if (cfg == NULL)
		return;
	cfg_arena_free(cfg->arena);
	free(cfg);
}
