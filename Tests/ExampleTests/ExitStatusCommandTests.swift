import ChipChart
import ChipChartSQLite
import Foundation
import TestSupport
import Testing

/// The exit-status contract of `reception` and `records`, run as built: 64 usage, 65 bad input
/// naming the field, 66 missing input, 74 I/O or storage failure — each with one line on
/// standard error — and a read command that never creates a database.
@Suite("Exit statuses, run as built")
struct ExitStatusCommandTests {
    static let staff = "Trần Thị Lễ Tân|001185000001"
    static let qr = "001090012345|012345678|Nguyễn Văn A|01011990|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|15042021"

    /// Runs `reception` or `records` in `folder`, on a thread of its own, stopped after 60 s.
    static func run(_ command: String, _ arguments: [String], in folder: URL) async throws -> BuiltExecutable.Result {
        let executable = try BuiltExecutable(command)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try executable.run(arguments, in: folder, timeout: 60) })
            }
        }
    }

    /// Checks the status, and one line on standard error starting `error: FIELD`.
    static func expectFailure(
        _ result: BuiltExecutable.Result,
        _ status: Int32,
        _ field: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(
            result.standardError.hasPrefix("error: \(field)"),
            "\(result.standardError)",
            sourceLocation: sourceLocation
        )
        #expect(
            result.standardError.filter(\.isNewline).count == 1,
            "one line: \(result.standardError)",
            sourceLocation: sourceLocation
        )
        #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ["reception", "check-in", "--qr", qr],
        ["reception", "check-in", "--staff", staff],
        ["reception", "patient"],
        ["reception", "read"],
        ["reception", "check-in", "--qr", qr, "--staff", staff, "--unknown"],
        ["records", "claims", "--from", "2026-03-02", "--to", "2026-03-02"],
        ["records", "fhir"],
        ["records", "backup"],
        ["records", "restore"],
        ["records", "verify", "day.xml"],
    ])
    func aMissingOrUnknownOptionIs64OnOneLine(_ arguments: [String]) async throws {
        let folder = try makeTemporaryFolder()
        let result = try await Self.run(arguments[0], Array(arguments.dropFirst()), in: folder)
        Self.expectFailure(result, 64, "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing created")
    }

    @Test func aMissingPortalFileIs66AndInvalidJSONIs65NamingThePortal() async throws {
        let folder = try makeTemporaryFolder()
        let base = ["check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal"]
        Self.expectFailure(try await Self.run("reception", base + ["absent.json"], in: folder), 66, "portal:")
        for (name, text, place) in [
            ("syntax.json", "{\n  \"people\": [\n    {bad\n", "line 3"),
            ("shape.json", "{\"people\": [{\"name\": 7}]}", "people[0]"),
            ("value.json", "{\"staff\": [{\"name\": \"A\", \"personalID\": \"12\"}]}", "staff[0]"),
        ] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            let result = try await Self.run("reception", base + [name], in: folder)
            Self.expectFailure(result, 65, "portal")
            #expect(result.standardError.contains(place), "\(result.standardError)")
        }
        #expect(mkfifo(folder.appendingPathComponent("fifo.json").path, 0o600) == 0)
        Self.expectFailure(try await Self.run("reception", base + ["fifo.json"], in: folder), 65, "portal:")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("reception.sqlite").path))
    }

    /// A read command on a path where no database is: 66 naming `db`, and no file appears.
    @Test(arguments: [
        ["reception", "patient", "--db", "typo.sqlite", "001090012345"],
        ["records", "fhir", "--db", "typo.sqlite", "001090012345"],
        ["records", "claims", "--db", "typo.sqlite", "--from", "2026-03-02", "--to", "2026-03-02", "--out", "c.xml"],
        ["records", "backup", "--db", "typo.sqlite", "--out", "b.gz"],
    ])
    func aReadCommandNeverCreatesADatabase(_ arguments: [String]) async throws {
        let folder = try makeTemporaryFolder()
        Self.expectFailure(try await Self.run(arguments[0], Array(arguments.dropFirst()), in: folder), 66, "db:")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing created")
        try Data().write(to: folder.appendingPathComponent("typo.sqlite"))
        Self.expectFailure(try await Self.run(arguments[0], Array(arguments.dropFirst()), in: folder), 66, "db:")
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("typo.sqlite")).isEmpty,
            "the empty file stays empty"
        )
    }

    /// A FIFO (or any file that is not a regular file) is refused before it is opened: 65 naming
    /// `db`, instead of waiting forever for a writer.
    @Test(arguments: [
        ["reception", "patient", "--db", "special", "001090012345"],
        ["reception", "check-in", "--db", "special", "--qr", qr, "--staff", staff],
        ["records", "fhir", "--db", "special", "001090012345"],
        ["records", "backup", "--db", "special", "--out", "b.gz"],
        ["records", "restore", "--db", "special", "b.gz"],
    ])
    func aPathThatIsNotARegularFileIs65(_ arguments: [String]) async throws {
        for kind in ["fifo", "directory"] {
            let folder = try makeTemporaryFolder()
            let path = folder.appendingPathComponent("special").path
            if kind == "fifo" {
                #expect(mkfifo(path, 0o600) == 0)
            } else {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            try Data("not an archive".utf8).write(to: folder.appendingPathComponent("b.gz"))
            let result = try await Self.run(arguments[0], Array(arguments.dropFirst()), in: folder)
            Self.expectFailure(result, 65, "db:")
        }
    }

    /// A write command takes a zero-length file as SQLite does: an empty database, which
    /// becomes a new store.
    @Test func aCheckInOnAZeroLengthFileMakesItAStore() async throws {
        let folder = try makeTemporaryFolder()
        try Data().write(to: folder.appendingPathComponent("empty.sqlite"))
        let result = try await Self.run(
            "reception",
            ["check-in", "--db", "empty.sqlite", "--qr", Self.qr, "--staff", Self.staff],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        let patient = try await Self.run("reception", ["patient", "--db", "empty.sqlite", "001090012345"], in: folder)
        #expect(patient.status == 0, "\(patient.standardError)")
    }

    /// A file marked as ChipChart's without a schema version was not made by ChipChart: 65
    /// naming `db`, in one line, and the file is left as it was.
    @Test(arguments: [0, -1])
    func aMarkedFileWithoutASchemaVersionIs65NamingTheDatabase(_ version: Int) async throws {
        let folder = try makeTemporaryFolder()
        let path = folder.appendingPathComponent("odd.sqlite").path
        do {
            // Closing the store checkpoints its log into the file, so the header below is current.
            _ = try SQLiteStore(path: path)
        }
        // The header's user_version: four bytes, big-endian, at offset 60.
        let header = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try header.seek(toOffset: 60)
        try header.write(contentsOf: withUnsafeBytes(of: Int32(version).bigEndian) { Data($0) })
        try header.close()
        for arguments in [
            ["reception", "check-in", "--db", "odd.sqlite", "--qr", Self.qr, "--staff", Self.staff],
            ["reception", "patient", "--db", "odd.sqlite", "001090012345"],
            ["records", "fhir", "--db", "odd.sqlite", "001090012345"],
        ] {
            let result = try await Self.run(arguments[0], Array(arguments.dropFirst()), in: folder)
            Self.expectFailure(result, 65, "db:")
        }
    }

    /// A card that cannot exist is bad input naming the field, and a check-in stores nothing.
    @Test(arguments: [
        (["read", "--qr", "001899012345||Nguyễn Văn A|01012399|Nam|Hà Nội|"], "qr.dateOfBirth"),
        (["check-in", "--qr", "001899012345||Nguyễn Văn A|01012399|Nam|Hà Nội|", "--staff", staff], "qr.dateOfBirth"),
        (
            ["check-in", "--qr", "001099012345||Nguyễn Văn A|01011999|Nam|Hà Nội|15042399", "--staff", staff],
            "qr.issueDate"
        ),
        (["read", "--qr", "001030012345||Nguyễn Văn A|01011930|Nam|Hà Nội|15061955"], "qr.issueDate"),
        (["read", "--qr", "００１０９９０１２３４５||Nguyễn Văn A|01011999|Nam|Hà Nội|15042021"], "qr.personalID"),
        (["read", "--qr", "001099012345||\u{200B}\u{200F}|01011999|Nam|Hà Nội|15042021"], "qr.name"),
        (
            ["check-in", "--qr", "001099012345||Nguyễn Văn A|01011999|Nam|Hà Nội\u{1B}[2J|15042021", "--staff", staff],
            "qr.address"
        ),
        (["check-in", "--insurance", "DN4010123456789", "--name", "A", "--birth", "2399", "--staff", staff], "birth"),
        (
            ["check-in", "--insurance", "DN4010123456789", "--name", "\u{202E}", "--birth", "1999", "--staff", staff],
            "name"
        ),
    ])
    func aCardThatCannotExistIs65NamingTheField(_ arguments: [String], _ field: String) async throws {
        let folder = try makeTemporaryFolder()
        let result = try await Self.run("reception", arguments, in: folder)
        Self.expectFailure(result, 65, field + ":")
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("reception.sqlite").path))
    }
}
