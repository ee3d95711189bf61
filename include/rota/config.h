/* rota.yaml as typed structs (every key is described in rota.yaml(5)).
 * The loader checks every key, type and cross-reference and reports file:line:column on
 * the first problem.  Everything the engines need is resolved here, once: names are
 * checked, defaults filled in, references to shifts and contracts turned into indices,
 * naive times read in the right zone, lists sorted. */
#ifndef ROTA_CONFIG_H
#define ROTA_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <rota/error.h>
#include <rota/record.h>
#include <rota/calendar.h>
#include <rota/time.h>
#include <rota/event.h>

/* Numbers that may be absent are -1 when absent (durations, ratios). */
typedef struct rota_queue_def {
	char *name;
	char *channel;            /* voice, chat, email, ... (NULL: voice) */
	int64_t aht;              /* average handling time, seconds */
	double sl_target;         /* "80/20s": 0.80 ... */
	int64_t sl_time;          /* ... and 20 */
	int64_t asa;              /* average speed of answer target, seconds */
	double max_occupancy;     /* 0 < r <= 1 */
	double shrinkage;         /* 0 <= r < 1 */
	int concurrency;          /* chats one agent handles at once; 0: not given (1) */
	int64_t respond_within;   /* deferred work (e-mail): answer within, seconds */
	int64_t patience;         /* mean patience for Erlang A, seconds */
	char *calendar;           /* name of a defined calendar, or NULL */
	char *file;
	long line, col;
} rota_queue_def;

/* ---- matching tickets (sla, ola, alert routes) ---- */

/* One `match:` entry: the attribute must equal one of the values (exactly, bytewise).
 * A policy's or route's entries must all hold; no entries match everything. */
typedef struct rota_match {
	char *attr;               /* priority, team, queue, or any imported attribute */
	char **values;
	size_t nvalues;           /* >= 1 */
} rota_match;

/* get(ctx, attr) returns the ticket's value of attr, or NULL when it has none (which
 * matches nothing).  Returns 1 when every entry holds. */
int rota_match_test(const rota_match *m, size_t n,
                    const char *(*get)(void *ctx, const char *attr), void *ctx);

/* ---- sla: and ola: ---- */

/* The events that start and stop clocks are enum rota_event_kind (include/rota/event.h);
 * a metric's stop set is a bit mask of (1u << kind). */

enum rota_on_reopen {
	ROTA_REOPEN_RESUME = 0,   /* the clock goes on from the time already elapsed */
	ROTA_REOPEN_RESTART       /* a new cycle starts from zero */
};

typedef struct rota_metric_def {
	char *name;               /* first_response, resolution, handling, ... */
	int64_t target;           /* business seconds, > 0 */
	int start;                /* enum rota_event_kind; default created (sla), assigned (ola) */
	unsigned stop;            /* mask of events that stop the clock */
	char **stop_status;       /* statuses that stop it as well */
	size_t nstop_status;
	char **pause_status;      /* statuses during which it does not run */
	size_t npause_status;
	double *warn;             /* warn levels as fractions of target, ascending, 0 < w < 1 */
	size_t nwarn;
	int on_reopen;            /* enum rota_on_reopen */
	char *file;
	long line, col;
} rota_metric_def;

enum rota_policy_kind { ROTA_POLICY_SLA = 0, ROTA_POLICY_OLA };

/* ola: how a team's stints count (rota/sla.h, "OLA"). */
enum rota_stints {
	ROTA_STINTS_DEFAULT = 0,  /* not set: the engine's option (each unless told) */
	ROTA_STINTS_EACH,         /* every stint with the team is a cycle of its own */
	ROTA_STINTS_SUM           /* the team's stints add up to one clock */
};

typedef struct rota_policy {
	char *name;               /* unique within its section */
	int kind;                 /* enum rota_policy_kind */
	rota_match *match;        /* first policy whose match holds wins, top to bottom */
	size_t nmatch;
	char *calendar;           /* a defined calendar; NULL: the clock runs around the clock */
	rota_metric_def *metrics;
	size_t nmetrics;          /* >= 1 */
	int stints;               /* ola: enum rota_stints */
	char *file;
	long line, col;
} rota_policy;

