import ChipChart
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("reception check-in against a portal over HTTP, run as built")
struct PortalOverHTTPCommandTests {
    static let staff = ReceptionCommandTests.staff
    static let qr = ReceptionCommandTests.qr

    /// The scenario's insurer behind the fake portal on a free port, and a password file.
    static func fake(in folder: URL) throws -> (FakeInsurerPortal, String) {
        let insurer = SimulatedInsurancePortal(clock: SimulatedClock(start: Date()))
        try insurer.load(scenario: try Data(contentsOf: URL(fileURLWithPath: ReceptionCommandTests.scenario)))
        let password = folder.appendingPathComponent("portal-password")
        try Data("s3cret\n".utf8).write(to: password)
        let fake = FakeInsurerPortal(
            simulator: insurer,
            accounts: [PortalAccount(username: "01001_BV", password: "s3cret")]
        )
        return (fake, password.path)
    }

    @Test func checkInAsksThePortalOverHTTP() async throws {
        let folder = try makeTemporaryFolder()
        let (fake, password) = try Self.fake(in: folder)
        let port = try await fake.start()
        let result = try await BuiltExecutable("reception").runInBackground(
            [
                "check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal-url", "http://127.0.0.1:\(port)",
                "--portal-user", "01001_BV", "--portal-password-file", password, "--json",
            ],
            in: folder
        )
        try await fake.stop()
        #expect(result.status == 0, "\(result.standardError)")
        let receipt = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(receipt?["resultCode"] as? String == "000")
        #expect(fake.loginCount == 1)
        #expect(fake.requests.map(\.path) == ["/api/token/take", "/api/egw/KQNhanLichSuKCB2024"])
    }

    @Test func aWrongPasswordIsTheInsurersAuthenticationError() async throws {
        let folder = try makeTemporaryFolder()
        let (fake, _) = try Self.fake(in: folder)
        let wrong = folder.appendingPathComponent("wrong")
        try Data("nope".utf8).write(to: wrong)
        let port = try await fake.start()
        let result = try await BuiltExecutable("reception").runInBackground(
            [
                "check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal-url", "http://127.0.0.1:\(port)",
                "--portal-user", "01001_BV", "--portal-password-file", wrong.path, "--json",
            ],
            in: folder
        )
        try await fake.stop()
        #expect(result.status == 0, "\(result.standardError)")
        let receipt = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(receipt?["resultCode"] as? String == "401")
    }

    @Test(arguments: [
        (["--portal-url", "http://127.0.0.1:1"], 64), (["--portal-user", "x"], 64),
        (["--portal-url", "ftp://x", "--portal-user", "x", "--portal-password-file", "p"], 64),
        (["--portal-url", "http://127.0.0.1:1", "--portal-user", "x", "--portal-password-file", "absent"], 66),
    ])
    func portalOptionsAreChecked(options: [String], status: Int) async throws {
        let folder = try makeTemporaryFolder()
        let result = try await BuiltExecutable("reception").runInBackground(
            ["check-in", "--qr", Self.qr, "--staff", Self.staff] + options,
            in: folder
        )
        #expect(Int(result.status) == status, "\(result.standardError)")
    }

    @Test func clinicDayChecksCardsAgainstThePortalOverHTTP() async throws {
        let folder = try makeTemporaryFolder()
        let (fake, password) = try Self.fake(in: folder)
        let port = try await fake.start()
        let result = try await BuiltExecutable("clinic-day").runInBackground(
            [
                "--population", "300", "--check-ins", "30", "--desks", "2", "--quiet", "--portal-url",
                "http://127.0.0.1:\(port)", "--portal-user", "01001_BV", "--portal-password-file", password,
            ],
            in: folder
        )
        try await fake.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(fake.loginCount == 1, "one login serves the morning's desks")
        #expect(fake.requests.contains { $0.path == "/api/egw/KQNhanLichSuKCB2024" })
    }

    @Test func theInsurerPortalExecutableServesTheScenario() async throws {
        let folder = try makeTemporaryFolder()
        let (probe, password) = try Self.fake(in: folder)
        let port = try await probe.start()
        try await probe.stop()
        let server = try BuiltExecutable("insurer-portal").launch(
            ["--port", "\(port)", "--scenario", ReceptionCommandTests.scenario, "--password-file", password],
            in: folder
        )
        defer { _ = server.kill() }
        let account = PortalAccount(username: "01001_BV", password: "s3cret")
        var answer: PortalHTTPResponse?
        for _ in 0..<100 where answer == nil {
            answer = try? await HTTPClientPortalTransport().send(
                PortalRequests.token(account: account, paths: .decision4750),
                baseURL: "http://127.0.0.1:\(port)",
                timeout: .seconds(1)
            )
            if answer == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answer?.status == 200)
        let result = try await BuiltExecutable("reception").runInBackground(
            [
                "check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal-url", "http://127.0.0.1:\(port)",
                "--portal-user", "01001_BV", "--portal-password-file", password,
            ],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("fund pays 80%"), "\(result.standardOutput)")
    }
}
