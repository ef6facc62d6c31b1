// Runs the seeded mutation fuzzer over every card parser with a large count.
//
//     swift run --package-path Benchmarks -c release card-fuzz [iterations-per-target] [seed] [target…]
//
// Targets are named as `ParserFuzzer.Target` names them (`cardAccess`, `paceReply`, `dg15`,
// `activeAuthenticationReply`, …); all when none is named.
//
// Exits non-zero if a parser crashes (the process dies) — a finished run is a pass.
import BenchmarkSupport
import ChipCardTesting

let arguments = CommandLine.arguments.dropFirst()
OptionCheck(usage: "usage: card-fuzz [iterations-per-target] [seed] [target…]").enforce(Array(arguments))
let iterations = arguments.first.flatMap { Int($0) } ?? 1_000_000
let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? 20_261_129
let named = arguments.dropFirst(2).compactMap { ParserFuzzer.Target(rawValue: $0) }
var total = 0
for target in named.isEmpty ? ParserFuzzer.Target.allCases : named {
    let report = try ParserFuzzer.run(target, iterations: iterations, seed: seed)
    total += report.iterations
    print(report)
}
print("total: \(total) inputs, no crash")
