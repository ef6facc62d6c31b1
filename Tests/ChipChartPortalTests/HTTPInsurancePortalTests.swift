import ChipChart
import ChipChartPortal
import Foundation
import Synchronization
import Testing

@Suite("The HTTP portal client: tokens, 401, retries, the breaker")
struct HTTPInsurancePortalTests {
    static func portal(
        _ transport: ScriptedTransport,
        breaker: PortalBreakerPolicy = PortalBreakerPolicy(),
        now: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_773_100_000) }
    ) -> HTTPInsurancePortal {
        HTTPInsurancePortal(
            configuration: PortalConfiguration(
                baseURL: "http://127.0.0.1:1",
                account: PortalFixtures.account,
                retry: PortalRetryPolicy(attempts: 2, firstBackoff: .milliseconds(1)),
                breaker: breaker
            ),
            transport: transport,
            now: now
        )
    }

    @Test func oneLoginServesManyLookups() async throws {
        let transport = ScriptedTransport([ScriptedTransport.login, ScriptedTransport.valid, ScriptedTransport.valid])
        let portal = Self.portal(transport)
        _ = try await portal.verify(try PortalFixtures.query())
        let answer = try await portal.verify(try PortalFixtures.query())
        #expect(answer.result == .valid)
        #expect(
            transport.sent.map(\.path) == [
                "/api/token/take", "/api/egw/KQNhanLichSuKCB2024", "/api/egw/KQNhanLichSuKCB2024",
            ]
        )
        #expect(transport.sent[1].query.first == .init("token", "A1"))
    }

    @Test(arguments: ["", #"{"maKetQua":"401"}"#])
    func aRefusedTokenIsRenewedOnce(body: String) async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.login, .respond(401, body), ScriptedTransport.secondLogin, ScriptedTransport.valid,
        ])
        let answer = try await Self.portal(transport).verify(try PortalFixtures.query())
        #expect(answer.result == .valid)
        #expect(transport.sent.count == 4)
        #expect(transport.sent[3].query.first == .init("token", "A2"))
    }

    @Test func aSecondRefusalIsTheAnswer() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.login, .respond(401, ""), ScriptedTransport.secondLogin, .respond(401, ""),
        ])
        let answer = try await Self.portal(transport).verify(try PortalFixtures.query())
        #expect(answer.result == .authenticationError)
        #expect(transport.sent.count == 4)
    }

    @Test func aRefusedLoginIsAnAuthenticationError() async throws {
        let transport = ScriptedTransport([.respond(401, #"{"maKetQua":"401","ghiChu":"sai mật khẩu"}"#)])
        let answer = try await Self.portal(transport).verify(try PortalFixtures.query())
        #expect(answer.result == .authenticationError)
        #expect(answer.message == "sai mật khẩu")
    }

    @Test func aServerErrorIsRetriedThenUnavailable() async throws {
        let transport = ScriptedTransport([ScriptedTransport.login, .respond(503, ""), .respond(502, "")])
        await #expect(throws: PortalUnavailable.self) {
            try await Self.portal(transport).verify(try PortalFixtures.query())
        }
        #expect(transport.sent.count == 3)
    }

    @Test func theBreakerOpensAfterFailuresAndLetsOneTrialThrough() async throws {
        let clock = TestClock()
        let transport = ScriptedTransport([])
        let portal = Self.portal(
            transport,
            breaker: PortalBreakerPolicy(failureThreshold: 2, openFor: .seconds(30)),
            now: clock.now
        )
        for _ in 0..<2 {
            await #expect(throws: PortalUnavailable.self) { try await portal.verify(try PortalFixtures.query()) }
        }
        let sentWhileClosed = transport.sent.count
        await #expect(throws: PortalUnavailable.self) { try await portal.verify(try PortalFixtures.query()) }
        #expect(transport.sent.count == sentWhileClosed)
        clock.advance(31)
        await #expect(throws: PortalUnavailable.self) { try await portal.verify(try PortalFixtures.query()) }
        #expect(transport.sent.count > sentWhileClosed)
    }

    @Test func aCancelledTrialCallDoesNotKeepTheBreakerOpen() async throws {
        let clock = TestClock()
        let transport = ScriptedTransport([ScriptedTransport.login, .fail, .fail, .hang, .fail, .fail])
        let portal = Self.portal(
            transport,
            breaker: PortalBreakerPolicy(failureThreshold: 1, openFor: .seconds(30)),
            now: clock.now
        )
        await #expect(throws: PortalUnavailable.self) { try await portal.verify(try PortalFixtures.query()) }
        clock.advance(31)
        let trial = Task { try await portal.verify(try PortalFixtures.query()) }
        while transport.sent.count < 4 { try await Task.sleep(for: .milliseconds(5)) }
        trial.cancel()
        _ = await trial.result
        clock.advance(31)
        await #expect(throws: PortalUnavailable.self) { try await portal.verify(try PortalFixtures.query()) }
        #expect(transport.sent.count == 6, "the next trial reaches the portal")
    }

    @Test func theBackoffDoubles() {
        let policy = PortalRetryPolicy(attempts: 5, firstBackoff: .milliseconds(200), maximumBackoff: .seconds(1))
        #expect(
            (1...4).map(policy.backoff(after:)) == [
                .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
            ]
        )
    }
}

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let instant = Mutex(Date(timeIntervalSince1970: 1_773_100_000))

    var now: @Sendable () -> Date { { self.instant.withLock { $0 } } }

    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
