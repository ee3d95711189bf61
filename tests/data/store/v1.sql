-- A rota database as schema version 1 wrote it (before 'message' events), with a few
-- rows, for the migration test (tests/unit/test-store.c).
CREATE TABLE imports (  id INTEGER PRIMARY KEY,  started INTEGER NOT NULL,  finished INTEGER,  layout TEXT NOT NULL,  files TEXT NOT NULL DEFAULT '',  rows INTEGER NOT NULL DEFAULT 0,  rejected INTEGER NOT NULL DEFAULT 0,  events_added INTEGER NOT NULL DEFAULT 0,  events_removed INTEGER NOT NULL DEFAULT 0,  options TEXT NOT NULL DEFAULT '');
CREATE TABLE tickets (  id INTEGER PRIMARY KEY,  key TEXT NOT NULL UNIQUE,  created INTEGER,  updated INTEGER,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  export_created INTEGER,  export_resolved INTEGER,  export_closed INTEGER);
CREATE TABLE events (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('created','reply','note','status','assign',                                     'priority','resolved','closed','reopened')),  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  source INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
CREATE UNIQUE INDEX events_identity ON events(ticket_id, time, kind, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE INDEX events_time ON events(time);
CREATE TABLE snapshots (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
CREATE UNIQUE INDEX snapshots_identity ON snapshots(ticket_id, time, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE TABLE ticket_attrs (  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  name TEXT NOT NULL,  value TEXT NOT NULL,  time INTEGER NOT NULL,  PRIMARY KEY (ticket_id, name)) WITHOUT ROWID;
CREATE TABLE alert_state (  ticket TEXT NOT NULL,  kind TEXT NOT NULL,  policy TEXT NOT NULL,  metric TEXT NOT NULL,  cycle INTEGER NOT NULL DEFAULT 0,  level TEXT NOT NULL,  first_at INTEGER NOT NULL,  last_at INTEGER NOT NULL,  count INTEGER NOT NULL DEFAULT 1,  escalated_at INTEGER,  cleared_at INTEGER,  PRIMARY KEY (ticket, kind, metric, cycle, level));
INSERT INTO imports(id, started, finished, layout, files, rows) VALUES (1, 1767225600, 1767225601, 'events', 'v1.csv', 3);
INSERT INTO tickets(id, key, created, updated, status, team) VALUES (1, 'V-1', 1767225600, 1767232800, 'Resolved', 'Desk');
INSERT INTO events(ticket_id, time, kind, status, team, import_id) VALUES (1, 1767225600, 'created', 'New', 'Desk', 1);
INSERT INTO events(ticket_id, time, kind, status, team, import_id) VALUES (1, 1767229200, 'reply', 'New', 'Desk', 1);
INSERT INTO events(ticket_id, time, kind, status, team, import_id) VALUES (1, 1767232800, 'resolved', 'Resolved', 'Desk', 1);
PRAGMA application_id = 1380930625;
PRAGMA user_version = 1;
