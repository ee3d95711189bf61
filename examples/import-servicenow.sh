#!/bin/sh
# Load the UCI "Incident management process enriched event log" (a ServiceNow audit
# export: one row per update of an incident, with the incident's whole state) into
# the rota database, deriving created / status / assign / priority / resolved / closed /
# reopened events.  This is the command rota-import(1) documents.
#
#   examples/import-servicenow.sh [LOG] [rota-import options...]
#
# LOG defaults to ../shared/data/tickets/incident_event_log.csv.gz (the project's data
# folder, seen from the project root); gzip is read directly.  Options after LOG go to
# rota-import, e.g. -d incidents.db or --dry-run.  made_sla (the log's own verdict) is kept
# as an attribute: rota-sla report prints its rate next to rota's compliance, with the
# policies of examples/servicenow.yaml.
#
# The log's times are d/m/yyyy HH:MM wall-clock times without a zone; the data set does
# not say which, so they are read as UTC.  Give your instance's zone instead if you know
# it (--tz America/Sao_Paulo).  '?' means no value, and the state -100 (a transient
# state some rows carry) is read as "status unknown", so the ticket keeps its status.
log=${1:-../shared/data/tickets/incident_event_log.csv.gz}
[ $# -gt 0 ] && shift
exec rota-import --layout snapshots \
	--time-format '%d/%m/%Y %H:%M' --tz UTC \
	--missing '?' --missing -100 \
	--map ticket=number --map time=sys_updated_at --map created=opened_at \
	--map status=incident_state --map priority=priority \
	--map team=assignment_group --map agent=assigned_to --map channel=contact_type \
	--map resolved=resolved_at --map closed=closed_at \
	--attr made_sla --attr impact --attr urgency --attr category \
	"$@" "$log"
