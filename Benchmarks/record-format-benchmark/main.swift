// Encodes and decodes one patient, coverage and visit in the SQLite store's keyed record format
// (format 2) beside the positional format it replaced (format 1), and prints medians and ratios.
//
//     swift run --package-path Benchmarks -c release record-format-benchmark [ROUNDS] [ITERATIONS]
//
// Each round encodes (or decodes) the record ITERATIONS times; the median round is reported per
// operation, in nanoseconds, with format 2's ratio to format 1.
import ChipChart
@_spi(RecordFormat) import ChipChartSQLite
import ChipChartTesting
import Foundation

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
    let encode: (one: Double, two: Double)
    let decode: (one: Double, two: Double)
}

func run<Record: EvolvableRecord & Hashable>(_ name: String, _ record: Record) throws -> Row {
    let positional = BinaryRecordEncoder()
    let keyed = KeyedRecordEncoder()
    let positionalReader = BinaryRecordDecoder()
    let keyedReader = KeyedRecordDecoder()
    let one = try positional.encode(record)
    let two = try keyed.encode(record)
    let decodedOne = try one.withUnsafeBytes { try positionalReader.decode(Record.self, from: $0) }
    let decodedTwo = try two.withUnsafeBytes { try keyedReader.decode(Record.self, from: $0) }
    guard decodedOne == record, decodedTwo == record else {
        throw CocoaError(.coderInvalidValue)
    }
    var sink = 0
    let encodeOne = try measure { sink &+= try positional.encode(record).count }
    let encodeTwo = try measure { sink &+= try keyed.encode(record).count }
    let decodeOne = try measure {
        sink &+= try one.withUnsafeBytes { try positionalReader.decode(Record.self, from: $0) }.hashValue & 1
    }
    let decodeTwo = try measure {
        sink &+= try two.withUnsafeBytes { try keyedReader.decode(Record.self, from: $0) }.hashValue & 1
    }
    if sink == 42 { print("") }
    return Row(
        name: name,
        bytes: (one.count, two.count),
        encode: (encodeOne, encodeTwo),
        decode: (decodeOne, decodeTwo)
    )
}

let rows = [
    try run("patient", try RecordSamples.patient()),
    try run("coverage", try RecordSamples.coverage()),
    try run("visit", try RecordSamples.visit()),
]
print("record format: \(rounds) rounds of \(iterations) calls, median ns per call")
print("| record | bytes 1 / 2 | encode 1 | encode 2 | ratio | decode 1 | decode 2 | ratio |")
print("|---|---|---|---|---|---|---|---|")
for row in rows {
    let encodeRatio = row.encode.two / row.encode.one
    let decodeRatio = row.decode.two / row.decode.one
    print(
        "| \(row.name) | \(row.bytes.one) / \(row.bytes.two) | \(Int(row.encode.one)) | \(Int(row.encode.two)) | "
            + String(format: "%.2f×", encodeRatio) + " | \(Int(row.decode.one)) | \(Int(row.decode.two)) | "
            + String(format: "%.2f×", decodeRatio) + " |"
    )
}
