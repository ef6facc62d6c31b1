import ChipChart

extension StoreError {
    /// The store error for a SQLite failure: damaged and read-only files get their own codes;
    /// anything else is a storage failure carrying SQLite's result code and message.
    init(_ error: SQLiteError, while action: String) {
        let underlying = error.description
        switch error.code {
        case .corrupt, .notADatabase:
            self.init(.corruptStorage, "the database file is damaged (\(action))", underlying: underlying)
        case .readOnly:
            self.init(.readOnly, "the database file cannot be written (\(action))", underlying: underlying)
        case .full:
            self.init(.storageFailure, "the disk is full (\(action)); nothing was written", underlying: underlying)
        case .busy, .locked:
            self.init(
                .storageFailure,
                "the database stayed locked by another process (\(action)); nothing was written",
                underlying: underlying
            )
        default:
            self.init(.storageFailure, "the database failed (\(action)); nothing was written", underlying: underlying)
        }
    }

    /// Any error met while working on the file, as a store error.
    static func wrapping(_ error: any Error, while action: String) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as SQLiteError: return StoreError(error, while: action)
        case let error as BinaryRecordDecoder.Malformed:
            return StoreError(.corruptStorage, "a stored record cannot be read (\(action))", underlying: "\(error)")
        case let error as RecordFormat.Malformed where error.isNewerFormat:
            return StoreError(
                .incompatibleStorage,
                "a stored record was written by a newer ChipChart (\(action))",
                underlying: "\(error)"
            )
        case let error as RecordFormat.Malformed:
            return StoreError(.corruptStorage, "a stored record cannot be read (\(action))", underlying: "\(error)")
        case let error as DecodingError:
            return StoreError(.corruptStorage, "a stored record cannot be read (\(action))", underlying: "\(error)")
        default: return StoreError(.storageFailure, "\(action) failed", underlying: "\(error)")
        }
    }
}
