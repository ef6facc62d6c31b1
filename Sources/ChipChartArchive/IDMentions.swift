import Foundation

/// One id met in an archive: a record that has it (a definition) or a record that points to it
/// (a reference, with why it must resolve), and the line where it was met.
struct IDMention: Comparable {
    /// The kinds of record an id can name.
    enum Space: UInt8 {
        case patient, coverage, visit
    }

    /// The id's kind.
    var space: Space
    /// 0 for the record that has the id; otherwise the ``ArchiveCheck/Reference`` that points to it.
    var role: UInt8
    /// The id's 16 bytes, as two big-endian words: ids sort as their bytes do.
    var high: UInt64
    var low: UInt64
    /// The line where it was met; ``IDMention/atEnd`` for a reference checked once the archive is read.
    var line: Int

    /// The line of a reference that may point forward, checked at the end.
    static let atEnd = Int.max

    init(_ space: Space, _ uuid: UUID, role: UInt8, line: Int) {
        self.space = space
        self.role = role
        self.line = line
        (high, low) = withUnsafeBytes(of: uuid.uuid) { bytes in
            (
                UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
    }

    /// True when both name the same id of the same kind.
    func sameID(as other: IDMention) -> Bool { space == other.space && high == other.high && low == other.low }

    /// By id; for one id, the records that have it first, then in line order.
    static func < (left: IDMention, right: IDMention) -> Bool {
        if left.space != right.space { return left.space.rawValue < right.space.rawValue }
        if left.high != right.high { return left.high < right.high }
        if left.low != right.low { return left.low < right.low }
        if (left.role == 0) != (right.role == 0) { return left.role == 0 }
        return left.line < right.line
    }
}

/// Every id mention of an archive, handed back in sorted order in bounded memory: mentions are
/// gathered in a buffer of `runLength`, and each full buffer is sorted and written to an
/// anonymous temporary file (removed when closed) as one run; the runs are merged at the end.
///
/// Memory is one buffer (32 bytes a mention) and, while merging, a few thousand mentions per
/// run, whatever the size of the archive; the disk holds 32 bytes a mention until the check ends.
final class IDMentions {
    private let runLength: Int
    private var buffer: [IDMention] = []
    private var file: UnsafeMutablePointer<FILE>?
    /// The runs written: where each starts in the file (in mentions) and how many it holds.
    private var runs: [(start: Int, count: Int)] = []
    private var written = 0

    /// Mentions gathered `runLength` at a time (at least 2).
    init(runLength: Int) {
        self.runLength = max(2, runLength)
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Adds a mention.
    func add(_ mention: IDMention) throws(ArchiveError) {
        buffer.append(mention)
        if buffer.count >= runLength { try spill() }
    }

    /// Calls `body` with every mention, in sorted order.
    func forEachSorted(_ body: (IDMention) throws(ArchiveError) -> Void) throws(ArchiveError) {
        if runs.isEmpty {
            buffer.sort()
            for mention in buffer { try body(mention) }
            return
        }
        try spill()
        var readers = runs.map { RunReader(start: $0.start, count: $0.count) }
        guard let file else { return }
        for index in readers.indices { try readers[index].refill(from: file) }
        while true {
            var smallest: Int?
            for index in readers.indices {
                guard let head = readers[index].head else { continue }
                if let current = smallest, let best = readers[current].head, !(head < best) { continue }
                smallest = index
            }
            guard let index = smallest, let mention = readers[index].head else { return }
            try body(mention)
            try readers[index].advance(in: file)
        }
    }

    /// Sorts the buffer and writes it to the file as one run.
    private func spill() throws(ArchiveError) {
        guard !buffer.isEmpty else { return }
        if file == nil { file = tmpfile() }
        guard let file else { throw Self.failure("could not create a temporary file") }
        buffer.sort()
        let count = buffer.count
        let done = buffer.withUnsafeBufferPointer {
            fwrite($0.baseAddress, MemoryLayout<IDMention>.stride, count, file)
        }
        guard done == count else { throw Self.failure("could not write a temporary file") }
        runs.append((written, count))
        written += count
        buffer.removeAll(keepingCapacity: true)
    }

    fileprivate static func failure(_ what: String) -> ArchiveError {
        ArchiveError(code: .fileError, message: "the check of the archive's ids \(what)")
    }
}

/// Reads one sorted run back, a few thousand mentions at a time.
private struct RunReader {
    static let chunk = 4096
    private var next: Int
    private var left: Int
    private var chunk: [IDMention] = []
    private var position = 0

    init(start: Int, count: Int) {
        next = start
        left = count
    }

    /// The run's smallest mention not handed out yet.
    var head: IDMention? { position < chunk.count ? chunk[position] : nil }

    mutating func advance(in file: UnsafeMutablePointer<FILE>) throws(ArchiveError) {
        position += 1
        if position >= chunk.count { try refill(from: file) }
    }

    mutating func refill(from file: UnsafeMutablePointer<FILE>) throws(ArchiveError) {
        let count = min(Self.chunk, left)
        chunk.removeAll(keepingCapacity: true)
        position = 0
        guard count > 0 else { return }
        let stride = MemoryLayout<IDMention>.stride
        guard fseeko(file, off_t(next * stride), SEEK_SET) == 0 else {
            throw IDMentions.failure("could not read its temporary file")
        }
        let read = [IDMention](unsafeUninitializedCapacity: count) { storage, initialized in
            initialized = fread(storage.baseAddress, stride, count, file)
        }
        guard read.count == count else { throw IDMentions.failure("could not read its temporary file") }
        chunk = read
        next += count
        left -= count
    }
}
