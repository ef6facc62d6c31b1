import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("clinic-day killed while loading, run as built")
struct ClinicDayResumeTests {
    /// The population of the test: large enough that loading it takes a few seconds.
    static let population = 40_000
    /// clinic-day registers seven people in ten before the first morning, some of them (every
    /// fourth person, when they have one) by their old CMND alone.
    static func isRegistered(_ index: Int) -> Bool { index % 10 < 7 }
    static func registeredByLegacyID(_ index: Int, _ person: SyntheticPopulation.Person) -> Bool {
        person.reading.legacyID != nil && index % 4 == 0
    }

    @Test func aRunKilledWhileLoadingIsResumedAndEveryoneIsRegisteredOnce() async throws {
        let clinicDay = try BuiltExecutable("clinic-day")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // On a busy machine the watcher below may wake too late and find the load done: then the
        // kill is tried again on a larger population, which takes longer to load.
        var landed: (arguments: [String], database: String, population: Int)?
        for (attempt, population) in [Self.population, Self.population * 4].enumerated() where landed == nil {
            let database = folder.appendingPathComponent("clinic-\(attempt).sqlite").path
            let arguments = [
                "--population", "\(population)", "--check-ins", "60", "--desks", "2", "--db", database, "--quiet",
            ]
            let registered = (0..<population).filter(Self.isRegistered).count
            // Kill it (SIGKILL: no clean-up at all) once a chunk is loaded: the main file grows
            // only when committed pages are copied from the write-ahead log (a checkpoint), so its
            // size tells a commit without taking a lock that could slow the writer down.
            let killed = try clinicDay.start(arguments, in: folder)
            let deadline = Date().addingTimeInterval(120)
            while killed.isRunning, Date() < deadline, Self.bytes(of: database) < 1_000_000 {
                try await Task.sleep(for: .milliseconds(10))
            }
            kill(killed.processIdentifier, SIGKILL)
            killed.waitUntilExit()
            guard killed.terminationReason == .uncaughtSignal else { continue }
            let partial = try await Self.patients(in: database).count
            if partial > 0 && partial < registered { landed = (arguments, database, population) }
        }
        let (arguments, database, population) = try #require(landed, "the kill never landed while loading")

        let again = try await clinicDay.runInBackground(arguments, in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("the load resumed after"), "\(again.standardOutput)")
        #expect(again.standardOutput.contains("Clinic day 02/03/2026"), "the interrupted run's morning")

        // Every registered person is held by exactly one record, under the identifier they were
        // registered with (and their name: an old CMND number may have been given twice); no
        // one else from the population was registered before the morning.
        let patients = try await Self.patients(in: database)
        var holders: [String: Int] = [:]
        for patient in patients {
            for identifier in patient.identifiers where identifier.kind == .personalID || identifier.kind == .legacyID {
                holders["\(identifier.kind):\(identifier.value):\(patient.demographics.name.text)", default: 0] += 1
            }
        }
        let people = SyntheticPopulation(seed: 2026)
        let registered = (0..<population).filter(Self.isRegistered).count
        var missing: [String] = []
        var twice: [String] = []
        for index in 0..<population where Self.isRegistered(index) {
            let person = try people.person(at: index)
            let key =
                Self.registeredByLegacyID(index, person)
                ? "legacyID:\(person.reading.legacyID?.digits ?? ""):\(person.reading.name.text)"
                : "personalID:\(person.personalID.digits):\(person.reading.name.text)"
            switch holders[key, default: 0] {
            case 0: missing.append("#\(index) \(person.personalID.masked)")
            case 1: break
            default: twice.append("#\(index) \(person.personalID.masked)")
            }
        }
        #expect(missing.count == 0, "\(missing.count) registered people missing, such as \(missing.prefix(5))")
        #expect(twice.count == 0, "\(twice.count) people registered more than once, such as \(twice.prefix(5))")
        let newlyRegistered = Self.newlyRegistered(in: again.standardOutput)
        #expect(
            patients.count == registered + (newlyRegistered ?? -1),
            "\(patients.count) patients: \(registered) loaded and \(String(describing: newlyRegistered)) new at the desks"
        )
        let trail = try await SQLiteStore(path: database).verifyAuditTrail()
        #expect(trail.isIntact, "the audit chain breaks at \(String(describing: trail.firstBrokenLink?.sequence))")
    }

    /// The size of a file, 0 while it does not exist.
    static func bytes(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// Every patient record in the file, read with the library.
    static func patients(in database: String) async throws -> [Patient] {
        let store = try SQLiteStore(path: database)
        var all: [Patient] = []
        while true {
            let page = try await store.allPatients(after: all.last?.id, limit: 1000)
            all += page
            if page.count < 1000 { return all }
        }
    }

    /// The summary's "N newly registered".
    static func newlyRegistered(in summary: String) -> Int? {
        guard let range = summary.range(of: " newly registered") else { return nil }
        let digits = summary[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
        return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
    }
}
