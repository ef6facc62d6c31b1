import ChipChart
import Foundation

/// Checks what a restore would check, as an archive's records stream by: no id twice, every
/// reference resolved inside the archive, the audit chain unbroken.
///
/// Keeps the id of every patient, coverage and visit (16 bytes each, and a set's overhead), to
/// find one listed twice and references that point nowhere: memory grows with the archive, about
/// 60 MB for 200,000 patients with a coverage and a visit each.
struct ArchiveCheck {
    private var patients: Set<PatientID> = []
    private var coverages: Set<CoverageID> = []
    private var visits: Set<VisitID> = []
    private var mergedInto: [PatientID] = []
    private var laterCoverages: [CoverageID] = []
    private var chain = AuditChainVerifier()

    /// Checks the next record, line `line` of the archive.
    ///
    /// - Throws: ``ArchiveError`` `corrupt` naming the line and what is wrong.
    mutating func consume(_ record: ArchiveRecord, line: Int) throws(ArchiveError) {
        switch record {
        case .patient(let patient):
            guard patients.insert(patient.id).inserted else { throw Self.corrupt(line, "a patient appears twice") }
            if let target = patient.mergedInto { mergedInto.append(target) }
        case .coverage(let coverage):
            guard patients.contains(coverage.patientID) else {
                throw Self.corrupt(line, "the coverage's patient is not in the archive")
            }
            guard coverages.insert(coverage.id).inserted else { throw Self.corrupt(line, "a coverage appears twice") }
            laterCoverages += [coverage.replaces, coverage.replacedBy].compactMap { $0 }
        case .visit(let visit):
            guard patients.contains(visit.patientID) else {
                throw Self.corrupt(line, "the visit's patient is not in the archive")
            }
            guard visit.appliedCoverages.allSatisfy({ coverages.contains($0.coverageID) }) else {
                throw Self.corrupt(line, "a coverage the visit applies is not in the archive")
            }
            guard visits.insert(visit.id).inserted else { throw Self.corrupt(line, "a visit appears twice") }
        case .auditEvent(let event):
            chain.consume(event)
            if let broken = chain.result.firstBrokenLink {
                throw Self.corrupt(line, "the audit trail breaks at event \(broken.sequence): \(broken.reason)")
            }
        }
    }

    /// Checks the references that may point forward (a merge, a replaced card) once every
    /// record has been seen.
    func finish(line: Int) throws(ArchiveError) {
        guard mergedInto.allSatisfy(patients.contains) else {
            throw Self.corrupt(line, "a patient is merged into one that is not in the archive")
        }
        guard laterCoverages.allSatisfy(coverages.contains) else {
            throw Self.corrupt(line, "a coverage replaces or is replaced by one that is not in the archive")
        }
    }

    private static func corrupt(_ line: Int, _ message: String) -> ArchiveError {
        ArchiveError(code: .corrupt, line: line, message: message)
    }
}
