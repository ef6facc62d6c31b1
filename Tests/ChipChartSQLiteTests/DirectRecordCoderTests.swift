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
    func check<Record: EvolvableRecord & Equatable>(
        _ record: Record,
        direct: (KeyedRecordEncoder) throws -> [UInt8],
        read: (KeyedRecordDecoder, UnsafeRawBufferPointer) throws -> Record
    ) throws {
        let generic = try KeyedRecordEncoder().encode(record)
        let own = try direct(KeyedRecordEncoder())
        #expect(own == generic, "the record's own writer writes the generic coder's bytes")
        let decoder = KeyedRecordDecoder()
        #expect(try generic.withUnsafeBytes { try read(decoder, $0) } == record, "reads the generic coder's body")
        #expect(try own.withUnsafeBytes { try decoder.decode(Record.self, from: $0) } == record, "is read back")
    }

    @Test("a patient, every optional field set and unset", arguments: 0..<4)
    func patient(_ index: Int) throws {
        let patient = try Self.patients()[index]
        try check(
            patient,
            direct: { try $0.encodeDirectly(patient) },
            read: { try $0.decodeDirectly(Patient.self, from: $1) }
        )
    }

    @Test("a coverage, every optional field set and unset", arguments: 0..<4)
    func coverage(_ index: Int) throws {
        let coverage = try Self.coverages()[index]
        try check(
            coverage,
            direct: { try $0.encodeDirectly(coverage) },
            read: { try $0.decodeDirectly(Coverage.self, from: $1) }
        )
    }

    @Test("a visit, every optional field set and unset", arguments: 0..<4)
    func visit(_ index: Int) throws {
        let visit = try Self.visits()[index]
        try check(
            visit,
            direct: { try $0.encodeDirectly(visit) },
            read: { try $0.decodeDirectly(Visit.self, from: $1) }
        )
    }

    @Test("the golden format-2 bodies read as the generic coder reads them", arguments: RecordFormatTests.Kind.allCases)
    func golden(_ kind: RecordFormatTests.Kind) throws {
        let body = try RecordFormatTests.golden(kind, format: 2) { try RecordFormatTests.formatTwo(kind) }
        let decoder = KeyedRecordDecoder()
        let encoder = KeyedRecordEncoder()
        try body.withUnsafeBytes { bytes in
            switch kind {
            case .patient:
                let patient = try decoder.decodeDirectly(Patient.self, from: bytes)
                #expect(patient == (try decoder.decode(Patient.self, from: bytes)))
                #expect(try encoder.encodeDirectly(patient) == body)
            case .coverage:
                let coverage = try decoder.decodeDirectly(Coverage.self, from: bytes)
                #expect(coverage == (try decoder.decode(Coverage.self, from: bytes)))
                #expect(try encoder.encodeDirectly(coverage) == body)
            case .visit:
                let visit = try decoder.decodeDirectly(Visit.self, from: bytes)
                #expect(visit == (try decoder.decode(Visit.self, from: bytes)))
                #expect(try encoder.encodeDirectly(visit) == body)
            }
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
        let decoder = KeyedRecordDecoder()
        func both(_ bytes: [UInt8]) -> (direct: AnyHashable?, generic: AnyHashable?) {
            bytes.withUnsafeBytes { raw in
                switch kind {
                case .patient:
                    return (
                        try? decoder.decodeDirectly(Patient.self, from: raw),
                        try? decoder.decode(Patient.self, from: raw)
                    )
                case .coverage:
                    return (
                        try? decoder.decodeDirectly(Coverage.self, from: raw),
                        try? decoder.decode(Coverage.self, from: raw)
                    )
                case .visit:
                    return (
                        try? decoder.decodeDirectly(Visit.self, from: raw), try? decoder.decode(Visit.self, from: raw)
                    )
                }
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

    /// The top-level fields of a body: names and each value's bytes.
    static func split(_ body: [UInt8]) throws -> ([String], [[UInt8]]) {
        try body.withUnsafeBytes { raw in
            let reader = try BodyReader(raw)
            var entries = try reader.fields(ofObjectAt: 4)
            var names: [String] = []
            var values: [[UInt8]] = []
            while let (key, value) = try entries.next() {
                names.append(String(decoding: key, as: UTF8.self))
                values.append(Array(raw[value..<(try reader.end(of: value))]))
            }
            return (names, values)
        }
    }
}
