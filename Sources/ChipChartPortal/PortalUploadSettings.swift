/// How uploads are sent and read, where practice rather than the published guide is the source:
/// the province code sent (`maTinh`, the first two characters of the facility code unless
/// given) and which result codes mean what. The guide gives 200 for a file received; 123 (not
/// signed) and 125 (signature invalid or file changed after signing) are known from practice.
/// Codes are compared after padding a short number to three digits.
public struct PortalUploadSettings: Hashable, Sendable {
    /// The `maTinh` sent; `nil`: the first two characters of the facility code.
    public var province: String?
    /// Codes of a file received.
    public var accepted: Set<String>
    /// Codes of a file without a signature.
    public var unsigned: Set<String>
    /// Codes of a signature that does not verify or a file changed after signing.
    public var signatureInvalid: Set<String>

    /// The settings; by default the province from the facility code, and codes 200, 123 and 125.
    public init(
        province: String? = nil,
        accepted: Set<String> = ["200"],
        unsigned: Set<String> = ["123"],
        signatureInvalid: Set<String> = ["125"]
    ) {
        self.province = province
        self.accepted = accepted
        self.unsigned = unsigned
        self.signatureInvalid = signatureInvalid
    }

    /// What `code` means.
    public func outcome(of code: String) -> PortalUploadReceipt.Outcome {
        if accepted.contains(code) { return .accepted }
        if unsigned.contains(code) { return .unsigned }
        if signatureInvalid.contains(code) { return .signatureInvalid }
        return .refused
    }
}
