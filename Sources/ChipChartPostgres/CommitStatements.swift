#if PostgreSQL
    import ChipChart
    import Logging
    import PostgresNIO

    /// The statements that write a commit's rows and claim a chain for its audit events, as few
    /// as the rows allow: each batch is a data-modifying `WITH` query of one statement, and a new
    /// statement starts only where a write must see an earlier one's result (the identifiers
    /// after the release of an updated patient's, the new visits after the updated ones).
    ///
    /// A new patient's check-in — patient, identifiers, coverage, visit and the coverage it
    /// applied — is one statement, which also claims the chain (``PostgresStore/claimDefinitions(_:for:when:in:)``).
    /// Each batch writes only if every batch before it in its statement wrote all its rows, as
    /// when each was its own statement, so a commit reports the same first error as before:
    /// the version conflict of the first batch short of rows, a unique index or a reference.
    struct CommitStatements: Sendable {
        /// One batch: the sub-statement that writes it, and what it must write.
        struct Step: Sendable {
            /// The sub-statement, given its parameter (`$n`) and the condition it writes under.
            let statement: @Sendable (_ parameter: String, _ condition: String) -> String
            /// The batch, bound as the parameter.
            let rows: String
            /// How many rows it must return, and the error when it returns fewer.
            let check: (count: Int, conflict: StoreError)?
            /// Whether it must see the result of the steps before it: it starts a statement.
            let startsStatement: Bool
        }

        let statements: [[Step]]
        let tables: Tables

        /// The steps that write `rows` (none: only the claim), in the order the commit writes them.
        init(_ rows: CommitRows?, tables: Tables) {
            self.tables = tables
            var steps: [Step] = []
            if let rows {
                func records(_ batch: CommitRows.Batch, _ columns: RecordColumns, _ write: RecordColumns.Write) {
                    guard !batch.isEmpty else { return }
                    steps.append(
                        Step(
                            statement: { columns.statement(write, rows: $0, when: $1, into: tables) },
                            rows: batch.json,
                            check: (batch.count, columns.conflict(write)),
                            startsStatement: write == .insert && columns.kind == .visit && !rows.updatedVisits.isEmpty
                        )
                    )
                }
                func rest(_ batch: CommitRows.Batch, startsStatement: Bool = false, _ statement: @escaping Rest) {
                    guard !batch.isEmpty else { return }
                    steps.append(
                        Step(
                            statement: { statement($0, $1, tables) },
                            rows: batch.json,
                            check: nil,
                            startsStatement: startsStatement
                        )
                    )
                }
                records(rows.newPatients, .patients, .insert)
                records(rows.updatedPatients, .patients, .update)
                rest(rows.updatedPatients, PostgresStore.releaseStatement)
                // After the release, in a statement of its own: one statement sees one snapshot.
                rest(
                    rows.identifiers,
                    startsStatement: !rows.updatedPatients.isEmpty,
                    PostgresStore.identifiersStatement
                )
                records(rows.newCoverages, .coverages, .insert)
                records(rows.updatedCoverages, .coverages, .update)
                records(rows.updatedVisits, .visits, .update)
                // New visits after the updated ones: a visit closed in this set gives up its open
                // slot before a new one takes it.
                records(rows.newVisits, .visits, .insert)
                rest(rows.visitCoverages, PostgresStore.visitCoveragesStatement)
            }
            var statements: [[Step]] = [[]]
            for step in steps {
                if step.startsStatement, statements[statements.count - 1].isEmpty == false { statements.append([]) }
                statements[statements.count - 1].append(step)
            }
            self.statements = statements
        }

        typealias Rest = @Sendable (_ parameter: String, _ condition: String, _ tables: Tables) -> String

        /// The columns of a statement's one row: how many rows each checked step wrote, then the
        /// ``PostgresStore/claimColumns``.
        typealias Written = ([Int64], Int64?, String?, [Int64]?, Int64?, Int64?)

        /// Sends the statements in turn, throwing the first version conflict, then claims a chain
        /// for `count` audit events with the last one; returns the claim, `nil` when no chain was
        /// free (or `count` is 0).
        ///
        /// With `prepared`, a statement whose text is that of a common commit's (``PreparedCommits``)
        /// runs as the statement prepared once per connection; the statements must then be
        /// written with ``Tables/onSearchPath``, and the transaction's `search_path` set.
        func run(
            claimingFor count: Int,
            prepared: Bool = false,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> ChainClaim? {
            var claim: ChainClaim?
            for (index, steps) in statements.enumerated() {
                let claiming = index == statements.count - 1 && count > 0
                if steps.isEmpty, !claiming { continue }
                let query = query(steps, claimingFor: claiming ? count : 0)
                var written: [Int64] = []
                func take(_ row: Written) {
                    written = row.0
                    claim = PostgresStore.chainClaim(row.1, row.2, row.3, row.4, row.5)
                }
                if prepared, let execute = PreparedCommits.byText[query.sql] {
                    for row in try await execute(query.binds, connection, logger) { take(row) }
                } else {
                    for try await row in try await connection.query(query, logger: logger).decode(Written.self) {
                        take(row)
                    }
                }
                for (check, count) in zip(steps.compactMap(\.check), written) where count != check.count {
                    throw check.conflict
                }
            }
            return claim
        }

        /// One statement: each step a `WITH` query `s<n>` that writes only when every checked step
        /// before it wrote all its rows, then the claim when `count` is above 0; its one row holds
        /// how many rows each checked step wrote, then the ``PostgresStore/claimColumns`` (null
        /// without a claim). The rows and the counts are bound, so the text depends only on which
        /// steps there are.
        func query(_ steps: [Step], claimingFor count: Int) -> PostgresQuery {
            var bindings = PostgresBindings(capacity: 2 * steps.count + 1)
            func parameter() -> String { "$\(bindings.count)" }
            var definitions: [String] = []
            var written: [String] = []
            for (index, step) in steps.enumerated() {
                bindings.append(step.rows)
                let rows = parameter()
                let condition = written.isEmpty ? "true" : written.joined(separator: " AND ")
                definitions.append("s\(index) AS (\(step.statement(rows, condition)))")
                if let check = step.check {
                    bindings.append(Int64(check.count))
                    written.append("(SELECT count(*) FROM s\(index)) = \(parameter())::bigint")
                }
            }
            let counts = steps.indices.filter { steps[$0].check != nil }.map { "(SELECT count(*) FROM s\($0))" }
            var claim = "NULL::bigint, NULL::text, NULL::bigint[], NULL::bigint, NULL::bigint"
            var from = ""
            if count > 0 {
                bindings.append(Int64(count))
                let condition = written.isEmpty ? "true" : written.joined(separator: " AND ")
                definitions.append(
                    PostgresStore.claimDefinitions(.free, for: "\(parameter())::bigint", when: condition, in: tables)
                )
                claim = PostgresStore.claimColumns
                from = " FROM (VALUES (1)) AS one (x) LEFT JOIN claim ON true"
            }
            let with = definitions.isEmpty ? "" : "WITH " + definitions.joined(separator: ",\n") + "\n"
            return PostgresQuery(
                unsafeSQL: with + "SELECT ARRAY[\(counts.joined(separator: ", "))]::bigint[], \(claim)\(from)",
                binds: bindings
            )
        }

        /// The text of statement `statement` (the last one by default, which claims a chain) of a
        /// commit writing `rows`, written with ``Tables/onSearchPath``: what ``PreparedCommits``
        /// prepares.
        static func text(of rows: CommitRows, statement: Int? = nil) -> String {
            let commit = CommitStatements(rows, tables: .onSearchPath)
            let last = commit.statements.count - 1
            let index = statement ?? last
            guard commit.statements.indices.contains(index) else { return "" }
            return commit.query(commit.statements[index], claimingFor: index == last ? 1 : 0).sql
        }
    }

    extension CommitRows {
        /// Rows in the given batches only: with stand-in batches, the shape of a commit whose
        /// statements' text is wanted (the rows themselves are bound, not written into it).
        init(
            newPatients: Batch = .none,
            updatedPatients: Batch = .none,
            identifiers: Batch = .none,
            newCoverages: Batch = .none,
            updatedCoverages: Batch = .none,
            newVisits: Batch = .none,
            updatedVisits: Batch = .none,
            visitCoverages: Batch = .none
        ) {
            self.newPatients = newPatients
            self.updatedPatients = updatedPatients
            self.identifiers = identifiers
            self.newCoverages = newCoverages
            self.updatedCoverages = updatedCoverages
            self.newVisits = newVisits
            self.updatedVisits = updatedVisits
            self.visitCoverages = visitCoverages
        }
    }

    extension CommitRows.Batch {
        /// No rows.
        static let none = CommitRows.Batch(json: "[]", count: 0)

        /// One row, standing in for any: the text of a statement does not depend on its rows.
        static let one = CommitRows.Batch(json: "[]", count: 1)

        /// A batch of `count` rows given as their JSON array.
        init(json: String, count: Int) {
            self.json = json
            self.count = count
        }
    }
#endif
