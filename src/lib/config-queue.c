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

/* The generic loader reads a service level into sl_target and the double after it. */
_Static_assert(offsetof(rota_queue_def, sl_time) == offsetof(rota_queue_def, sl_target) + 8 &&
               sizeof(double) == 8, "sl_time follows sl_target");

static const rota_config_key QUEUE_KEYS[] = {
	CHOICE("channel", "voice", "voice, chat or email", rota_queue_def, channel, CHANNELS),
	FIELD("aht", ROTA_KEY_DURATION, 0, 1, 0, NULL, "average handling time",
	      rota_queue_def, aht),
	FIELD("sl", ROTA_KEY_SERVICE_LEVEL, 0, 0, 100, NULL,
	      "service level PERCENT/DURATION such as 80/20s", rota_queue_def, sl_target),
	FIELD("asa", ROTA_KEY_DURATION, 0, 1, 0, NULL, "average speed of answer target",
	      rota_queue_def, asa),
	FIELD("max_occupancy", ROTA_KEY_SHARE, ROTA_KEY_LO_OPEN, 0, 1, "1",
	      "the busy share of agents' time at most", rota_queue_def, max_occupancy),
	FIELD("shrinkage", ROTA_KEY_SHARE, ROTA_KEY_HI_OPEN, 0, 1, "0",
	      "the share of paid time not available for contacts", rota_queue_def, shrinkage),
	FIELD("concurrency", ROTA_KEY_INTEGER, 0, 1, 100, "1",
	      "chats one agent handles at once (chat)", rota_queue_def, concurrency),
	FIELD("respond_within", ROTA_KEY_DURATION, 0, 1, 0, NULL,
	      "deferred work (email): answer within", rota_queue_def, respond_within),
	FIELD("patience", ROTA_KEY_DURATION, 0, 1, 0, NULL,
	      "mean time callers wait before they hang up (Erlang A)", rota_queue_def, patience),
	FIELD("calendar", ROTA_KEY_CALENDAR, 0, 0, 0, NULL, "the calendar the queue is open by",
	      rota_queue_def, calendar),
};
TABLE(cfg_queue_table, "queue", "queues", QUEUE_KEYS);

static int
load_queue(struct ld *L, ynode *k, ynode *v, rota_queue_def *q)
{
	char ctx[300];
	ynode *x;

	q->aht = q->sl_time = q->asa = q->respond_within = q->patience = -1;
	q->sl_target = q->max_occupancy = q->shrinkage = -1;
	if (cfg_get_name(L, k, "queues", "at the top level", &q->name) < 0)
		return -1;
	cfg_set_pos(L, k, &q->file, &q->line, &q->col);
	snprintf(ctx, sizeof ctx, "in queue '%s'", q->name);
	if (cfg_want_map(L, v, q->name, "in 'queues'", "a mapping with channel, aht, sl, ...") < 0 ||
	    cfg_load_fields(L, v, ctx, &cfg_queue_table, q) < 0)
		return -1;
	if ((x = cfg_get(v, "concurrency")) != NULL && (q->channel == NULL || strcmp(q->channel, "chat") != 0))
		return cfg_bad(L, x, "'concurrency' %s applies to chat: add 'channel: chat' to the "
		               "queue, or remove 'concurrency'", ctx);
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
			return rota_error_rewrap(err, ROTA_EXIT_USAGE, q->file, q->line, q->col,
			                      "queue '%s': %s", q->name, msg);
		}
	}
	return 0;
}
