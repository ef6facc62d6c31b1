extension PostgresMigration {
    /// Version 3: one open visit per patient and slot (``ChipChart/Visit/openSlot``), enforced by
    /// a unique index.
    ///
    /// The text of `Schemas/postgres/0003_one_open_visit.sql`.
    static let oneOpenVisit = PostgresMigration(
        version: 3,
        name: "one_open_visit",
        sql: #"""
            -- ChipChart PostgreSQL schema, version 3: one open visit per patient and slot.
            --
            -- `open_slot` is the slot an open visit holds (Visit.openSlot: its facility and kind, and the day
            -- for an outpatient visit), NULL once the visit is closed or cancelled. The unique index lets two
            -- desks that scan the same person at the same moment open one visit, not two: the second commit
            -- fails and its check-in finds the first visit.
            -- Visits written before this version have no slot until they are next written, so a database
            -- whose patients already hold two open visits still migrates.

            ALTER TABLE visits ADD COLUMN open_slot text;

            CREATE UNIQUE INDEX visits_one_open ON visits (patient_id, open_slot) WHERE open_slot IS NOT NULL;

            """#
    )
}
