import ChipChart
import Foundation
import Synchronization
import Testing

/// A portal that ignores cancellation and answers only after 120 s, noting when it has.
private final class StuckPortal: InsurancePortal, Sendable {
    private let answeredFlag = Mutex(false)

    /// Whether it has answered.
    var answered: Bool { answeredFlag.withLock { $0 } }

    func verify(_ query: PortalQuery) async throws -> PortalAnswer {
        let until = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(50)) }
        answeredFlag.withLock { $0 = true }
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
        let portal = StuckPortal()
        await #expect(throws: PortalUnavailable.self) {
            try await portal.verify(try query(), timeout: .milliseconds(100))
        }
        // The order, not the wall clock: the wait ended before the portal answered, however late
        // a loaded machine woke the timer.
        #expect(!portal.answered, "the wait ended before the stuck portal answered")
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
