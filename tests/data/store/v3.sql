-- A rota database as schema version 3 wrote it (alert_state before routes, sinks and
-- OLA teams; no alert_runs), with a few rows, for the migration test
-- (tests/unit/test-store.c).  Made from v2.sql and the 2 -> 3 migration.
CREATE TABLE alert_state (  ticket TEXT NOT NULL,  kind TEXT NOT NULL,  policy TEXT NOT NULL,  metric TEXT NOT NULL,  cycle INTEGER NOT NULL DEFAULT 0,  level TEXT NOT NULL,  first_at INTEGER NOT NULL,  last_at INTEGER NOT NULL,  count INTEGER NOT NULL DEFAULT 1,  escalated_at INTEGER,  cleared_at INTEGER,  PRIMARY KEY (ticket, kind, metric, cycle, level));
INSERT INTO alert_state VALUES('V-2','sla','std','first_response',1,'75%',1767229000,1767229000,1,NULL,NULL);
INSERT INTO alert_state VALUES('V-1','sla','std','first_response',1,'breached',1767229300,1767229300,2,NULL,1767232800);
CREATE TABLE IF NOT EXISTS "events" (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('created','reply','note','status','assign',                                     'priority','resolved','closed','reopened',                                     'message')),  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  source INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
INSERT INTO events VALUES(1,1,1767225600,'created','New','Desk','P1','','','','',0,0,1);
INSERT INTO events VALUES(2,1,1767229200,'reply','Open','Desk','P1','','','','',0,0,1);
INSERT INTO events VALUES(3,1,1767232800,'resolved','Resolved','Desk','P1','','','','',0,0,1);
INSERT INTO events VALUES(4,2,1767227400,'created','New','Desk','P2','','','','',0,0,1);
INSERT INTO events VALUES(5,2,1767236400,'resolved','Resolved','Desk','P2','','','','',0,0,1);
INSERT INTO events VALUES(6,2,1767240000,'reopened','Open','Net','P2','','','','',0,0,1);
INSERT INTO events VALUES(7,3,1767243600,'created','New','Net','P3','','','','',0,0,1);
INSERT INTO events VALUES(8,3,1767245400,'message','New','Net','P3','','','','',0,0,1);
CREATE TABLE imports (  id INTEGER PRIMARY KEY,  started INTEGER NOT NULL,  finished INTEGER,  layout TEXT NOT NULL,  files TEXT NOT NULL DEFAULT '',  rows INTEGER NOT NULL DEFAULT 0,  rejected INTEGER NOT NULL DEFAULT 0,  events_added INTEGER NOT NULL DEFAULT 0,  events_removed INTEGER NOT NULL DEFAULT 0,  options TEXT NOT NULL DEFAULT '');
INSERT INTO imports VALUES(1,1796167852,1796167852,'events','ev.csv',8,0,8,0,'--attr=tier=priority --tz=UTC');
CREATE TABLE snapshots (  id INTEGER PRIMARY KEY,  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  time INTEGER NOT NULL,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  ord INTEGER NOT NULL DEFAULT 0,  import_id INTEGER REFERENCES imports(id));
CREATE TABLE ticket_attrs (  ticket_id INTEGER NOT NULL REFERENCES tickets(id),  name TEXT NOT NULL,  value TEXT NOT NULL,  time INTEGER NOT NULL,  PRIMARY KEY (ticket_id, name)) WITHOUT ROWID;
INSERT INTO ticket_attrs VALUES(1,'tier','P1',1767232800);
INSERT INTO ticket_attrs VALUES(2,'tier','P2',1767240000);
INSERT INTO ticket_attrs VALUES(3,'tier','P3',1767245400);
CREATE TABLE tickets (  id INTEGER PRIMARY KEY,  key TEXT NOT NULL UNIQUE,  created INTEGER,  updated INTEGER,  status TEXT NOT NULL DEFAULT '',  team TEXT NOT NULL DEFAULT '',  priority TEXT NOT NULL DEFAULT '',  agent TEXT NOT NULL DEFAULT '',  queue TEXT NOT NULL DEFAULT '',  channel TEXT NOT NULL DEFAULT '',  customer_tz TEXT NOT NULL DEFAULT '',  export_created INTEGER,  export_resolved INTEGER,  export_closed INTEGER, closed_at INTEGER);
INSERT INTO tickets VALUES(1,'V-1',1767225600,1767232800,'Resolved','Desk','P1','','','','',NULL,NULL,NULL,1767232800);
INSERT INTO tickets VALUES(2,'V-2',1767227400,1767240000,'Open','Net','P2','','','','',NULL,NULL,NULL,NULL);
INSERT INTO tickets VALUES(3,'V-3',1767243600,1767245400,'New','Net','P3','','','','',NULL,NULL,NULL,NULL);
CREATE UNIQUE INDEX snapshots_identity ON snapshots(ticket_id, time, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE UNIQUE INDEX events_identity ON events(ticket_id, time, kind, status, team,  priority, agent, queue, channel, customer_tz, ord);
CREATE INDEX events_time ON events(time);
CREATE INDEX events_history ON events(ticket_id, time);
CREATE INDEX tickets_closed_at ON tickets(closed_at);
CREATE TRIGGER events_closed_at_insert AFTER INSERT ON events  WHEN NEW.kind IN ('resolved', 'closed', 'reopened') BEGIN  UPDATE tickets SET closed_at = (SELECT CASE WHEN e.kind = 'reopened' THEN NULL    ELSE e.time END FROM events e WHERE e.ticket_id = NEW.ticket_id    AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.time DESC, e.id DESC    LIMIT 1) WHERE id = NEW.ticket_id; END;
CREATE TRIGGER events_closed_at_delete AFTER DELETE ON events  WHEN OLD.kind IN ('resolved', 'closed', 'reopened') BEGIN  UPDATE tickets SET closed_at = (SELECT CASE WHEN e.kind = 'reopened' THEN NULL    ELSE e.time END FROM events e WHERE e.ticket_id = OLD.ticket_id    AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.time DESC, e.id DESC    LIMIT 1) WHERE id = OLD.ticket_id; END;
PRAGMA application_id = 1380930625;
PRAGMA user_version = 3;
