-- ChipChart PostgreSQL schema, version 5: one audit chain per writer, tied by checkpoints.
--
-- Up to version 4 every event joined one hash chain, so every writing transaction took its turn
-- at the chain's head. Since version 5 the trail is several chains. A writing transaction claims
-- a chain no other transaction holds (audit_heads FOR UPDATE SKIP LOCKED), or starts a new one
-- linked to the latest checkpoint, and appends its events to it in its own transaction. Sequence
-- numbers come from audit_sequence, taken while the chain's head row is locked: they increase
-- along each chain and across the trail, with gaps where a transaction rolled back. Now and then
-- a writer appends a checkpoint event (action 'checkpoint') listing the head of every chain; the
-- checkpoints are a chain of their own, whose head is row 0 of audit_heads.
--
-- The chain of version 4 becomes chain 1, its head the last event. Events left in audit_pending
-- are sealed into it by the library, in the same transaction, before this file runs. The events
-- already stored stay as they are and verify unchanged.

CREATE TABLE audit_heads (
    chain bigint PRIMARY KEY CHECK (chain >= 0),
    sequence bigint NOT NULL CHECK (sequence >= 0),
    hash text NOT NULL
);

INSERT INTO audit_heads (chain, sequence, hash) SELECT 1, sequence, hash FROM audit_head;

CREATE SEQUENCE audit_chain_ids START 2;

CREATE SEQUENCE audit_sequence;

SELECT setval('audit_sequence', (SELECT sequence FROM audit_head) + 1, false);

DROP TABLE audit_head;

DROP TABLE audit_pending;

DROP INDEX audit_events_pending;

ALTER TABLE audit_events DROP COLUMN pending_id;
