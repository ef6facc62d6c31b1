-- ChipChart SQLite store, schema 1: patients, identifiers, coverages, visits, audit trail.
--
-- Records are kept whole in `body` (a compact encoding of the Swift value); every column that a
-- lookup or a rule needs is a real column with its own index. Rows are never deleted by the
-- library: a correction is a new version of the same row.

CREATE TABLE patient (
    pk INTEGER PRIMARY KEY,
    uuid BLOB NOT NULL UNIQUE,
    version INTEGER NOT NULL CHECK (version > 0),
    name_key TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    identifiers_key TEXT NOT NULL,
    body BLOB NOT NULL
);

-- Name search: a range scan on the folded name, ordered as the contract requires.
CREATE INDEX patient_by_name ON patient (name_key, uuid, birth_year);

CREATE TABLE identifier (
    patient INTEGER NOT NULL REFERENCES patient (pk),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'merged')),
    PRIMARY KEY (patient, position)
) WITHOUT ROWID;

-- No two patients hold the same active identifier: the database enforces it.
CREATE UNIQUE INDEX identifier_active ON identifier (kind, value) WHERE status = 'active';

-- Lookup by any identifier, active or not.
CREATE INDEX identifier_by_value ON identifier (kind, value, patient);

CREATE TABLE coverage (
    pk INTEGER PRIMARY KEY,
    uuid BLOB NOT NULL UNIQUE,
    patient INTEGER NOT NULL REFERENCES patient (pk),
    version INTEGER NOT NULL CHECK (version > 0),
    body BLOB NOT NULL
);

CREATE INDEX coverage_by_patient ON coverage (patient, pk);

CREATE TABLE visit (
    pk INTEGER PRIMARY KEY,
    uuid BLOB NOT NULL UNIQUE,
    patient INTEGER NOT NULL REFERENCES patient (pk),
    admitted_at INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    body BLOB NOT NULL
);

CREATE INDEX visit_by_patient ON visit (patient, admitted_at, pk);

-- The hash-chained audit trail (AuditEvent): append-only.
CREATE TABLE audit_event (
    sequence INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    staff_name TEXT NOT NULL,
    staff_personal_id TEXT NOT NULL,
    staff_role TEXT NOT NULL,
    action TEXT NOT NULL,
    record_kind TEXT,
    record_id BLOB,
    patient_id BLOB,
    purpose TEXT NOT NULL,
    detail TEXT,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- Guards against accidental edits; the hash chain detects deliberate ones.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
