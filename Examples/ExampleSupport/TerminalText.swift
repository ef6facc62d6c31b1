/// Text from records made safe for a terminal: no character that moves the cursor, changes the
/// colours, reverses the direction or hides itself reaches the screen raw.
///
/// Names and card texts are validated when they enter (``ChipChart/PersonName``), but a store
/// may hold records written by another program or an older version; what the examples print is
/// escaped again on the way out.
public enum TerminalText {
    /// `text` with every control (Cc) and format (Cf) character, and every other invisible one
    /// (Unicode's default-ignorable code points), written as a Swift escape: `\u{1B}`, `\u{202E}`.
    /// A line break is escaped too, so the text stays on its line.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON text with every control, format or invisible character that is not the JSON's own
    /// layout (a line break or an indenting space between tokens) written as a JSON escape
    /// (`\u202e`; a surrogate pair beyond the Basic Multilingual Plane). The JSON means the same
    /// to a parser; only the terminal sees a difference.
    public static func escapedJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" }) else { return json }
        var result = ""
        for scalar in json.unicodeScalars {
            guard isUnsafe(scalar), scalar != "\n" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            if scalar.value > 0xFFFF {
                let value = scalar.value - 0x10000
                result += jsonEscape(0xD800 + (value >> 10)) + jsonEscape(0xDC00 + (value & 0x3FF))
            } else {
                result += jsonEscape(scalar.value)
            }
        }
        return result
    }

    /// True for a character that must not reach a terminal raw.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    private static func jsonEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
