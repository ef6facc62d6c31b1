public import ChipChartPortal
public import ChipChartSignatures
import ChipChartTesting
public import Foundation
import Synchronization

extension FakeInsurerPortal {
    /// A file the fake received, with what it answered.
    public struct ReceivedUpload: Hashable, Sendable {
        /// What was sent (`loaiHoSo`).
        public var kind: PortalUploadKind
        /// The file's bytes, decoded from `fileHSBase64`.
        public var bytes: Data
        /// The encounter's key (`MA_LK`) read from the file; empty when none.
        public var key: String
        /// The result code answered.
        public var result: String
        /// The transaction number answered (`maGiaoDich`); empty unless accepted.
        public var transactionID: String
    }

    /// How the fake answers a file for an encounter (`MA_LK`) it has already accepted. The
    /// published guide does not say; a facility corrects a file by sending it again within
    /// seven working days, so by default it is accepted again with a new transaction number.
    public enum DuplicateUploadRule: Hashable, Sendable {
        /// Accepted again, with a new `maGiaoDich`.
        case acceptAgain
        /// Refused with this result code and message.
        case refuse(code: String, message: String)
    }

    /// Certificate reasons that only a registered certificate would settle.
    static let certificateReasons: Set<SignatureError.Reason> = [
        .certificateExpired, .certificateNotYetValid, .keyUsageNotForSigning, .untrustedChain, .certificateRevoked,
    ]

    /// Checks uploaded files' certificates against `policy` (without it, any certificate whose
    /// signature verifies is taken, as if registered).
    public func trustSigningCertificates(_ policy: CertificatePolicy) {
        state.withLock { $0.signingTrust = policy }
    }

    /// Sets how a second file for an accepted encounter is answered.
    public func answerDuplicateUploads(_ rule: DuplicateUploadRule) {
        state.withLock { $0.duplicateRule = rule }
    }

    /// The next `count` uploaded files are read as if re-serialised after signing — a line break
    /// added after the first tag, as a tool that pretty-prints the file would — before their
    /// signature is checked (so a signed file gets 125).
    public func reformatNextUploads(_ count: Int) {
        state.withLock { $0.reformatUploads = count }
    }

    /// The files received, in order, with the answers given.
    public var uploads: [ReceivedUpload] { state.withLock { $0.uploads } }

    /// An upload: a form with `fileHSBase64`, its XMLDSig checked — 123 when unsigned, 125 when
    /// the signature does not verify or the signed content changed, else accepted with a fresh
    /// `maGiaoDich` (or a duplicate answered by the rule).
    func upload(_ request: PortalRequest, fields: [String: String], kind: PortalUploadKind) -> PortalHTTPResponse {
        guard request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true,
            fields["loaiHoSo"] == kind.documentType, fields["maCSKCB"]?.isEmpty == false,
            var bytes = fields["fileHSBase64"].flatMap({ Data(base64Encoded: $0.filter { !$0.isWhitespace }) })
        else {
            return Self.json(200, ["maKetQua": "205", "thongDiep": "a form with loaiHoSo, maCSKCB and fileHSBase64"])
        }
        let key = PortalUploadFile.visitKey(in: bytes) ?? ""
        let now = simulator.clock.now
        let (trust, rule, accepted, reformat) = state.withLock { state in
            defer { state.reformatUploads = max(0, state.reformatUploads - 1) }
            return (
                state.signingTrust, state.duplicateRule,
                state.uploads.contains { $0.key == key && !$0.transactionID.isEmpty }, state.reformatUploads > 0
            )
        }
        if reformat, let end = Self.endOfRootStartTag(in: bytes) { bytes.insert(UInt8(ascii: "\n"), at: end) }
        var (code, message) = Self.signatureVerdict(bytes, trust: trust, at: now)
        if code == "200", accepted, case .refuse(let refusal, let text) = rule { (code, message) = (refusal, text) }
        let transaction = code == "200" ? UUID().uuidString.lowercased() : ""
        state.withLock { state in
            state.uploads.append(
                ReceivedUpload(kind: kind, bytes: bytes, key: key, result: code, transactionID: transaction)
            )
        }
        return Self.json(
            200,
            [
                "maKetQua": code, "maGiaoDich": transaction, "thongDiep": message,
                "thoiGianTiepNhan": Self.stamp(now, format: "yyyyMMddHHmmss"),
            ]
        )
    }

    /// 200, 123 (no signature) or 125 (any other failure), with the reason.
    static func signatureVerdict(_ bytes: Data, trust: CertificatePolicy?, at time: Date) -> (String, String) {
        let verifier = SignatureVerifier(policy: trust ?? CertificatePolicy(trusted: []))
        do {
            _ = try verifier.verify(Array(bytes), at: time)
            return ("200", "received")
        } catch {
            if error.reason == .signatureMissing { return ("123", "the file is not signed") }
            if trust == nil, certificateReasons.contains(error.reason) { return ("200", "received") }
            return ("125", "the signature is not valid or the file changed after signing: \(error.message)")
        }
    }

    /// The offset just after the document element's start tag (past any declaration, comment
    /// or processing instruction).
    static func endOfRootStartTag(in bytes: Data) -> Int? {
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let next = bytes.index(after: open)
            if next < bytes.endIndex, bytes[next] != UInt8(ascii: "?"), bytes[next] != UInt8(ascii: "!") {
                return bytes.index(after: close)
            }
            index = bytes.index(after: close)
        }
        return nil
    }
}
