import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation
import Testing

@Suite("Archives")
struct ArchiveTests {
    static func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString).gz")
    }

    /// A small store's worth of records with an audit chain.
    static func contents() throws -> ArchiveContents {
        let staff = Staff(
            name: try PersonName("Trần Thị Lễ Tân"),
            personalID: try PersonalID("001185000001"),
            role: .receptionist
        )
        var patient = Patient(
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: .full(try CalendarDate(year: 1999, month: 1, day: 1)),
                sex: .male,
                address: "Số 1 \"Phố\" Huế\nHà Nội"
            )
        )
        patient.addIdentifier(.personalID(try PersonalID("001099012345")))
        let admitted = Date(timeIntervalSince1970: 1_772_409_600.123)
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            verification: .verified(at: admitted, by: staff, result: .valid)
        )
        let visit = try Visit(
            key: "01001.20260302.0001",
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            admittedAt: admitted,
            diagnoses: [try ICD10Code("J06.9")],
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)],
            lineItems: [
                try LineItem(
                    kind: .drug,
                    code: "40.17",
                    name: "Paracetamol",
                    quantity: Decimal(string: "2.5") ?? 1,
                    unitPrice: try Money(parsing: "1500.50"),
                    insurancePrice: try Money(parsing: "1234.57")
                )
            ]
        )
        var events: [AuditEvent] = []
        for (index, action) in [AuditEvent.Action.create, .read, .update].enumerated() {
            let draft = AuditEvent.Draft(
                at: admitted.addingTimeInterval(Double(index)),
                staff: staff,
                action: action,
                recordKind: .patient,
                recordID: patient.id.uuid,
                patientID: patient.id,
                purpose: "check-in"
            )
            events.append(draft.sealed(after: events.last))
        }
        return ArchiveContents(patients: [patient], coverages: [coverage], visits: [visit], auditEvents: events)
    }

    @Test func writeThenReadReproducesTheContents() throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let contents = try Self.contents()
        try ArchiveWriter.write(contents, to: url, createdAt: Date(timeIntervalSince1970: 1_772_409_600))
        #expect(try ArchiveReader.read(from: url) == contents)
        let header = try ArchiveReader.header(of: url)
        #expect(header.version == ArchiveHeader.currentVersion)
        #expect(header.counts == contents.counts)
    }

    /// `count` synthetic patients, each with their personal ID and card record.
    static func patients(count: Int, seed: UInt64) throws -> [Patient] {
        try SyntheticPopulation(seed: seed).people(count: count).map { person in
            var patient = Patient(
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: person.reading.address
                )
            )
            patient.addIdentifier(.personalID(person.personalID))
            patient.recordCard(IDCardRecord(person.reading)!)
            return patient
        }
    }

    @Test func manyRecordsCrossEveryBufferBoundary() throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let patients = try Self.patients(count: 6000, seed: 11)
        let contents = ArchiveContents(patients: patients)
        try ArchiveWriter.write(contents, to: url)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size > 1 << 17, "the compressed file spans several 64 KiB reads")
        #expect(try ArchiveReader.read(from: url) == contents)
    }

    @Test func gunzipReadsTheFile() throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try Self.contents(), to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gunzip", "-c", url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1 + 1 + 1 + 1 + 3 + 1)
        #expect(lines.first?.contains("\"format\":\"chipchart-archive\"") == true)
        #expect(lines.last?.hasPrefix("{\"end\":") == true)
    }

    /// Rewrites an archive's uncompressed text, then compresses it again with gzip.
    static func tampered(_ url: URL, _ change: (inout [String]) -> Void) throws -> URL {
        let text = try Self.shell("gunzip -c '\(url.path)'")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        change(&lines)
        let plain = url.deletingPathExtension().appendingPathExtension("txt")
        try lines.joined(separator: "\n").write(to: plain, atomically: true, encoding: .utf8)
        _ = try Self.shell("gzip -f '\(plain.path)'")
        return plain.appendingPathExtension("gz")
    }

    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: [
        ("newer version", "newerVersion"), ("edited record", "corrupt"), ("dropped record", "corrupt"),
        ("no trailer", "truncated"), ("not JSON", "corrupt"),
    ])
    func damagedArchivesFailClearly(_ damage: String, _ code: String) throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try Self.contents(), to: url)
        let broken = try Self.tampered(url) { lines in
            switch damage {
            case "newer version": lines[0] = lines[0].replacingOccurrences(of: "\"version\":2", with: "\"version\":3")
            case "edited record": lines[1] = lines[1].replacingOccurrences(of: "Nguyễn", with: "Nguyen")
            case "dropped record": lines.remove(at: 2)
            case "no trailer": lines.removeLast(2)
            default: lines[3] = "{\"visit\": "
            }
        }
        defer { try? FileManager.default.removeItem(at: broken) }
        #expect {
            try ArchiveReader.read(from: broken)
        } throws: { ($0 as? ArchiveError)?.code.name == code }
    }

    @Test(arguments: [0.5, 0.9])
    func aCutFileIsTruncated(_ fraction: Double) throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try Self.contents(), to: url)
        let data = try Data(contentsOf: url)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
        #expect {
            try ArchiveReader.read(from: url)
        } throws: { ($0 as? ArchiveError)?.code == .truncated }
    }

    @Test func aDamagedCompressedStreamIsCorrupt() throws {
        let url = Self.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try Self.contents(), to: url)
        var data = try Data(contentsOf: url)
        for index in stride(from: 20, to: data.count - 10, by: 7) { data[index] ^= 0x5A }
        try data.write(to: url)
        #expect {
            try ArchiveReader.read(from: url)
        } throws: { ($0 as? ArchiveError).map { $0.code == .corrupt || $0.code == .truncated } ?? false }
    }
}

/// The archive's lines checked against `Schemas/archive/` by an independent validator (Python's
/// `jsonschema`), when it is installed.
@Suite("Archive schema")
struct ArchiveSchemaTests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas/archive/chipchart-archive.schema.json")

    static let isAvailable: Bool = {
        (try? ArchiveTests.shell("python3 -c 'import jsonschema' && echo yes"))?.hasPrefix("yes") ?? false
    }()

    @Test(.enabled(if: isAvailable, "python3 with jsonschema is not installed"))
    func everyLineMeetsTheSchema() throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        let script = """
            import gzip, json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            lines = gzip.open(sys.argv[2], "rt", encoding="utf-8").read().splitlines()
            for line in lines:
                jsonschema.validate(json.loads(line), schema)
            broken = {"end": {"records": 1}}
            try:
                jsonschema.validate(broken, schema)
            except jsonschema.ValidationError:
                print("ok", len(lines))
            """
        let scriptURL = url.appendingPathExtension("py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let output = try ArchiveTests.shell("python3 '\(scriptURL.path)' '\(Self.schema.path)' '\(url.path)' 2>&1")
        #expect(output.hasPrefix("ok 8"), "\(output)")
    }
}
