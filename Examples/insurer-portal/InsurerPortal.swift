import ArgumentParser
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartTesting
import Foundation

/// `insurer-portal`: the fake insurer's portal over HTTP on loopback, answering from a scenario.
@main
struct InsurerPortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insurer-portal",
        abstract: "Serve a fake insurer's portal over HTTP on loopback, answering from a scenario.",
        discussion: """
            Serves api/token/take, api/egw/KQNhanLichSuKCB2024, api/egw/Lskcb2025, \
            api/TraCuuCCT/TraCuuTienMCCT and the uploads api/qd130/checkInKcbQd4750 and \
            api/qd130/guiHoSoXmlQD4750 (each file's signature verified: 123 unsigned, 125 changed \
            after signing) until stopped. The first line on standard output is the address. With --password-file only \
            --user with that password may log in; without it any account and password may. \
            Exit status: 0 stopped, 64 usage, 65 invalid scenario (one line naming the field), \
            66 no such file, 74 the port could not be opened.
            """
    )

    @Option(name: .long, help: "The port (0: a free one, printed).")
    var port: Int = 0

    @Option(name: .long, help: "A scenario file for the simulated insurer (Examples/scenarios).")
    var scenario: String?

    @Option(name: .long, help: "The facility account allowed to log in.")
    var user: String = "01001_BV"

    @Option(name: .customLong("password-file"), help: "A file holding that account's password.")
    var passwordFile: String?

    func run() async throws {
        let insurer = SimulatedInsurancePortal(clock: SimulatedClock(start: Date()))
        if let scenario {
            guard let data = FileManager.default.contents(atPath: scenario) else {
                FileHandle.standardError.write(Data("error: scenario: no such file\n".utf8))
                throw ExitCode(66)
            }
            do {
                try insurer.load(scenario: data)
            } catch {
                FileHandle.standardError.write(Data("error: scenario: \(error)\n".utf8))
                throw ExitCode(65)
            }
        }
        var accounts: [PortalAccount] = []
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                FileHandle.standardError.write(Data("error: password-file: no such file\n".utf8))
                throw ExitCode(66)
            }
            let password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            accounts.append(PortalAccount(username: user, password: password))
        }
        let fake = FakeInsurerPortal(simulator: insurer, accounts: accounts)
        let bound: Int
        do {
            bound = try await fake.start(port: port)
        } catch {
            FileHandle.standardError.write(Data("error: port: \(error)\n".utf8))
            throw ExitCode(74)
        }
        // Unbuffered, so a process reading the pipe sees the address at once.
        FileHandle.standardOutput.write(Data("insurer-portal listening on http://127.0.0.1:\(bound)\n".utf8))
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
