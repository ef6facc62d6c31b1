import ChipChart
import Foundation

/// Checks what a restore would check, as an archive's records stream by: no id twice, every
/// reference resolved inside the archive, the audit chain unbroken.
///
/// Memory stays bounded however large the archive: the ids of records and of what they point to
/// are not kept in sets but written out in sorted runs (``IDMentions``, 32 bytes an id on disk in
/// a temporary file, a buffer of `runLength` in memory), and checked once the archive is read, by
/// merging the runs: an id that a second record has, and a reference to an id no record has, are
/// found as neighbours in id order. The first problem in line order is reported, as a check in
/// one pass would have: the line of the second record with an id, the line of the record that
/// points nowhere (the last line for a merge or a replaced card, which may point forward).
struct ArchiveCheck {
    /// Why a reference must resolve, with the message when it does not.
    enum Reference: UInt8 {
        case coveragePatient = 1
        case visitPatient, visitCoverage, mergedInto, replacedCard

        var message: String {
            switch self {
            case .coveragePatient: "the coverage's patient is not in the archive"
            case .visitPatient: "the visit's patient is not in the archive"
            case .visitCoverage: "a coverage the visit applies is not in the archive"
            case .mergedInto: "a patient is merged into one that is not in the archive"
            case .replacedCard: "a coverage replaces or is replaced by one that is not in the archive"
            }
        }
    }

    /// How many ids are sorted in memory before a run is written out (16 MiB of them).
    static let defaultRunLength = 1 << 19

    private let mentions: IDMentions
    private var chain = AuditChainVerifier()
    /// The first broken link of the audit chain, at its line.
    private var brokenChain: ArchiveError?

    /// A check that sorts `runLength` ids in memory at a time.
    init(runLength: Int = defaultRunLength) {
        mentions = IDMentions(runLength: runLength)
    }

    /// Takes the next record, line `line` of the archive.
    ///
    /// - Throws: ``ArchiveError`` `fileError` when the temporary file of ids cannot be written.
    mutating func consume(_ record: ArchiveRecord, line: Int) throws(ArchiveError) {
        try consume(RecordLinks(record), line: line)
    }

    /// Takes the ids and references of the next record, line `line` of the archive.
    ///
    /// - Throws: ``ArchiveError`` `fileError` when the temporary file of ids cannot be written.
    mutating func consume(_ links: RecordLinks, line: Int) throws(ArchiveError) {
        switch links {
        case .patient(let id, let mergedInto):
            try has(.patient, id, line)
            if let mergedInto { try points(to: .patient, mergedInto, .mergedInto, IDMention.atEnd) }
        case .coverage(let id, let patientID, let replaces, let replacedBy):
            try points(to: .patient, patientID, .coveragePatient, line)
            try has(.coverage, id, line)
            for other in [replaces, replacedBy] {
                if let other { try points(to: .coverage, other, .replacedCard, IDMention.atEnd) }
            }
        case .visit(let id, let patientID, let coverageIDs):
            try points(to: .patient, patientID, .visitPatient, line)
            for coverageID in coverageIDs {
                try points(to: .coverage, coverageID, .visitCoverage, line)
            }
            try has(.visit, id, line)
        case .auditEvent(let event):
            guard brokenChain == nil else { return }
            chain.consume(event)
            if let broken = chain.result.firstBrokenLink {
                brokenChain = Self.corrupt(line, "the audit trail breaks at event \(broken.sequence): \(broken.reason)")
            }
        }
    }

    /// Checks the ids once every record has been taken; `line` is the archive's last line.
    ///
    /// - Throws: ``ArchiveError`` `corrupt` naming the first line that a restore would refuse.
    func finish(line: Int) throws(ArchiveError) {
        var first = brokenChain
        func note(_ at: Int, _ message: String) {
            let at = at == IDMention.atEnd ? line : at
            if let current = first?.line, current <= at { return }
            first = Self.corrupt(at, message)
        }
        var previous: IDMention?
        var records = 0
        try mentions.forEachSorted { mention in
            if !(previous?.sameID(as: mention) ?? false) { records = 0 }
            previous = mention
            if mention.role == 0 {
                records += 1
                if records == 2 { note(mention.line, "a \(mention.space) appears twice") }
            } else if records == 0, let reference = Reference(rawValue: mention.role) {
                note(mention.line, reference.message)
            }
        }
        if let first { throw first }
    }

    private func has(_ space: IDMention.Space, _ id: UUID, _ line: Int) throws(ArchiveError) {
        try mentions.add(IDMention(space, id, role: 0, line: line))
    }

    private func points(
        to space: IDMention.Space,
        _ id: UUID,
        _ reference: Reference,
        _ line: Int
    ) throws(ArchiveError) {
        try mentions.add(IDMention(space, id, role: reference.rawValue, line: line))
    }

    private static func corrupt(_ line: Int, _ message: String) -> ArchiveError {
        ArchiveError(code: .corrupt, line: line, message: message)
    }
}
