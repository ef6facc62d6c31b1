/// A kind of entry a chart keeps as a list, recorded as it is: vital signs, clinical notes,
/// results and procedures (``Charting/record(_:on:by:at:)``, ``ChartSession/record(_:at:)``).
public protocol ChartRecord: Hashable, Sendable, Codable {
    /// Where a chart keeps the entries of this kind.
    static var entries: WritableKeyPath<VisitChart, [ChartEntry<Self>]> { get }
    /// The step's name in the audit event's purpose, such as `vital signs`.
    var stepName: String { get }
}

extension VitalSigns: ChartRecord {
    /// ``VisitChart/vitalSigns``.
    public static var entries: WritableKeyPath<VisitChart, [ChartEntry<VitalSigns>]> { \.vitalSigns }
    /// `vital signs`.
    public var stepName: String { "vital signs" }
}

extension ClinicalNote: ChartRecord {
    /// ``VisitChart/notes``.
    public static var entries: WritableKeyPath<VisitChart, [ChartEntry<ClinicalNote>]> { \.notes }
    /// `complaint note`, `progress note` or `treatment note`.
    public var stepName: String { "\(kind.rawValue) note" }
}

extension ParaclinicalResult: ChartRecord {
    /// ``VisitChart/results``.
    public static var entries: WritableKeyPath<VisitChart, [ChartEntry<ParaclinicalResult>]> { \.results }
    /// `result`.
    public var stepName: String { "result" }
}

extension ProcedureRecord: ChartRecord {
    /// ``VisitChart/procedures``.
    public static var entries: WritableKeyPath<VisitChart, [ChartEntry<ProcedureRecord>]> { \.procedures }
    /// `procedure`.
    public var stepName: String { "procedure" }
}
