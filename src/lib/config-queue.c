/* rota.yaml, queues: the settings rota-staff merges with its command line. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "config-internal.h"
#include <rota/value.h>
#include <rota/erlang.h>

static const char *const CHANNELS[] = { "voice", "chat", "email", NULL };

/* "80/20s": the parser rota-staff's --sl uses, so that both read the same. */
static int
get_sl(struct ld *L, ynode *v, const char *ctx, rota_queue_def *q)
{
	static const char expect[] = "a service level PERCENT/DURATION such as 80/20s "
		"(80% answered within 20 seconds)";
	rota_error e = { 0 };
	if (cfg_want_scalar(L, v, "sl", ctx, expect) < 0)
		return -1;
	if (rota_parse_service_level(v->str, &q->sl_target, &q->sl_time, &e) < 0)
		return cfg_bad(L, v, "bad service level '%s' for 'sl' %s: expected %s", cfg_show(v), ctx, expect);
	return 0;
}

static int
load_queue(struct ld *L, ynode *k, ynode *v, rota_queue_def *q)
{
	static const char *const keys[] = {
		"channel", "aht", "sl", "asa", "max_occupancy", "shrinkage", "concurrency",
		"respond_within", "patience", "calendar", NULL
	};
	char ctx[300];
	ynode *x;

	q->aht = q->sl_time = q->asa = q->respond_within = q->patience = -1;
	q->sl_target = q->max_occupancy = q->shrinkage = -1;
	if (cfg_get_name(L, k, "queues", "at the top level", &q->name) < 0)
		return -1;
	cfg_set_pos(L, k, &q->file, &q->line, &q->col);
	snprintf(ctx, sizeof ctx, "in queue '%s'", q->name);
	if (cfg_want_map(L, v, q->name, "in 'queues'", "a mapping with channel, aht, sl, ...") < 0 ||
	    cfg_check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = cfg_get(v, "channel")) != NULL) {
		if (cfg_want_scalar(L, x, "channel", ctx, "voice, chat or email") < 0)
			return -1;
		size_t i;
		for (i = 0; CHANNELS[i]; i++)
			if (strcmp(x->str, CHANNELS[i]) == 0)
				break;
		if (CHANNELS[i] == NULL)
			return cfg_bad(L, x, "unknown channel '%s' for 'channel' %s: expected one of voice, "
			           "chat, email%s", cfg_show(x), ctx, cfg_suggest(cfg_show(x), CHANNELS, 3));
		q->channel = cfg_sdup(L, x);
	}
	if ((x = cfg_get(v, "aht")) != NULL && cfg_get_dur(L, x, "aht", ctx, 0, &q->aht) < 0)
		return -1;
	if ((x = cfg_get(v, "sl")) != NULL && get_sl(L, x, ctx, q) < 0)
		return -1;
	if ((x = cfg_get(v, "asa")) != NULL && cfg_get_dur(L, x, "asa", ctx, 0, &q->asa) < 0)
		return -1;
	if ((x = cfg_get(v, "max_occupancy")) != NULL &&
	    cfg_get_ratio(L, x, "max_occupancy", ctx, 1, 0, &q->max_occupancy) < 0)
		return -1;
	if ((x = cfg_get(v, "shrinkage")) != NULL &&
	    cfg_get_ratio(L, x, "shrinkage", ctx, 0, 1, &q->shrinkage) < 0)
		return -1;
	if ((x = cfg_get(v, "concurrency")) != NULL) {
		if (cfg_get_int(L, x, "concurrency", ctx, 1, 100, &q->concurrency) < 0)
			return -1;
		if (q->channel == NULL || strcmp(q->channel, "chat") != 0)
			return cfg_bad(L, x, "'concurrency' %s applies to chat: add 'channel: chat' to the "
			           "queue, or remove 'concurrency'", ctx);
	}
	if ((x = cfg_get(v, "respond_within")) != NULL &&
	    cfg_get_dur(L, x, "respond_within", ctx, 0, &q->respond_within) < 0)
		return -1;
	if ((x = cfg_get(v, "patience")) != NULL && cfg_get_dur(L, x, "patience", ctx, 0, &q->patience) < 0)
		return -1;
	if ((x = cfg_get(v, "calendar")) != NULL && cfg_ref_calendar(L, x, "calendar", ctx, &q->calendar) < 0)
		return -1;
	return 0;
}

int
cfg_load_queues(struct ld *L, ynode *v)
{
	rota_config *cfg = L->cfg;
	if (cfg_want_map(L, v, "queues", "at the top level", "a mapping of queue names to queues, "
	             "such as { support: { channel: voice, aht: 300s } }") < 0)
		return -1;
	cfg->queues = cfg_alloc(L, v->n, sizeof *cfg->queues);
	for (size_t i = 0; i < v->n; i++) {
		cfg->nqueues++;
		if (load_queue(L, v->items[2 * i], v->items[2 * i + 1], &cfg->queues[i]) < 0)
			return -1;
	}
	return 0;
}

/* The targets rota-staff would refuse (a service level of 100%), refused by the same rule
 * and with the same message, where the queue is defined. */
int
cfg_check_queues(const rota_config *cfg, rota_error *err)
{
	for (size_t i = 0; i < cfg->nqueues; i++) {
		const rota_queue_def *q = &cfg->queues[i];
		rota_erlang_target t = ROTA_ERLANG_TARGET_NONE;
		rota_erlang_perf perf;
		if (q->channel && strcmp(q->channel, "email") == 0)
			continue;     /* deferred work has no queueing targets */
		if (q->sl_target >= 0) {
			t.sl = q->sl_target;
			t.sl_time = (double)q->sl_time;
		}
		if (q->asa >= 0)
			t.asa = (double)q->asa;
		if (q->max_occupancy >= 0)
			t.max_occupancy = q->max_occupancy;
		if (rota_erlang_c_staff(0, q->aht > 0 ? (double)q->aht : 1, &t, &perf, err) < 0) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			return rota_error_set(err, ROTA_EXIT_USAGE, q->file, q->line, q->col,
			                      "queue '%s': %s", q->name, msg);
		}
	}
	return 0;
}
