import ChipChart
import ChipChartTesting
import Foundation
import Testing

@_spi(RecordFormat) @testable import ChipChartSQLite

/// The records' own writers and readers know every stored property: a property added to a record,
/// or to a value it holds, without them learning it fails here, naming the property.
@Suite("The records' own coders know every stored property")
struct StoredFieldsGuardTests {
    /// One value of a stored type, and the fields its writer and reader know.
    struct Case: CustomTestStringConvertible, Sendable {
        let type: String
        let sample: @Sendable () throws -> Any
        let known: [String]
        /// Properties stored under another name: property → stored name.
        var storedNames: [String: String] = [:]
        var testDescription: String { type }
    }

    static func names<Field: StoredFields>(_ type: Field.Type) -> [String] { Field.allCases.map(\.rawValue) }

    static let cases: [Case] = [
        Case(type: "Patient", sample: { try RecordSamples.patient() }, known: names(PatientField.self)),
        Case(
            type: "PatientIdentifier",
            sample: { try RecordSamples.patient().identifiers[0] },
            known: names(IdentifierField.self)
        ),
        Case(type: "IDCardRecord", sample: { try RecordSamples.patient().idCards[0] }, known: names(IDCardField.self)),
        Case(
            type: "Demographics",
            sample: { try RecordSamples.patient().demographics },
            known: names(DemographicsField.self)
        ),
        Case(type: "DatePeriod", sample: { try RecordSamples.coverage().validity }, known: names(PeriodField.self)),
        Case(type: "Coverage", sample: { try RecordSamples.coverage() }, known: names(CoverageField.self)),
        Case(type: "Staff", sample: { try RecordSamples.staff() }, known: names(StaffField.self)),
        Case(
            type: "Visit",
            sample: { try RecordSamples.visit() },
            known: names(VisitField.self) + VisitField.generic.map(\.name),
            storedNames: ["awaitsVerification": "awaitsCoverageVerification", "storedChart": "chart"]
        ),
        Case(
            type: "Visit.AppliedCoverage",
            sample: { try RecordSamples.visit().appliedCoverages[0] },
            known: names(AppliedCoverageField.self)
        ),
        Case(type: "LineItem", sample: { try RecordSamples.visit().lineItems[0] }, known: names(LineItemField.self)),
    ]

    @Test("every stored property of the type is a field its own writer and reader know", arguments: cases)
    func everyPropertyIsKnown(_ stored: Case) throws {
        let properties = Mirror(reflecting: try stored.sample()).children.compactMap(\.label)
            .filter { $0 != "unknownFields" }
            .map { stored.storedNames[$0] ?? $0 }
        for property in properties where !stored.known.contains(property) {
            Issue.record(
                """
                \(stored.type).\(property) is stored, but the record's own writer and reader \
                (Sources/ChipChartSQLite/Coding) do not know it: add it to its field list in \
                StoredFields.swift with its write and read, or, for a field of \
                Visit off the hot path, one line to VisitField.generic (a property holding an \
                instant is also listed for PostgreSQL's direct documents: see \
                DocumentInstantsGuardTests)
                """
            )
        }
        for field in stored.known where !properties.contains(field) {
            Issue.record("\(stored.type) has no stored property \(field) any more: remove it from its field list")
        }
    }

    @Test("the records' field lists are the fields their Codable conformances store")
    func recordFieldsAreTheCodingKeys() {
        #expect(Set(Self.names(PatientField.self)) == Patient.storedFieldNames)
        #expect(Set(Self.names(CoverageField.self)) == Coverage.storedFieldNames)
        #expect(Set(Self.names(VisitField.self) + VisitField.generic.map(\.name)) == Visit.storedFieldNames)
    }

    @Test("a verified check's stored fields are known")
    func verificationFieldsAreKnown() throws {
        let verified = try #require(Mirror(reflecting: try RecordSamples.coverage().verification).children.first)
        #expect(verified.label == "verified")
        let labels = Mirror(reflecting: verified.value).children.compactMap(\.label)
        #expect(labels == Self.names(VerifiedField.self))
    }

    @Test func aFieldLeftToTheGenericCoderIsWrittenAndReadAsTheGenericCoderDoes() throws {
        let visit = try RecordSamples.visit()
        let fields = [GenericField<Visit>("reason", \.reason), GenericField<Visit>("diagnoses", \.diagnoses)]
        let encoder = KeyedRecordEncoder()
        let body = try encoder.encode(visit) { encoder in
            _ = encoder.beginContainer(.object)
            for field in fields { try field.write(visit, encoder) }
        }
        let (names, _) = try DirectRecordCoderTests.split(body)
        #expect(names == ["reason", "diagnoses"])
        var read = visit
        read.reason = nil
        read.diagnoses = []
        let decimals = DecimalCache()
        try withExtendedLifetime(decimals) {
            try body.withUnsafeBytes { raw in
                let reader = RecordReader(body: try BodyReader(raw), renames: [:], decimals: decimals)
                var entries = try reader.body.fields(ofObjectAt: 4)
                var index = 0
                while let (_, value) = try entries.nextField() {
                    try reader.withGenericDecoder(at: value) { try fields[index].read(&read, $0) }
                    index += 1
                }
            }
        }
        #expect(read == visit)
        var absent = visit
        absent.reason = nil
        let written = try encoder.encode(absent) { encoder in
            _ = encoder.beginContainer(.object)
            try fields[0].write(absent, encoder)
        }
        #expect(try DirectRecordCoderTests.split(written).0.isEmpty, "an absent optional is left out")
    }
}
