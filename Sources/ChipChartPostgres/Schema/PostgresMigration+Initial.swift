extension PostgresMigration {
    /// Version 1: patients and their identifiers, coverages, visits and the audit trail.
    ///
    /// The text of `Schemas/postgres/0001_initial.sql`.
    static let initial = PostgresMigration(
        version: 1,
        name: "initial",
        sql: #"""
            -- ChipChart PostgreSQL schema, version 1: patients with their identifiers, coverages, visits and
            -- the hash-chained audit trail.
            --
            -- Applied by PostgresStore inside one transaction, with search_path set to the store's schema.
            -- Each record is kept whole as a JSON document (the Swift value, Codable); the columns beside it
            -- exist for keys, references and indexes. Nothing here is ever deleted by the library.

            CREATE TABLE patients (
                id uuid PRIMARY KEY,
                version integer NOT NULL CHECK (version >= 1),
                merged_into uuid REFERENCES patients (id) DEFERRABLE INITIALLY DEFERRED,
                -- PersonName.searchKey: folded (no case, no diacritics, đ as d); C collation, so a prefix
                -- search is an index range and the order matches the in-memory store.
                name_key text COLLATE "C" NOT NULL,
                birth_year integer NOT NULL,
                document jsonb NOT NULL
            );

            CREATE INDEX patients_name_search ON patients (name_key, birth_year);

            -- Every identifier a patient holds or has held. A row is never removed: an identifier dropped from
            -- the patient's list is marked 'released', so an old number still finds its patient.
            CREATE TABLE patient_identifiers (
                patient_id uuid NOT NULL REFERENCES patients (id) DEFERRABLE INITIALLY DEFERRED,
                kind text NOT NULL,
                value text NOT NULL,
                status text NOT NULL CHECK (status IN ('active', 'superseded', 'merged', 'released')),
                -- When the patient first held it: among non-active holders, the latest wins a lookup.
                acquired bigint GENERATED ALWAYS AS IDENTITY,
                PRIMARY KEY (patient_id, kind, value)
            );

            -- No two patients hold the same active identifier: the database enforces it.
            CREATE UNIQUE INDEX patient_identifiers_active ON patient_identifiers (kind, value) WHERE status = 'active';

            CREATE INDEX patient_identifiers_lookup ON patient_identifiers (kind, value, acquired);

            CREATE TABLE coverages (
                id uuid PRIMARY KEY,
                patient_id uuid NOT NULL REFERENCES patients (id) DEFERRABLE INITIALLY DEFERRED,
                version integer NOT NULL CHECK (version >= 1),
                replaces uuid REFERENCES coverages (id) DEFERRABLE INITIALLY DEFERRED,
                replaced_by uuid REFERENCES coverages (id) DEFERRABLE INITIALLY DEFERRED,
                -- The 10-digit social insurance number (mã số BHXH), the lifelong insurance key.
                social_insurance_number text NOT NULL,
                stored_order bigint GENERATED ALWAYS AS IDENTITY,
                document jsonb NOT NULL
            );

            CREATE INDEX coverages_patient ON coverages (patient_id, stored_order);

            CREATE INDEX coverages_social_insurance_number ON coverages (social_insurance_number);

            CREATE TABLE visits (
                id uuid PRIMARY KEY,
                patient_id uuid NOT NULL REFERENCES patients (id) DEFERRABLE INITIALLY DEFERRED,
                version integer NOT NULL CHECK (version >= 1),
                -- MA_LK (the claim's visit key).
                visit_key text NOT NULL,
                admitted_at timestamptz NOT NULL,
                stored_order bigint GENERATED ALWAYS AS IDENTITY,
                document jsonb NOT NULL
            );

            CREATE INDEX visits_patient ON visits (patient_id, admitted_at, stored_order);

            CREATE INDEX visits_key ON visits (visit_key);

            -- The coverages a visit has applied: references only, so a missing coverage rejects the commit.
            CREATE TABLE visit_coverages (
                visit_id uuid NOT NULL REFERENCES visits (id) DEFERRABLE INITIALLY DEFERRED,
                coverage_id uuid NOT NULL REFERENCES coverages (id) DEFERRABLE INITIALLY DEFERRED,
                PRIMARY KEY (visit_id, coverage_id)
            );

            CREATE INDEX visit_coverages_coverage ON visit_coverages (coverage_id);

            -- The audit trail. Hashes are computed by the library (AuditEvent.Draft.sealed(after:)), never
            -- here; the database keeps the order.
            CREATE TABLE audit_events (
                sequence bigint PRIMARY KEY CHECK (sequence >= 1),
                at_epoch_ms bigint NOT NULL,
                staff_name text NOT NULL,
                staff_personal_id text NOT NULL,
                staff_role text NOT NULL,
                action text NOT NULL,
                record_kind text,
                record_id uuid,
                patient_id uuid,
                purpose text NOT NULL,
                detail text,
                previous_hash text NOT NULL,
                hash text NOT NULL
            );

            CREATE INDEX audit_events_patient ON audit_events (patient_id, sequence);

            -- The head of the chain: one row, locked FOR UPDATE by every append, so events are sealed and
            -- written strictly in order with no gap. It carries a copy of the last event, which a waiting
            -- append reads with the lock (a join would see the table as it was before the wait).
            CREATE TABLE audit_head (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                sequence bigint NOT NULL,
                hash text NOT NULL,
                last_event jsonb
            );

            INSERT INTO audit_head (singleton, sequence, hash) VALUES (true, 0, repeat('0', 64));

            """#
    )
}
