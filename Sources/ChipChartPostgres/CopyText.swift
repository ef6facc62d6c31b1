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

        /// A UUID in lowercase; null when `nil`.
        mutating func field(_ uuid: UUID?) {
            guard let uuid else { return null() }
            separate()
            buffer.writeString(uuid.uuidString.lowercased())
        }

        /// A JSON document, escaped (JSON text holds backslashes but no raw control character).
        mutating func field(json: Data) {
            separate()
            json.withUnsafeBytes { appendEscaped($0) }
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
            let (year, month, dayOfMonth) = Self.civil(fromDays: day)
            let second = dayMicros / 1_000_000
            func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let fraction = String(dayMicros % 1_000_000 + 1_000_000).dropFirst()
            let yearText = String(year)
            buffer.writeString(
                "\(String(repeating: "0", count: max(0, 4 - yearText.count)))\(yearText)-\(two(month))-\(two(dayOfMonth)) "
                    + "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)).\(fraction)+00"
            )
        }

        /// The proleptic Gregorian date `days` after 1970-01-01.
        static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
            let shifted = days + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }

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