/* ---- roster: ---- */

typedef struct rota_break_def {
	int64_t length;           /* seconds */
	int64_t earliest;         /* the break starts at least this long after the shift starts */
	int64_t latest;           /* ... and at most this long (latest + length <= shift length) */
} rota_break_def;

typedef struct rota_shift_def {
	char *id;
	int *starts;              /* start times, seconds after local midnight, ascending */
	size_t nstarts;           /* >= 1 */
	int64_t length;           /* seconds, 0 < length <= 24h, breaks included */
	rota_break_def *breaks;
	size_t nbreaks;
	size_t *cannot_follow;    /* indices of shifts that may not come the day after this one */
	size_t ncannot_follow;
	char **queues;            /* queues this shift may serve (defined queues); none: any */
	size_t nqueues;
	char *file;
	long line, col;
} rota_shift_def;

/* Hard rules, as a contract sets them and an agent overrides them; -1: no limit. */
typedef struct rota_rules {
	int64_t min_rest;                 /* seconds between the end of one shift and the next */
	int max_consecutive_days;
	int min_consecutive_days;
	int min_consecutive_days_off;
	int max_weekends;                 /* weekends (Sat or Sun) with any shift, in the horizon */
	int64_t week_min, week_max;       /* worked minutes per Monday-Sunday week */
	int64_t horizon_min, horizon_max; /* worked minutes in the horizon */
	int *max_shifts;                  /* per shift (roster->shifts index), -1: no limit;
	                                     NULL when no limit is given for any shift */
} rota_rules;

typedef struct rota_contract_def {
	char *id;
	rota_rules rules;
	char *file;
	long line, col;
} rota_contract_def;

/* A preference for (prefer:) or against (avoid:) working a shift on a date. */
typedef struct rota_pref_def {
	int64_t day;              /* day number (rota_days_from_civil) */
	long shift;               /* roster->shifts index; -1: any shift (working that day at all) */
	double weight;            /* > 0; default 1 */
} rota_pref_def;

typedef struct rota_span { rota_time start, end; } rota_span;   /* [start, end) */

typedef struct rota_agent_def {
	char *id;
	char *tz;                 /* resolved: the agent's tz, else the planning tz, else UTC */
	char **skills;            /* defined queues the agent can serve */
	size_t nskills;
	long contract;            /* roster->contracts index, -1: none */
	rota_rules rules;         /* effective: the contract's rules with the agent's overrides */
	double cost;              /* per worked hour, relative; default 1 */
	int64_t *days_off;        /* ascending day numbers */
	size_t ndays_off;
	rota_span *unavailable;   /* instants; naive times were read in the agent's tz */
	size_t nunavailable;
	rota_pref_def *prefer;
	size_t nprefer;
	rota_pref_def *avoid;
	size_t navoid;
	char *file;
	long line, col;
} rota_agent_def;

typedef struct rota_cover_def {
	int64_t day;
	size_t shift;             /* roster->shifts index */
	int need;                 /* agents wanted on that shift that day */
	double under, over;       /* penalty per missing / surplus agent (weights when not given) */
	char *file;
	long line, col;
} rota_cover_def;

typedef struct rota_weights {
	double under;             /* per uncovered agent-interval or missing cover agent (100) */
	double over;              /* per surplus one (1) */
	double preference;        /* multiplies prefer/avoid weights (1) */
	double cost;              /* multiplies agent cost per hour (0) */
	double fairness;          /* spread of worked minutes between agents (5) */
} rota_weights;

typedef struct rota_roster_def {
	int has_start;
	int64_t start;            /* day number; valid when has_start */
	int days;                 /* horizon in days, -1 when not given */
	int64_t interval;         /* coverage grid, seconds, -1 when not given; divides 24h */
	rota_shift_def *shifts;
	size_t nshifts;
	rota_contract_def *contracts;
	size_t ncontracts;
	rota_agent_def *agents;
	size_t nagents;
	rota_cover_def *cover;
	size_t ncover;
	rota_weights weights;     /* defaults filled in */
	char *file;
	long line, col;
} rota_roster_def;

/* ---- alerts: ---- */

