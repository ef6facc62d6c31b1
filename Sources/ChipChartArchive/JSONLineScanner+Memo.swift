/// Values that recur from line to line, by the bytes they were read from: the staff member
/// who wrote the audit events, the facility, the kind of visit. The same bytes always make the
/// same value, so a value found here is the value reading them again would make, without
/// checking a name or a code once more.
///
/// At most `capacity` values are kept; when it is full it starts again empty, so a file of
/// values that never recur costs a lookup each and no more memory.
final class RecordLineMemo {
    fileprivate struct Key: Hashable {
        var type: ObjectIdentifier
        var bytes: [UInt8]
    }

    private var values: [Key: Any] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    fileprivate func value<Value>(_ type: Value.Type, _ bytes: UnsafeRawBufferPointer) -> (Value?, key: Key) {
        let key = Key(type: ObjectIdentifier(type), bytes: Array(bytes))
        return (values[key] as? Value, key)
    }

    fileprivate func store(_ value: Any, under key: Key) {
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        values[key] = value
    }
}

extension JSONLineScanner {
    /// The value `read` reads next, found in the memo when the same bytes were read before. Only
    /// a string or an object without nested values (and without escapes) is looked up.
    mutating func memoized<Value>(_ read: (inout JSONLineScanner) -> Value?) -> Value? {
        guard let memo, let end = flatValueEnd() else { return read(&self) }
        let (found, key) = memo.value(Value.self, UnsafeRawBufferPointer(rebasing: bytes[position..<end]))
        if let found {
            position = end
            return found
        }
        guard let value = read(&self) else { return nil }
        if position == end { memo.store(value, under: key) }
        return value
    }

    /// Where the string or flat object that starts here ends, when it holds no escape.
    private func flatValueEnd() -> Int? {
        guard position < bytes.count else { return nil }
        let opening = bytes[position]
        guard opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "{") else { return nil }
        var inString = opening == UInt8(ascii: "\"")
        var index = position + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): return nil
            case UInt8(ascii: "\""):
                if inString && opening == UInt8(ascii: "\"") { return index + 1 }
                inString.toggle()
            case UInt8(ascii: "}") where !inString: return index + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if !inString { return nil }
            default: break
            }
            index += 1
        }
        return nil
    }
}
