import ArgumentParser
import ChipChart
import ChipChartSignatures
import ChipChartTesting
import ExampleSupport
import Foundation
import Logging

/// A simulated clinic day, end to end: a synthetic population in an SQLite file, a scripted
/// insurer, desks checking people in through the real card readers, doctors examining and
/// discharging them, and the day's claims file written next to the database.
@main
struct ClinicDay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic-day",
        abstract: "Run a simulated clinic day: check-ins by chip ID card, examinations, discharges and claims.",
        discussion: """
            The day's claims file is written next to --db (clinic-day.xml beside clinic-day.sqlite), \
            signed with --sign (a PKCS#12 file) or --sign-token (a PKCS#11 module); with either, \
            signed checkpoints of the audit trail are appended to clinic-day.checkpoints beside it. \
            With --portal-url, --portal-user and --portal-password-file the desks check cards \
            against that portal over HTTP instead of the scripted simulator. \
            Exit status: 0 done, 1 the audit trail does not verify, 64 usage, 65 invalid input (a \
            --db that is not a ChipChart database), 66 no such password file, 74 the records \
            could not be read or written.
            """
    )

    /// Runs the command; every failure ends with one line on standard error.
    static func main() async {
        await mainReportingOneLine()
    }

    @Option(help: "People in the synthetic population.")
    var population = 10_000

    @Option(name: .customLong("check-ins"), help: "Check-ins during the morning (a large hospital's morning is 2,000).")
    var checkIns = 2_000

    @Option(help: "Reception desks checking people in at the same time.")
    var desks = 4

    @Option(help: "Seed of the synthetic population and of the morning's events.")
    var seed: UInt64 = 2026

    @Option(
        help:
            "The clinic's SQLite file, or a postgres:// URL (built with --traits PostgreSQL); running again continues the same clinic."
    )
    var db = "clinic-day.sqlite"

    @Flag(help: "Print no progress bars (the loading one shows only when standard output is a terminal).")
    var quiet = false

    func validate() throws {
        guard population >= 10 else { throw ValidationError("--population must be at least 10") }
        guard checkIns >= 1 else { throw ValidationError("--check-ins must be at least 1") }
        guard (1...64).contains(desks) else { throw ValidationError("--desks must be between 1 and 64") }
    }

    @Flag(help: "Log the library's debug messages (masked identifiers only) to standard error.")
    var verbose = false

    @OptionGroup var portalOverHTTP: PortalOptions

    @OptionGroup var signing: SigningOptions

    func run() async throws {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        // A key or certificate that cannot sign is refused before the day starts.
        let signer = try signing.signer()
        let started = ContinuousClock.now
        let clock = SimulatedClock(start: SyntheticPopulation(seed: seed).referenceDate.startInstant)
        let location = StoreLocation(db)
        let trail = try await location.withStore(
            now: { clock.now },
            { store in
                let clinic = try await Clinic.open(
                    store: store,
                    location: location,
                    clock: clock,
                    population: population,
                    seed: seed,
                    // Loading is shown on a terminal only: not in a log or a pipe.
                    showsProgress: !quiet && isatty(STDOUT_FILENO) == 1
                )
                let claimsPath = DayClaims.path(for: location)
                let checkpointsPath = DayCheckpoints.path(besideClaims: claimsPath)
                let checkpoints = signer.map { DayCheckpoints.start(on: store, signer: $0, path: checkpointsPath) }
                defer { checkpoints?.running.cancel() }
                let morning = Morning(
                    clinic: clinic,
                    checkIns: checkIns,
                    desks: desks,
                    seed: seed,
                    showsProgress: !quiet,
                    portalOverHTTP: try portalOverHTTP.httpPortal()
                )
                let tally = try await morning.run()
                let claims = try await DayClaims(
                    store: store,
                    day: clinic.day,
                    facility: clinic.facility,
                    officer: try Staff(commandLine: "Đỗ Văn Giám Định|001080000040", role: .claimsOfficer)
                ).write(to: claimsPath, discharged: tally.wardRound.discharged, signedBy: signer)
                let checkpointed = try await checkpoints?.finish(on: store)
                let trail = try await clinic.store.verifyAuditTrail()
                let summary = Summary(
                    clinic: clinic,
                    tally: tally,
                    trail: trail,
                    elapsed: ContinuousClock.now - started,
                    desks: desks,
                    claims: claims,
                    checkpoints: checkpointed.map { ($0.count, $0.last.sequence, checkpointsPath) }
                )
                print(summary.text)
                return trail
            }
        )
        if !trail.isIntact { throw ExitCode.failure }
    }
}
