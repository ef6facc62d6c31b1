public import Foundation

/// The result of a test or an imaging study: what was measured, the value with its unit and
/// reference range, who performed it and when.
public struct ParaclinicalResult: Hashable, Sendable, Codable {
    /// The service code of the test (`MA_DICH_VU`), as ordered.
    public var serviceCode: String
    /// What was measured or seen, such as `Glucose` or `X-quang ngực thẳng`.
    public var name: String
    /// The value, as reported (`6.1`, `Âm tính`, a radiologist's conclusion).
    public var value: String
    /// The unit, such as `mmol/L`; `nil` for a text result.
    public var unit: String?
    /// The reference range, such as `3.9–6.4`; `nil` when there is none.
    public var referenceRange: String?
    /// Who performed it (`NGUOI_THUC_HIEN`).
    public var performer: Staff
    /// When the sample was taken or the study began (`NGAY_TH_YL`).
    public var performedAt: Date
    /// When the result was reported (`NGAY_KQ`).
    public var reportedAt: Date

    /// A result.
    ///
    /// - Throws: ``ValidationError`` naming `result.serviceCode`, `result.value` (empty) or
    ///   `result.reportedAt` (before the test was performed).
    public init(
        serviceCode: String,
        name: String,
        value: String,
        unit: String? = nil,
        referenceRange: String? = nil,
        performer: Staff,
        performedAt: Date,
        reportedAt: Date
    ) throws(ValidationError) {
        let code = serviceCode.trimmingASCIIWhitespace()
        guard !code.isEmpty else {
            throw ValidationError.missing("result.serviceCode", "a result names its service")
        }
        guard !value.trimmingASCIIWhitespace().isEmpty else {
            throw ValidationError.missing("result.value", "a result has a value")
        }
        guard reportedAt >= performedAt else {
            throw ValidationError.inconsistent("result.reportedAt", "a result is reported after it was performed")
        }
        self.serviceCode = code
        self.name = name
        self.value = value.trimmingASCIIWhitespace()
        self.unit = unit?.trimmingASCIIWhitespace().nonEmpty
        self.referenceRange = referenceRange?.trimmingASCIIWhitespace().nonEmpty
        self.performer = performer
        self.performedAt = performedAt
        self.reportedAt = reportedAt
    }
}
