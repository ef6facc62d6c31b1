// CPU time of a full simulated-chip read: BAC, DG1, DG13, EF.SOD, passive authentication
// (hashes, CMS signature, chain to the CSCA), and building the reading.
//
//     swift run --package-path Benchmarks -c release card-benchmark [runs]
//
// The simulated card answers in the same process, so its side of the exchange (its 3DES and
// MACs) is counted too: the figure is an upper bound of the reader's own cost.
import ChipCard
import ChipCardTesting
import ChipChart

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func processCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let runs = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1000
let pki = try SimulatedPKI()
let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)

for _ in 0..<20 {
    _ = try await reader.read()
}
var samples: [Double] = []
samples.reserveCapacity(runs)
for _ in 0..<runs {
    let start = processCPUTime()
    let reading = try await reader.read()
    samples.append(processCPUTime() - start)
    guard reading.authentication?.chainsToTrustedCSCA == true else {
        print("passive authentication failed: the benchmark is not measuring a full read")
        exit(1)
    }
}
samples.sort()
func milliseconds(_ seconds: Double) -> String {
    let value = (seconds * 100_000).rounded() / 100
    return "\(value) ms"
}
let mean = samples.reduce(0, +) / Double(samples.count)
print("card reading: full simulated-chip read (BAC + DG1 + DG13 + EF.SOD + passive authentication), \(runs) runs")
print("  median \(milliseconds(samples[samples.count / 2]))")
print("  p90    \(milliseconds(samples[samples.count * 9 / 10]))")
print("  min    \(milliseconds(samples[0]))")
print("  mean   \(milliseconds(mean))")
