/// A visit's diagnoses as a clinician stated them at one moment: the main and secondary ICD-10
/// codes with the admission and discharge diagnoses in words.
///
/// Each statement is a chart entry; the latest becomes the visit's ``Visit/diagnoses``
/// (`MA_BENH_CHINH`, `MA_BENH_KT`), and its texts `CHAN_DOAN_VAO` and `CHAN_DOAN_RV`.
public struct Diagnosis: Hashable, Sendable, Codable {
    /// The main diagnosis (`MA_BENH_CHINH`).
    public var main: ICD10Code
    /// The secondary diagnoses (`MA_BENH_KT`), at most twelve.
    public var secondary: [ICD10Code]
    /// The diagnosis on admission, in words (`CHAN_DOAN_VAO`).
    public var admissionText: String?
    /// The diagnosis on discharge, in words (`CHAN_DOAN_RV`).
    public var dischargeText: String?

    /// The most secondary diagnoses the claims carry.
    public static let maximumSecondary = 12

    /// A statement of diagnoses.
    ///
    /// - Throws: ``ValidationError`` naming `diagnosis.secondary` (more than twelve, or the main
    ///   code repeated).
    public init(
        main: ICD10Code,
        secondary: [ICD10Code] = [],
        admissionText: String? = nil,
        dischargeText: String? = nil
    ) throws(ValidationError) {
        guard secondary.count <= Self.maximumSecondary else {
            throw ValidationError.outOfRange("diagnosis.secondary", "at most 12 secondary diagnoses (MA_BENH_KT)")
        }
        guard !secondary.contains(main) else {
            throw ValidationError.inconsistent("diagnosis.secondary", "the main diagnosis is not also a secondary one")
        }
        self.main = main
        self.secondary = secondary
        self.admissionText = admissionText?.trimmingASCIIWhitespace().nonEmpty
        self.dischargeText = dischargeText?.trimmingASCIIWhitespace().nonEmpty
    }

    /// The codes in the order a visit keeps them: the main one first.
    public var codes: [ICD10Code] { [main] + secondary }
}
