public import Foundation

/// One HTTP request to the insurer's portal, exactly as it goes on the wire: method, path,
/// query, headers and body bytes.
///
/// The calls of ``HTTPInsurancePortal`` are built as values of this type (``PortalRequests``),
/// so what is sent can be checked byte for byte without a network.
public struct PortalRequest: Hashable, Sendable {
    /// A name and a value, in order (query items, form fields, headers).
    public struct Field: Hashable, Sendable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `POST` or `GET`.
    public var method: String
    /// The path after the base URL, such as `/api/token/take`.
    public var path: String
    /// The query items, in order (percent-encoded when sent).
    public var query: [Field]
    /// The headers, in order.
    public var headers: [Field]
    /// The body.
    public var body: Data
    /// Whether sending the request twice does no harm (a login or a lookup): only such a
    /// request is retried.
    public var isSafeToRepeat: Bool

    /// Creates a request.
    public init(
        method: String = "POST",
        path: String,
        query: [Field] = [],
        headers: [Field] = [],
        body: Data = Data(),
        isSafeToRepeat: Bool
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isSafeToRepeat = isSafeToRepeat
    }

    /// The path and the encoded query: `/api/egw/X?token=…&id_token=…`.
    public var target: String {
        query.isEmpty ? path : path + "?" + FormEncoding.encode(query)
    }

    /// The full URL under `baseURL` (a trailing `/` of the base is dropped).
    public func url(under baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + target
    }

    /// The value of the first header named `name` (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// `application/x-www-form-urlencoded`, as the portal reads it: UTF-8, every byte but the
/// unreserved `A–Z a–z 0–9 - . _ ~` percent-encoded with uppercase hex (a space is `%20`);
/// reading also takes `+` for a space.
public enum FormEncoding {
    /// `name=value&name=value`.
    public static func encode(_ fields: [PortalRequest.Field]) -> String {
        fields.map { escape($0.name) + "=" + escape($0.value) }.joined(separator: "&")
    }

    /// One name or value, percent-encoded.
    public static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }

    /// The fields of an encoded form or query, in order; a malformed escape is kept as it came.
    public static func decode(_ text: String) -> [PortalRequest.Field] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return PortalRequest.Field(unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }

    /// One name or value, decoded.
    public static func unescape(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
