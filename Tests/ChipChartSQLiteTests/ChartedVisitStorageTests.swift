import ChipChart
import ChipChartTesting
import Foundation
import Testing

@_spi(RecordFormat) @testable import ChipChartSQLite

/// A visit's chart in the SQLite store: rebuilt identically after the store is reopened, every
/// entry audited under its author, and older bodies read with an empty chart.
@Suite("Charted visits in SQLite")
struct ChartedVisitStorageTests {
    @Test("a charted visit reads back identically after the store is reopened, each step audited by its author")
    func rebuiltAfterReopening() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("chart.sqlite")
        let written = try await ChartSamples.chartedStay(in: try SQLiteStore(path: path))
        let store = try SQLiteStore(path: path)
        let doctor = try ChartSamples.doctor()
        let reread = try #require(try await store.visit(written.id, for: Access(by: doctor, purpose: "test")))
        #expect(reread == written)
        #expect(reread.status == .closed && reread.kind == .inpatient)
        #expect(reread.chart.orders.count == reread.lineItems.count)

        let chart = reread.chart
        let entries: [(Staff, Date)] =
            chart.vitalSigns.map { ($0.author, $0.at) } + chart.notes.map { ($0.author, $0.at) }
            + chart.diagnoses.map { ($0.author, $0.at) } + chart.orders.map { ($0.author, $0.at) }
            + chart.results.map { ($0.author, $0.at) } + chart.procedures.map { ($0.author, $0.at) }
            + chart.departments.map { ($0.author, $0.at) }
            + [chart.discharge].compactMap { $0 }.map { ($0.author, $0.at) }
        let updates = try await store.auditEvents(after: 0, limit: 1000).filter {
            $0.recordID == written.id.uuid && $0.action == .update
        }
        #expect(updates.count == written.version - 1, "every version after the check-in is audited")
        let authors = Set(entries.map(\.0))
        let auditedStaff = Set(updates.map(\.staff))
        #expect(authors == auditedStaff, "each entry's author is the staff of an audit event, and only they")
        #expect(updates.allSatisfy { $0.purpose.hasPrefix("chart: ") || $0.purpose.hasSuffix("discharge") })
        #expect(updates.last?.purpose.hasSuffix("discharge") == true)
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    @Test("a format-2 visit body, written before charts existed, reads with an empty chart")
    func olderBodiesReadWithAnEmptyChart() throws {
        let body = try RecordFormatTests.golden(.visit, format: 2) { try RecordFormatTests.formatTwo(.visit) }
        let visit = try body.withUnsafeBytes { try RecordCoder().decode(Visit.self, from: $0) }
        #expect(visit.chart.isEmpty)
        #expect(visit.unknownFields.isEmpty)
        #expect(try KeyedRecordEncoder().encode(visit) == body, "an empty chart adds nothing to the body")
    }
}
