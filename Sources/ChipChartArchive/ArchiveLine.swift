import ChipChart
import Foundation

/// One line of an archive after the header: exactly one record, or the trailer.
struct ArchiveLine: Codable {
    /// The last line: how many records came before it (in all and, from version 2, by kind)
    /// and the CRC-32 of every byte before it.
    struct Trailer: Codable {
        var records: Int
        var counts: ArchiveRecord.Counts?
        var crc32: String
    }

    var patient: Patient?
    var coverage: Coverage?
    var visit: Visit?
    var auditEvent: AuditEvent?
    var end: Trailer?

    /// The line holding one record.
    init(_ record: ArchiveRecord) {
        switch record {
        case .patient(let patient): self.patient = patient
        case .coverage(let coverage): self.coverage = coverage
        case .visit(let visit): self.visit = visit
        case .auditEvent(let event): self.auditEvent = event
        }
    }

    /// The trailer line.
    init(end: Trailer) { self.end = end }

    /// The record the line holds, if it holds exactly one.
    var record: ArchiveRecord? {
        switch (patient, coverage, visit, auditEvent) {
        case (let patient?, nil, nil, nil): .patient(patient)
        case (nil, let coverage?, nil, nil): .coverage(coverage)
        case (nil, nil, let visit?, nil): .visit(visit)
        case (nil, nil, nil, let event?): .auditEvent(event)
        default: nil
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Seconds since 1970 as a number: the bytes a closure writing `timeIntervalSince1970` wrote,
        // without a nested encoder per instant.
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
