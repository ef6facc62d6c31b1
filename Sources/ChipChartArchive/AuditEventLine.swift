import ChipChart
import Foundation

/// Reads an audit event's line directly when it is exactly as ``JSONLineWriter`` writes it (no
/// whitespace, no escapes, the fields it writes and no other), and otherwise leaves the line to
/// `JSONDecoder`, which decides: an event read here is the event `JSONDecoder` reads from the same
/// line (a test compares the two on sound and damaged lines). Half the lines of an archive are
/// audit events.
struct AuditEventLine {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The event on the line, or `nil` when the line is not an audit event as written.
    static func read(_ line: UnsafeRawBufferPointer) -> AuditEvent? {
        var reader = AuditEventLine(line)
        guard reader.skip("{\"auditEvent\":"), let event = reader.event(), reader.skip("}"),
            reader.position == line.count
        else { return nil }
        return event
    }

    private mutating func event() -> AuditEvent? {
        var action: String?
        var at: Double?
        var detail: String?
        var hash: String?
        var patientID: UUID?
        var previousHash: String?
        var purpose: String?
        var recordID: UUID?
        var recordKind: AuditEvent.RecordKind?
        var sequence: Int64?
        var staff: Staff?
        let complete = members { reader, key in
            switch key {
            case "action" where action == nil: action = reader.string()
            case "at" where at == nil: at = reader.number()
            case "detail" where detail == nil: detail = reader.string()
            case "hash" where hash == nil: hash = reader.string()
            case "patientID" where patientID == nil: patientID = reader.string().flatMap(UUID.init(uuidString:))
            case "previousHash" where previousHash == nil: previousHash = reader.string()
            case "purpose" where purpose == nil: purpose = reader.string()
            case "recordID" where recordID == nil: recordID = reader.string().flatMap(UUID.init(uuidString:))
            case "recordKind" where recordKind == nil:
                recordKind = reader.string().flatMap(AuditEvent.RecordKind.init(rawValue:))
            case "sequence" where sequence == nil: sequence = reader.integer()
            case "staff" where staff == nil: staff = reader.staff()
            default: return false
            }
            // Taken only when its value was read: a value that is not one leaves the line to JSONDecoder.
            switch key {
            case "action": return action != nil
            case "at": return at != nil
            case "detail": return detail != nil
            case "hash": return hash != nil
            case "patientID": return patientID != nil
            case "previousHash": return previousHash != nil
            case "purpose": return purpose != nil
            case "recordID": return recordID != nil
            case "recordKind": return recordKind != nil
            case "sequence": return sequence != nil
            default: return staff != nil
            }
        }
        guard complete, let action, let at, let hash, let previousHash, let purpose, let sequence, let staff
        else { return nil }
        return AuditEvent(
            sequence: sequence,
            at: Date(timeIntervalSince1970: at),
            staff: staff,
            action: AuditEvent.Action(rawValue: action),
            recordKind: recordKind,
            recordID: recordID,
            patientID: patientID.map(PatientID.init),
            purpose: purpose,
            detail: detail,
            previousHash: previousHash,
            hash: hash
        )
    }

    private mutating func staff() -> Staff? {
        var name: PersonName?
        var personalID: PersonalID?
        var role: String?
        let complete = members { reader, key in
            switch key {
            // `PersonName(_:)` accepts a subset of what `JSONDecoder` accepts, and makes the same text.
            case "name" where name == nil: name = reader.string().flatMap { try? PersonName($0) }
            case "personalID" where personalID == nil:
                personalID = reader.string().flatMap { try? PersonalID(storedText: $0) }
            case "role" where role == nil: role = reader.string()
            default: return false
            }
            switch key {
            case "name": return name != nil
            case "personalID": return personalID != nil
            default: return role != nil
            }
        }
        guard complete, let name, let personalID, let role else { return nil }
        return Staff(name: name, personalID: personalID, role: Staff.Role(rawValue: role))
    }

    /// Reads an object's members, each by `member` (false for a key it does not take); true when
    /// every member was taken and the object ended. A member whose value cannot be read leaves
    /// the reader where it stopped, and the line then fails to end where it should.
    private mutating func members(_ member: (inout AuditEventLine, String) -> Bool) -> Bool {
        guard skip("{") else { return false }
        if skip("}") { return true }
        repeat {
            guard let key = string(), skip(":"), member(&self, key) else { return false }
        } while skip(",")
        return skip("}")
    }

    /// Moves past `text` when the line continues with it.
    private mutating func skip(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != text.utf8Start[index] { return false }
        position += count
        return true
    }

    /// A string without escapes or control characters, valid UTF-8.
    private mutating func string() -> String? {
        guard skip("\"") else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// The bytes of a number: a minus, digits, a fraction; no exponent.
    private mutating func numberText(fraction: Bool) -> Substring? {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digits = position
        while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
        guard position > digits, bytes[digits] != 48 || position == digits + 1 else { return nil }
        if fraction, position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let decimals = position
            while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
            guard position > decimals else { return nil }
        }
        return Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    private mutating func number() -> Double? { numberText(fraction: true).flatMap { Double($0) } }

    private mutating func integer() -> Int64? { numberText(fraction: false).flatMap { Int64($0) } }
}
