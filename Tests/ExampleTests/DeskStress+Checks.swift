import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import TestSupport

extension DeskStress {
    /// What the checks found, by check: each problem a precise line (which backup, which
    /// person by masked ID, which record).
    struct Findings {
        var problems: [String: [String]] = [:]
        var notes: [String] = []

        mutating func add(_ check: String, _ problem: String) { problems[check, default: []].append(problem) }

        var report: String {
            var lines = notes
            for (check, list) in problems.sorted(by: { $0.key < $1.key }) {
                lines.append("FAILED \(check): \(list.count)")
                lines += list.prefix(20).map { "  \($0)" }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Restores a backup into a fresh file with `records restore` and checks it is a snapshot of
    /// one instant: every coverage and visit refers to a patient in it (and a visit's coverages
    /// to coverages in it), every record's version matches its events in the audit trail, and
    /// the chain verifies.
    func checkSnapshot(_ file: String, into findings: inout Findings) async throws {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let restored = folder.appendingPathComponent("restored-\(name).sqlite").path
        let result = try records.run(["restore", "--db", restored, file, "--staff", Self.manager], in: folder)
        guard result.status == 0 else {
            findings.add(
                "a backup restores into a fresh file",
                "\(name): status \(result.status): \(Self.firstLine(result.standardError))"
            )
            return
        }
        let store = try SQLiteStore(path: restored)
        let contents = try await Contents(of: store)
        let patientIDs = Set(contents.patients.map(\.id))
        let coverageIDs = Set(contents.coverages.map(\.id))
        let check = "a backup refers only to records in it"
        for coverage in contents.coverages where !patientIDs.contains(coverage.patientID) {
            findings.add(check, "\(name): coverage \(coverage.id) refers to patient \(coverage.patientID), absent")
        }
        for visit in contents.visits {
            if !patientIDs.contains(visit.patientID) {
                findings.add(check, "\(name): visit \(visit.key) refers to patient \(visit.patientID), absent")
            }
            for applied in visit.appliedCoverages where !coverageIDs.contains(applied.coverageID) {
                findings.add(check, "\(name): visit \(visit.key) refers to coverage \(applied.coverageID), absent")
            }
        }
        for patient in contents.patients {
            if let survivor = patient.mergedInto, !patientIDs.contains(survivor) {
                findings.add(check, "\(name): patient \(patient.id) was merged into \(survivor), absent")
            }
        }

        // The records and the audit trail are of the same instant: a record of version n has n
        // create and update events, and every record the trail created is there.
        var written: [String: Int] = [:]
        for event in contents.events where event.action == .create || event.action == .update {
            guard let kind = event.recordKind, let id = event.recordID else { continue }
            written["\(kind.rawValue) \(id.uuidString.lowercased())", default: 0] += 1
        }
        var versions: [String: Int] = [:]
        for patient in contents.patients { versions["patient \(patient.id)"] = patient.version }
        for coverage in contents.coverages { versions["coverage \(coverage.id)"] = coverage.version }
        for visit in contents.visits { versions["visit \(visit.id)"] = visit.version }
        let agree = "a backup's records and audit trail are of one instant"
        for (record, version) in versions.sorted(by: { $0.key < $1.key }) where written[record, default: 0] != version {
            findings.add(
                agree,
                "\(name): \(record) is version \(version), the trail wrote it \(written[record, default: 0]) time(s)"
            )
        }
        for (record, count) in written.sorted(by: { $0.key < $1.key }) where versions[record] == nil {
            findings.add(agree, "\(name): the trail wrote \(record) \(count) time(s), the backup lacks it")
        }
        let trail = try await store.verifyAuditTrail()
        if !trail.isIntact {
            findings.add(
                "a backup's audit chain verifies",
                "\(name): broken at event \(trail.firstBrokenLink?.sequence ?? 0) of \(trail.eventCount)"
            )
        }
        findings.notes.append("\(name): \(contents.summary)")
    }

    /// Checks the live file: no person holds two patient records, no person has two open
    /// visits of one kind at the facility, the audit chain verifies.
    func checkLiveFile(into findings: inout Findings) async throws {
        let store = try SQLiteStore(path: database)
        let contents = try await Contents(of: store)
        var byIdentifier: [String: Int] = [:]
        for person in people {
            byIdentifier["personalID \(person.personalID.digits)"] = person.index
            if let card = person.insuranceCard {
                byIdentifier["socialInsuranceNumber \(card.socialInsuranceNumber.digits)"] = person.index
            }
            if let legacy = person.reading.legacyID {
                byIdentifier["legacyID \(legacy.digits) \(person.reading.name.text)"] = person.index
            }
        }
        // Who each patient record is, by any identifier it holds.
        var personOf: [PatientID: Int] = [:]
        for patient in contents.patients {
            let people = Set(
                patient.identifiers.compactMap { identifier -> Int? in
                    let suffix = identifier.kind == .legacyID ? " \(patient.demographics.name.text)" : ""
                    return byIdentifier["\(identifier.kind) \(identifier.value)\(suffix)"]
                }
            )
            if people.count == 1, let person = people.first {
                personOf[patient.id] = person
            } else {
                findings.add(
                    "each patient record is one person of the run",
                    "patient \(patient.id) [\(Self.identifiers(of: patient))] matches \(people.count) people"
                )
            }
        }
        var records: [Int: [Patient]] = [:]
        for patient in contents.patients where patient.mergedInto == nil {
            if let person = personOf[patient.id] { records[person, default: []].append(patient) }
        }
        for (person, held) in records.sorted(by: { $0.key < $1.key }) where held.count > 1 {
            findings.add(
                "no person has two patient records",
                "\(describe(person)): \(held.count) records: "
                    + held.map { "\($0.id) [\(Self.identifiers(of: $0))]" }.joined(separator: ", ")
            )
        }
        var holders: [String: [Patient]] = [:]
        for patient in contents.patients where patient.mergedInto == nil {
            for identifier in patient.identifiers
            where identifier.kind == .personalID || identifier.kind == .socialInsuranceNumber {
                holders["\(identifier.kind) \(identifier.maskedValue)|\(identifier.value)", default: []].append(patient)
            }
        }
        for (key, held) in holders.sorted(by: { $0.key < $1.key }) where held.count > 1 {
            let masked = key.split(separator: "|").first.map(String.init) ?? ""
            findings.add(
                "no personal ID or social insurance number is held by two records",
                "\(masked) held by \(held.count) records: \(held.map(\.id.description).joined(separator: ", "))"
            )
        }
        var open: [String: [Visit]] = [:]
        for visit in contents.visits where visit.status == .open {
            let person = personOf[visit.patientID].map(describe) ?? "patient \(visit.patientID)"
            open["\(person): kind \(visit.kind.code) at \(visit.facility.value)", default: []].append(visit)
        }
        for (key, visits) in open.sorted(by: { $0.key < $1.key }) where visits.count > 1 {
            findings.add(
                "no person has two open visits of one kind at the facility",
                "\(key): \(visits.count) open visits \(visits.map(\.key).joined(separator: ", "))"
            )
        }
        let trail = try await store.verifyAuditTrail()
        if !trail.isIntact {
            findings.add(
                "the live file's audit chain verifies",
                "broken at event \(trail.firstBrokenLink?.sequence ?? 0) of \(trail.eventCount)"
            )
        }
        findings.notes.append("live file: \(contents.summary)")
    }

    /// A patient's identifiers, masked: `personalID ********1234 (active), …`.
    static func identifiers(of patient: Patient) -> String {
        patient.identifiers.map { "\($0.kind) \($0.maskedValue) (\($0.status.rawValue))" }.joined(separator: ", ")
    }

    /// Everything in a store, listed with the library.
    struct Contents {
        var patients: [Patient] = []
        var coverages: [Coverage] = []
        var visits: [Visit] = []
        var events: [AuditEvent] = []

        init(of store: SQLiteStore) async throws {
            while case let page = try await store.allPatients(after: patients.last?.id, limit: 1000), !page.isEmpty {
                patients += page
            }
            while case let page = try await store.allCoverages(after: coverages.last?.id, limit: 1000), !page.isEmpty {
                coverages += page
            }
            while case let page = try await store.allVisits(after: visits.last?.id, limit: 1000), !page.isEmpty {
                visits += page
            }
            while case let page = try await store.auditEvents(after: events.last?.sequence ?? 0, limit: 1000),
                !page.isEmpty
            {
                events += page
            }
        }

        var summary: String {
            "\(patients.count) patients, \(coverages.count) coverages, \(visits.count) visits "
                + "(\(visits.filter { $0.status == .open }.count) open), \(events.count) audit events"
        }
    }
}
