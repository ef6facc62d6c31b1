import Foundation

/// A JSON object from the portal, read leniently: names matched exactly and then in any case,
/// numbers and booleans read as text, `null` as absent.
struct PortalJSON: @unchecked Sendable {
    // The values are JSONSerialization's immutable Foundation objects.
    let object: [String: Any]

    init(object: [String: Any]) { self.object = object }

    /// The object in `data`, or `nil` when it is not a JSON object (an empty body included).
    init?(data: Data) {
        guard !data.isEmpty, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return nil
        }
        self.object = object
    }

    private func value(_ name: String) -> Any? {
        if let value = object[name] { return value }
        return object.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A field as text; `nil` when absent, null, or an object or array.
    subscript(_ name: String) -> String? {
        switch value(name) {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// A field as text, empty text counting as absent.
    func text(_ name: String) -> String? {
        guard let text = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    /// A nested object.
    func object(_ name: String) -> PortalJSON? {
        (value(name) as? [String: Any]).map(PortalJSON.init(object:))
    }

    /// A list of objects; empty when absent or null.
    func list(_ name: String) -> [PortalJSON] {
        (value(name) as? [Any] ?? []).compactMap { ($0 as? [String: Any]).map(PortalJSON.init(object:)) }
    }

    /// Every text, number and boolean field, as text.
    var scalarFields: [String: String] {
        var fields: [String: String] = [:]
        for key in object.keys { if let text = self[key] { fields[key] = text } }
        return fields
    }

    /// The result code (`maKetQua`), a number padded to three digits.
    var resultCode: String? {
        guard let code = text("maKetQua") else { return nil }
        guard code.count < 3, code.allSatisfy(\.isNumber) else { return code }
        return String(repeating: "0", count: 3 - code.count) + code
    }
}
