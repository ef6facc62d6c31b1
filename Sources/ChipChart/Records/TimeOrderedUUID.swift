import Foundation
import Synchronization

/// New record ids in the layout of RFC 9562's version 7: the first 48 bits are the milliseconds
/// since 1970, then a 12-bit counter, then random bits.
///
/// Ids made one after another sort in the order they were made (within a process, even inside
/// one millisecond and when the clock steps back), so a store's index of ids grows at its end
/// instead of at random places: a bulk load appends to the index's last page rather than
/// touching a page anywhere in it for every record. The random 62 bits keep ids made by
/// different processes or machines apart.
final class TimeOrderedUUID: Sendable {
    /// The generator of ``RecordID``'s new ids, shared by the whole process.
    static let shared = TimeOrderedUUID()

    /// The millisecond and counter of the last id made, so the next one sorts after it.
    private let last = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))

    /// A generator whose ids sort after one another (tests make their own).
    init() {}

    /// A new id of the process's shared generator.
    static func next() -> UUID { shared.next() }

    /// A new id, after every id this generator made before.
    func next(at date: Date = Date()) -> UUID {
        var random = SystemRandomNumberGenerator()
        let now = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let (milliseconds, counter) = last.withLock { last -> (UInt64, UInt16) in
            if now > last.milliseconds {
                // A fresh millisecond starts the counter low, leaving room to count up.
                last = (now, UInt16.random(in: 0..<0x400, using: &random))
            } else if last.counter < 0xFFF {
                last.counter += 1
            } else {
                last = (last.milliseconds + 1, 0)
            }
            return last
        }
        let tail = random.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * UInt64(5 - index))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: tail >> (8 * UInt64(15 - index))) }
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}
