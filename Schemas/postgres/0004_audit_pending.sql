-- ChipChart PostgreSQL schema, version 4: desks do not wait for each other to seal the audit chain.
--
-- Up to version 3 every transaction locked the chain's head row and held it through its COMMIT,
-- so desks committed one at a time. Since version 4 a transaction seals its events into the chain
-- itself only when no other transaction is sealing (an advisory lock it tries and never waits
-- for); otherwise it leaves them in audit_pending, in the same transaction as its change, and
-- commits at once. A sealer then chains the pending events in id order, in a transaction of its
-- own, and removes them from audit_pending: every event is in exactly one of the two tables.
-- audit_events.pending_id names the pending row an event was sealed from, so that the commit that
-- left it finds its sealed form; the unique index keeps a pending event from being sealed twice.
-- The events sealed before this version stay as they are: the chain goes on after them.

CREATE TABLE audit_pending (
    id bigserial PRIMARY KEY,
    at_epoch_ms bigint NOT NULL,
    staff_name text NOT NULL,
    staff_personal_id text NOT NULL,
    staff_role text NOT NULL,
    action text NOT NULL,
    record_kind text,
    record_id uuid,
    patient_id uuid,
    purpose text NOT NULL,
    detail text
);

ALTER TABLE audit_events ADD COLUMN pending_id bigint;

CREATE UNIQUE INDEX audit_events_pending ON audit_events (pending_id) WHERE pending_id IS NOT NULL;
