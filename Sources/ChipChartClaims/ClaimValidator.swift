public import ChipChart

/// A rule of `Schemas/claims/` that a claims document breaks: which table, row and field, and why.
public struct ClaimViolation: Hashable, Sendable, CustomStringConvertible {
    /// The table's file type (`XML1`).
    public var table: String
    /// The row, from 1.
    public var row: Int
    /// The element name (`HO_TEN`).
    public var field: String
    /// Why: `missing`, `wrongLength`, `invalidFormat`, `invalidCharacter`, or `unknownCode` for
    /// an element the table does not define (or one out of order).
    public var reason: ValidationError.Reason
    /// A sentence for a person; it never repeats the field's text.
    public var message: String

    /// Creates a violation.
    public init(table: String, row: Int, field: String, reason: ValidationError.Reason, message: String) {
        self.table = table
        self.row = row
        self.field = field
        self.reason = reason
        self.message = message
    }

    /// `XML1 row 1 HO_TEN: message (reason)`.
    public var description: String { "\(table) row \(row) \(field): \(message) (\(reason))" }
}

/// Checks claims documents against the field tables of `Schemas/claims/`.
///
/// Every row must hold exactly the table's elements in the standard's order; a required field
/// must not be empty; no text may be longer than its maximum length (counted in characters); and
/// each non-empty text must have its kind's shape (see ``ClaimField/Kind``). Values joined by `;`
/// (cards across a replacement) are checked part by part for dates.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// for violation in ClaimValidator.violations(in: claim.summary) {
///     logger.warning("\(violation)")   // "XML1 row 1 MA_BENH_CHINH: required but empty (missing)"
/// }
/// ```
public enum ClaimValidator {
    /// Every violation in a document, in row and field order.
    public static func violations(in document: ClaimDocument) -> [ClaimViolation] {
        var found: [ClaimViolation] = []
        let table = document.table
        for (index, row) in document.rows.enumerated() {
            let number = index + 1
            let report = { (field: String, reason: ValidationError.Reason, message: String) in
                found.append(
                    ClaimViolation(table: table.fileType, row: number, field: field, reason: reason, message: message)
                )
            }
            // A row holding exactly the table's elements in order (as the builder makes them)
            // breaks no rule of presence or order: only each value's rules remain to check.
            if row.values.count == table.fields.count,
                zip(row.values, table.fields).allSatisfy({ $0.name == $1.name })
            {
                for (value, field) in zip(row.values, table.fields) {
                    if let problem = check(value.text, against: field) { report(value.name, problem.0, problem.1) }
                }
                continue
            }
            let names = Set(row.values.map(\.name))
            for field in table.fields where !names.contains(field.name) {
                report(field.name, .missing, "the element is absent")
            }
            var lastPosition = -1
            for value in row.values {
                guard let position = table.position(of: value.name) else {
                    report(value.name, .unknownCode, "\(table.fileType) has no such element")
                    continue
                }
                if position <= lastPosition {
                    report(value.name, .inconsistent, "the element is out of the standard's order or repeated")
                }
                lastPosition = max(lastPosition, position)
                if let problem = check(value.text, against: table.fields[position]) {
                    report(value.name, problem.0, problem.1)
                }
            }
        }
        return found
    }

    /// The first rule a value breaks, or `nil` when it meets the field's rules.
    public static func check(_ text: String, against field: ClaimField) -> (ValidationError.Reason, String)? {
        if text.isEmpty {
            return field.isRequired ? (.missing, "required but empty") : nil
        }
        // A character takes at least one UTF-8 byte: count characters only when the bytes exceed the limit.
        if let limit = field.maxLength, text.utf8.count > limit, text.count > limit {
            return (.wrongLength, "\(text.count) characters, at most \(limit)")
        }
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF }),
            text.unicodeScalars.contains(where: { !ClaimXML.isAllowed($0) })
        {
            return (.invalidCharacter, "holds a character XML cannot carry")
        }
        return hasShape(text, field.kind) ? nil : (.invalidFormat, "not a valid \(field.kind)")
    }

    /// True when non-empty text has a kind's shape; one pass over its UTF-8 bytes.
    private static func hasShape(_ text: String, _ kind: ClaimField.Kind) -> Bool {
        let bytes = text.utf8
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        switch kind {
        case .string: return true
        case .integer: return !bytes.isEmpty && bytes.allSatisfy(isDigit)
        case .dateTime, .birthDate: return bytes.count == 12 && bytes.allSatisfy(isDigit)
        case .date:
            // Dates joined by `;`: each part empty or eight digits.
            var run = 0
            for byte in bytes {
                if byte == UInt8(ascii: ";") {
                    guard run == 0 || run == 8 else { return false }
                    run = 0
                } else {
                    guard isDigit(byte) else { return false }
                    run += 1
                }
            }
            return run == 0 || run == 8
        case .money, .decimal:
            // Digits, then optionally one `.` and digits (exactly two for money).
            var whole = 0
            var fraction = 0
            var dots = 0
            for byte in bytes {
                if byte == UInt8(ascii: ".") {
                    dots += 1
                    guard dots == 1 else { return false }
                } else {
                    guard isDigit(byte) else { return false }
                    if dots == 0 { whole += 1 } else { fraction += 1 }
                }
            }
            guard whole > 0 else { return false }
            if dots == 0 { return kind == .decimal }
            return fraction > 0 && (kind == .decimal || fraction == 2)
        default: return true
        }
    }
}
