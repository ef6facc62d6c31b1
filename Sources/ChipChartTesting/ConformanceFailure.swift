import ChipChart

/// A contract case that did not hold: which case, what was expected, and where.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The case's name.
    public var caseName: String
    /// What did not hold.
    public var message: String
    /// The line of the conformance suite that checked it.
    public var line: Int

    /// `case: message (line N)`.
    public var description: String { "\(caseName): \(message) (RecordStoreConformance line \(line))" }
}

/// Checks made inside one conformance case.
struct ConformanceCheck: Sendable {
    let caseName: String

    func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
        if !condition { throw ConformanceFailure(caseName: caseName, message: message(), line: line) }
    }

    func unwrap<T>(_ value: T?, _ message: @autoclosure () -> String, line: Int = #line) throws -> T {
        guard let value else { throw ConformanceFailure(caseName: caseName, message: message(), line: line) }
        return value
    }

    /// Runs `body`, which must throw a ``StoreError`` with `code`.
    func expectStoreError(
        _ code: StoreError.Code,
        line: Int = #line,
        _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
        } catch let error as StoreError {
            try expect(error.code == code, "expected StoreError \(code), got \(error)", line: line)
            return
        } catch {
            throw ConformanceFailure(
                caseName: caseName,
                message: "expected StoreError \(code), got \(error)",
                line: line
            )
        }
        throw ConformanceFailure(
            caseName: caseName,
            message: "expected StoreError \(code), nothing was thrown",
            line: line
        )
    }
}
