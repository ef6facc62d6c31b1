import Crypto
public import Foundation

/// What an upload carries: a check-in file (`loaiHoSo` 0) or a claims file (`loaiHoSo` 130).
public enum PortalUploadKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The check-in file, sent when the patient arrives (`loaiHoSo` 0).
    case checkIn = "0"
    /// The claims file of Decision 130/QĐ-BYT as amended by 4750/QĐ-BYT (`loaiHoSo` 130).
    case claims130 = "130"

    /// The `loaiHoSo` value sent.
    public var documentType: String { rawValue }

    /// The path the kind is posted to.
    public func path(in paths: PortalPaths) -> String {
        switch self {
        case .checkIn: paths.checkInUpload
        case .claims130: paths.claimUpload
        }
    }
}

/// A signed file to upload, exactly as written: its bytes are sent as they are (base64 of the
/// bytes, never re-serialised, which would break the signature), with the encounter it is
/// about (`MA_LK`) and its SHA-256, which the receipt keeps.
///
/// ```swift
/// let signed = Data("<GIAMDINHHS><MA_LK>01001.1</MA_LK></GIAMDINHHS>".utf8)
/// let file = PortalUploadFile(bytes: signed)
/// print(file.key)   // 01001.1
/// ```
public struct PortalUploadFile: Hashable, Sendable {
    /// The file's bytes, as written and signed.
    public let bytes: Data
    /// The encounter's key (`MA_LK`); empty when the file names none.
    public let key: String
    /// The SHA-256 of ``bytes``, lowercase hexadecimal.
    public let sha256: String

    /// A file; its key is read from the file when not given (``visitKey(in:)``).
    public init(bytes: Data, key: String? = nil) {
        self.bytes = bytes
        self.key = key ?? Self.visitKey(in: bytes) ?? ""
        self.sha256 = SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The first `MA_LK` of a file: in its text, or else inside a table carried base64-encoded
    /// in a `NOIDUNGFILE` element (as a claims file carries its tables). `nil` when none.
    public static func visitKey(in bytes: Data) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        if let key = element("MA_LK", in: text) { return key }
        var rest = Substring(text)
        while let start = rest.range(of: "<NOIDUNGFILE>"), let end = rest.range(of: "</NOIDUNGFILE>") {
            guard start.upperBound <= end.lowerBound else {
                rest = rest[end.upperBound...]
                continue
            }
            let content = rest[start.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
            if let table = Data(base64Encoded: String(content)),
                let key = element("MA_LK", in: String(decoding: table, as: UTF8.self))
            {
                return key
            }
            rest = rest[end.upperBound...]
        }
        return nil
    }

    private static func element(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"),
            let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
        else { return nil }
        let value = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