enum rota_sink_kind {
	ROTA_SINK_EXEC = 0,       /* argv, run without a shell, alert in ROTA_* variables */
	ROTA_SINK_MAIL,           /* addrs, through sendmail -t */
	ROTA_SINK_SYSLOG,         /* facility */
	ROTA_SINK_STDOUT,         /* format: text or json */
	ROTA_SINK_PROMETHEUS      /* path: node_exporter textfile, written atomically */
};

typedef struct rota_sink_def {
	int kind;                 /* enum rota_sink_kind */
	char **argv;              /* exec: NULL-terminated, argc >= 1 */
	size_t argc;
	char **addrs;             /* mail: one or more addresses */
	size_t naddrs;
	int facility;             /* syslog: LOG_LOCAL0 ... (<syslog.h> value) */
	char *facility_name;      /* "local0" */
	int format;               /* stdout: enum rota_format (ROTA_FORMAT_TEXT or _JSON) */
	char *path;               /* prometheus */
	char *file;
	long line, col;
} rota_sink_def;

/* A syslog facility by name ("local0"): its <syslog.h> value, -1 when unknown. */
int rota_syslog_facility(const char *name);

#define ROTA_LEVEL_BREACHED 1.0   /* the level "breached"; warn levels are 0 < w < 1 */

typedef struct rota_alert_route {
	char *name;
	double *levels;           /* ascending; ROTA_LEVEL_BREACHED for "breached"; none: all */
	size_t nlevels;
	rota_match *match;        /* every matching route fires */
	size_t nmatch;
	rota_sink_def *sinks;
	size_t nsinks;            /* >= 1 */
	int64_t repeat;           /* re-notify while unresolved, seconds; -1: never */
	int64_t escalate_after;   /* -1: no escalation */
	rota_sink_def *escalate;
	size_t nescalate;
	char *hours;              /* a defined calendar: deliver only while open; NULL: always */
	char *file;
	long line, col;
} rota_alert_route;

/* "75%" or "breached" (buf of 32 bytes or more): a share in the fewest digits that read
 * back to it (rota_share_format).  Returns strlen. */
size_t rota_level_format(char *buf, size_t n, double level);

/* ---- the schema: one declarative key table per section ----
 *
 * Each table drives its section's loader (the keys with a field are read, checked
 * against their bounds and stored by one generic loader; required keys are checked
 * there too), the unknown-key check and its "did you mean", rota-config's dumps (one
 * walker over the fields, a formatter per type), and a test that rota.yaml(5) documents
 * every key and no other.  Keys whose value is a structure of its own (hours ranges,
 * match maps, break windows, references resolved after load) are ROTA_KEY_OWN: their
 * section's code reads them, and the dumps have a writer for each. */
enum rota_key_type {
	ROTA_KEY_MAP = 0,         /* a mapping (a section of its own, or free keys) */
	ROTA_KEY_LIST,            /* a list, or one item for a list of one */
	ROTA_KEY_NAME,            /* char *: no control characters, no padding */
	ROTA_KEY_STRING,          /* char * */
	ROTA_KEY_ZONE,            /* char *: an IANA zone name */
	ROTA_KEY_DURATION,        /* int64_t seconds, -1 absent; lo 0: zero allowed, 1: not */
	ROTA_KEY_SHARE,           /* double: a fraction or a percentage, 0..1, -1 absent */
	ROTA_KEY_NUMBER,          /* double in [lo, hi], -1 absent */
	ROTA_KEY_INTEGER,         /* int in [lo, hi], below lo absent */
	ROTA_KEY_DATE,            /* int64_t day number */
	ROTA_KEY_TIME,            /* time of day or hours ranges */
	ROTA_KEY_SERVICE_LEVEL,   /* PERCENT/DURATION: double share, then int64_t seconds */
	ROTA_KEY_CHOICE,          /* one of the words in choices: char *, or int (INDEX) */
	ROTA_KEY_EVENT,           /* int: a clock event (rota_clock_event_parse) */
	ROTA_KEY_CALENDAR,        /* char *: the name of a defined calendar */
	ROTA_KEY_REF,             /* the name of something else defined in the file */
	ROTA_KEY_NAMES,           /* char **, then size_t: names, one or a list */
	ROTA_KEY_QUEUES,          /* char **, then size_t: names of defined queues */
	ROTA_KEY_EVENTS,          /* unsigned: a mask of clock events, one or a list */
	ROTA_KEY_LEVELS           /* double *, then size_t: percentages ascending (hi 1:
	                             and breached, ROTA_LEVEL_BREACHED) */
};

