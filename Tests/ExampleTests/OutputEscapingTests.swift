import ChipChart
import ChipChartSQLite
import ExampleSupport
import Foundation
import TestSupport
import Testing

/// What the commands print from records reaches the terminal escaped: a record written by
/// another program (or before names were checked) cannot move the cursor, clear the screen or
/// reverse the text on the desk's terminal.
@Suite("Output escaping")
struct OutputEscapingTests {
    /// A name and an address no card holds, written behind the checks.
    static let name = "Nguyễn \u{1B}[2J\u{202E}A nă\u{202C}V\u{200B}"
    static let address = "Số 1\u{1B}]0;pwned\u{07}\nPhố Huế"

    static func store(in folder: URL) async throws {
        let store = try SQLiteStore(path: folder.appendingPathComponent("odd.sqlite").path)
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        var changes = ChangeSet(Access(by: staff, purpose: "test"))
        changes.save(
            Patient(
                identifiers: [.personalID(try PersonalID("001090012345"))],
                demographics: Demographics(
                    name: PersonName(storedText: name),
                    dateOfBirth: .year(1990),
                    sex: .male,
                    address: address
                )
            )
        )
        try await store.commit(changes)
    }

    @Test(arguments: [
        ["reception", "patient", "--db", "odd.sqlite", "001090012345"],
        ["reception", "patient", "--db", "odd.sqlite", "001090012345", "--json"],
        ["records", "fhir", "--db", "odd.sqlite", "001090012345"],
    ])
    func controlAndFormatCharactersFromRecordsArePrintedEscaped(_ arguments: [String]) async throws {
        let folder = try makeTemporaryFolder()
        try await Self.store(in: folder)
        let result = try await ExitStatusCommandTests.run(arguments[0], Array(arguments.dropFirst()), in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        for raw in ["\u{1B}", "\u{202E}", "\u{202C}", "\u{200B}", "\u{07}"] {
            #expect(!result.standardOutput.unicodeScalars.contains(raw.unicodeScalars.first ?? " "), "\(arguments)")
        }
        if arguments.last == "--json" || arguments[0] == "records" {
            // Still JSON, and the same text once parsed.
            let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            let text = String(decoding: try JSONSerialization.data(withJSONObject: parsed), as: UTF8.self)
            #expect(text.contains("\\u202e") || text.contains("\u{202E}"))
        } else {
            #expect(result.standardOutput.contains("\\u{1B}[2J\\u{202E}A"), "\(result.standardOutput)")
        }
    }

    @Test(arguments: [
        ("plain Nguyễn Văn A", "plain Nguyễn Văn A"),
        ("a\u{1B}[31mb", "a\\u{1B}[31mb"),
        ("x\u{202E}y\u{2066}z", "x\\u{202E}y\\u{2066}z"),
        ("line\nbreak\r", "line\\u{A}break\\u{D}"),
        ("\u{200B}\u{FEFF}", "\\u{200B}\\u{FEFF}"),
    ])
    func terminalTextEscapesWhatATerminalWouldObey(_ text: String, _ shown: String) {
        #expect(TerminalText.escaped(text) == shown)
    }

    @Test func escapedJSONParsesToTheSameValue() throws {
        let value = ["name": "A\u{202E}B\u{1B}C\u{E0001}", "plain": "Nguyễn"]
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted]),
            as: UTF8.self
        )
        let escaped = TerminalText.escapedJSON(json)
        #expect(!escaped.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" || $0.value == 0xE0001 })
        let parsed = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        #expect(parsed == value)
    }

    /// Every failure is one line, however many lines the underlying message has.
    @Test func aFailureIsOneLine() {
        let error = StoreError(
            .storageFailure,
            "the disk is full (committing a change set); nothing was written",
            underlying: "SQLite error 13: database or disk is full — in INSERT INTO visit\n(id, patient)\nVALUES (?, ?)"
        )
        let failure = CommandFailure.classify(error)
        #expect(failure.status == 74 && failure.field == "records")
        let line = CommandFailure.line(failure.field, failure.message)
        #expect(line.hasPrefix("error: records: storageFailure: the disk is full"))
        #expect(!line.contains { $0.isNewline })
        let foreign = CommandFailure.classify(StoreError(.incompatibleStorage, "not a ChipChart store"))
        #expect(foreign.status == 65 && foreign.field == "db")
    }
}
