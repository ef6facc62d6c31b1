import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartArchive

/// Record lines written directly are the bytes `JSONEncoder` writes for them.
@Suite("Archive lines written directly")
struct JSONLineWriterTests {
    /// Records with every optional field set and unset, and text that needs escaping.
    static func records() throws -> [ArchiveRecord] {
        let contents = try ArchiveTests.contents()
        var patient = try RecordSamples.patient()
        patient.demographics.address = "\"Quote\" \\ back/slash\n\t\r\u{08}\u{0C}\u{01}\u{1F} tab é 日本 \u{7F}"
        var bare = patient
        bare.mergedInto = nil
        bare.demographics = Demographics(
            name: patient.demographics.name,
            dateOfBirth: .monthYear(year: 1970, month: 1),
            sex: .female,
            nationality: nil
        )
        var coverage = try RecordSamples.coverage()
        var unverified = coverage
        unverified.verification = .unverified
        unverified.registeredFacility = nil
        unverified.region = nil
        unverified.fiveYearDate = nil
        unverified.replaces = nil
        unverified.replacedBy = RecordSamples.replacedID
        unverified.validity = .unbounded
        coverage.verification = .verified(
            at: Date(timeIntervalSince1970: 1_767_574_800.123),
            by: try RecordSamples.staff(),
            result: PortalResultCode("000")
        )
        var visit = try RecordSamples.visit()
        var waiting = visit
        waiting.awaitsCoverageVerification = true
        waiting.dischargedAt = nil
        waiting.reason = nil
        waiting.appliedCoverages[0].until = nil
        waiting.lineItems[0].orderedAt = nil
        waiting.lineItems[0].quantity = Decimal(string: "0.001") ?? 1
        visit.admittedAt = Date(timeIntervalSince1970: -12.75)
        var records: [ArchiveRecord] = [
            .patient(patient), .patient(bare), .coverage(coverage), .coverage(unverified), .visit(visit),
            .visit(waiting),
        ]
        records += contents.patients.map(ArchiveRecord.patient) + contents.coverages.map(ArchiveRecord.coverage)
        records += contents.visits.map(ArchiveRecord.visit) + contents.auditEvents.map(ArchiveRecord.auditEvent)
        return records
    }

    @Test func everyRecordLineIsWhatJSONEncoderWrites() throws {
        let encoder = ArchiveLine.encoder()
        var writer = JSONLineWriter()
        for record in try Self.records() {
            writer.reset()
            writer.write(record)
            let expected = [UInt8](try encoder.encode(ArchiveLine(record)))
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            let decoded = try ArchiveLine.decoder().decode(ArchiveLine.self, from: Data(writer.bytes))
            #expect(decoded.record == record)
        }
    }
}
