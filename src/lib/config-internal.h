/* What the files of the rota.yaml loader share (private to librota): the load state,
 * the arena, the typed getters and each section's entry point. */
#ifndef ROTA_CONFIG_INTERNAL_H
#define ROTA_CONFIG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <rota/config.h>
#include "yaml-tree.h"

typedef const ynode_t ynode;

struct ld {
	rota_config *cfg;
	const char *file;         /* for messages */
	char *fname;              /* the same in the arena, for the structs' file fields */
	char *dir;                /* the config's directory, for relative .ics paths */
	rota_error *err;
};

int cfg_bad(struct ld *L, ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

extern const char CFG_DUR_EXPECT[];

/* Key tables (rota/config.h): KEY for a key the section's code reads, FIELD for one the
 * generic loader stores in a field of the section's struct; the X forms add the words
 * messages ask for (expect) and the text dump's phrase. */
#define KEY(name, type, flags, lo, hi, def, help) \
	{ name, type, flags, lo, hi, def, help, ROTA_KEY_OWN, NULL, NULL, NULL }
#define KEYX(name, type, flags, def, help, expect, text) \
	{ name, type, flags, 0, 0, def, help, ROTA_KEY_OWN, NULL, expect, text }
#define FIELD(name, type, flags, lo, hi, def, help, st, field) \
	{ name, type, flags, lo, hi, def, help, offsetof(st, field), NULL, NULL, NULL }
#define FIELDX(name, type, flags, lo, hi, def, help, st, field, expect, text) \
	{ name, type, flags, lo, hi, def, help, offsetof(st, field), NULL, expect, text }
#define CHOICE(name, def, help, st, field, words) \
	{ name, ROTA_KEY_CHOICE, 0, 0, 0, def, help, offsetof(st, field), words, NULL, NULL }
#define CHOICEX(name, flags, def, help, st, field, words, expect, text) \
	{ name, ROTA_KEY_CHOICE, flags, 0, 0, def, help, offsetof(st, field), words, expect, text }
/* A list field's count is the size_t right after its pointer. */
#define COUNT_FOLLOWS(st, arr, n) \
	_Static_assert(offsetof(st, n) == offsetof(st, arr) + sizeof(void *), #n " follows " #arr)
#define TABLE(var, name, man, keys) \
	const rota_config_table var = { name, man, keys, sizeof keys / sizeof *keys }

extern const rota_config_table cfg_top_table, cfg_calendar_table, cfg_holiday_table,
	cfg_queue_table, cfg_policy_table, cfg_metric_table, cfg_roster_table, cfg_shift_table,
	cfg_break_table, cfg_rules_table, cfg_minutes_table, cfg_agent_table, cfg_pref_table,
	cfg_cover_table, cfg_weights_table, cfg_alerts_table, cfg_route_table,
	cfg_escalate_table, cfg_sink_table;

/* Check m's keys against t, then in table order: refuse a missing required key, and
 * read every FIELD key present into base.  The section reads its KEY keys itself,
 * afterwards. */
int cfg_load_fields(struct ld *L, ynode *m, const char *ctx, const rota_config_table *t,
                    void *base);

#define NAMES_OF(arr, cnt, field, out) do { \
	(out) = rota_xcalloc((cnt) + 1, sizeof *(out)); \
	for (size_t i_ = 0; i_ < (cnt); i_++) (out)[i_] = (arr)[i_].field; } while (0)


/* config.c */
void cfg_arena_free(struct rota_config_arena *a);
void *cfg_alloc(struct ld *L, size_t n, size_t size);
void *cfg_realloc(struct ld *L, void *old, size_t n, size_t size);
char *cfg_strndup(struct ld *L, const char *s, size_t n);
const char *cfg_suggest(const char *s, const char *const *names, size_t n);
void cfg_join(char *buf, size_t size, const char *const *names, size_t n);
int cfg_check_keys(struct ld *L, ynode *m, const char *ctx, const rota_config_table *t);

/* config-get.c */
const char *cfg_show(ynode *n);
const char *cfg_found(ynode *n);
ynode *cfg_get(ynode *m, const char *key);
int cfg_wrong_type(struct ld *L, ynode *v, const char *key, const char *ctx,
                   const char *expect);
int cfg_want_map(struct ld *L, ynode *v, const char *key, const char *ctx,
                 const char *expect);
int cfg_want_seq(struct ld *L, ynode *v, const char *key, const char *ctx,
                 const char *expect);
int cfg_want_scalar(struct ld *L, ynode *v, const char *key, const char *ctx,
                    const char *expect);
int cfg_missing(struct ld *L, ynode *m, const char *key, const char *ctx,
                const char *expect);
/* A scalar or a list of them, as one array. */
ynode_t *const *cfg_items_of(ynode *const *v, size_t *n);
char *cfg_sdup(struct ld *L, ynode *v);
void cfg_set_pos(struct ld *L, ynode *at, char **file, long *line, long *col);
int cfg_get_name(struct ld *L, ynode *v, const char *key, const char *ctx, char **out);
int cfg_get_str(struct ld *L, ynode *v, const char *key, const char *ctx,
                const char *expect, char **out);
int cfg_get_strlist(struct ld *L, ynode *v, const char *key, const char *ctx,
                    const char *expect, char ***out, size_t *nout);
int cfg_parse_num(const char *s, double *out);
int cfg_get_int(struct ld *L, ynode *v, const char *key, const char *ctx, long lo,
                long hi, int *out);
int cfg_get_num(struct ld *L, ynode *v, const char *key, const char *ctx, double lo,
                double hi, double *out);
int cfg_get_ratio(struct ld *L, ynode *v, const char *key, const char *ctx, int lo_open,
                  int hi_open, double *out);
int cfg_parse_percent(const char *s, double *out);
int cfg_parse_dur(const char *s, int64_t *out);
int cfg_get_dur(struct ld *L, ynode *v, const char *key, const char *ctx, int allow_zero,
                int64_t *out);
int cfg_get_date(struct ld *L, ynode *v, const char *key, const char *ctx, int64_t *out);
int cfg_get_sl(struct ld *L, ynode *v, const char *key, const char *ctx, double *share,
               int64_t *secs);
int cfg_get_tz(struct ld *L, ynode *v, const char *key, const char *ctx, char **out);
int cfg_unknown_name(struct ld *L, ynode *v, const char *what, const char *section,
                     const char *key, const char *ctx, const char **names, size_t n);
int cfg_ref_calendar(struct ld *L, ynode *v, const char *key, const char *ctx, char **out);
int cfg_ref_queues(struct ld *L, ynode *v, const char *key, const char *ctx, char ***out,
                   size_t *nout);
int cfg_get_match(struct ld *L, ynode *v, const char *ctx, rota_match **out, size_t *nout);
int cfg_cmp_double(const void *a, const void *b);
int cfg_cmp_i64(const void *a, const void *b);
int cfg_cmp_int(const void *a, const void *b);
int cfg_get_levels(struct ld *L, ynode *v, const char *key, const char *ctx,
                   int allow_breached, double **out, size_t *nout);
int cfg_get_event(struct ld *L, ynode *v, const char *key, const char *ctx, int *out);
int cfg_get_events(struct ld *L, ynode *v, const char *key, const char *ctx, unsigned *out);

/* config-calendar.c */
int cfg_load_calendars(struct ld *L, ynode *v);
int cfg_check_calendars(const rota_config *cfg, rota_error *err);

/* config-queue.c */
int cfg_load_queues(struct ld *L, ynode *v);
int cfg_check_queues(const rota_config *cfg, rota_error *err);

/* config-policy.c */
int cfg_load_policies(struct ld *L, ynode *v, int kind);

/* config-roster.c */
int cfg_load_roster(struct ld *L, ynode *v);

/* config-alert.c */
int cfg_load_alerts(struct ld *L, ynode *v);

#endif
