-- The SQLite copy of the facts: rebuilt from facts/ at start-up and on reload, never edited.
-- Every query the commands run is covered by an index below.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS relationships (
    id        TEXT PRIMARY KEY,
    name_en   TEXT NOT NULL,
    name_vi   TEXT,
    country_a TEXT NOT NULL,
    country_b TEXT NOT NULL,
    data      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sources (
    id        TEXT PRIMARY KEY,
    outlet    TEXT NOT NULL,
    headline  TEXT NOT NULL,
    published TEXT NOT NULL,
    sort_day  TEXT,
    language  TEXT NOT NULL,
    url       TEXT,
    archive   TEXT,
    part_of   TEXT
);

CREATE TABLE IF NOT EXISTS further_reading (
    id        TEXT PRIMARY KEY,
    about     TEXT NOT NULL,
    outlet    TEXT NOT NULL,
    published TEXT NOT NULL,
    url       TEXT NOT NULL,
    title     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS further_reading_about ON further_reading (about);

CREATE TABLE IF NOT EXISTS entities (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    relationship TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    name_vi      TEXT,
    name_native  TEXT,
    data         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_kind ON entities (kind, name_en);

CREATE TABLE IF NOT EXISTS names (
    entity_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    folded    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_folded ON names (folded);
CREATE INDEX IF NOT EXISTS names_entity ON names (entity_id);

CREATE TABLE IF NOT EXISTS events (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    first_day  TEXT,
    last_day   TEXT,
    sort_key   TEXT NOT NULL,
    host       TEXT,
    guest      TEXT,
    place      TEXT,
    part_of    TEXT
);
CREATE INDEX IF NOT EXISTS events_first_day ON events (first_day);
CREATE INDEX IF NOT EXISTS events_sort_key ON events (sort_key);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id  TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (entity_id, event_id, role)
);
CREATE INDEX IF NOT EXISTS event_participants_event ON event_participants (event_id);

CREATE TABLE IF NOT EXISTS statements (
    id           TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    relationship TEXT NOT NULL,
    subject      TEXT NOT NULL,
    role         TEXT NOT NULL,
    text         TEXT NOT NULL,
    source       TEXT NOT NULL,
    quote        TEXT NOT NULL,
    as_of        TEXT,
    -- Everything it is about and conflicts with, unit-separator joined, so that reading a
    -- statement is one row (statement_about below is for finding statements by entity).
    about        TEXT NOT NULL,
    conflicts    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_source ON statements (source, position);

CREATE TABLE IF NOT EXISTS statement_about (
    entity_id    TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (entity_id, position)
);


-- Folded text (no case, no diacritics, đ -> d), so "dang" finds "Đảng".
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    body,
    tokenize = "unicode61 remove_diacritics 2"
);
