import ChipChart

/// Reads a record from its JSON object directly when the object is as an archive line holds it
/// (``RecordJSONWriter``; members in any order, no spaces, no escapes, instants as seconds
/// since 1970), as an archive's reader reads its lines: the record read is the record
/// `JSONDecoder` (instants as seconds since 1970) reads from the same object, and `nil` leaves
/// the object to `JSONDecoder`. For a store that keeps records as JSON documents and lists them
/// without a `JSONDecoder` per record.
public struct RecordJSONReader {
    private let memo = RecordLineMemo()
    private var line: [UInt8] = []

    /// A reader that has read nothing yet.
    public init() {}

    /// The patient, coverage or visit whose object is `object`, or `nil` when the object is not
    /// one as written (or `Record` is another type).
    public mutating func record<Record>(_ type: Record.Type, from object: [UInt8]) -> Record? {
        let name: String
        if type == Patient.self {
            name = "patient"
        } else if type == Coverage.self {
            name = "coverage"
        } else if type == Visit.self {
            name = "visit"
        } else {
            return nil
        }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: #"{""#.utf8)
        line.append(contentsOf: name.utf8)
        line.append(contentsOf: #"":"#.utf8)
        line.append(contentsOf: object)
        line.append(UInt8(ascii: "}"))
        let memo = self.memo
        return switch line.withUnsafeBytes({ RecordLine.read($0, memo: memo) }) {
        case .patient(let patient): patient as? Record
        case .coverage(let coverage): coverage as? Record
        case .visit(let visit): visit as? Record
        case .auditEvent, nil: nil
        }
    }
}
