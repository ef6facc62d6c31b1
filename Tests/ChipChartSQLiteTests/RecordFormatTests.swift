import ChipChart
import ChipChartTesting
import Foundation
import Testing

@_spi(RecordFormat) @testable import ChipChartSQLite

/// The stored form of records: golden bodies of every format version read back field by field, a
/// format that grows without losing what a newer version wrote, and damaged bodies refused.
@Suite("The SQLite record format")
struct RecordFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/RecordFormat")

    enum Kind: String, CaseIterable, Sendable {
        case patient, coverage, visit
    }

    /// The golden body of a kind in a format version. When `CHIPCHART_WRITE_FIXTURES` is set and
    /// the file is missing, it is written from `current` — once: golden bodies are never
    /// rewritten, a new format version adds files beside them.
    static func golden(_ kind: Kind, format: Int, current: () throws -> [UInt8]) throws -> [UInt8] {
        let url = fixtures.appendingPathComponent("format-\(format)/\(kind.rawValue).bin")
        if !FileManager.default.fileExists(atPath: url.path),
            ProcessInfo.processInfo.environment["CHIPCHART_WRITE_FIXTURES"] != nil
        {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(try current()).write(to: url)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func formatOne(_ kind: Kind) throws -> [UInt8] {
        let encoder = BinaryRecordEncoder()
        switch kind {
        case .patient: return try encoder.encode(try RecordSamples.patient())
        case .coverage: return try encoder.encode(try RecordSamples.coverage())
        case .visit: return try encoder.encode(try RecordSamples.visit())
        }
    }

    static func formatTwo(_ kind: Kind) throws -> [UInt8] {
        let encoder = KeyedRecordEncoder()
        switch kind {
        case .patient: return try encoder.encode(try RecordSamples.patient())
        case .coverage: return try encoder.encode(try RecordSamples.coverage())
        case .visit: return try encoder.encode(try RecordSamples.visit())
        }
    }

    @Test("a format-1 body of each kind reads as the record it was", arguments: Kind.allCases)
    func formatOneGolden(_ kind: Kind) throws {
        let body = try Self.golden(kind, format: 1) { try Self.formatOne(kind) }
        let coder = RecordCoder()
        let patient = try RecordSamples.patient()
        let coverage = try RecordSamples.coverage()
        let visit = try RecordSamples.visit()
        try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
            switch kind {
            case .patient: #expect(try coder.decodeFormatOne(Patient.self, from: bytes) == patient)
            case .coverage: #expect(try coder.decodeFormatOne(Coverage.self, from: bytes) == coverage)
            case .visit: #expect(try coder.decodeFormatOne(Visit.self, from: bytes) == visit)
            }
        }
    }

    @Test(
        "a format-2 body of each kind reads as the record it was, and is what format 2 writes",
        arguments: Kind.allCases
    )
    func formatTwoGolden(_ kind: Kind) throws {
        let body = try Self.golden(kind, format: 2) { try Self.formatTwo(kind) }
        #expect(Array(body.prefix(4)) == [0x43, 0x52, 2, 0], "the header names the format and its version")
        #expect(try Self.formatTwo(kind) == body, "format 2.0 writes these bytes")
        let coder = RecordCoder()
        let patient = try RecordSamples.patient()
        let coverage = try RecordSamples.coverage()
        let visit = try RecordSamples.visit()
        try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
            switch kind {
            case .patient: #expect(try coder.decode(Patient.self, from: bytes) == patient)
            case .coverage: #expect(try coder.decode(Coverage.self, from: bytes) == coverage)
            case .visit: #expect(try coder.decode(Visit.self, from: bytes) == visit)
            }
        }
    }

    @Test func aNewOptionalFieldReadsAsNilFromOlderBodies() throws {
        let body = try Self.golden(.visit, format: 2) { try Self.formatTwo(.visit) }
        let newer = try body.withUnsafeBytes { try KeyedRecordDecoder().decode(NewerVisit.self, from: $0) }
        #expect(newer.triageLevel == nil)
        #expect(newer.key == "01001-20260302-0001" && newer.diagnoses.count == 2 && newer.version == 4)
    }

    @Test func fieldsOfANewerVersionSurviveARewrite() throws {
        var newer = try NewerVisit(try RecordSamples.visit())
        newer.triageLevel = 2
        let written = try KeyedRecordEncoder().encode(newer)
        // This version reads the body, changes the record and writes it back.
        var visit = try written.withUnsafeBytes { try KeyedRecordDecoder().decode(Visit.self, from: $0) }
        #expect(visit.unknownFields.fields == [UnknownFields.Field(key: "triageLevel", value: .signed(2))])
        visit.reason = "Sốt cao"
        let rewritten = try KeyedRecordEncoder().encode(visit)
        let readByNewer = try rewritten.withUnsafeBytes { try KeyedRecordDecoder().decode(NewerVisit.self, from: $0) }
        #expect(readByNewer.triageLevel == 2, "the newer field is kept")
        #expect(readByNewer.reason == "Sốt cao", "the change is kept")
    }

    @Test func aRenamedFieldIsReadUnderItsNewName() throws {
        let old = try KeyedRecordEncoder().encodeValue(OldNamedNote(complaint: "Ho"))
        let renamed = try old.withUnsafeBytes {
            try KeyedRecordDecoder().decode(RenamedNote.self, from: $0, renames: ["complaint": "reason"])
        }
        #expect(renamed.reason == "Ho" && renamed.unknownFields.isEmpty)
    }

    @Test func aNewerMajorVersionIsRefusedAsIncompatible() throws {
        var body = try Self.formatTwo(.patient)
        body[2] = 3
        let error = body.withUnsafeBytes { bytes in
            Result { try RecordCoder().decode(Patient.self, from: bytes) }
        }
        let storeError = StoreError.wrapping(error.failureError, while: "reading a patient")
        #expect(storeError.code == .incompatibleStorage)
    }

    @Test("every cut and every flipped byte of a body is an error or a record, never a crash", arguments: Kind.allCases)
    func damagedBodies(_ kind: Kind) throws {
        let body = try Self.formatTwo(kind)
        let coder = RecordCoder()
        func attempt(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { raw in
                switch kind {
                case .patient: (try? coder.decode(Patient.self, from: raw)) != nil
                case .coverage: (try? coder.decode(Coverage.self, from: raw)) != nil
                case .visit: (try? coder.decode(Visit.self, from: raw)) != nil
                }
            }
        }
        for length in 0..<body.count { #expect(!attempt(Array(body.prefix(length))), "cut at \(length)") }
        for position in 0..<body.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = body
                damaged[position] ^= flip
                _ = attempt(damaged)
            }
        }
    }
}