enum {
	ROTA_KEY_REQUIRED = 1u << 0,
	ROTA_KEY_LO_OPEN = 1u << 1,   /* lo itself is not allowed (SHARE) */
	ROTA_KEY_HI_OPEN = 1u << 2,   /* hi itself is not allowed (SHARE) */
	ROTA_KEY_INDEX = 1u << 3      /* CHOICE: an int, the index of the word in choices */
};

#define ROTA_KEY_OWN ((size_t)-1)    /* offset: the section's own code reads the key */

typedef struct rota_config_key {
	const char *name;
	int type;                 /* enum rota_key_type */
	unsigned flags;
	double lo, hi;            /* bounds of numbers */
	const char *def;          /* the default as rota.yaml would write it; NULL: none */
	const char *help;         /* one line */
	size_t offset;            /* the field in the section's struct, or ROTA_KEY_OWN */
	const char *const *choices;   /* CHOICE: NULL-terminated */
	const char *expect;       /* what messages ask for when the key is missing or of the
	                             wrong kind; NULL: the type's own words */
	const char *text;         /* the text dump's phrase: "label", "; label" (after a
	                             semicolon), "%s long" (around the value), "" (not
	                             shown); NULL: the name, '_' read as ' ' */
} rota_config_key;

typedef struct rota_config_table {
	const char *name;         /* "queue", "metric", ... */
	const char *man;          /* the subsection of rota.yaml(5) that documents it */
	const rota_config_key *keys;
	size_t nkeys;
} rota_config_table;

/* Every table, NULL-terminated, top level first. */
const rota_config_table *const *rota_config_tables(void);
/* The key of a table by name, or NULL. */
const rota_config_key *rota_config_table_key(const rota_config_table *t, const char *name);

/* ---- the whole file ---- */

typedef struct rota_config {
	char *path;               /* NULL when no file was read */
	char *tz;                 /* planning zone, NULL when not set */
	rota_calendar_def *calendars;
	size_t ncalendars;
	rota_queue_def *queues;
	size_t nqueues;
	struct rota_policy *sla;
	size_t nsla;
	struct rota_policy *ola;
	size_t nola;
	struct rota_roster_def *roster;     /* NULL when the section is absent */
	struct rota_alert_route *routes;
	size_t nroutes;
	struct rota_config_arena *arena;    /* private: holds everything above */
} rota_config;

/* Read and check a file.  NULL with err set (status 2 for bad input, 3 when the file
 * cannot be read) on the first problem. */
rota_config *rota_config_load(const char *path, rota_error *err);
/* The same from memory; name is used in messages and its directory resolves relative
 * holiday files. */
rota_config *rota_config_load_mem(const char *data, size_t len, const char *name,
                                  rota_error *err);
rota_config *rota_config_empty(void);
/* What loading leaves to the engines, for `rota-config check`: builds every calendar
 * (its .ics files parsed; an error names the .ics file and line) and refuses the queue
 * targets rota-staff refuses (a service level of 100%), with rota-staff's message.
 * 0, or -1 with err (status 2). */
int rota_config_check(const rota_config *cfg, rota_error *err);
void rota_config_free(rota_config *cfg);

/* What was understood, normalized (rota-config(1)): text for people, one JSON object
 * (durations in seconds, absent numbers null) for scripts. */
void rota_config_write_text(FILE *f, const rota_config *cfg);
void rota_config_write_json(rota_json *j, const rota_config *cfg);

/* Lookups by name; NULL (or -1) when not defined. */
const rota_calendar_def *rota_config_calendar(const rota_config *cfg, const char *name);
const rota_queue_def *rota_config_queue(const rota_config *cfg, const char *name);
const rota_policy *rota_config_policy(const rota_config *cfg, int kind, const char *name);
long rota_roster_shift_index(const rota_roster_def *r, const char *id);
const rota_agent_def *rota_roster_agent(const rota_roster_def *r, const char *id);

#endif
