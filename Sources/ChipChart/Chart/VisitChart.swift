public import Foundation

/// The clinical record of a visit: every measurement, note, diagnosis, order, result, procedure,
/// move between departments and the discharge, each a ``ChartEntry`` naming its author and time.
///
/// Entries are appended, never replaced; ``Charting`` is the API that records them. A visit
/// stored before charts existed reads with an empty chart.
public struct VisitChart: Hashable, Sendable, Codable {
    /// Vital signs and measurements, in the order recorded.
    public var vitalSigns: [ChartEntry<VitalSigns>] = []
    /// The presenting complaint, notes on the clinical course and the treatment given.
    public var notes: [ChartEntry<ClinicalNote>] = []
    /// Each statement of the diagnoses; the last is in force.
    public var diagnoses: [ChartEntry<Diagnosis>] = []
    /// Orders of services, drugs and supplies, in the order of the visit's line items.
    public var orders: [ChartEntry<ChartOrder>] = []
    /// Test and imaging results.
    public var results: [ChartEntry<ParaclinicalResult>] = []
    /// Procedures performed.
    public var procedures: [ChartEntry<ProcedureRecord>] = []
    /// Arrival, transfers and admission, in order; the last is where the patient is.
    public var departments: [ChartEntry<DepartmentMove>] = []
    /// The discharge, once the visit is closed.
    public var discharge: ChartEntry<Discharge>?
    /// Why the visit was cancelled, if it was opened by mistake.
    public var cancellation: ChartEntry<String>?
    /// Stored only when a document was signed, so the charts of unsigned visits keep their bytes.
    var storedSignatures: [ChartEntry<DocumentSignature>]?

    /// The signatures and confirmations of the visit's documents, in the order given
    /// (``Charting/sign(_:of:by:with:at:)``, ``Charting/confirm(_:of:confirmedBy:takenBy:at:)``).
    public var signatures: [ChartEntry<DocumentSignature>] {
        get { storedSignatures ?? [] }
        set { storedSignatures = newValue.isEmpty ? nil : newValue }
    }

    /// The stored fields.
    enum CodingKeys: String, CodingKey {
        case vitalSigns, notes, diagnoses, orders, results, procedures, departments, discharge, cancellation
        case storedSignatures = "signatures"
    }

    /// An empty chart.
    public init() {}

    /// True when nothing was recorded.
    public var isEmpty: Bool { self == VisitChart() }

    /// The presenting complaint: the first complaint note.
    public var complaint: ClinicalNote? { notes.first { $0.content.kind == .complaint }?.content }

    /// The diagnoses in force: the last statement.
    public var diagnosis: Diagnosis? { diagnoses.last?.content }

    /// The department the patient is in (`MA_KHOA`).
    public var department: String? { departments.last?.content.department }

    /// The admission to a ward, if the visit became an inpatient stay (`NGAY_VAO_NOI_TRU`).
    public var admission: ChartEntry<DepartmentMove>? { departments.first { $0.content.reason == .admission } }

    /// The latest weight measured, kg (`CAN_NANG`).
    public var weight: Decimal? { vitalSigns.last { $0.content.weight != nil }?.content.weight }
}
