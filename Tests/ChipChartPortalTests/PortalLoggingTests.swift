import ChipChart
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartTesting
import Foundation
import Logging
import Synchronization
import Testing

@Suite("What the portal client logs")
struct PortalLoggingTests {
    /// Every message and metadata value logged, as text.
    final class Recorder: Sendable {
        let lines = Mutex<[String]>([])

        var logger: Logger {
            var logger = Logger(label: "test") { _ in RecordingHandler(recorder: self) }
            logger.logLevel = .trace
            return logger
        }
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let values = (metadata.merging(event.metadata ?? [:]) { $1 }).map { "\($0.key)=\($0.value)" }
            recorder.lines.withLock { $0.append(([event.message.description] + values).joined(separator: " ")) }
        }
    }

    @Test func noPasswordHashTokenOrFullCardNumberIsLogged() async throws {
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        let insurer = SimulatedInsurancePortal(clock: clock)
        insurer.apply(.registerStaff(try PortalFixtures.staff()))
        let fake = FakeInsurerPortal(simulator: insurer, accounts: [PortalFixtures.account])
        let port = try await fake.start()
        let recorder = Recorder()
        let portal = HTTPInsurancePortal(
            configuration: PortalConfiguration(baseURL: "http://127.0.0.1:\(port)", account: PortalFixtures.account),
            logger: recorder.logger,
            now: { clock.now }
        )
        _ = try await portal.verify(try PortalFixtures.query())
        fake.answerUnauthorizedWithEmptyBody(times: 1)
        _ = try await portal.verify(try PortalFixtures.query())
        try await fake.stop()
        _ = try? await portal.verify(try PortalFixtures.query())

        let logged = recorder.lines.withLock { $0 }.joined(separator: "\n")
        #expect(logged.contains("01001_BV"), "the account is named: \(logged)")
        #expect(logged.contains("DN401*******789"), "the card is masked: \(logged)")
        var secrets = ["secret", PortalFixtures.secretHash, "DN4010123456789", "Nguyễn", "001185000001"]
        for request in fake.requests {
            secrets += request.query.filter { ["token", "id_token"].contains($0.name) }.map(\.value)
        }
        for secret in secrets { #expect(!logged.contains(secret), "\(secret) in \(logged)") }
    }
}
