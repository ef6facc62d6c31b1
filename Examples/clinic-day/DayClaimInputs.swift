import ChipChart
import ChipChartClaims

/// The claims of a clinic day: the visits admitted that day (closed ones claimed, open ones
/// pending), then the insured stays admitted on an earlier day and sent home that day by the ward
/// round, each stay's patient and coverages read, audited, as it comes.
struct DayClaimInputs: AsyncSequence {
    typealias Element = ClaimInput

    /// The visits admitted that day.
    let admitted: StoredClaims
    /// The insured stays from earlier days discharged that day.
    let discharged: [Visit]

    func makeAsyncIterator() -> Iterator {
        Iterator(admitted: admitted.makeAsyncIterator(), discharged: discharged.makeIterator(), claims: admitted)
    }

    struct Iterator: AsyncIteratorProtocol {
        var admitted: StoredClaims.Iterator
        var discharged: IndexingIterator<[Visit]>
        let claims: StoredClaims

        /// The next claim input: the day's admissions first, then the stays.
        ///
        /// - Throws: what ``StoredClaims`` throws; ``StoreError`` `missingRecord` for a stay
        ///   whose patient is gone.
        mutating func next() async throws -> ClaimInput? {
            if let input = try await admitted.next() { return input }
            guard let stay = discharged.next() else { return nil }
            guard let patient = try await claims.store.patient(stay.patientID, for: claims.access) else {
                throw StoreError(.missingRecord, "a discharged stay's patient is missing")
            }
            let coverages = try await claims.store.coverages(ofPatient: patient.id, for: claims.access)
            return ClaimInput(patient: patient, visit: stay, coverages: coverages)
        }
    }
}
