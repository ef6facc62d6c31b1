import ChipChart
import ChipChartTesting
import Foundation
import Synchronization
import Testing

@testable import ChipChartSQLite

@Suite("SQLiteStore bulk load")
struct SQLiteStoreLoadTests {
    static let population = SyntheticPopulation(seed: 7)
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_772_409_600) }
    /// The indexes a load into a small store builds after its rows.
    static let deferredIndexes = ["identifier_active", "identifier_by_value", "patient_by_name"]

    /// Person `index` as a new patient with one coverage and, for every third, an open visit:
    /// one change set.
    static func registration(_ index: Int, access: Access) throws -> ChangeSet {
        let person = try population.person(at: index)
        let patient = person.newPatient()
        var changes = ChangeSet(access)
        changes.save(patient)
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("GD4010000000001"),
            validity: person.cardValidity
        )
        changes.save(coverage)
        if index % 3 == 0 {
            let admitted = clock()
            changes.save(
                try Visit(
                    key: "load-\(index)",
                    patientID: patient.id,
                    facility: try FacilityCode("01001"),
                    admittedAt: admitted,
                    appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)]
                )
            )
        }
        return changes
    }

    static func access() throws -> Access { Access(by: try population.staff(), purpose: "import") }

    /// `count` registrations, and after them updates of the first ten patients: renamed, with a
    /// legacy ID added, so the load rewrites names and identifiers it wrote itself.
    static func sets(_ count: Int) throws -> [ChangeSet] {
        let access = try access()
        var sets = try (0..<count).map { try registration($0, access: access) }
        for index in 0..<min(10, count) {
            var patient = sets[index].patients[0]
            patient.version = 1
            patient.demographics.name = try PersonName("Zênh Văn \(index)")
            patient.identifiers.append(.legacyID(try LegacyIDNumber(String(format: "%09d", 100_000 + index))))
            var update = ChangeSet(access)
            update.save(patient)
            sets.append(update)
        }
        return sets
    }

    static func indexes(_ path: String) throws -> [String] {
        try RawDatabase(path: path).rows("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .compactMap { $0[0] }
    }

    @Test func aLoadIsOneTransactionThatWritesAndAuditsEverySetOnce() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("load.sqlite")
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let sets = try Self.sets(1_000)
        let pulled = Mutex(0)
        let before = store.writeTransactionCount
        let cache = store.writerPageCacheSize
        let indexes = try Self.indexes(path)
        let loaded = try await store.load(
            sets.lazy.map { changes in
                pulled.withLock { $0 += 1 }
                return changes
            }
        )
        #expect(loaded == 1_010)
        #expect(pulled.withLock { $0 } == 1_010, "each set is pulled from the sequence once")
        #expect(store.writeTransactionCount - before == 1, "the whole load is one transaction")
        #expect(store.writerPageCacheSize == cache, "the load's larger page cache is set back")
        #expect(try Self.indexes(path) == indexes, "the indexes a load builds after its rows are all there")
        let events = try await store.auditEvents(after: 0, limit: 10_000)
        // 1,000 patients and coverages, 334 visits (every third), 10 updates: three batches sealed.
        #expect(events.count == 2_344, "each record of each set audited once")
        #expect(try await store.verifyAuditTrail().isIntact)
        let access = try Self.access()
        for index in [0, 39, 40, 999] {
            let person = try Self.population.person(at: index)
            let found = try await store.patient(identifiedBy: .personalID(person.personalID), for: access)
            #expect(found?.id == sets[index].patients[0].id)
        }
        let legacy = try await store.patient(identifiedBy: .legacyID(try LegacyIDNumber("000100003")), for: access)
        #expect(legacy?.demographics.name.text == "Zênh Văn 3")
        let byName = try await store.patients(namePrefix: "ZENH VAN", bornIn: nil, limit: 20, for: access)
        #expect(byName.count == 10, "search by name finds the names the load wrote")
    }

    /// Loaded with its indexes built after the rows or kept up to date row by row, a store holds
    /// what committing the same sets one by one gives: the same records, the same answers to
    /// searches, the same audit trail, the same schema.
    @Test(arguments: [true, false])
    func aLoadGivesTheStoreThatCommitsGive(deferringIndexes: Bool) async throws {
        let folder = try TemporaryFolder()
        // Durable enough for a test; five hundred sets seal more events than one batch of the sealer.
        var configuration = SQLiteStore.Configuration()
        configuration.synchronous = .normal
        let loaded = try SQLiteStore(
            path: folder.path("loaded.sqlite"),
            configuration: configuration,
            logger: quietLogger,
            now: Self.clock
        )
        let committed = try SQLiteStore(
            path: folder.path("committed.sqlite"),
            configuration: configuration,
            logger: quietLogger,
            now: Self.clock
        )
        let sets = try Self.sets(500)
        #expect(sets.map { $0.auditDrafts(at: Self.clock()).count }.reduce(0, +) > AuditSealer.batchSize)
        // A store that holds a patient already, as a clinic's file may.
        for store in [loaded, committed] { try await store.commit(sets[0]) }
        try await loaded.load(sets.dropFirst(), deferringIndexes: deferringIndexes)
        for changes in sets.dropFirst() { try await committed.commit(changes) }

        #expect(
            try await loaded.allPatients(after: nil, limit: 1_000) == committed.allPatients(after: nil, limit: 1_000)
        )
        #expect(
            try await loaded.allCoverages(after: nil, limit: 1_000) == committed.allCoverages(after: nil, limit: 1_000)
        )
        #expect(try await loaded.allVisits(after: nil, limit: 1_000) == committed.allVisits(after: nil, limit: 1_000))
        #expect(
            try await loaded.auditEvents(after: 0, limit: 10_000) == committed.auditEvents(after: 0, limit: 10_000)
        )
        #expect(try await loaded.verifyAuditTrail().isIntact)
        let access = try Self.access()
        for prefix in ["nguyen", "Trần", "le thi", "zenh", "b"] {
            let fromLoad = try await loaded.patients(namePrefix: prefix, bornIn: nil, limit: 50, for: access)
            let fromCommits = try await committed.patients(namePrefix: prefix, bornIn: nil, limit: 50, for: access)
            #expect(fromLoad == fromCommits, "searching \(prefix)")
        }
        let schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        #expect(
            try RawDatabase(path: folder.path("loaded.sqlite")).rows(schema)
                == RawDatabase(path: folder.path("committed.sqlite")).rows(schema)
        )
    }

    /// A personal ID loaded twice is refused as a commit refuses it, naming the identifier,
    /// whether the unique index judges each row or is built after them all; and nothing of the
    /// load stays.
    @Test(arguments: [true, false])
    func aPersonalIDLoadedTwiceRefusesTheWholeLoad(deferringIndexes: Bool) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("load.sqlite")
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let access = try Self.access()
        var sets = try Self.sets(100)
        try await store.commit(sets.removeFirst())
        let eventsBefore = try await store.auditEvents(after: 0, limit: 100)
        // Set 55 takes the personal ID of set 3.
        let taken = try Self.population.person(at: 3).personalID
        var clash = Patient(demographics: sets[55].patients[0].demographics)
        clash.identifiers = [.personalID(taken)]
        sets[55] = ChangeSet(access)
        sets[55].save(clash)
        let cache = store.writerPageCacheSize
        let indexes = try Self.indexes(path)
        do {
            try await store.load(sets, deferringIndexes: deferringIndexes)
            Issue.record("a personal ID loaded twice was accepted")
        } catch {
            #expect(error.code == .duplicateIdentifier)
            #expect(error.identifier == .personalID(taken), "the error names the identifier")
            #expect(error.recordKind == .patient)
        }
        #expect(store.writerPageCacheSize == cache, "a failed load sets its page cache back too")
        #expect(try Self.indexes(path) == indexes, "the indexes dropped for the load are back")
        #expect(try await store.auditEvents(after: 0, limit: 10_000) == eventsBefore, "no event of the load stays")
        for index in [1, 3, 54, 99] {
            let id = try Self.population.person(at: index).personalID
            #expect(try await store.patient(identifiedBy: .personalID(id), for: access) == nil)
        }
        let first = try Self.population.person(at: 0).personalID
        #expect(try await store.patient(identifiedBy: .personalID(first), for: access) != nil, "earlier data stays")
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
    }

    @Test func aFailingSetLeavesNothingOfTheLoad() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("load.sqlite"), logger: quietLogger)
        let access = try Self.access()
        var sets = try Self.sets(100)
        // Set 55 brings a coverage of a patient nobody stored.
        let orphan = Coverage(
            patientID: PatientID(),
            cardCode: try InsuranceCardCode("GD4010000000001"),
            validity: try Self.population.person(at: 55).cardValidity
        )
        sets[55] = ChangeSet(access)
        sets[55].save(orphan)
        await #expect(throws: StoreError.self) { try await store.load(sets) }
        #expect(try await store.auditEvents(after: 0, limit: 10_000).isEmpty)
        #expect(try await store.allPatients(after: nil, limit: 10).isEmpty)
        // The store takes the same load once the faulty set is gone.
        sets.remove(at: 55)
        #expect(try await store.load(sets) == 109)
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    /// A load inserts new records without looking them up first; one whose id is stored already,
    /// before the load or earlier in it, is still refused as a commit refuses it, naming its kind,
    /// and nothing of the load stays.
    @Test(arguments: [AuditEvent.RecordKind.patient, .coverage, .visit], [true, false])
    func aNewRecordStoredAlreadyRefusesTheWholeLoad(kind: AuditEvent.RecordKind, storedBefore: Bool) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("load.sqlite"), logger: quietLogger)
        let access = try Self.access()
        var sets = try Self.sets(100)
        let first = sets.removeFirst()
        if storedBefore { try await store.commit(first) } else { sets.insert(first, at: 20) }
        let eventsBefore = try await store.auditEvents(after: 0, limit: 100)
        // Set 60 brings the first set's record of that kind again, as new (version 0).
        var again = ChangeSet(access)
        switch kind {
        case .patient: again.save(first.patients[0])
        case .coverage: again.save(first.coverages[0])
        default: again.save(first.visits[0])
        }
        sets.insert(again, at: 60)
        do {
            try await store.load(sets, deferringIndexes: nil)
            Issue.record("a new \(kind.rawValue) stored already was accepted")
        } catch {
            #expect(error.code == .versionConflict)
            #expect(error.recordKind == kind)
        }
        #expect(try await store.auditEvents(after: 0, limit: 10_000) == eventsBefore, "no event of the load stays")
        #expect(try await store.allPatients(after: nil, limit: 200).count == (storedBefore ? 1 : 0))
        #expect(try await store.verifyAuditTrail().isIntact)
    }

    /// A file loaded into opens with a new store like any other and takes commits: updates of
    /// loaded patients and new ones, found by personal ID and by name, the trail intact.
    @Test func aLoadedFileOpensAgainAndTakesCommits() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("load.sqlite")
        let sets = try Self.sets(300)
        let loaded = try await SQLiteStore(path: path, logger: quietLogger).load(sets)
        #expect(loaded == 310)
        let store = try SQLiteStore(path: path, logger: quietLogger)
        let access = try Self.access()
        let person = try Self.population.person(at: 42)
        let stored = try #require(try await store.patient(identifiedBy: .personalID(person.personalID), for: access))
        var renamed = stored
        renamed.demographics.name = try PersonName("Ôn Thị Tải")
        var update = ChangeSet(access)
        update.save(renamed)
        let newcomer = try Self.registration(300, access: access)
        try await store.commit(update)
        try await store.commit(newcomer)
        let again = try await store.patient(identifiedBy: .personalID(person.personalID), for: access)
        #expect(again?.version == stored.version + 1)
        #expect(
            try await store.patients(namePrefix: "on thi tai", bornIn: nil, limit: 5, for: access).map(\.id) == [
                stored.id
            ]
        )
        let added = try Self.population.person(at: 300).personalID
        #expect(try await store.patient(identifiedBy: .personalID(added), for: access)?.id == newcomer.patients[0].id)
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
    }

    @Test(arguments: [(0, 0, true), (10_000, 0, true), (10_001, 0, false), (10_001, 20_000, true), (50_000, 1, false)])
    func indexesAreBuiltAfterTheRowsWhenTheStoreIsSmallBesideTheLoad(patients: Int, expected: Int, deferred: Bool) {
        #expect(LoadIndexes.worthDeferring(storedPatients: patients, expected: expected) == deferred)
    }
}
