import ChipChart

/// The keyed record format of the SQLite store's `body` columns, version 2.
///
/// A body starts with a four-byte header — `C`, `R`, the major and the minor version — then one
/// tagged value, the record. Every value says what it is, so a reader can skip what it does not
/// know:
///
/// | tag | value |
/// |---|---|
/// | `0x00` | null |
/// | `0x01`, `0x02` | false, true |
/// | `0x03` | a signed integer, zigzag varint |
/// | `0x04` | an unsigned integer, varint |
/// | `0x05` | a double, 8 bytes little-endian |
/// | `0x06` | a string: varint byte count, UTF-8 |
/// | `0x07` | a UUID, 16 bytes |
/// | `0x08` | an object: its byte length (4 bytes little-endian), then each key (a varint byte count and UTF-8) with its value |
/// | `0x09` | an array: its byte length (4 bytes little-endian), then each value |
///
/// Objects and arrays carry their byte length, so a reader skips any value without walking it.
///
/// How the format evolves:
/// - **A new optional field** is simply absent from older bodies and decodes as `nil`.
/// - **A newer minor version** may hold fields this version does not know: they are kept in the
///   record's `unknownFields` and written back when the record is rewritten.
/// - **A renamed field** is declared in ``renamedFields``: old bodies are read under the new name.
/// - **A newer major version** is refused (`StoreError.Code.incompatibleStorage`).
///
/// Version 1 was positional (``BinaryRecordEncoder``): schema migration 3 rewrites every body of
/// a version-1 file in this format, once, in the migration's transaction.
enum RecordFormat {
    /// The first two bytes of every body.
    static let magic: [UInt8] = [0x43, 0x52]
    /// The major version this library writes and reads.
    static let major: UInt8 = 2
    /// The minor version this library writes; bodies of a later minor version are read too.
    static let minor: UInt8 = 0
    /// The header of a body this library writes.
    static let header: [UInt8] = magic + [major, minor]

    /// Fields renamed since they were first written, per record type: old name → new name.
    /// Entries are only ever added.
    static let renamedFields: [ObjectIdentifier: [String: String]] = [:]

    /// The value tags.
    enum Tag: UInt8 {
        case null = 0x00
        case falseValue = 0x01
        case trueValue = 0x02
        case signed = 0x03
        case unsigned = 0x04
        case double = 0x05
        case string = 0x06
        case uuid = 0x07
        case object = 0x08
        case array = 0x09
    }

    /// A body that cannot be read: cut short, an impossible value, or a newer major version.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
        /// True when the body was written in a newer major version of the format.
        let isNewerFormat: Bool

        init(_ description: String = "a stored record's bytes are malformed", isNewerFormat: Bool = false) {
            self.description = description
            self.isNewerFormat = isNewerFormat
        }
    }
}
