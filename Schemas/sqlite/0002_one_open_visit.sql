-- ChipChart SQLite store, schema 2: one open visit per patient and slot.
--
-- `open_slot` is the slot an open visit holds (Visit.openSlot: its facility and kind, and the day
-- for an outpatient visit), NULL once the visit is closed or cancelled. The unique index lets two
-- desks that scan the same person at the same moment open one visit, not two: the second commit
-- fails and its check-in finds the first visit.
-- Visits written before this version have no slot until they are next written, so a file whose
-- patients already hold two open visits still opens.

ALTER TABLE visit ADD COLUMN open_slot TEXT;

CREATE UNIQUE INDEX visit_one_open ON visit (patient, open_slot) WHERE open_slot IS NOT NULL;
