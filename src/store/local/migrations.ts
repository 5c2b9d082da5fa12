/**
 * Schema migrations of the local store, applied in order inside one transaction each.
 * `PRAGMA user_version` records how many have run. Never edit a released migration: add one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    registration_number TEXT UNIQUE,
    title TEXT NOT NULL,
    search_text TEXT NOT NULL,
    unit TEXT,
    area TEXT,
    routed_group TEXT NOT NULL,
    protected INTEGER NOT NULL,
    reporter_id TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    next_deadline_ms INTEGER,
    report_document_id TEXT,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cases_routed ON cases (routed_group, protected, received_ms);
  CREATE INDEX cases_type_state ON cases (type, state, received_ms);
  CREATE INDEX cases_reporter ON cases (reporter_id, received_ms);
  CREATE INDEX cases_received ON cases (received_ms);
  CREATE INDEX cases_deadline ON cases (next_deadline_ms);
  CREATE INDEX cases_missing_document ON cases (id) WHERE report_document_id IS NULL;

  -- Handlers of protected cases and investigators assigned: the access policy's named people.
  CREATE TABLE case_people (
    case_id TEXT NOT NULL REFERENCES cases (id),
    relation TEXT NOT NULL CHECK (relation IN ('handler', 'assignee')),
    person_id TEXT NOT NULL,
    PRIMARY KEY (person_id, relation, case_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX case_people_case ON case_people (case_id);

  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id)
  ) STRICT;

  CREATE TABLE case_events (
    case_id TEXT NOT NULL REFERENCES cases (id),
    sequence INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (case_id, sequence)
  ) STRICT;

  CREATE TABLE registration_counters (
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (series, year)
  ) STRICT;

  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  ) STRICT;
  CREATE INDEX documents_case ON documents (case_id);

  CREATE TABLE access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    case_id TEXT NOT NULL,
    registration_number TEXT,
    what TEXT NOT NULL
  ) STRICT;
  CREATE INDEX access_log_case ON access_log (case_id, id);

  -- The access log and the event history are append-only: the database itself refuses edits.
  CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
  CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
  CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
  CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
  `,
  // 2: the bot's conversation, user and dialog state (the StateStore port), so drafts survive a
  // restart. `value` is JSON text; `etag` changes on every write.
  `
  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Files sent with a report before it is filed; moved onto the case when it is created.
  CREATE TABLE pending_files (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX pending_files_owner ON pending_files (owner, created_at);
  `,
  `
  -- A case's full record lives beside its row, so the row the list filters and sorts on is small
  -- and a scan of 100,000 cases reads a few megabytes, not the records.
  CREATE TABLE case_data (
    id TEXT PRIMARY KEY REFERENCES cases (id),
    data TEXT NOT NULL
  ) STRICT;
  INSERT INTO case_data (id, data) SELECT id, data FROM cases;
  ALTER TABLE cases DROP COLUMN data;
  CREATE INDEX cases_state ON cases (state, received_ms);
  `,
  // 5: the list's search through an index, where LIKE read every visible case.
  `
  -- A trigram index of search_text (registration number and title, lower-cased the Swedish way
  -- when the case is written): any substring of three characters or more is found through it.
  -- case_sensitive 1 makes a match exactly a substring of that text, as LIKE on it was.
  -- Contentless: it keeps no copy of the text, only the index, keyed by the rowid of cases
  -- (which VACUUM keeps in SQLite 3.53; if cases is ever rebuilt, rebuild this table too).
  CREATE VIRTUAL TABLE cases_search USING fts5 (
    search_text,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram case_sensitive 1'
  );
  INSERT INTO cases_search (rowid, search_text) SELECT rowid, search_text FROM cases;
  -- Kept in step by the database itself, in the transaction of every write to cases.
  CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  END;
  CREATE TRIGGER cases_search_update AFTER UPDATE ON cases
    WHEN new.search_text IS NOT old.search_text OR new.rowid IS NOT old.rowid
  BEGIN
    DELETE FROM cases_search WHERE rowid = old.rowid;
    INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  END;
  CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
    DELETE FROM cases_search WHERE rowid = old.rowid;
  END;
  `,
  // 6: "overdue" (a deadline before now) through an index, where it read every visible case.
  `
  -- Walked over the cases that have a deadline, in deadline order. It carries the columns of the
  -- visibility filter and of every sort, so neither the count nor the page reads the table for
  -- the usual query.
  CREATE INDEX cases_overdue ON cases (
    next_deadline_ms, routed_group, protected, type, reporter_id, id,
    received_ms, updated_ms, registration_number
  ) WHERE next_deadline_ms IS NOT NULL;
  `,
  // 7: a protected case is searched by its registration number only, not by its title.
  `
  -- Its title names the unit, which the registry entry of a protected case hides: a search on the
  -- unit must not find it. lower() folds ASCII only; the series may hold Å, Ä or Ö. The update
  -- trigger of migration 5 renews the trigram index.
  UPDATE cases
     SET search_text = lower(replace(replace(replace(
           coalesce(registration_number, ''), 'Å', 'å'), 'Ä', 'ä'), 'Ö', 'ö'))
   WHERE protected = 1;
  `,
];
