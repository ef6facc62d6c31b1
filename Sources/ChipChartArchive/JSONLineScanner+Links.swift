import ChipChart
import Foundation

/// The links of a record (``RecordLinks``) read from a line of this library's own writer,
/// without building the record: the export's check of the file it has just written, from records
/// the store checked on the way in, reads the ids it must resolve and leaves every other value
/// as it was written. The checksum covers every byte, so a line changed on its way to the disk
/// is still found. A file of any other origin (``ArchiveReader/verify(_:)``, a restore) is read
/// whole, each value checked.
extension JSONLineScanner {
    /// The links of the record on the line, or `nil` when the line is not one as written (the
    /// trailer, or a line this reader does not expect): the caller then reads it whole.
    static func links(_ line: UnsafeRawBufferPointer, memo: RecordLineMemo?) -> RecordLinks? {
        var reader = JSONLineScanner(line, memo: memo)
        let links: RecordLinks?
        if reader.skip("{\"auditEvent\":") {
            links = reader.auditEvent().map(RecordLinks.auditEvent)
        } else if reader.skip("{\"patient\":") {
            links = reader.patientLinks()
        } else if reader.skip("{\"coverage\":") {
            links = reader.coverageLinks()
        } else if reader.skip("{\"visit\":") {
            links = reader.visitLinks()
        } else {
            return nil
        }
        guard let links, reader.skip("}"), reader.atEnd else { return nil }
        return links
    }

    private mutating func patientLinks() -> RecordLinks? {
        var id: UUID?
        var mergedInto: UUID?
        let complete = members { reader, key in
            switch key {
            case "id": reader.fill(&id) { $0.uuid() }
            case "mergedInto": reader.fill(&mergedInto) { $0.uuid() }
            default: reader.skipValue()
            }
        }
        guard complete, let id else { return nil }
        return .patient(id: id, mergedInto: mergedInto)
    }

    private mutating func coverageLinks() -> RecordLinks? {
        var ids: [String: UUID] = [:]
        let complete = members { reader, key in
            switch key {
            case "id", "patientID", "replaces", "replacedBy": reader.fill(&ids[key]) { $0.uuid() }
            default: reader.skipValue()
            }
        }
        guard complete, let id = ids["id"], let patientID = ids["patientID"] else { return nil }
        return .coverage(id: id, patientID: patientID, replaces: ids["replaces"], replacedBy: ids["replacedBy"])
    }

    private mutating func visitLinks() -> RecordLinks? {
        var id: UUID?
        var patientID: UUID?
        var coverageIDs: [UUID]?
        let complete = members { reader, key in
            switch key {
            case "id": reader.fill(&id) { $0.uuid() }
            case "patientID": reader.fill(&patientID) { $0.uuid() }
            case "appliedCoverages": reader.fill(&coverageIDs) { $0.array { $0.appliedCoverageID() } }
            default: reader.skipValue()
            }
        }
        guard complete, let id, let patientID, let coverageIDs else { return nil }
        return .visit(id: id, patientID: patientID, coverageIDs: coverageIDs)
    }

    private mutating func appliedCoverageID() -> UUID? {
        var id: UUID?
        let complete = members { reader, key in
            key == "coverageID" ? reader.fill(&id) { $0.uuid() } : reader.skipValue()
        }
        return complete ? id : nil
    }

    /// Moves past one value of any kind, strings with escapes included; false when the line
    /// ends first or nothing is there.
    mutating func skipValue() -> Bool {
        var depth = 0
        var inString = false
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    position += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 {
                        position += 1
                        return true
                    }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                    if depth == 0 { return position > start }
                    if byte != UInt8(ascii: ",") {
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    }
                default: break
                }
            }
            position += 1
        }
        return depth == 0 && !inString && position > start
    }
}
