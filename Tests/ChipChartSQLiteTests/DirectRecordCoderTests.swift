import ChipChart
import ChipChartTesting
import Foundation
import Testing

@_spi(RecordFormat) @testable import ChipChartSQLite

/// The records' own writers and readers against the generic keyed coder, the reference: the same
/// bytes for every sample, every optional field set and unset, and each reads the other's bodies.
@Suite("The records' own coders")
struct DirectRecordCoderTests {
    /// The sample patient, then every optional field unset, then each other shape of a value.
    static func patients() throws -> [Patient] {
        let full = try RecordSamples.patient()
        var bare = full
        bare.mergedInto = nil
        bare.identifiers = [try PatientIdentifier(kind: .temporary, value: "T-1")]
        bare.idCards = [IDCardRecord(personalID: try PersonalID("001099012345"), issueDate: nil, source: .manual)]
        bare.demographics = Demographics(
            name: full.demographics.name,
            dateOfBirth: .year(1950),
            sex: .undetermined,
            nationality: nil
        )
        var empty = bare
        empty.identifiers = []
        empty.idCards = []
        empty.demographics.dateOfBirth = .monthYear(year: 1987, month: 6)
        var kept = full
        kept.unknownFields = Self.newerFields
        return [full, bare, empty, kept]
    }

    /// The sample coverage, then every optional field unset and never verified, then replaced.
    static func coverages() throws -> [Coverage] {
        let full = try RecordSamples.coverage()
        var bare = full
        bare.registeredFacility = nil
        bare.region = nil
        bare.fiveYearDate = nil
        bare.replaces = nil
        bare.verification = .unverified
        bare.validity = .unbounded
        var replaced = full
        replaced.status = .replaced
        replaced.replacedBy = RecordSamples.coverageID
        replaced.validity = .from(try CalendarDate(year: 2025, month: 1, day: 2))
        var kept = bare
        kept.unknownFields = Self.newerFields
        return [full, bare, replaced, kept]
    }

    /// The sample visit, then every optional field unset, then one waiting for verification.
    static func visits() throws -> [Visit] {
        let full = try RecordSamples.visit()
        var bare = full
        bare.dischargedAt = nil
        bare.reason = nil
        bare.diagnoses = []
        bare.appliedCoverages = []
        bare.lineItems = []
        bare.status = .open
        var waiting = full
        waiting.awaitsCoverageVerification = true
        waiting.appliedCoverages[0].until = nil
        waiting.appliedCoverages[0].registeredFacility = nil
        waiting.appliedCoverages[0].unverified = true
        waiting.lineItems[0].orderedAt = nil
        waiting.lineItems[0].quantity = Decimal(string: "123456789012345678901234.5678") ?? 1
        waiting.lineItems[1].unitPrice = Money(minorUnits: -1_250)
        var kept = bare
        kept.unknownFields = Self.newerFields
        return [full, bare, waiting, kept]
    }

    /// Fields of a newer version: one of each kind of value.
    static let newerFields = UnknownFields([
        UnknownFields.Field(key: "triageLevel", value: .signed(-2)),
        UnknownFields.Field(
            key: "clinicalNote",
            value: .object([
                UnknownFields.Field(key: "text", value: .string("Ho")),
                UnknownFields.Field(key: "codes", value: .array([.unsigned(7), .bool(true), .null, .double(1.5)])),
                UnknownFields.Field(key: "by", value: .uuid(RecordSamples.patientID.uuid)),
            ])
        ),
    ])

