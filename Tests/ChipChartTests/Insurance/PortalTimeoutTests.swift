import ChipChart
import Foundation
import Testing

/// A portal that never answers and ignores cancellation for a long while.
private struct StuckPortal: InsurancePortal {
    func verify(_ query: PortalQuery) async throws -> PortalAnswer {
        let until = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(50)) }
        return PortalAnswer(result: .valid)
    }
}

private struct FailingPortal: InsurancePortal {
    struct Broken: Error {}
    func verify(_ query: PortalQuery) async throws -> PortalAnswer { throw Broken() }
}

@Suite("The bounded wait for the portal")
struct PortalTimeoutTests {
    func query() throws -> PortalQuery {
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        return PortalQuery(
            cardNumber: .socialInsuranceNumber(try SocialInsuranceNumber("0123456789")),
            fullName: try PersonName("Nguyễn Văn A"),
            dateOfBirth: .year(1990),
            staff: staff
        )
    }

    @Test("A portal that ignores cancellation is still abandoned on time")
    func stuck() async throws {
        let started = ContinuousClock.now
        await #expect(throws: PortalUnavailable.self) {
            try await StuckPortal().verify(try query(), timeout: .milliseconds(100))
        }
        #expect(ContinuousClock.now - started < .seconds(60), "well before the stuck portal would answer")
    }

    @Test("Any failure of the portal is an unavailable portal")
    func failing() async throws {
        let verifier = CoverageVerifier(portal: FailingPortal(), timeout: .seconds(1))
        let check = await verifier.check(try query(), coverages: [], patient: PatientID(), at: Date())
        guard case .portalUnavailable = check.outcome else {
            Issue.record("expected unavailable, got \(check.outcome)")
            return
        }
        #expect(check.coverage == nil)
    }
}
