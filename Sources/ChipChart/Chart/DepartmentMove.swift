/// The patient's arrival in a department (`MA_KHOA`): where the visit began, a transfer, or an
/// admission to a ward that makes an outpatient visit an inpatient stay.
public struct DepartmentMove: Hashable, Sendable, Codable {
    /// Why the patient is in the department.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// The department that first saw the patient.
        case arrival
        /// A transfer from another department.
        case transfer
        /// Admission to a ward (outpatient → inpatient, `NGAY_VAO_NOI_TRU`).
        case admission
    }

    /// The department's code in the facility's list (`MA_KHOA`), such as `K01`.
    public var department: String
    /// Why.
    public var reason: Reason
    /// The reason for an admission, in words (`LY_DO_VNT`).
    public var note: String?

    /// A move.
    ///
    /// - Throws: ``ValidationError`` naming `department` (empty or over 50 characters).
    public init(to department: String, reason: Reason, note: String? = nil) throws(ValidationError) {
        self.department = try department.checkedClaimsText(field: "department", element: "MA_KHOA", maximum: 50)
        self.reason = reason
        self.note = note?.trimmingASCIIWhitespace().nonEmpty
    }
}