extension Result where Failure == any Error {
    fileprivate var failureError: any Error {
        if case .failure(let error) = self { return error }
        return RecordFormat.Malformed("no error")
    }
}

/// `Visit`'s stored form as a later version might have it: one optional field more.
private struct NewerVisit: Codable, EvolvableRecord {
    var id: VisitID
    var key: String
    var patientID: PatientID
    var facility: FacilityCode
    var kind: VisitKind
    var route: Route
    var admittedAt: Date
    var dischargedAt: Date?
    var reason: String?
    var diagnoses: [ICD10Code]
    var appliedCoverages: [Visit.AppliedCoverage]
    var lineItems: [LineItem]
    var status: Visit.Status
    var version: Int
    var triageLevel: Int?
    var unknownFields = UnknownFields()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, key, patientID, facility, kind, route, admittedAt, dischargedAt, reason, diagnoses
        case appliedCoverages, lineItems, status, version, triageLevel
    }

    static let storedFieldNames = Set(CodingKeys.allCases.map(\.stringValue))

    init(_ visit: Visit) throws {
        id = visit.id
        key = visit.key
        patientID = visit.patientID
        facility = visit.facility
        kind = visit.kind
        route = visit.route
        admittedAt = visit.admittedAt
        dischargedAt = visit.dischargedAt
        reason = visit.reason
        diagnoses = visit.diagnoses
        appliedCoverages = visit.appliedCoverages
        lineItems = visit.lineItems
        status = visit.status
        version = visit.version
    }
}

/// A record whose field `reason` was once stored as `complaint`.
private struct OldNamedNote: Codable {
    var complaint: String
}

private struct RenamedNote: Codable, EvolvableRecord {
    var reason: String
    var unknownFields = UnknownFields()

    enum CodingKeys: String, CodingKey, CaseIterable { case reason }

    static let storedFieldNames = Set(CodingKeys.allCases.map(\.stringValue))
}
