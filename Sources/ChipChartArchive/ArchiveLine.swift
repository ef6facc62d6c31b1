import ChipChart
import Foundation

/// One line of an archive after the header: exactly one record, or the trailer.
struct ArchiveLine: Codable {
    /// The last line: how many records came before it and the CRC-32 of every byte before it.
    struct Trailer: Codable {
        var records: Int
        var crc32: String
    }

    var patient: Patient?
    var coverage: Coverage?
    var visit: Visit?
    var auditEvent: AuditEvent?
    var end: Trailer?

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return decoder
    }
}
