import ChipChart
import Foundation

/// The claim of one visit: the check-in table and XML1–3, built with the standard's formats.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let claim = try Claim(ClaimInput(patient: patient, visit: visit))
/// print(claim.summary.xml)      // XML1 text
/// print(claim.violations)       // [] when every table meets Schemas/claims/
/// ```
///
/// Formats (docs/VIETNAM-RULES.md §5): date-times `yyyyMMddHHmm` in Vietnam time, dates `yyyyMMdd`,
/// `NGAY_SINH` twelve characters, `GIOI_TINH` 1/2/3, money with `.` and two decimals; a stay that
/// spans a card replacement lists every card's `MA_THE_BHYT`, `MA_DKBD`, `GT_THE_TU` and
/// `GT_THE_DEN` joined by `;` in order; `MA_BENH_KT` joins up to twelve secondary ICD-10 codes.
///
/// Line amounts follow the provisional split of §8 (``ChipChart/BenefitSplit``) with the benefit level of the card that
/// applied when the line was ordered (the first card for a line without an order time); XML1's
/// totals are the sums over XML2 and XML3.
public struct Claim: Sendable, Hashable {
    /// The visit's key (`MA_LK`), linking every table.
    public let key: String
    /// The check-in table (`CHI_TIEU_TRANG_THAI_KCB`).
    public let checkIn: ClaimDocument
    /// XML1, the encounter summary.
    public let summary: ClaimDocument
    /// XML2, the drugs (no rows when none were given).
    public let drugs: ClaimDocument
    /// XML3, the services and supplies.
    public let services: ClaimDocument
    /// The record's tables after XML3 that the visit has content for, in the standard's order:
    /// XML4 results, XML5 notes, XML7 discharge paper and XML8 record summary (an inpatient
    /// stay's; XML8 for every visit in the health book), XML11 sick leave, XML13 referral (the
    /// form in force on the discharge day), XML14 follow-up appointment.
    public let records: [ClaimDocument]
    /// False for a visit no insurance card applied to (claimed for the health book only).
    public let hasCard: Bool

    /// The most secondary diagnoses `MA_BENH_KT` can carry.
    public static let maximumSecondaryDiagnoses = 12

    /// Builds the claim of a visit.
    ///
    /// - Parameter sequence: the `STT` of the visit's XML1 and check-in rows (its number in a batch).
    /// - Throws: ``ClaimsError`` with code `tooManyDiagnoses` when the visit has more than twelve
    ///   secondary diagnoses (the standard has no place for them: choose which to report).
    public init(_ input: ClaimInput, sequence: Int = 1) throws(ClaimsError) {
        let visit = input.visit
        guard visit.secondaryDiagnoses.count <= Claim.maximumSecondaryDiagnoses else {
            throw ClaimsError(
                code: .tooManyDiagnoses,
                visitKey: visit.key,
                message:
                    "MA_BENH_KT takes at most 12 secondary diagnoses, the visit has \(visit.secondaryDiagnoses.count)"
            )
        }
        let context = ClaimContext(input)
        let lines = zip(visit.lineItems, context.lineSplits())
        let drugLines = lines.filter { $0.0.kind == .drug }
        let serviceLines = lines.filter { $0.0.kind != .drug }
        let drugRows = drugLines.enumerated().map { context.drugRow($0.element, number: $0.offset + 1) }
        let serviceRows = serviceLines.enumerated().map { context.serviceRow($0.element, number: $0.offset + 1) }
        self.key = visit.key
        self.checkIn = ClaimDocument(table: .checkIn, rows: [context.checkInRow(sequence: sequence)])
        self.summary = ClaimDocument(
            table: .summary,
            rows: [context.summaryRow(sequence: sequence, drugs: drugRows.map(\.1), services: serviceRows.map(\.1))]
        )
        self.drugs = ClaimDocument(table: .drugs, rows: drugRows.map(\.0))
        self.services = ClaimDocument(table: .services, rows: serviceRows.map(\.0))
        self.records = context.recordDocuments()
        self.hasCard = !visit.appliedCoverages.isEmpty
    }

    /// The tables sent to the insurer in the envelope, in order: XML1, then XML2 and XML3 when
    /// they have rows, then ``records``.
    public var envelopeDocuments: [ClaimDocument] {
        [summary] + [drugs, services].filter { !$0.rows.isEmpty } + records
    }

    /// Every rule of `Schemas/claims/` that a table of this claim breaks; empty when valid. A
    /// visit without a card may leave the card fields empty (the health book takes it so).
    public var violations: [ClaimViolation] {
        let all = ([checkIn] + envelopeDocuments).flatMap { ClaimValidator.violations(in: $0) }
        guard !hasCard else { return all }
        return all.filter { !($0.reason == .missing && Self.cardFields.contains($0.field)) }
    }

    /// The fields a visit without a card leaves empty.
    static let cardFields: Set<String> = ["MA_THE_BHYT", "MA_DKBD", "GT_THE_TU", "GT_THE_DEN"]
}
