-- A rota database as schema version 2 wrote it (before tickets.closed_at and the
-- events(ticket_id, time) index), for the migration test (tests/unit/test-sla-run.c).
CREATE TABLE alert_state (  ticket TEXT NOT NULL,  kind TEXT NOT NULL,  policy TEXT NOT NULL,  metric TEXT NOT NULL,  cycle INTEGER NOT NULL DEFAULT 0,  level TEXT NOT NULL,  first_at INTEGER NOT NULL,  last_at INTEGER NOT NULL,  count INTEGER NOT NULL DEFAULT 1,  escalated_at INTEGER,  cleared_at INTEGER,  PRIMARY KEY (ticket, kind, metric, cycle, level));
CREATE TABLE "events" (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('created','reply','note','status','assign',                                     'priority','resolved','closed','reopened',                                     'message')),  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  source INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
INSERT INTO "events" VALUES(1,1,1767225600,'created','New','Desk','P1','','','','',0,0,1);
INSERT INTO "events" VALUES(2,1,1767229200,'reply','Open','Desk','P1','','','','',0,0,1);
INSERT INTO "events" VALUES(3,1,1767232800,'resolved','Resolved','Desk','P1','','','','',0,0,1);
INSERT INTO "events" VALUES(4,2,1767227400,'created','New','Desk','P2','','','','',0,0,1);
INSERT INTO "events" VALUES(5,2,1767236400,'resolved','Resolved','Desk','P2','','','','',0,0,1);
INSERT INTO "events" VALUES(6,2,1767240000,'reopened','Open','Net','P2','','','','',0,0,1);
INSERT INTO "events" VALUES(7,3,1767243600,'created','New','Net','P3','','','','',0,0,1);
INSERT INTO "events" VALUES(8,3,1767245400,'message','New','Net','P3','','','','',0,0,1);
CREATE TABLE imports (  id INTEGER PRIMARY KEY,  started INTEGER NOT NULL,  finished INTEGER,  layout TEXT NOT NULL,  files TEXT NOT NULL DEFAULT '',  rows INTEGER NOT NULL DEFAULT 0,  rejected INTEGER NOT NULL DEFAULT 0,  events_added INTEGER NOT NULL DEFAULT 0,  events_removed INTEGER NOT NULL DEFAULT 0,  options TEXT NOT NULL DEFAULT '');
INSERT INTO "imports" VALUES(1,1796167852,1796167852,'events','ev.csv',8,0,8,0,'--attr=tier=priority --tz=UTC');
CREATE TABLE snapshots (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
CREATE TABLE ticket_attrs (  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  name TEXT NOT NULL,  value TEXT NOT NULL,  time INTEGER NOT NULL,  PRIMARY KEY (ticket_id, name)) WITHOUT ROWID;
INSERT INTO "ticket_attrs" VALUES(1,'tier','P1',1767232800);
INSERT INTO "ticket_attrs" VALUES(2,'tier','P2',1767240000);
INSERT INTO "ticket_attrs" VALUES(3,'tier','P3',1767245400);
CREATE TABLE tickets (  id INTEGER PRIMARY KEY,  key TEXT NOT NULL UNIQUE,  created INTEGER,  updated INTEGER,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  export_created INTEGER,  export_resolved INTEGER,  export_closed INTEGER);
INSERT INTO "tickets" VALUES(1,'V-1',1767225600,1767232800,'Resolved','Desk','P1','','','','',NULL,NULL,NULL);
INSERT INTO "tickets" VALUES(2,'V-2',1767227400,1767240000,'Open','Net','P2','','','','',NULL,NULL,NULL);
INSERT INTO "tickets" VALUES(3,'V-3',1767243600,1767245400,'New','Net','P3','','','','',NULL,NULL,NULL);
CREATE UNIQUE INDEX snapshots_identity ON snapshots(ticket_id, time, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE UNIQUE INDEX events_identity ON events(ticket_id, time, kind, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE INDEX events_time ON events(time);
PRAGMA application_id = 1380930625;
PRAGMA user_version = 2;