    /// Writes `record` both ways and reads each body both ways.
    func check<Record: DirectlyCodedRecord & Equatable>(_ record: Record) throws {
        let generic = try KeyedRecordEncoder().encode(record)
        let own = try KeyedRecordEncoder().encodeDirectly(record)
        #expect(own == generic, "the record's own writer writes the generic coder's bytes")
        let decoder = KeyedRecordDecoder()
        #expect(
            try generic.withUnsafeBytes { try decoder.decodeDirectly(Record.self, from: $0) } == record,
            "reads the generic coder's body"
        )
        #expect(try own.withUnsafeBytes { try decoder.decode(Record.self, from: $0) } == record, "is read back")
    }

    /// A sample: its kind and its place in the kind's list.
    static let samples = RecordFormatTests.Kind.allCases.flatMap { kind in (0..<4).map { (kind, $0) } }

    @Test("a record, every optional field set and unset", arguments: samples)
    func sample(_ kind: RecordFormatTests.Kind, _ index: Int) throws {
        switch kind {
        case .patient: try check(try Self.patients()[index])
        case .coverage: try check(try Self.coverages()[index])
        case .visit: try check(try Self.visits()[index])
        }
    }

    /// Reads a golden body directly and generically, and writes it back directly.
    func golden<Record: DirectlyCodedRecord & Equatable>(_ type: Record.Type, _ body: [UInt8]) throws {
        try body.withUnsafeBytes { bytes in
            let decoder = KeyedRecordDecoder()
            let record = try decoder.decodeDirectly(type, from: bytes)
            #expect(record == (try decoder.decode(type, from: bytes)))
            #expect(try KeyedRecordEncoder().encodeDirectly(record) == body)
        }
    }

    @Test("the golden format-2 bodies read as the generic coder reads them", arguments: RecordFormatTests.Kind.allCases)
    func golden(_ kind: RecordFormatTests.Kind) throws {
        let body = try RecordFormatTests.golden(kind, format: 2) { try RecordFormatTests.formatTwo(kind) }
        switch kind {
        case .patient: try golden(Patient.self, body)
        case .coverage: try golden(Coverage.self, body)
        case .visit: try golden(Visit.self, body)
        }
    }

    @Test func oneDecoderReadsEveryQuantityOfManyLinesAsStored() throws {
        let decoder = KeyedRecordDecoder()
        var visit = try RecordSamples.visit()
        for round in 0..<3 {
            for tenths in 1...(DecimalCache.capacity * 2 + 3) {
                visit.lineItems[0].quantity = Decimal(tenths) / 10 + Decimal(round * 1000)
                let body = try KeyedRecordEncoder().encodeDirectly(visit)
                #expect(try body.withUnsafeBytes { try decoder.decodeDirectly(Visit.self, from: $0) } == visit)
            }
        }
    }

    @Test func fieldsInAnotherOrderAndRenamedFieldsReadAsTheGenericCoderReadsThem() throws {
        var visit = try RecordSamples.visit()
        visit.unknownFields = Self.newerFields
        let body = try KeyedRecordEncoder().encodeDirectly(visit)
        // The same fields, the last first and `reason` under an older name.
        let (fields, values) = try Self.split(body)
        var reordered = Array(body.prefix(4)) + [RecordFormat.Tag.object.rawValue, 0, 0, 0, 0]
        for index in fields.indices.reversed() {
            let name = fields[index] == "reason" ? "complaint" : fields[index]
            reordered += [UInt8(name.utf8.count)] + Array(name.utf8) + values[index]
        }
        let length = UInt32(reordered.count - 9)
        for byte in 0..<4 { reordered[5 + byte] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(byte))) }
        let renames = ["complaint": "reason"]
        let decoder = KeyedRecordDecoder()
        let direct = try reordered.withUnsafeBytes {
            try decoder.decodeDirectly(Visit.self, from: $0, renames: renames)
        }
        let generic = try reordered.withUnsafeBytes { try decoder.decode(Visit.self, from: $0, renames: renames) }
        #expect(direct == generic)
        #expect(direct.reason == visit.reason)
        #expect(Set(direct.unknownFields.fields.map(\.key)) == ["triageLevel", "clinicalNote"])
    }

    /// The records' own readers are stricter: a value that runs past the end of its object or
    /// array is an error, where the generic decoder reads on.
    @Test(
        "a damaged body that the record's own reader reads is the record the generic coder reads",
        arguments: RecordFormatTests.Kind.allCases
    )
    func damagedBodies(_ kind: RecordFormatTests.Kind) throws {
        let body = try RecordFormatTests.formatTwo(kind)
        func both(_ bytes: [UInt8]) -> (direct: AnyHashable?, generic: AnyHashable?) {
            switch kind {
            case .patient: Self.both(Patient.self, bytes)
            case .coverage: Self.both(Coverage.self, bytes)
            case .visit: Self.both(Visit.self, bytes)
            }
        }
        for length in 0..<body.count { #expect(both(Array(body.prefix(length))).direct == nil, "cut at \(length)") }
        for position in 4..<body.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = body
                damaged[position] ^= flip
                let (direct, generic) = both(damaged)
                if direct != nil { #expect(direct == generic, "byte \(position) flipped by \(flip)") }
            }
        }
    }

    /// A body read directly and generically, `nil` for an error.
    static func both<Record: DirectlyCodedRecord & Hashable>(
        _ type: Record.Type,
        _ bytes: [UInt8]
    ) -> (direct: AnyHashable?, generic: AnyHashable?) {
        bytes.withUnsafeBytes { raw in
            let decoder = KeyedRecordDecoder()
            return (try? decoder.decodeDirectly(type, from: raw), try? decoder.decode(type, from: raw))
        }
    }

    /// The top-level fields of a body: names and each value's bytes.
    static func split(_ body: [UInt8]) throws -> ([String], [[UInt8]]) {
        try body.withUnsafeBytes { raw in
            let reader = try BodyReader(raw)
            var entries = try reader.fields(ofObjectAt: 4)
            var names: [String] = []
            var values: [[UInt8]] = []
            while let (key, value) = try entries.nextField() {
                names.append(String(decoding: key, as: UTF8.self))
                values.append(Array(raw[value..<(try reader.end(of: value))]))
            }
            return (names, values)
        }
    }
}
