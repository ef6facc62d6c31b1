#if PostgreSQL
    import Logging
    import PostgresNIO

    /// The secondary indexes and foreign keys of a schema's tables, which a restore into the empty
    /// schema drops before it copies the rows and makes again before it commits, as `pg_dump`'s
    /// output does: one index build per index and one check per foreign key over all the rows,
    /// instead of an index entry and a deferred check for every row.
    ///
    /// Everything happens inside the restore's transaction, with its tables locked: no other
    /// session sees the schema without them, and a failed restore rolls the drop back with the
    /// rest. The unique indexes and primary keys stay, so a record or an identifier held twice
    /// is refused as it arrives, as before; a reference to a missing record is refused when its
    /// foreign key is made again (the same SQLSTATE 23503, naming the same table and constraint).
    struct RestoreStructure {
        /// One index or foreign key: the statement that drops it and the one that makes it again.
        struct Item {
            let drop: String
            let make: String
        }

        /// Non-unique indexes first, then foreign keys.
        let items: [Item]

        /// Reads the definitions of `schema`'s (quoted) non-unique indexes and foreign keys.
        static func read(schema: String, on connection: PostgresConnection, logger: Logger) async throws -> Self {
            let rows = try await connection.query(
                """
                SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 0 AS kind,
                        i.indexrelid::regclass::text AS name
                    FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
                    WHERE c.relnamespace = \(schema)::regnamespace AND NOT i.indisunique AND NOT i.indisprimary
                UNION ALL
                SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', f.conrelid::regclass, f.conname),
                        format('ALTER TABLE %s ADD CONSTRAINT %I %s', f.conrelid::regclass, f.conname,
                            pg_get_constraintdef(f.oid)),
                        1, f.conrelid::regclass::text || '.' || f.conname
                    FROM pg_constraint AS f
                    WHERE f.connamespace = \(schema)::regnamespace AND f.contype = 'f'
                ORDER BY 3, 4
                """,
                logger: logger
            )
            var items: [Item] = []
            for try await (drop, make, _, _) in rows.decode((String, String, Int32, String).self) {
                items.append(Item(drop: drop, make: make))
            }
            return Self(items: items)
        }

        /// Drops every index and foreign key.
        func drop(on connection: PostgresConnection, logger: Logger) async throws {
            for item in items { try await connection.query(PostgresQuery(unsafeSQL: item.drop), logger: logger) }
        }

        /// Makes every index and foreign key again, indexes first: each foreign key checks every
        /// row it covers.
        func make(on connection: PostgresConnection, logger: Logger) async throws {
            for item in items { try await connection.query(PostgresQuery(unsafeSQL: item.make), logger: logger) }
        }
    }
#endif
