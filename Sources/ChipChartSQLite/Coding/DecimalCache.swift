import Foundation

/// The last few decimals read, by the bytes they were stored as: a line's quantity is most often
/// one of a few values (1, 2, 0.5), and reading one through Foundation's keyed `Codable`
/// conformance costs more than the rest of the line. One decoder's, used by one thread at a time.
final class DecimalCache {
    private struct Entry {
        let stored: [UInt8]
        let value: Decimal
    }

    /// At most this many, the oldest replaced first.
    static let capacity = 16
    private var entries: [Entry] = []
    private var oldest = 0

    /// The decimal stored as `stored`, read by `read` unless the same bytes were read lately.
    func value(storedAs stored: UnsafeRawBufferPointer, read: () throws -> Decimal) rethrows -> Decimal {
        for entry in entries where entry.stored.count == stored.count {
            let same = entry.stored.withUnsafeBytes { known in
                guard let left = known.baseAddress, let right = stored.baseAddress else { return true }
                return memcmp(left, right, stored.count) == 0
            }
            if same { return entry.value }
        }
        let value = try read()
        let entry = Entry(stored: Array(stored), value: value)
        if entries.count < Self.capacity {
            entries.append(entry)
        } else {
            entries[oldest] = entry
            oldest = (oldest + 1) % Self.capacity
        }
        return value
    }
}
