-- ChipChart PostgreSQL schema, version 5: the audit chain is sealed on the server, in one round
-- trip.
--
-- Up to version 4 a sealer read the chain's head and the pending events, hashed them in the
-- library and wrote them back: three round trips while it held the sealer lock, which every other
-- desk waited for. Since version 5 the functions below do the same work inside the server, with
-- the exact bytes the library hashes (AuditEvent.computedHash): each field as its UTF-8 byte count
-- in decimal, a colon, then its UTF-8 bytes; numbers as decimal text, identifiers as lowercase
-- UUID text, an absent value as the empty text; SHA-256 in lowercase hex. The library still
-- verifies every event it reads, so a server that hashed differently would be found at once.
-- The events sealed before this version stay as they are: the chain goes on after them.

-- One field of an event's hash input: its UTF-8 byte count, a colon, the text.
CREATE FUNCTION audit_hash_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT octet_length(convert_to(value, 'UTF8'))::text || ':' || value $$;

-- The hash of an event: its content (as an audit_pending row holds it), its place in the chain
-- and its predecessor's hash.
CREATE FUNCTION audit_event_hash(sequence bigint, content audit_pending, previous_hash text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT encode(sha256(convert_to(
        audit_hash_field(sequence::text) || audit_hash_field(content.at_epoch_ms::text)
        || audit_hash_field(content.staff_name) || audit_hash_field(content.staff_personal_id)
        || audit_hash_field(content.staff_role) || audit_hash_field(content.action)
        || audit_hash_field(coalesce(content.record_kind, ''))
        || audit_hash_field(coalesce(content.record_id::text, ''))
        || audit_hash_field(coalesce(content.patient_id::text, '')) || audit_hash_field(content.purpose)
        || audit_hash_field(coalesce(content.detail, '')) || audit_hash_field(previous_hash),
        'UTF8')), 'hex')
$$;

-- The drafts of a JSON array of events (audit_pending rows without id), with their places in it.
CREATE FUNCTION audit_drafts(drafts jsonb)
RETURNS TABLE (draft audit_pending, place bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT jsonb_populate_record(NULL::audit_pending, d.value), d.position
    FROM jsonb_array_elements(coalesce(drafts, '[]'::jsonb)) WITH ORDINALITY AS d(value, position)
$$;

-- With the sealer lock held: chains the oldest pending events (at most batch), then drafts (a JSON
-- array of events as audit_pending rows, without id), after the head; appends them, removes the
-- pending rows they came from and moves the head to the last. Returns the events appended, in
-- order, each as the text of its row's to_jsonb, with the pending row it came from.
CREATE FUNCTION audit_seal(drafts jsonb, batch integer)
RETURNS TABLE (pending_id bigint, event text)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    head audit_head;
    draft audit_pending;
    appended audit_events;
    sealed bigint[] := '{}';
BEGIN
    SELECT * INTO head FROM audit_head FOR UPDATE;
    IF NOT FOUND
        OR coalesce((head.last_event ->> 'sequence')::bigint, 0) <> head.sequence
        OR coalesce(head.last_event ->> 'hash', repeat('0', 64)) <> head.hash
    THEN
        RAISE EXCEPTION 'the head of the audit chain is missing or does not match its last event'
            USING ERRCODE = 'data_corrupted';
    END IF;
    FOR draft IN
        SELECT (events.content).* FROM (
            SELECT p::audit_pending AS content, 0 AS part, p.id AS position
            FROM (SELECT * FROM audit_pending ORDER BY id LIMIT batch) AS p
            UNION ALL
            SELECT d.draft, 1, d.place FROM audit_drafts(drafts) AS d
        ) AS events
        ORDER BY events.part, events.position
    LOOP
        head.sequence := head.sequence + 1;
        INSERT INTO audit_events
            (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
             patient_id, purpose, detail, previous_hash, hash, pending_id)
        VALUES (
            head.sequence, draft.at_epoch_ms, draft.staff_name, draft.staff_personal_id, draft.staff_role,
            draft.action, draft.record_kind, draft.record_id, draft.patient_id, draft.purpose, draft.detail,
            head.hash, audit_event_hash(head.sequence, draft, head.hash), draft.id
        )
        RETURNING * INTO appended;
        head.hash := appended.hash;
        head.last_event := to_jsonb(appended);
        IF draft.id IS NOT NULL THEN
            sealed := sealed || draft.id;
        END IF;
        pending_id := draft.id;
        event := head.last_event::text;
        RETURN NEXT;
    END LOOP;
    IF appended.sequence IS NOT NULL THEN
        DELETE FROM audit_pending WHERE id = ANY(sealed);
        UPDATE audit_head SET sequence = head.sequence, hash = head.hash, last_event = head.last_event;
    END IF;
END
$$;

-- In a transaction that has written a change: seals drafts into the chain, behind the events
-- already pending, when may_seal and no other transaction holds the sealer lock (tried, never
-- waited for); otherwise leaves them in audit_pending. Returns the events sealed, as audit_seal
-- does, or the ids of the pending rows written, in order, with no event.
CREATE FUNCTION audit_append(sealer_lock text, drafts jsonb, may_seal boolean, batch integer)
RETURNS TABLE (pending_id bigint, event text)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF may_seal AND pg_try_advisory_xact_lock(hashtext(sealer_lock)) THEN
        RETURN QUERY SELECT s.pending_id, s.event FROM audit_seal(drafts, batch) AS s;
        RETURN;
    END IF;
    RETURN QUERY
    INSERT INTO audit_pending AS p
        (at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id, patient_id,
         purpose, detail)
    SELECT (d.draft).at_epoch_ms, (d.draft).staff_name, (d.draft).staff_personal_id, (d.draft).staff_role,
        (d.draft).action, (d.draft).record_kind, (d.draft).record_id, (d.draft).patient_id, (d.draft).purpose,
        (d.draft).detail
    FROM audit_drafts(drafts) AS d
    ORDER BY d.place
    RETURNING p.id, NULL::text;
END
$$;

-- Called on its own (CALL, outside a transaction block), for the events a commit left pending:
-- waits for the sealer lock, seals the oldest pending events (at most batch) and COMMITs, so the
-- chain is on disk before the answer is sent; then returns, in sealed, a JSON array of the events
-- sealed from the pending rows named in mine, in order (whoever sealed them), and in waiting how
-- many of those rows are still pending (behind more than batch others). The lock is held from the
-- server's first statement to the flush of its commit, and not across a round trip.
CREATE PROCEDURE audit_seal_pending(
    store_schema text, sealer_lock text, mine bigint[], batch integer,
    INOUT sealed text DEFAULT NULL, INOUT waiting integer DEFAULT NULL
)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(sealer_lock));
    EXECUTE format('SELECT count(*) FROM %I.audit_seal(NULL, $1)', store_schema) USING batch;
    COMMIT;
    -- One statement, one snapshot: a row is either sealed or still pending in it.
    EXECUTE format(
        'SELECT (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.sequence), ''[]'')::text
                 FROM %1$I.audit_events AS e WHERE e.pending_id = ANY($1)),
                (SELECT count(*)::integer FROM %1$I.audit_pending WHERE id = ANY($1))',
        store_schema
    ) INTO sealed, waiting USING mine;
END
$$;
