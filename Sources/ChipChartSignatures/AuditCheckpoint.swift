public import Foundation

/// A signed statement of where an audit trail ended: its last event's sequence and hash, when,
/// and by whose key.
///
/// The trail's hashes are plain SHA-256, so whoever holds a copy of the store can edit an event
/// and recompute every hash after it. A checkpoint cannot be recomputed without the facility's
/// key: a trail that no longer holds the checkpoint's hash at its sequence, or stops short of it,
/// was rewritten (``verifyTrail(of:policy:)``).
///
/// The signature (RSA-SHA256, by the signer's key) covers exactly the UTF-8 bytes of
/// ``signedBytes``:
///
/// ```text
/// chipchart-audit-checkpoint/1\n
/// <sequence, decimal>\n
/// <head hash, 64 lowercase hex digits>\n
/// <time, milliseconds since 1970, decimal>\n
/// <SHA-256 of the signing certificate's DER, 64 lowercase hex digits>\n
/// ```
///
/// (each `\n` one line feed, no other whitespace).
public struct AuditCheckpoint: Hashable, Sendable {
    /// The first line of the signed bytes, naming the format.
    public static let formatLine = "chipchart-audit-checkpoint/1"

    /// The sequence number of the trail's last event (0 for an empty trail).
    public let sequence: Int64
    /// The hash of that event (`AuditEvent.genesisHash` for an empty trail).
    public let headHash: String
    /// When the checkpoint was signed, to the millisecond.
    public let at: Date
    /// The signer's certificate chain, signing certificate first.
    public let certificateChain: [Certificate]
    /// The RSA-SHA256 signature of ``signedBytes``.
    public let signature: [UInt8]

    /// A checkpoint as stored; ``verify(policy:at:)`` checks it.
    ///
    /// - Throws: ``SignatureError`` `malformedCheckpoint` when the chain is empty or the hash is
    ///   not 64 lowercase hex digits.
    public init(
        sequence: Int64,
        headHash: String,
        at: Date,
        certificateChain: [Certificate],
        signature: [UInt8]
    ) throws(SignatureError) {
        guard sequence >= 0 else {
            throw SignatureError(.malformedCheckpoint, "sequence: \(sequence) is negative")
        }
        guard headHash.count == 64, headHash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw SignatureError(.malformedCheckpoint, "headHash: not 64 lowercase hex digits")
        }
        guard !certificateChain.isEmpty else {
            throw SignatureError(.malformedCheckpoint, "certificateChain: no signing certificate")
        }
        self.sequence = sequence
        self.headHash = headHash
        self.at = Date(timeIntervalSince1970: Double(Self.milliseconds(at)) / 1000)
        self.certificateChain = certificateChain
        self.signature = signature
    }

    /// The signing certificate.
    public var signer: Certificate { certificateChain[0] }

    /// The milliseconds since 1970 of ``at``: the value that is signed and stored.
    public var epochMilliseconds: Int64 { Self.milliseconds(at) }

    /// The exact bytes the signature covers (see the type's description).
    public var signedBytes: [UInt8] {
        Self.signedBytes(sequence: sequence, headHash: headHash, at: at, signer: signer)
    }

    /// The bytes a checkpoint with these values signs.
    static func signedBytes(sequence: Int64, headHash: String, at: Date, signer: Certificate) -> [UInt8] {
        let certificateHash = OpenSSLSupport.sha256(signer.der).map { String(format: "%02x", $0) }.joined()
        let lines = [formatLine, String(sequence), headHash, String(milliseconds(at)), certificateHash]
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Checks the signature and the signer's certificate chain.
    ///
    /// The chain is checked at `time`, by default the checkpoint's own time: a checkpoint signed
    /// while its certificate was valid stays valid after the certificate expires.
    ///
    /// - Throws: ``SignatureError`` `signatureInvalid` when the signature does not verify with
    ///   the signing certificate, then the certificate policy's reasons (`untrustedChain` for a
    ///   checkpoint signed by a key the trust store does not know).
    public func verify(policy: CertificatePolicy, at time: Date? = nil) throws(SignatureError) {
        guard try SignatureVerifier.verifiesSHA256(signature, over: signedBytes, with: signer) else {
            throw SignatureError(
                .signatureInvalid,
                "the checkpoint at event \(sequence) does not verify with \(signer.subjectName)"
            )
        }
        try policy.check(certificateChain, at: time ?? at)
    }
}
