/* What happens to a ticket: one list of event kinds for the store (what an import
 * records) and for the SLA/OLA clocks (what starts, pauses and stops them).  The clocks
 * see two more kinds that no import writes: ROTA_EVENT_UNASSIGN, derived when a ticket
 * leaves a team (or is left without one), and ROTA_EVENT_ASSIGN read as "reached the
 * team".  In rota.yaml(5) the clock spellings are "assigned" and "unassigned". */
#ifndef ROTA_EVENT_H
#define ROTA_EVENT_H

enum rota_event_kind {
	ROTA_EVENT_CREATED = 0,   /* the ticket was opened */
	ROTA_EVENT_REPLY,         /* an agent answered the customer */
	ROTA_EVENT_NOTE,          /* an internal note */
	ROTA_EVENT_STATUS,        /* the status changed */
	ROTA_EVENT_ASSIGN,        /* the team or agent changed; clocks: reached the team */
	ROTA_EVENT_PRIORITY,      /* the priority changed */
	ROTA_EVENT_RESOLVED,
	ROTA_EVENT_CLOSED,
	ROTA_EVENT_REOPENED,
	ROTA_EVENT_MESSAGE,       /* the customer wrote (next-response cycles start here) */
	ROTA_EVENT_STORED,        /* kinds below this one are what the store holds */
	ROTA_EVENT_UNASSIGN = ROTA_EVENT_STORED,   /* clocks only: the ticket left the team */
	ROTA_EVENT_NKINDS
};

/* Store spelling ("assign"); NULL when out of range or not a stored kind. */
const char *rota_event_kind_name(int kind);
/* A stored kind from its store spelling; -1 otherwise. */
int rota_event_kind_parse(const char *s);

/* Clock spelling, as rota.yaml(5) writes start and stop events ("assigned",
 * "unassigned"); NULL for kinds that start or stop no clock (status, priority). */
const char *rota_clock_event_name(int kind);
/* -1 when s is not a clock event. */
int rota_clock_event_parse(const char *s);
/* The clock events in the order people read them (created, reply, message, note,
 * assigned, unassigned, resolved, closed, reopened): the i-th, or -1 past the end.  Lists
 * of events are printed in this order. */
int rota_clock_event_at(unsigned i);

#endif
