// Encodes and decodes one patient, coverage and visit in the SQLite store's keyed record format
// (format 2) beside the positional format it replaced (format 1), and prints medians and ratios.
// Format 2 is written and read as the store does, by each record's own writer and reader; the
// generic keyed coder (`Codable`), which writes the same bytes, is measured beside them.
//
//     swift run --package-path Benchmarks -c release record-format-benchmark [ROUNDS] [ITERATIONS]
//
// Each round encodes (or decodes) the record ITERATIONS times; the median round is reported per
// operation, in nanoseconds, with format 2's ratio to format 1.
import BenchmarkSupport
import ChipChart
@_spi(RecordFormat) import ChipChartSQLite
import ChipChartTesting
import Foundation

OptionCheck(usage: "usage: record-format-benchmark [ROUNDS] [ITERATIONS]").enforce(
    Array(CommandLine.arguments.dropFirst())
)
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rounds = arguments.first ?? 15
let iterations = arguments.dropFirst().first ?? 20_000

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Nanoseconds per call of `body`, the median of `rounds` rounds.
func measure(_ body: () throws -> Void) rethrows -> Double {
    var perCall: [Double] = []
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        perCall.append(nanoseconds / Double(iterations))
    }
    return median(perCall)
}

struct Row {
    let name: String
    let bytes: (one: Int, two: Int)
    let encode: (one: Double, two: Double, generic: Double)
    let decode: (one: Double, two: Double, generic: Double)
}

func run<Record: DirectlyCodedRecord & Hashable>(_ name: String, _ record: Record) throws -> Row {
    let positional = BinaryRecordEncoder()
    let keyed = KeyedRecordEncoder()
    let positionalReader = BinaryRecordDecoder()
    let keyedReader = KeyedRecordDecoder()
    let one = try positional.encode(record)
    let two = try keyed.encode(record)
    let decodedOne = try one.withUnsafeBytes { try positionalReader.decode(Record.self, from: $0) }
    let decodedTwo = try two.withUnsafeBytes { try keyedReader.decode(Record.self, from: $0) }
    let decodedDirect = try two.withUnsafeBytes { try keyedReader.decodeDirectly(Record.self, from: $0) }
    guard decodedOne == record, decodedTwo == record, decodedDirect == record, try keyed.encodeDirectly(record) == two
    else {
        throw CocoaError(.coderInvalidValue)
    }
    var sink = 0
    let encodeOne = try measure { sink &+= try positional.encode(record).count }
    let encodeTwo = try measure { sink &+= try keyed.encodeDirectly(record).count }
    let encodeGeneric = try measure { sink &+= try keyed.encode(record).count }
    let decodeOne = try measure {
        sink &+= try one.withUnsafeBytes { try positionalReader.decode(Record.self, from: $0) }.hashValue & 1
    }
    let decodeTwo = try measure {
        sink &+= try two.withUnsafeBytes { try keyedReader.decodeDirectly(Record.self, from: $0) }.hashValue & 1
    }
    let decodeGeneric = try measure {
        sink &+= try two.withUnsafeBytes { try keyedReader.decode(Record.self, from: $0) }.hashValue & 1
    }
    if sink == 42 { print("") }
    return Row(
        name: name,
        bytes: (one.count, two.count),
        encode: (encodeOne, encodeTwo, encodeGeneric),
        decode: (decodeOne, decodeTwo, decodeGeneric)
    )
}

let rows = [
    try run("patient", try RecordSamples.patient()),
    try run("coverage", try RecordSamples.coverage()),
    try run("visit", try RecordSamples.visit()),
]
print("record format: \(rounds) rounds of \(iterations) calls, median ns per call")
print("(2: each record's own writer and reader, as the store uses them; generic: the Codable keyed coder)")
print("| record | bytes 1 / 2 | encode 1 | encode 2 | ratio | generic | decode 1 | decode 2 | ratio | generic |")
print("|---|---|---|---|---|---|---|---|---|---|")
func ratio(_ value: Double, _ base: Double) -> String { String(format: "%.2f×", value / base) }
for row in rows {
    print(
        "| \(row.name) | \(row.bytes.one) / \(row.bytes.two) | \(Int(row.encode.one)) | \(Int(row.encode.two)) | "
            + "\(ratio(row.encode.two, row.encode.one)) | \(Int(row.encode.generic)) | "
            + "\(Int(row.decode.one)) | \(Int(row.decode.two)) | \(ratio(row.decode.two, row.decode.one)) | "
            + "\(Int(row.decode.generic)) |"
    )
}
