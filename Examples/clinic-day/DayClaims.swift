import ChipChart
import ChipChartClaims
import ExampleSupport
import Foundation

/// The day's claims file, written next to the database at the end of the day: every closed,
/// insured visit admitted that day; the open ones are pending.
struct DayClaims {
    /// What was written.
    struct Written {
        let path: String
        let claims: Int
        let pending: Int
        let selfPay: Int
        let totals: ClaimTotals
    }

    let store: any ArchivableStore
    let day: CalendarDate
    let facility: FacilityCode
    let officer: Staff

    /// `clinic-day.xml` beside `clinic-day.sqlite`; for a PostgreSQL database, `clinic-day.xml` in
    /// the working directory.
    static func path(for location: StoreLocation) -> String {
        guard !location.isPostgres else { return "clinic-day.xml" }
        return URL(fileURLWithPath: location.text).deletingPathExtension().appendingPathExtension("xml").path
    }

    /// Writes the file (replacing the previous day's), as one audited export.
    func write(to path: String) async throws -> Written {
        let access = Access(by: officer, purpose: "claims export")
        try await store.recordExport(by: access, detail: "claims \(day)…\(day)")
        let claims = StoredClaims(store: store, access: access, from: day.startInstant, until: day.endInstant)
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: day))
        try Data().write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let summary = try await exporter.export(claims, to: handle)
        return Written(
            path: path,
            claims: summary.claimCount,
            pending: claims.tally.pendingKeys.count,
            selfPay: claims.tally.selfPayCount,
            totals: summary.totals
        )
    }
}
