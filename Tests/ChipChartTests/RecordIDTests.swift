import Foundation
import Testing

@testable import ChipChart

@Suite struct RecordIDTests {
    /// The bytes of a UUID in order, as a store's index compares them.
    private static func bytes(_ uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    @Test func newIDsSortInTheOrderTheyWereMade() {
        let ids = (0..<5_000).map { _ in PatientID().uuid }
        let keys = ids.map(Self.bytes)
        for (earlier, later) in zip(keys, keys.dropFirst()) {
            #expect(earlier.lexicographicallyPrecedes(later))
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test func newIDsAreVersionSevenWithTheTimeFirst() {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let key = Self.bytes(VisitID().uuid)
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        #expect(key[6] >> 4 == 7)
        #expect(key[8] >> 6 == 0b10)
        let milliseconds = key[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        // A burst of more than 4,096 ids in a millisecond (another test may make one meanwhile)
        // borrows the next millisecond, so an id may run a few milliseconds ahead of the clock.
        #expect(milliseconds >= before && milliseconds <= after + 10)
    }

    @Test func idsStillSortAfterTheClockStepsBack() {
        let generator = TimeOrderedUUID()
        let first = generator.next(at: Date(timeIntervalSince1970: 1_800_000_000))
        let second = generator.next(at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(Self.bytes(first).lexicographicallyPrecedes(Self.bytes(second)))
    }
}
