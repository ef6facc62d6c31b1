import ChipCard
import ChipCardTesting
import ChipChart
import ChipChartSQLite
import ChipChartTesting
import ExampleSupport
import Foundation
import Synchronization
import TestSupport

/// One run of desks and backups on one SQLite file: the people, the file, the insurer's
/// scenario, and the processes that worked on them.
struct DeskStress: Sendable {
    /// Every `window` seconds the desks move on to the next four people: two registered before
    /// the desks opened, two new.
    static let window = 1.5
    static let manager = "Phạm Quốc Quản Lý|001180000009"
    static let receptionists = [
        "Trần Thị Lễ Tân|001185000001", "Lê Văn Tiếp Đón|001086000002", "Hoàng Thị Thu Ngân|001187000003",
        "Vũ Minh Quầy|001090000004", "Đặng Thị Hồng|001191000005", "Bùi Văn Tâm|001088000006",
        "Ngô Thị Mai|001193000007", "Phan Văn Đức|001084000008",
    ]

    let folder: URL
    let duration: Double
    let database: String
    let scenario: String
    let people: [SyntheticPopulation.Person]
    let reception: BuiltExecutable
    let records: BuiltExecutable

    init(folder: URL, duration: Double) throws {
        self.folder = folder
        self.duration = duration
        database = folder.appendingPathComponent("hospital.sqlite").path
        scenario = folder.appendingPathComponent("insurer.json").path
        people = try SyntheticPopulation(seed: 77).people(count: (Int(duration / Self.window) + 2) * 4)
        reception = try BuiltExecutable("reception")
        records = try BuiltExecutable("records")
    }

    /// Whether a person was registered before the desks opened.
    static func isKnown(_ index: Int) -> Bool { index % 4 < 2 }

    /// A person for a message: their place in the run and masked personal ID.
    func describe(_ index: Int) -> String { "person #\(index) \(people[index].personalID.masked)" }

    /// Registers the known people (every fourth of them with an old CMND by it alone) with this
    /// year's card, and writes the insurer's scenario enrolling every insured person.
    func prepare() async throws {
        let store = try SQLiteStore(path: database)
        let staff = try Staff(commandLine: Self.manager, role: .administrator)
        let facility = try FacilityCode("01001")
        for person in people where Self.isKnown(person.index) {
            let reading = person.reading
            var patient = Patient(
                demographics: Demographics(
                    name: reading.name,
                    dateOfBirth: reading.dateOfBirth,
                    sex: reading.sex,
                    address: reading.address
                )
            )
            // Known by the old CMND alone: only insured people, whose insurance number links the
            // record to an MRZ or typed-card check-in. An uninsured one shown by MRZ (which has no
            // CMND) cannot be linked by any number: the desk is warned of a namesake instead.
            if let legacy = reading.legacyID, person.index % 8 == 0, person.insuranceCard != nil {
                patient.identifiers = [.legacyID(legacy, status: .active)]
            } else {
                patient.identifiers = [.personalID(reading.personalID!, since: reading.issueDate)]
                if let legacy = reading.legacyID { patient.identifiers.append(.legacyID(legacy)) }
                patient.recordCard(IDCardRecord(reading)!)
            }
            var changes = ChangeSet(Access(by: staff, purpose: "registration"))
            if let card = person.insuranceCard {
                patient.addIdentifier(.socialInsuranceNumber(card.socialInsuranceNumber))
                changes.save(
                    Coverage(
                        id: CoverageID(patient: patient.id, cardCode: card, validFrom: person.cardValidity.start),
                        patientID: patient.id,
                        cardCode: card,
                        registeredFacility: facility,
                        validity: person.cardValidity
                    )
                )
            }
            changes.save(patient)
            try await store.commit(changes)
        }
        let enrolled: [[String: Any]] = people.compactMap { person in
            guard let card = person.insuranceCard else { return nil }
            return [
                "name": person.reading.name.text, "dateOfBirth": Self.slashed(person.reading.dateOfBirth),
                "sex": person.reading.sex.vietnamese, "personalID": person.personalID.digits,
                "address": person.reading.address ?? "",
                "card": [
                    "code": card.value, "validFrom": person.cardValidity.start?.slashed ?? "",
                    "validTo": person.cardValidity.end?.slashed ?? "", "registeredFacility": "01001",
                ],
            ]
        }
        let json = try JSONSerialization.data(withJSONObject: ["people": enrolled], options: [.sortedKeys])
        try json.write(to: URL(fileURLWithPath: scenario))
    }

    static func slashed(_ birth: DateOfBirth) -> String { birth.date?.slashed ?? birth.description }

    /// One `reception check-in` process.
    struct CheckInRun: Sendable {
        let desk: Int
        let person: Int
        let presentation: String
        let status: Int32
        let error: String
    }

    /// One `records backup` process.
    struct BackupRun: Sendable {
        let file: String
        let status: Int32
        let error: String
    }

    /// Everything the processes did.
    struct Activity: Sendable {
        var checkIns: [CheckInRun] = []
        var backups: [BackupRun] = []

