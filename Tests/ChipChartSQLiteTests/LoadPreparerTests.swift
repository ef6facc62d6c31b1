import ChipChart
import ChipChartTesting
import Foundation
import Synchronization
import Testing

@testable import ChipChartSQLite

@Suite("SQLite load: sets prepared on a thread of their own")
struct LoadPreparerTests {
    typealias Load = SQLiteStoreLoadTests

    /// Sets come out in order, as stored (versions bumped) with the bodies the store's coder
    /// writes, pulled from the sequence on a thread other than the caller's.
    @Test func setsComeOutInOrderWithTheirBodiesEncodedElsewhere() throws {
        let sets = try Load.sets(600)
        let caller = Thread.current
        let elsewhere = Mutex(0)
        let preparer = LoadPreparer(
            sets.lazy.map { changes in
                if Thread.current != caller { elsewhere.withLock { $0 += 1 } }
                return changes
            }.makeIterator()
        )
        let coder = RecordCoder()
        var count = 0
        while let prepared = try preparer.next() {
            let expected = sets[count].receipt(with: [])
            #expect(prepared.stored.patients == expected.patients)
            #expect(prepared.stored.coverages == expected.coverages)
            #expect(prepared.stored.visits == expected.visits)
            #expect(prepared.bodies.patients == (try expected.patients.map { try coder.encode($0) }))
            #expect(prepared.bodies.coverages == (try expected.coverages.map { try coder.encode($0) }))
            #expect(prepared.bodies.visits == (try expected.visits.map { try coder.encode($0) }))
            count += 1
        }
        #expect(count == sets.count)
        #expect(try preparer.next() == nil, "an ended sequence stays ended")
        #expect(elsewhere.withLock { $0 } == sets.count, "every set was pulled off the caller's thread")
    }

    /// A set that contradicts itself comes out as its error after the sets before it, and nothing
    /// is pulled after it.
    @Test func theFirstSetThatCannotBePreparedEndsThePulls() throws {
        var sets = try Load.sets(400)
        var negative = sets[300].patients[0]
        negative.version = -1
        sets[300].save(negative)
        let pulled = Mutex(0)
        let preparer = LoadPreparer(
            sets.lazy.map { changes in
                pulled.withLock { $0 += 1 }
                return changes
            }.makeIterator()
        )
        var count = 0
        do {
            while try preparer.next() != nil { count += 1 }
            Issue.record("a set that contradicts itself was prepared")
        } catch let error as StoreError {
            #expect(error.code == .invalidChangeSet)
        }
        #expect(count == 300)
        preparer.finish()
        #expect(pulled.withLock { $0 } == 301)
    }

    /// A load refused part-way returns only once the sequence is no longer being pulled.
    @Test func aRefusedLoadPullsNothingOnceItHasReturned() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("load.sqlite"), logger: quietLogger)
        var sets = try Load.sets(1_500)
        // Set 20 brings a coverage of a patient nobody stored: refused when it is written.
        sets[20] = ChangeSet(try Load.access())
        sets[20].save(
            Coverage(
                patientID: PatientID(),
                cardCode: try InsuranceCardCode("GD4010000000001"),
                validity: try Load.population.person(at: 20).cardValidity
            )
        )
        let pulled = Mutex(0)
        let slow = sets.lazy.map { changes in
            pulled.withLock { $0 += 1 }
            usleep(500)
            return changes
        }
        await #expect(throws: StoreError.self) { try await store.load(slow) }
        let atReturn = pulled.withLock { $0 }
        try await Task.sleep(for: .milliseconds(400))
        #expect(pulled.withLock { $0 } == atReturn, "the sequence was pulled after the load returned")
    }
}
