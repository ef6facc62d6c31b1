#if PostgreSQL
    import Logging
    import PostgresNIO

    /// A statement of a common commit, prepared once per connection: its name on the server, and
    /// its text as ``CommitStatements`` writes it with ``Tables/onSearchPath`` (see
    /// ``CommitStatements/text(of:statement:)``).
    protocol PreparedCommitShape: SendableMetatype {
        static var name: String { get }
        static var sql: String { get }
    }

    /// A statement of the shape `Shape`, its rows and counts bound as ``CommitStatements`` binds them.
    struct PreparedCommit<Shape: PreparedCommitShape>: PostgresPreparedStatement {
        static var name: String { Shape.name }
        static var sql: String { Shape.sql }
        typealias Row = CommitStatements.Written

        let bindings: PostgresBindings

        func makeBindings() -> PostgresBindings { bindings }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The commits whose statements are prepared: a new patient's check-in, a returning one's
    /// (the patient unchanged or updated, the coverage unchanged, new or updated), and a visit's
    /// closing.
    enum PreparedCommits {
        /// Runs a statement prepared once per connection with the given bindings; returns its rows.
        typealias Execute =
            @Sendable (PostgresBindings, PostgresConnection, Logger) async throws -> [CommitStatements.Written]

        /// Every prepared shape.
        static var shapes: [any PreparedCommitShape.Type] {
            [
                NewPatientCheckIn.self,
                ReturningCheckIn.self, ReturningCheckInNewCoverage.self, ReturningCheckInUpdatedCoverage.self,
                UpdatedPatientRelease.self,
                UpdatedPatientCheckIn.self, UpdatedPatientCheckInNewCoverage.self,
                UpdatedPatientCheckInUpdatedCoverage.self,
                VisitClosing.self,
            ]
        }

        /// The prepared statements by their text.
        static let byText: [String: Execute] = Dictionary(
            shapes.map { ($0.sql, execute($0)) },
            uniquingKeysWith: { first, _ in first }
        )

        private static func execute<Shape: PreparedCommitShape>(_ shape: Shape.Type) -> Execute {
            { bindings, connection, logger in
                var rows: [CommitStatements.Written] = []
                for try await row in try await connection.execute(
                    PreparedCommit<Shape>(bindings: bindings),
                    logger: logger
                ) { rows.append(row) }
                return rows
            }
        }

        /// The text of a returning check-in's last statement: the visit and the coverage it
        /// applied, with a new card's coverage or the coverage updated, and with the identifiers
        /// when the patient was updated (its first statement is ``UpdatedPatientRelease``).
        static func returning(
            updatedPatient: Bool,
            newCoverage: Bool = false,
            updatedCoverage: Bool = false
        ) -> String {
            func batch(_ present: Bool) -> CommitRows.Batch { present ? .one : .none }
            return CommitStatements.text(
                of: CommitRows(
                    updatedPatients: batch(updatedPatient),
                    identifiers: batch(updatedPatient),
                    newCoverages: batch(newCoverage),
                    updatedCoverages: batch(updatedCoverage),
                    newVisits: .one,
                    visitCoverages: .one
                )
            )
        }

        /// A new patient's check-in: patient, identifiers, coverage, visit and the coverage it
        /// applied, and the claim of a chain.
        enum NewPatientCheckIn: PreparedCommitShape {
            static let name = "chipchart_check_in_v1"
            static let sql = CommitStatements.text(
                of: CommitRows(
                    newPatients: .one,
                    identifiers: .one,
                    newCoverages: .one,
                    newVisits: .one,
                    visitCoverages: .one
                )
            )
        }

        /// A returning patient's check-in, patient and coverage unchanged: the visit and the
        /// coverage it applied.
        enum ReturningCheckIn: PreparedCommitShape {
            static let name = "chipchart_returning_v1"
            static let sql = returning(updatedPatient: false)
        }

        /// A returning patient's check-in with a new card's coverage.
        enum ReturningCheckInNewCoverage: PreparedCommitShape {
            static let name = "chipchart_returning_new_coverage_v1"
            static let sql = returning(updatedPatient: false, newCoverage: true)
        }

        /// A returning patient's check-in with the coverage updated after its verification.
        enum ReturningCheckInUpdatedCoverage: PreparedCommitShape {
            static let name = "chipchart_returning_updated_coverage_v1"
            static let sql = returning(updatedPatient: false, updatedCoverage: true)
        }

        /// An updated patient and the release of its identifiers: the first statement of a
        /// returning check-in whose patient changed.
        enum UpdatedPatientRelease: PreparedCommitShape {
            static let name = "chipchart_updated_patient_v1"
            static let sql = CommitStatements.text(
                of: CommitRows(updatedPatients: .one, identifiers: .one, newVisits: .one),
                statement: 0
            )
        }

        /// The rest of a returning check-in whose patient changed: the identifiers, the visit and
        /// the coverage it applied.
        enum UpdatedPatientCheckIn: PreparedCommitShape {
            static let name = "chipchart_updated_patient_check_in_v1"
            static let sql = returning(updatedPatient: true)
        }

        /// The rest of a returning check-in whose patient changed, with a new card's coverage.
        enum UpdatedPatientCheckInNewCoverage: PreparedCommitShape {
            static let name = "chipchart_updated_patient_new_coverage_v1"
            static let sql = returning(updatedPatient: true, newCoverage: true)
        }

        /// The rest of a returning check-in whose patient changed, with the coverage updated.
        enum UpdatedPatientCheckInUpdatedCoverage: PreparedCommitShape {
            static let name = "chipchart_updated_patient_updated_coverage_v1"
            static let sql = returning(updatedPatient: true, updatedCoverage: true)
        }

        /// A visit's closing: the visit updated.
        enum VisitClosing: PreparedCommitShape {
            static let name = "chipchart_visit_closing_v1"
            static let sql = CommitStatements.text(of: CommitRows(updatedVisits: .one))
        }
    }
#endif
