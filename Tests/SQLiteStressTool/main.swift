// sqlite-stress: a child process for the SQLite store's reliability tests.
//
//   sqlite-stress checkin --path FILE --writer W --count N [--shared K]
//       Checks N synthetic people in, one ChangeSet each, and writes `ACK <visit-id>` to
//       standard output (unbuffered) after each commit returns. Every fifth check-in uses one
//       of K personal IDs shared by all writers, so writers race to register the same person.
//       Ends with `DONE`; any error ends it with `ERROR <code> <message>` and exit status 1.
//   sqlite-stress load --path FILE --count N [--first F] [--new] [--pause-after K --marker FILE]
//       Loads N synthetic people from person F on (one ChangeSet each, a patient and a coverage)
//       in one `load`, with a 256 KiB page cache so that its pages reach the disk early; with
//       `--new`, builds a new store at FILE from the load (`SQLiteStore.create`). With
//       `--pause-after`, once K sets are pulled (those before them prepared and most written) it
//       creates the marker file and waits inside the load's transaction, to be killed there. Ends with `LOADED <n>`, or `ERROR <code> <message>`.
//   sqlite-stress open --path FILE [--as-nobody]
//       Opens the store (as user `nobody` when run as root) and prints `OK` or `ERROR <code>`.

import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Logging

func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let quiet = Logger(label: "sqlite-stress", factory: { _ in SwiftLogNoOpLogHandler() })

/// Finds the person's patient or registers them, then opens a visit: one ChangeSet.
func checkIn(
    _ person: SyntheticPopulation.Person,
    key: String,
    store: SQLiteStore,
    access: Access
) async throws -> Visit {
    let facility = try FacilityCode("01001")
    while true {
        var changes = ChangeSet(access)
        let patient: Patient
        if let found = try await store.patient(identifiedBy: .personalID(person.personalID), for: access) {
            patient = found
            changes.save(found)
        } else {
            var new = person.newPatient()
            new.idCards = [IDCardRecord(person.reading)!]
            patient = new
            changes.save(new)
            if let card = person.insuranceCard {
                changes.save(Coverage(patientID: new.id, cardCode: card, validity: person.cardValidity))
            }
        }
        // A finished visit: one person may hold only one open visit a day, and people come back.
        let now = Date()
        let visit = try Visit(
            key: key,
            patientID: patient.id,
            facility: facility,
            admittedAt: now,
            dischargedAt: now,
            status: .closed
        )
        changes.save(visit)
        do {
            try await store.commit(changes)
            return visit
        } catch let error as StoreError where error.code == .versionConflict || error.code == .duplicateIdentifier {
            continue  // another desk registered or updated the person first: read again
        }
    }
}

func runCheckIns(_ arguments: [String]) async -> Int32 {
    guard let path = option("--path", in: arguments), let writer = option("--writer", in: arguments).flatMap(Int.init),
        let count = option("--count", in: arguments).flatMap(Int.init)
    else {
        emit("ERROR usage checkin --path FILE --writer W --count N [--shared K]")
        return 2
    }
    let shared = option("--shared", in: arguments).flatMap(Int.init) ?? 10
    let population = SyntheticPopulation(seed: 20_260_302)
    do {
        let store = try SQLiteStore(path: path, logger: quiet)
        let access = Access(by: try population.staff(), purpose: "check-in")
        for index in 0..<count {
            let personIndex = index % 5 == 0 ? (index / 5) % max(1, shared) : 1000 + writer * 10_000 + index
            let visit = try await checkIn(
                try population.person(at: personIndex),
                key: "W\(writer)-\(index)",
                store: store,
                access: access
            )
            emit("ACK \(visit.id)")
        }
        emit("DONE")
        return 0
    } catch {
        return failed(error)
    }
}

/// Writes `ERROR <code> <message>` for a store's error, `ERROR other …` for any other; exit status 1.
func failed(_ error: any Error) -> Int32 {
    if let error = error as? StoreError {
        emit("ERROR \(error.code) \(error.message)")
    } else {
        emit("ERROR other \(error)")
    }
    return 1
}

func runLoad(_ arguments: [String]) async -> Int32 {
    guard let path = option("--path", in: arguments), let count = option("--count", in: arguments).flatMap(Int.init)
    else {
        emit("ERROR usage load --path FILE --count N [--first F] [--new] [--pause-after K --marker FILE]")
        return 2
    }
    let first = option("--first", in: arguments).flatMap(Int.init) ?? 0
    let pause = option("--pause-after", in: arguments).flatMap(Int.init)
    let marker = option("--marker", in: arguments)
    let population = SyntheticPopulation(seed: 20_260_303)
    do {
        var configuration = SQLiteStore.Configuration()
        configuration.loadPageCache = 256 * 1024
        let access = Access(by: try population.staff(), purpose: "import")
        let people = try population.people(count: first + count).dropFirst(first)
        let sets = people.enumerated().lazy.map { offset, person in
            if offset == pause, let marker {
                // The sets before this one are pulled, most of them written, inside the load's transaction.
                _ = FileManager.default.createFile(atPath: marker, contents: nil)
                sleep(600)
            }
            let patient = person.newPatient()
            var changes = ChangeSet(access)
            changes.save(patient)
            if let card = person.insuranceCard {
                changes.save(Coverage(patientID: patient.id, cardCode: card, validity: person.cardValidity))
            }
            return changes
        }
        if arguments.contains("--new") {
            emit("LOADED \(try await SQLiteStore.create(path: path, loading: sets, configuration: configuration))")
        } else {
            let store = try SQLiteStore(path: path, configuration: configuration, logger: quiet)
            emit("LOADED \(try await store.load(sets))")
        }
        return 0
    } catch {
        return failed(error)
    }
}

func runOpen(_ arguments: [String]) -> Int32 {
    guard let path = option("--path", in: arguments) else {
        emit("ERROR usage open --path FILE [--as-nobody]")
        return 2
    }
    if arguments.contains("--as-nobody") && getuid() == 0 {
        guard setgid(65534) == 0, setuid(65534) == 0 else {
            emit("ERROR cannot-drop-privileges")
            return 2
        }
    }
    do {
        _ = try SQLiteStore(path: path, logger: quiet)
        emit("OK")
    } catch {
        emit("ERROR \(error.code)")
    }
    return 0
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "checkin": exit(await runCheckIns(arguments))
case "load": exit(await runLoad(arguments))
case "open": exit(runOpen(arguments))
default:
    emit("ERROR usage: sqlite-stress checkin|load|open …")
    exit(2)
}
