#if PostgreSQL
    import ChipChart
    import Foundation

    /// Sealed audit events as the JSON array of ``AuditEventRow`` objects that `jsonb_to_recordset`
    /// turns into rows of `audit_events`, written directly: every commit sends one, so it is not
    /// worth a `JSONEncoder` (the same rows, with `null` for an absent value).
    enum AuditRowsJSON {
        /// The array of the rows of `events`, in order.
        static func array(_ events: [AuditEvent]) -> String {
            var out = "["
            out.reserveCapacity(events.count * 480)
            for (index, event) in events.enumerated() {
                if index > 0 { out += "," }
                let content = AuditRowContent(event)
                out += "{\"sequence\":\(event.sequence),\"at_epoch_ms\":\(content.atEpochMs)"
                field("staff_name", content.staffName, into: &out)
                field("staff_personal_id", content.staffPersonalID, into: &out)
                field("staff_role", content.staffRole, into: &out)
                field("action", content.action, into: &out)
                field("record_kind", content.recordKind, into: &out)
                field("record_id", content.recordID?.uuidString, into: &out)
                field("patient_id", content.patientID?.uuidString, into: &out)
                field("purpose", content.purpose, into: &out)
                field("detail", content.detail, into: &out)
                field("previous_hash", event.previousHash, into: &out)
                field("hash", event.hash, into: &out)
                out += "}"
            }
            out += "]"
            return out
        }

        /// `,"name":value`, the value a JSON string or `null`.
        private static func field(_ name: String, _ value: String?, into out: inout String) {
            out += ",\"\(name)\":"
            guard let value else {
                out += "null"
                return
            }
            string(value, into: &out)
        }

        /// `text` as a JSON string: quotes, backslashes and control characters escaped.
        static func string(_ text: String, into out: inout String) {
            out += "\""
            var plain = text.unicodeScalars.startIndex
            let scalars = text.unicodeScalars
            for index in scalars.indices {
                let scalar = scalars[index]
                guard scalar == "\"" || scalar == "\\" || scalar.value < 0x20 else { continue }
                out.unicodeScalars += scalars[plain..<index]
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                plain = scalars.index(after: index)
            }
            out.unicodeScalars += scalars[plain...]
            out += "\""
        }
    }
#endif
