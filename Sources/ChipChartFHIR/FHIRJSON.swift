public import Foundation

/// A JSON value written deterministically: object keys sorted, no binary floating point (decimals
/// are written exactly as recorded), so the same record always gives the same bytes (stable
/// golden files, stable signatures).
///
/// ```swift
/// let value: FHIRJSON = .object(["resourceType": "Patient", "active": true])
/// print(value.text())   // "{\n  \"active\" : true,\n  \"resourceType\" : \"Patient\"\n}\n"
/// ```
public indirect enum FHIRJSON: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A decimal number, written exactly (`39.2`, `61.5`), as FHIR's `decimal` is.
    case decimal(Decimal)
    /// `true` or `false`.
    case bool(Bool)
    /// An array, in order.
    case array([FHIRJSON])
    /// An object; written with its keys sorted.
    case object([String: FHIRJSON])

    /// A string from a literal.
    public init(stringLiteral value: String) { self = .string(value) }

    /// A boolean from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The member of an object, or `nil`.
    public subscript(key: String) -> FHIRJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The elements of an array (empty for anything else).
    public var elements: [FHIRJSON] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The text of a string (`nil` for anything else).
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The JSON text with sorted keys: indented by two spaces and ending in a newline when
    /// `pretty`, else on one line.
    public func text(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? "" : nil)
        if pretty { out += "\n" }
        return out
    }

    private func write(to out: inout String, indent: String?) {
        switch self {
        case .string(let text): Self.quote(text, to: &out)
        case .integer(let number): out += String(number)
        case .decimal(let number): out += number.description
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let elements):
            Self.writeContainer("[", "]", elements, to: &out, indent: indent) { element, out, inner in
                element.write(to: &out, indent: inner)
            }
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            Self.writeContainer("{", "}", sorted, to: &out, indent: indent) { member, out, inner in
                Self.quote(member.key, to: &out)
                out += indent == nil ? ":" : " : "
                member.value.write(to: &out, indent: inner)
            }
        }
    }

    /// Writes an array's elements or an object's members between `open` and `close`: comma
    /// separated, each on a line of its own one level deeper when indenting.
    private static func writeContainer<Element>(
        _ open: String,
        _ close: String,
        _ elements: [Element],
        to out: inout String,
        indent: String?,
        element write: (Element, inout String, String?) -> Void
    ) {
        guard !elements.isEmpty else {
            out += open + close
            return
        }
        let inner = indent.map { $0 + "  " }
        out += open
        for (index, element) in elements.enumerated() {
            out += index == 0 ? "" : ","
            if let inner { out += "\n" + inner }
            write(element, &out, inner)
        }
        if let indent { out += "\n" + indent }
        out += close
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
