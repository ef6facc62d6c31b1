/// The character rules shared by names, numbers and the free text of a card.
///
/// A card never holds a control character (Unicode category Cc: line breaks, tabs, terminal
/// escapes) or a format character (Cf: zero-width spaces and joiners, the byte-order mark,
/// bidirectional marks, embeddings, overrides and isolates). Text that holds one is rejected, not
/// cleaned: a damaged or forged reading must not become a record that displays differently from
/// what it stores.
package enum TextCheck {
    /// True for a character no stored text may hold: a control (Cc), a format character (Cf), a
    /// private-use or surrogate code point, or a code point that renders as nothing at all
    /// (Unicode's default-ignorable code points, such as U+3164 HANGUL FILLER).
    package static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Rejects free text from a card (an address, a DG13 text) holding a forbidden character.
    ///
    /// - Throws: ``ValidationError`` (`invalidCharacter`) naming `field` and the character's code
    ///   point, never the text.
    package static func checkFreeText(_ text: String, field: String) throws(ValidationError) {
        guard let scalar = text.unicodeScalars.first(where: isForbidden) else { return }
        throw ValidationError.invalidCharacter(field, "the text holds \(describe(scalar)), which no card prints")
    }

    /// `the control character U+001B` and the like, for a message.
    package static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.properties.generalCategory {
        case .control: return "the control character \(code)"
        case .format: return "the invisible format character \(code)"
        default: return "the invisible character \(code)"
        }
    }

    /// Rejects a number that is not all ASCII digits, saying what is wrong: a digit of another
    /// script (fullwidth, Arabic-Indic …) or another character.
    ///
    /// - Throws: ``ValidationError`` (`invalidCharacter`) naming `field`; the message starts
    ///   with `what` (`a personal ID`) and never repeats the number.
    package static func checkASCIIDigits(_ text: String, field: String, what: String) throws(ValidationError) {
        guard !text.isASCIIDigits else { return }
        throw ValidationError.invalidCharacter(
            field,
            "\(what) has only the ASCII digits 0–9; " + offending(in: text, allowing: { _ in false })
        )
    }

    /// Rejects a code or number whose length is not one of `lengths`.
    ///
    /// - Throws: ``ValidationError`` (`wrongLength`) naming `field`, with the message `wrongLength`
    ///   makes from the length found.
    package static func checkLength(
        _ text: String,
        _ lengths: ClosedRange<Int>,
        field: String,
        wrongLength: (Int) -> String
    ) throws(ValidationError) {
        guard !lengths.contains(text.count) else { return }
        throw ValidationError.wrongLength(field, wrongLength(text.count))
    }

    /// Rejects a code that is not all ASCII uppercase letters and digits, saying what is wrong.
    ///
    /// - Throws: ``ValidationError`` (`invalidCharacter`) naming `field`; the message starts
    ///   with `what` (`a facility code`).
    package static func checkASCIILettersAndDigits(
        _ text: String,
        field: String,
        what: String
    ) throws(ValidationError) {
        let isUppercaseLetter: (Unicode.Scalar) -> Bool = { $0.value >= 0x41 && $0.value <= 0x5A }
        guard text.unicodeScalars.allSatisfy({ ($0.value >= 0x30 && $0.value <= 0x39) || isUppercaseLetter($0) })
        else {
            throw ValidationError.invalidCharacter(
                field,
                "\(what) has only the ASCII letters A–Z and digits 0–9; "
                    + offending(in: text, allowing: isUppercaseLetter)
            )
        }
    }

    /// Rejects a date typed in digits of another script (fullwidth, Arabic-Indic …), naming
    /// them, before its shape is checked.
    ///
    /// - Throws: ``ValidationError`` (`invalidCharacter`) naming `field`.
    package static func checkNoForeignDigits(_ text: String, field: String) throws(ValidationError) {
        let isForeignDigit: (Unicode.Scalar) -> Bool = {
            $0.properties.numericType == .decimal && !($0.value >= 0x30 && $0.value <= 0x39)
        }
        guard text.unicodeScalars.contains(where: isForeignDigit) else { return }
        throw ValidationError.invalidCharacter(
            field,
            "a date has only the ASCII digits 0–9; "
                + "it holds a digit of another script (such as fullwidth or Arabic-Indic digits)"
        )
    }

    /// What is wrong with the first character that is not an ASCII digit nor `allowing`.
    package static func offending(in text: String, allowing: (Unicode.Scalar) -> Bool) -> String {
        let isASCIIDigit: (Unicode.Scalar) -> Bool = { $0.value >= 0x30 && $0.value <= 0x39 }
        guard let scalar = text.unicodeScalars.first(where: { !isASCIIDigit($0) && !allowing($0) }) else {
            return "it holds another character"
        }
        if scalar.properties.numericType == .decimal {
            return "it holds a digit of another script (such as fullwidth or Arabic-Indic digits)"
        }
        if isForbidden(scalar) { return "it holds \(describe(scalar))" }
        return "it holds another character"
    }
}
