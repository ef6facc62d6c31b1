#if PostgreSQL
    import ChipChart
    import Foundation
    import PostgresNIO

    /// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by a tab,
    /// rows ended by a newline, `\N` for null, and a backslash, tab, newline or carriage return
    /// inside a value escaped with a backslash.
    struct CopyText {
        /// The rows so far.
        private(set) var buffer: ByteBuffer
        private var rowStarted = false
        private var documents = StoredDocumentWriter()

        /// No rows yet; room for about `capacity` bytes.
        init(capacity: Int = 1 << 20) {
            buffer = ByteBuffer()
            buffer.reserveCapacity(capacity)
        }

        private mutating func separate() {
            if rowStarted { buffer.writeInteger(UInt8(ascii: "\t")) }
            rowStarted = true
        }

        /// Ends the current row.
        mutating func endRow() {
            buffer.writeInteger(UInt8(ascii: "\n"))
            rowStarted = false
        }

        /// One field's value, of the kinds a record table's own columns hold.
        enum Value {
            case text(String?)
            case uuid(UUID?)
            case number(Int)
            case timestamp(Double)
        }

        /// A field.
        mutating func field(_ value: Value) {
            switch value {
            case .text(let text): field(text)
            case .uuid(let uuid): field(uuid)
            case .number(let number): field(number)
            case .timestamp(let seconds): field(timestamp: seconds)
            }
        }

        /// A null field.
        mutating func null() {
            separate()
            buffer.writeStaticString("\\N")
        }

        /// A text field, escaped; null when `nil`.
        mutating func field(_ text: String?) {
            guard var text else { return null() }
            separate()
            text.withUTF8 { appendEscaped($0) }
        }

        /// A number.
        mutating func field(_ number: some BinaryInteger) {
            separate()
            buffer.writeString(String(number))
        }

        /// A UUID in lowercase; null when `nil`. Written digit by digit into the buffer: no
        /// string is made for it (a restore writes several per record).
        mutating func field(_ uuid: UUID?) {
            guard let uuid else { return null() }
            separate()
            _ = uuid.withText(uppercase: false) { buffer.writeBytes($0) }
        }

        /// A record's JSON document, escaped (JSON text holds backslashes but no raw control
        /// character); `encoder` writes what ``StoredDocumentWriter`` does not.
        mutating func field(document record: some StoredDocument, encoder: JSONEncoder) throws {
            let json = try documents.document(of: record, encoder: encoder)
            separate()
            appendEscaped(json)
        }

        /// A `timestamptz` of `seconds` since 1970, in UTC, to the microsecond: the very value
        /// `to_timestamp(seconds)` gives (PostgreSQL rounds half to even from its own epoch).
        mutating func field(timestamp seconds: Double) {
            separate()
            let postgresEpoch: Int64 = 946_684_800
            let fromPostgresEpoch = ((seconds - Double(postgresEpoch)) * 1_000_000).rounded(.toNearestOrEven)
            let micros = Int64(fromPostgresEpoch) + postgresEpoch * 1_000_000
            let (days, microOfDay) = micros.quotientAndRemainder(dividingBy: 86_400_000_000)
            let (day, dayMicros) = microOfDay < 0 ? (days - 1, microOfDay + 86_400_000_000) : (days, microOfDay)
            let date = Self.epoch.adding(days: Int(day))
            let second = dayMicros / 1_000_000
            func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let fraction = String(dayMicros % 1_000_000 + 1_000_000).dropFirst()
            buffer.writeString(
                "\(date) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)).\(fraction)+00"
            )
        }

        /// 1970-01-01 (the day that contains the instant 0 in Vietnam, too).
        private static let epoch = CalendarDate(containing: Date(timeIntervalSince1970: 0))

        private mutating func appendEscaped(_ bytes: some Collection<UInt8>) {
            var start = bytes.startIndex
            var index = start
            while index != bytes.endIndex {
                let escaped: UInt8? =
                    switch bytes[index] {
                    case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                    case UInt8(ascii: "\t"): UInt8(ascii: "t")
                    case UInt8(ascii: "\n"): UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): UInt8(ascii: "r")
                    default: nil
                    }
                if let escaped {
                    buffer.writeBytes(bytes[start..<index])
                    buffer.writeInteger(UInt8(ascii: "\\"))
                    buffer.writeInteger(escaped)
                    start = bytes.index(after: index)
                }
                index = bytes.index(after: index)
            }
            buffer.writeBytes(bytes[start..<index])
        }
    }
#endif
