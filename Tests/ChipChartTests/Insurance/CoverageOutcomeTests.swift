import ChipChart
import Testing

@Suite("Every portal result code has its typed outcome")
struct CoverageOutcomeTests {
    static let table: [(String, CoverageOutcome)] = [
        ("000", .confirmed),
        ("001", .checkPapers(.defence)),
        ("002", .checkPapers(.publicSecurity)),
        ("003", .replaced(oldStillValid: false)),
        ("004", .replaced(oldStillValid: true)),
        ("010", .expired),
        ("050", .noCard),
        ("051", .cardNumberRejected(.wrongCardCode)),
        ("052", .cardNumberRejected(.wrongProvince)),
        ("053", .cardNumberRejected(.wrongBenefitLevel)),
        ("054", .facilityError(.staffNotRegistered)),
        ("055", .facilityError(.staffNameMismatch)),
        ("060", .identityMismatch(.name)),
        ("061", .identityMismatch(.nameFirstLetterRight)),
        ("070", .identityMismatch(.dateOfBirth)),
        ("100", .insurerError(.registryError)),
        ("101", .insurerError(.serverError)),
        ("110", .revoked),
        ("120", .ended(.endedMovedProvince)),
        ("121", .ended(.endedMovedWithinProvince)),
        ("122", .ended(.endedReenrolled)),
        ("123", .ended(.endedReported)),
        ("124", .ended(.endedStopped)),
        ("130", .childWithoutCard),
        ("205", .facilityError(.parameterFormatError)),
        ("401", .facilityError(.authenticationError)),
        ("999", .unknownResult(PortalResultCode("999"))),
    ]

    @Test(arguments: table)
    func mapping(_ raw: String, _ expected: CoverageOutcome) {
        let outcome = CoverageOutcome(PortalResultCode(raw))
        #expect(outcome == expected)
        #expect(outcome.resultCode?.rawValue == raw)
        #expect(!outcome.summary.isEmpty)
        // Exactly one of: insured, the patient's problem, or a check to repeat.
        let kinds = [outcome.isInsured, outcome.isPatientProblem, outcome.needsReverification].filter { $0 }
        #expect(kinds.count == 1)
    }

    @Test("The table covers every result code of the insurer's card lookup")
    func coversKnownCodes() {
        let mapped = Set(Self.table.map { PortalResultCode($0.0) })
        #expect(Set(PortalResultCode.known.keys).isSubset(of: mapped))
    }

    @Test("An unreachable portal is a check to repeat, not the patient's problem")
    func unreachable() {
        let outcome = CoverageOutcome.portalUnavailable(reason: "timeout")
        #expect(outcome.resultCode == nil)
        #expect(outcome.needsReverification)
        #expect(!outcome.isPatientProblem)
    }
}