        /// Every check-in and every backup exited 0; at least one backup was taken.
        func check(into findings: inout Findings, people: [SyntheticPopulation.Person]) {
            for run in checkIns where run.status != 0 {
                findings.add(
                    "every check-in succeeds",
                    "desk \(run.desk + 1), person #\(run.person) \(people[run.person].personalID.masked), "
                        + "\(run.presentation): status \(run.status): \(run.error)"
                )
            }
            for run in backups where run.status != 0 {
                let name = URL(fileURLWithPath: run.file).lastPathComponent
                findings.add("every backup succeeds", "\(name): status \(run.status): \(run.error)")
            }
            if backups.isEmpty { findings.add("every backup succeeds", "no backup was taken") }
        }

        /// The numbers of the run.
        func report(duration: Double, people: Int) -> String {
            var statuses: [Int32: Int] = [:]
            var presentations: [String: Int] = [:]
            for run in checkIns {
                statuses[run.status, default: 0] += 1
                presentations[run.presentation, default: 0] += 1
            }
            return "\(checkIns.count) check-ins in \(Int(duration)) s by desk processes on \(people) people "
                + "(exit status: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")); "
                + presentations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + "), \(backups.count) backups (\(backups.filter { $0.status == 0 }.count) written)"
        }
    }

    /// Runs the desks and the backups for `duration` seconds, each desk and the backup clerk on
    /// a thread of its own starting processes one after another.
    func work(desks: Int, backupEvery interval: Double) async throws -> Activity {
        let log = ActivityLog()
        let start = Date()
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for desk in 0..<desks {
                group.enter()
                Thread {
                    runDesk(desk, since: start, log: log)
                    group.leave()
                }.start()
            }
            group.enter()
            Thread {
                runBackups(every: interval, since: start, log: log)
                group.leave()
            }.start()
            group.notify(queue: .global()) { finished.resume() }
        }
        return log.activity
    }

    private func runDesk(_ desk: Int, since start: Date, log: ActivityLog) {
        var random = SeededRandom(seed: 0xDE5C_0000 + UInt64(desk))
        let staff = Self.receptionists[desk % Self.receptionists.count]
        while case let elapsed = Date().timeIntervalSince(start), elapsed < duration {
            let index = min(Int(elapsed / Self.window) * 4 + Int(random.next() % 4), people.count - 1)
            let person = people[index]
            let roll = random.next() % 10
            var arguments = ["check-in", "--db", database, "--staff", staff, "--portal", scenario]
            let presentation: String
            if let card = person.insuranceCard, roll < 4 {
                presentation = "typed insurance card"
                arguments += [
                    "--insurance", card.value, "--name", person.reading.name.text,
                    "--birth", Self.slashed(person.reading.dateOfBirth),
                ]
            } else if roll < 6, let lines = mrzLines(of: person) {
                presentation = "MRZ"
                arguments += ["--mrz"] + lines
            } else {
                presentation = "QR"
                arguments += ["--qr", person.qrPayload]
            }
            // A moment between patients, as at a real desk; the desks still meet on the same
            // people, since all of them move on to the next ones together. It also leaves the
            // machine's other work room to run.
            Thread.sleep(forTimeInterval: 0.1 + Double(random.next() % 300) / 1000)
            let result = try? reception.run(arguments, in: folder)
            log.record(
                CheckInRun(
                    desk: desk,
                    person: index,
                    presentation: presentation,
                    status: result?.status ?? -1,
                    error: Self.firstLine(result?.standardError ?? "the process did not start")
                )
            )
        }
    }

    private func runBackups(every interval: Double, since start: Date, log: ActivityLog) {
        var number = 1
        while Double(number) * interval < duration {
            Thread.sleep(until: start.addingTimeInterval(Double(number) * interval))
            let file = folder.appendingPathComponent(String(format: "backup-%03d.gz", number)).path
            let result = try? records.run(
                ["backup", "--db", database, "--out", file, "--staff", Self.manager],
                in: folder
            )
            log.record(
                BackupRun(
                    file: file,
                    status: result?.status ?? -1,
                    error: Self.firstLine(result?.standardError ?? "the process did not start")
                )
            )
            number += 1
        }
    }

    /// The MRZ a document reader reads from the person's card.
    private func mrzLines(of person: SyntheticPopulation.Person) -> [String]? {
        guard let birth = person.reading.dateOfBirth.date, let issued = person.reading.issueDate else { return nil }
        return SimulatedCard(
            personalID: person.personalID,
            fullName: person.reading.name.text,
            dateOfBirth: birth,
            sex: person.reading.sex,
            issueDate: issued,
            expiryDate: person.reading.expiryDate,
            address: person.reading.address ?? "",
            placeOfOrigin: "Hà Nội"
        ).mrzLines
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }
}

/// The activity of the threads, collected under a lock.
final class ActivityLog: Sendable {
    private let state = Mutex(DeskStress.Activity())

    func record(_ run: DeskStress.CheckInRun) { state.withLock { $0.checkIns.append(run) } }
    func record(_ run: DeskStress.BackupRun) { state.withLock { $0.backups.append(run) } }
    var activity: DeskStress.Activity { state.withLock { $0 } }
}
