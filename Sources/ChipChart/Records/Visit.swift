public import Foundation

/// An encounter: a patient at a facility from check-in to discharge, with what was done and
/// which insurance cards paid for it.
///
/// ``key`` is the facility's unique encounter key (`MA_LK`), which links every claims table of
/// the visit. ``appliedCoverages`` lists, in order, each coverage that applied with the part of
/// the stay it covered: a stay that spans a card replacement carries both cards.
///
/// Corrections are new versions (``version``); the store keeps the history in its audit trail.
public struct Visit: Identifiable, Hashable, Sendable, Codable, EvolvableRecord {
    /// Where a visit stands.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Checked in, not yet finished.
        case open
        /// Finished (discharged).
        case closed
        /// Cancelled (a mistaken check-in); kept, never deleted.
        case cancelled
    }

    /// A coverage that applied to part of a visit.
    public struct AppliedCoverage: Hashable, Sendable, Codable {
        /// The coverage.
        public var coverageID: CoverageID
        /// The card code, copied so the visit keeps the card that paid even if records move.
        public var cardCode: InsuranceCardCode
        /// The registered facility on that card, copied likewise.
        public var registeredFacility: FacilityCode?
        /// The card's validity, copied likewise.
        public var cardValidity: DatePeriod
        /// From when in the visit it applied.
        public var from: Date
        /// Until when (exclusive); `nil` while it still applies.
        public var until: Date?
        /// True when the portal had not confirmed the card at check-in.
        public var unverified: Bool

        /// Records that a coverage applied from an instant on.
        public init(_ coverage: Coverage, from: Date, until: Date? = nil) {
            self.coverageID = coverage.id
            self.cardCode = coverage.cardCode
            self.registeredFacility = coverage.registeredFacility
            self.cardValidity = coverage.validity
            self.from = from
            self.until = until
            self.unverified = coverage.verification == .unverified
        }
    }

    /// The stable internal id.
    public var id: VisitID
    /// The facility's encounter key (`MA_LK`), at most 100 characters.
    public var key: String
    /// The patient.
    public var patientID: PatientID
    /// The facility of treatment (`MA_CSKCB`).
    public var facility: FacilityCode
    /// The kind of encounter (`MA_LOAI_KCB`).
    public var kind: VisitKind
    /// How the patient came (`MA_DOITUONG_KCB`).
    public var route: Route
    /// Check-in (`NGAY_VAO`).
    public var admittedAt: Date
    /// Discharge (`NGAY_RA`).
    public var dischargedAt: Date?
    /// Why the patient came (`LY_DO_VV`).
    public var reason: String?
    /// Diagnoses: the main one first, then up to twelve secondary ones.
    public var diagnoses: [ICD10Code]
    /// The coverages that applied, in order.
    public var appliedCoverages: [AppliedCoverage]
    /// What was billed.
    public var lineItems: [LineItem]
    /// Where it stands.
    public var status: Status
    /// The version the store last wrote; 0 before the first commit.
    public var version: Int
    /// Stored only while true, so records that never waited keep their format.
    var awaitsVerification: Bool?
    /// Stored only when something was charted, so records without a chart keep their format.
    var storedChart: VisitChart?
    /// Fields a newer version of ChipChart stored that this version does not know, written back
    /// unchanged when the record is rewritten; empty for a record made in memory.
    public var unknownFields = UnknownFields()

    /// The stored fields, in stored order; ``unknownFields`` is kept by the store itself.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, key, patientID, facility, kind, route, admittedAt, dischargedAt, reason, diagnoses, appliedCoverages,
            lineItems, status, version
        case awaitsVerification = "awaitsCoverageVerification"
        case storedChart = "chart"
    }

    /// Creates a visit that has not been stored yet.
    ///
    /// - Throws: ``ValidationError`` naming `visit.key` (empty or over 100 characters) or
    ///   `visit.dischargedAt` (before admission).
    public init(
        id: VisitID = VisitID(),
        key: String,
        patientID: PatientID,
        facility: FacilityCode,
        kind: VisitKind = .outpatient,
        route: Route = .registeredFacility,
        admittedAt: Date,
        dischargedAt: Date? = nil,
        reason: String? = nil,
        diagnoses: [ICD10Code] = [],
        appliedCoverages: [AppliedCoverage] = [],
        lineItems: [LineItem] = [],
        status: Status = .open,
        version: Int = 0
    ) throws(ValidationError) {
        let key = try key.checkedClaimsText(field: "visit.key", element: "MA_LK", maximum: 100)
        if let dischargedAt, dischargedAt < admittedAt {
            throw ValidationError.inconsistent("visit.dischargedAt", "discharge is before admission")
        }
        self.id = id
        self.key = key
        self.patientID = patientID
        self.facility = facility
        self.kind = kind
        self.route = route
        self.admittedAt = admittedAt
        self.dischargedAt = dischargedAt
        self.reason = reason
        self.diagnoses = diagnoses
        self.appliedCoverages = appliedCoverages
        self.lineItems = lineItems
        self.status = status
        self.version = version
    }

    /// The main diagnosis (`MA_BENH_CHINH`).
    public var mainDiagnosis: ICD10Code? { diagnoses.first }

    /// The secondary diagnoses (`MA_BENH_KT`).
    public var secondaryDiagnoses: [ICD10Code] { Array(diagnoses.dropFirst()) }

    /// True while the visit waits for the insurer's first answer about the patient's card: it was
    /// opened while the insurer could not be asked and no verified card was on record, so it
    /// carries no coverage yet (self-pay until then). ``apply(_:)`` sets it and clears it on a
    /// decisive answer; ``CoverageReverifier`` asks for the visits that wait.
    public var awaitsCoverageVerification: Bool {
        get { awaitsVerification ?? false }
        set { awaitsVerification = newValue ? true : nil }
    }

    /// The clinical record: vital signs, notes, diagnoses, orders, results, procedures, moves
    /// between departments and the discharge, each naming its author (``Charting`` records them).
    /// Empty for a visit stored before charts existed.
    public var chart: VisitChart {
        get { storedChart ?? VisitChart() }
        set { storedChart = newValue.isEmpty ? nil : newValue }
    }
}

extension Visit {
    /// The names of the fields this version stores.
    public static let storedFieldNames = Set(CodingKeys.allCases.map(\.stringValue))
}
