import ChipChart
import ChipChartArchive
import ChipChartClaims
import ChipChartSignatures
import ExampleSupport
import Foundation

/// The day's claims file, written next to the database at the end of the day: every closed,
/// insured visit admitted that day (the open ones are pending), and every insured stay admitted
/// on an earlier day that the ward round sent home that day.
struct DayClaims {
    /// What was written.
    struct Written {
        let path: String
        let claims: Int
        let pending: Int
        let selfPay: Int
        let totals: ClaimTotals
        /// The signing certificate's subject, when the file is signed.
        let signedBy: String?
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

    /// Writes the file (replacing the previous day's), as one audited export, signed by
    /// `signer` when one is given; the file is moved into place only once complete and signed.
    /// `discharged` are the stays from earlier days sent home that day: the insured ones are
    /// claimed after the day's visits, the others counted as self-pay.
    func write(to path: String, discharged: [Visit] = [], signedBy signer: XMLSigner? = nil) async throws -> Written {
        let access = Access(by: officer, purpose: "claims export")
        try await store.recordExport(by: access, detail: "claims \(day)…\(day)")
        let claims = StoredClaims(store: store, access: access, from: day.startInstant, until: day.endInstant)
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: day))
        let staged = try StagedFile(target: URL(fileURLWithPath: path))
        defer { staged.discard() }
        let insured = discharged.filter { !$0.appliedCoverages.isEmpty }
        let summary = try await exporter.export(
            DayClaimInputs(admitted: claims, discharged: insured),
            to: staged.handle
        )
        try await signer?.sign(staged, field: "claims")
        try staged.commit(replacing: true)
        return Written(
            path: path,
            claims: summary.claimCount,
            pending: claims.tally.pendingKeys.count,
            selfPay: claims.tally.selfPayCount + discharged.count - insured.count,
            totals: summary.totals,
            signedBy: signer?.signer.certificateChain.first?.subjectName
        )
    }
}
