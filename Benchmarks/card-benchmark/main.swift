// CPU time of a full simulated-chip read: access control (BAC, or PACE with the CAN on NIST P-256
// and on brainpoolP256r1), DG1, DG13, EF.SOD, passive authentication (hashes, CMS signature,
// chain to the CSCA), and building the reading.
//
//     swift run --package-path Benchmarks -c release card-benchmark [runs]
//
// The simulated card answers in the same process, so its side of the exchange (its 3DES and
// MACs) is counted too: the figure is an upper bound of the reader's own cost.
import BenchmarkSupport
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

OptionCheck(usage: "usage: card-benchmark [runs]").enforce(Array(CommandLine.arguments.dropFirst()))
let runs = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1000
let pki = try SimulatedPKI()

func milliseconds(_ seconds: Double) -> String {
    let value = (seconds * 100_000).rounded() / 100
    return "\(value) ms"
}

func measure(_ label: String, _ reader: ChipCardReader) async throws {
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
    let mean = samples.reduce(0, +) / Double(samples.count)
    print(
        "card reading: full simulated-chip read (\(label) + DG1 + DG13 + EF.SOD + passive authentication), \(runs) runs"
    )
    print("  median \(milliseconds(samples[samples.count / 2]))")
    print("  p90    \(milliseconds(samples[samples.count * 9 / 10]))")
    print("  min    \(milliseconds(samples[0]))")
    print("  mean   \(milliseconds(mean))")
}

let card = try SimulatedCard.sample
let bacChip = try SimulatedChip(card: card, pki: pki, accessControl: .bacOnly)
try await measure("BAC", ChipCardReader(transport: bacChip, key: bacChip.accessKey, trustAnchors: try pki.trustAnchors))
for curve in [SimulatedChip.AccessControl.Curve.p256, .brainpoolP256r1] {
    let chip = try SimulatedChip(card: card, pki: pki, accessControl: .pace(curve: curve))
    let reader = ChipCardReader(
        transport: chip,
        cardAccessNumber: chip.cardAccessNumber,
        trustAnchors: try pki.trustAnchors
    )
    try await measure("PACE-CAN \(curve)", reader)
}
