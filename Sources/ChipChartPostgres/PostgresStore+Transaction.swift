#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// Runs `body` in one transaction on a borrowed connection, retrying the whole transaction
        /// when PostgreSQL aborts it for a serialization failure or deadlock.
        ///
        /// Anything else rolls back and is reported as a ``StoreError``: nothing of the transaction
        /// is left behind, whether the error came from a statement, from `COMMIT` or from a lost
        /// connection (the server rolls back a transaction whose connection is gone).
        func inTransaction<Result: Sendable>(
            _ operation: String,
            _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
        ) async throws(StoreError) -> Result {
            var attempt = 1
            var unprepared = 0
            let logger = self.logger
            while true {
                do {
                    return try await withConnection { connection in
                        try await Self.transaction(on: connection, logger: logger, body)
                    }
                } catch {
                    let failure = TransactionFailure(error)
                    // Run again without the prepared statements, on that connection at least.
                    if error is PreparedStatementFailed, unprepared < maximumAttempts {
                        unprepared += 1
                        logger.debug(
                            "a prepared statement failed; running the transaction again without them",
                            metadata: ["operation": "\(operation)", "sqlstate": "\(failure.sqlState ?? "")"]
                        )
                        continue
                    }
                    if failure.isRetryable, attempt < maximumAttempts {
                        logger.debug(
                            "transaction aborted before it could write (conflict, deadlock or dead connection); retrying",
                            metadata: [
                                "operation": "\(operation)", "attempt": "\(attempt)",
                                "sqlstate": "\(failure.sqlState ?? "")",
                            ]
                        )
                        attempt += 1
                        try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
                        continue
                    }
                    let storeError = failure.storeError
                    // A lost race is the caller's to retry (a desk reads again): not a warning.
                    let level: Logger.Level =
                        [.versionConflict, .duplicateIdentifier, .openVisitExists].contains(storeError.code)
                        ? .debug : .warning
                    logger.log(
                        level: level,
                        "transaction failed",
                        metadata: ["operation": "\(operation)", "error": "\(storeError)"]
                    )
                    throw storeError
                }
            }
        }

        /// Runs `body` between `BEGIN` and `COMMIT` on `connection`, once; rolls back when it throws.
        static func transaction<Result: Sendable>(
            on connection: PostgresConnection,
            logger: Logger,
            _ body: (PostgresConnection) async throws -> Result
        ) async throws -> Result {
            do {
                try await connection.query("BEGIN", logger: logger)
            } catch let error as PSQLError where error.code != .server {
                // The pool lent a connection that had just died: nothing was sent, try another.
                throw ConnectionUnusable(underlying: error)
            }
            let value: Result
            do {
                value = try await body(connection)
            } catch {
                if TransactionFailure(error).connectionSurvives {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                }
                throw error
            }
            do {
                try await connection.query("COMMIT", logger: logger)
            } catch let error as PSQLError where error.code == .server {
                // The server refused the commit (a deferred check) and rolled back.
                throw error
            } catch {
                throw CommitOutcomeUnknown(underlying: error)
            }
            return value
        }
    }

    /// `BEGIN` failed on the connection itself (closed by the server a moment before): nothing of
    /// the transaction was sent, so it may run on another connection.
    struct ConnectionUnusable: Error {
        let underlying: any Error
    }

    /// `COMMIT` was sent but its answer never came: the transaction may or may not have been written.
    struct CommitOutcomeUnknown: Error {
        let underlying: any Error
    }

    /// An error from a transaction, classified.
    struct TransactionFailure {
        let error: any Error

        init(_ error: any Error) {
            self.error = (error as? PreparedStatementFailed)?.underlying ?? error
        }

        /// The SQLSTATE the server sent, if it sent one.
        var sqlState: String? {
            (error as? PSQLError)?.serverInfo?[.sqlState]
        }

        /// Serialization failure, deadlock, or a dead connection before `BEGIN`: the transaction
        /// did nothing and may simply be run again.
        var isRetryable: Bool {
            error is ConnectionUnusable || sqlState == "40001" || sqlState == "40P01"
        }

        /// False when the connection is gone or going (a network error, or a `FATAL` error such as
        /// the backend being terminated): the server rolls back by itself, and nothing more may be
        /// sent on the connection.
        var connectionSurvives: Bool {
            guard let error = error as? PSQLError else { return true }
            guard error.code == .server else { return false }
            let severity = error.serverInfo?[.severity]
            return severity != "FATAL" && severity != "PANIC"
        }

        /// The error as the store reports it.
        var storeError: StoreError {
            if let error = error as? StoreError { return error }
            if let unusable = error as? ConnectionUnusable {
                return StoreError(
                    .storageFailure,
                    "no working connection to PostgreSQL; nothing was written",
                    underlying: Self.describe(unusable.underlying)
                )
            }
            if let unknown = error as? CommitOutcomeUnknown {
                return StoreError(
                    .storageFailure,
                    "the connection was lost while committing; the change may or may not have been written, re-read before retrying",
                    underlying: Self.describe(unknown.underlying)
                )
            }
            guard let psqlError = error as? PSQLError else {
                return StoreError(
                    .storageFailure,
                    "the PostgreSQL store failed",
                    underlying: String(describing: type(of: error))
                )
            }
            guard psqlError.code == .server, let state = psqlError.serverInfo?[.sqlState] else {
                return StoreError(
                    .storageFailure,
                    "the connection to PostgreSQL failed; nothing was written",
                    underlying: Self.describe(psqlError)
                )
            }
            let table = psqlError.serverInfo?[.tableName]
            let constraint = psqlError.serverInfo?[.constraintName]
            let underlying = "SQLSTATE \(state)" + (constraint.map { " (\($0))" } ?? "")
            switch state {
            case "23505":
                if let rule = Self.uniqueRules[constraint ?? ""] {
                    return StoreError(rule.code, rule.message, recordKind: rule.kind, underlying: underlying)
                }
                return StoreError(.versionConflict, "the record was created concurrently", underlying: underlying)
            case "23503":
                return StoreError(
                    .missingRecord,
                    "a record the change refers to does not exist",
                    recordKind: Self.recordKind(ofTable: table),
                    underlying: underlying
                )
            case "25006", "42501":
                return StoreError(.readOnly, "the PostgreSQL role may not write here", underlying: underlying)
            case "42P01", "3F000", "42P07", "42703":
                return StoreError(
                    .incompatibleStorage,
                    "the schema does not hold the ChipChart tables this version expects",
                    underlying: underlying
                )
            case "57P01", "57P02", "57P03":
                return StoreError(
                    .storageFailure,
                    "the server ended the connection; nothing was written",
                    underlying: underlying
                )
            case "XX001", "XX002":
                return StoreError(.corruptStorage, "PostgreSQL reports damaged data", underlying: underlying)
            default:
                return StoreError(
                    .storageFailure,
                    "PostgreSQL refused the operation; nothing was written",
                    underlying: underlying
                )
            }
        }

        /// What a unique index that keeps a rule (not an id) means when a statement breaks it.
        static let uniqueRules: [String: (code: StoreError.Code, message: String, kind: AuditEvent.RecordKind?)] = [
            "patient_identifiers_active": (
                .duplicateIdentifier, "another patient already holds this active identifier", .patient
            ),
            "visits_one_open": (
                .openVisitExists,
                "the patient already has an open visit in this slot (facility, kind and, for an outpatient visit, day)",
                .visit
            ),
        ]

        static func recordKind(ofTable table: String?) -> AuditEvent.RecordKind? {
            switch table {
            case "patients", "patient_identifiers": return .patient
            case "coverages": return .coverage
            case "visits", "visit_coverages": return .visit
            default: return nil
            }
        }

        /// The error's code, or its SQLSTATE: never a query or a value.
        static func describe(_ error: any Error) -> String {
            if let error = error as? PSQLError {
                return error.serverInfo?[.sqlState].map { "SQLSTATE \($0)" } ?? "\(error.code)"
            }
            return String(describing: type(of: error))
        }
    }
#endif
