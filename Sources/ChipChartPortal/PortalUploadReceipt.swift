public import Foundation

/// The portal's answer to an upload: what to keep for as long as the claim may be questioned
/// (the web portal shows results for 60 days only).
///
/// ```swift
/// let receipt = PortalUploadReceipt(
///     key: "01001.1", kind: .claims130, sha256: "ab12", result: "125", outcome: .signatureInvalid,
///     transactionID: "", receivedAt: "", message: "file changed after signing", answeredAt: Date())
/// print(receipt.outcome.isSignatureProblem)   // true
/// ```
public struct PortalUploadReceipt: Hashable, Sendable, Codable {
    /// What the answer means.
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        /// Received (`maKetQua` 200): never send this file again.
        case accepted
        /// The file carries no signature (`maKetQua` 123).
        case unsigned
        /// The signature does not verify, or the file changed after signing (`maKetQua` 125):
        /// sign the file again as written and send it again.
        case signatureInvalid
        /// Any other refusal (a bad account, a structure error): the code and message say why.
        case refused

        /// Whether the file's signature is what the portal refused (123 or 125).
        public var isSignatureProblem: Bool { self == .unsigned || self == .signatureInvalid }
    }

    /// The encounter's key (`MA_LK`) of the file sent.
    public var key: String
    /// What was sent (`loaiHoSo`).
    public var kind: PortalUploadKind
    /// The SHA-256 of the bytes sent, lowercase hexadecimal.
    public var sha256: String
    /// The portal's result code (`maKetQua`), as sent (a short number padded to three digits).
    public var result: String
    /// What the result means.
    public var outcome: Outcome
    /// The portal's transaction number (`maGiaoDich`); empty when it gave none.
    public var transactionID: String
    /// When the portal received the file (`thoiGianTiepNhan`, `yyyyMMddHHmmss`), as sent.
    public var receivedAt: String
    /// The portal's message (`thongDiep`).
    public var message: String
    /// When the answer came, by the client's clock.
    public var answeredAt: Date

    /// Creates a receipt.
    public init(
        key: String,
        kind: PortalUploadKind,
        sha256: String,
        result: String,
        outcome: Outcome,
        transactionID: String,
        receivedAt: String,
        message: String,
        answeredAt: Date
    ) {
        self.key = key
        self.kind = kind
        self.sha256 = sha256
        self.result = result
        self.outcome = outcome
        self.transactionID = transactionID
        self.receivedAt = receivedAt
        self.message = message
        self.answeredAt = answeredAt
    }
}
