extension PostgresMigration {
    /// Version 2: an index of visits by admission time, for listing the visits of a period.
    ///
    /// The text of `Schemas/postgres/0002_visits_admitted.sql`.
    static let visitsAdmitted = PostgresMigration(
        version: 2,
        name: "visits_admitted",
        sql: #"""
            -- ChipChart PostgreSQL schema, version 2: visits by admission time, for the claims of a day and
            -- any other listing of a period (ArchivableStore.visits(admittedFrom:until:after:limit:)).

            CREATE INDEX visits_admitted ON visits (admitted_at, id);

            """#
    )
}
