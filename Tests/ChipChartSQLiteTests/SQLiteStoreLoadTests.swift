import ChipChart
import ChipChartTesting
import Foundation
import Synchronization
import Testing

@testable import ChipChartSQLite

@Suite("SQLiteStore bulk load")
struct SQLiteStoreLoadTests {
    static let population = SyntheticPopulation(seed: 7)

    /// Person `index` as a new patient with one coverage: one change set.
    static func registration(_ index: Int, access: Access) throws -> ChangeSet {
        let person = try population.person(at: index)
        var patient = Patient(
            demographics: Demographics(
                name: person.reading.name,
                dateOfBirth: person.reading.dateOfBirth,
                sex: person.reading.sex,
                address: person.reading.address
            )
        )
        patient.identifiers = [.personalID(person.reading.personalID)]
        var changes = ChangeSet(access)
        changes.save(patient)
        changes.save(
            Coverage(
                patientID: patient.id,
                cardCode: try InsuranceCardCode("GD4010000000001"),
                validity: person.cardValidity
            )
        )
        return changes
    }

    @Test func aLoadInManyChunksWritesAndAuditsEverySetOnce() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("load.sqlite"), logger: quietLogger)
        let access = Access(by: try Self.population.staff(), purpose: "import")
        let sets = try (0..<250).map { try Self.registration($0, access: access) }
        let pulled = Mutex(0)
        let before = store.writeTransactionCount
        let cache = store.writerPageCacheSize
        let loaded = try await store.load(
            sets.lazy.map { changes in
                pulled.withLock { $0 += 1 }
                return changes
            },
            batchSize: 40
        )
        #expect(loaded == 250)
        #expect(pulled.withLock { $0 } == 250, "each set is pulled from the sequence once")
        #expect(store.writeTransactionCount - before == 7, "one transaction per chunk of 40")
        #expect(store.writerPageCacheSize == cache, "the load's larger page cache is set back")
        let events = try await store.auditEvents(after: 0, limit: 10_000)
        #expect(events.count == 500, "a patient and a coverage audited per set")
        #expect(Set(events.map(\.sequence)).count == 500)
        #expect(try await store.verifyAuditTrail().isIntact)
        for index in [0, 39, 40, 249] {
            let person = try Self.population.person(at: index)
            let found = try await store.patient(identifiedBy: .personalID(person.reading.personalID), for: access)
            #expect(found?.demographics.name == person.reading.name)
        }
    }

    @Test func aFailingSetRollsBackItsChunkAndKeepsTheEarlierOnes() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("load.sqlite"), logger: quietLogger)
        let access = Access(by: try Self.population.staff(), purpose: "import")
        var sets = try (0..<100).map { try Self.registration($0, access: access) }
        // Set 55 takes the personal ID of set 3: the unique index refuses it.
        let taken = try Self.population.person(at: 3).reading.personalID
        var clash = Patient(demographics: sets[55].patients[0].demographics)
        clash.identifiers = [.personalID(taken)]
        sets[55] = ChangeSet(access)
        sets[55].save(clash)
        let cache = store.writerPageCacheSize
        await #expect(throws: StoreError.self) { try await store.load(sets, batchSize: 25) }
        #expect(store.writerPageCacheSize == cache, "a failed load sets its page cache back too")
        let events = try await store.auditEvents(after: 0, limit: 10_000)
        #expect(events.count == 100, "the first two chunks of 25 sets, two events each")
        let kept = try Self.population.person(at: 49).reading.personalID
        let lost = try Self.population.person(at: 50).reading.personalID
        #expect(try await store.patient(identifiedBy: .personalID(kept), for: access) != nil)
        #expect(try await store.patient(identifiedBy: .personalID(lost), for: access) == nil)
        #expect(try await store.verifyAuditTrail().isIntact)
    }
}
