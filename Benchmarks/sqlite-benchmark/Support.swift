import ChipChart
import ChipChartTesting
import Foundation

/// Monotonic time in nanoseconds.
func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// The process's peak resident memory (VmHWM), in megabytes; 0 where /proc is missing.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}

/// The CPU time this process has used so far (user and system), in seconds: on a shared machine,
/// the measure that other processes' load does not inflate as much as the wall time.
func cpuSeconds() -> Double {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// Median and 99th percentile of latencies in microseconds.
struct Latencies {
    var samples: [Double]

    func percentile(_ fraction: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
}

/// The benchmark's data: a fixed synthetic population.
///
/// Generating a synthetic person (valid card, insurance number, normalised name) costs more than
/// storing one, and a hospital's old system hands its people over ready-made: the people are
/// generated once, before any timing, as a pool of ``poolSize``; patient `i` is pool person
/// `i % poolSize` with a personal ID of its own. Making each change set from the pool is timed.
enum Workload {
    static let population = SyntheticPopulation(seed: 1_000_003)
    static let facility = try? FacilityCode("01001")
    static let poolSize = 10_000
    static let pool: [SyntheticPopulation.Person] = (0..<poolSize).compactMap { try? population.person(at: $0) }
    /// The folded names of the pool, for the baseline (the store folds each name it writes).
    static let poolNameKeys = pool.map(\.reading.name.searchKey)

    static func person(_ index: Int) -> SyntheticPopulation.Person? {
        pool.isEmpty ? nil : pool[index % pool.count]
    }

    /// Patient `index`'s personal ID: the pool person's province, century and year of birth, and
    /// `index` as the six-digit serial (unique up to a million patients).
    static func personalID(_ index: Int) -> PersonalID? {
        guard let person = person(index) else { return nil }
        let serial = String(1_000_000 + index % 1_000_000).dropFirst()
        return try? PersonalID(String(person.personalID.digits.prefix(6)) + serial)
    }

    /// A deterministic id for the patient, coverage and visit of person `index`.
    static func uuid(_ index: Int, kind: UInt8) -> UUID {
        let b = withUnsafeBytes(of: UInt64(index).bigEndian) { Array($0) }
        return UUID(uuid: (kind, 0, 0, 0, 0, 0, 0x40, 0, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]))
    }

    /// Patient `index` as a new patient with one coverage, and with `withVisit` one visit: one
    /// ChangeSet.
    static func registration(_ index: Int, access: Access, withVisit: Bool) -> ChangeSet? {
        guard let person = person(index), let id = personalID(index), let facility else { return nil }
        var patient = person.newPatient(id: PatientID(uuid(index, kind: 1)))
        patient.identifiers = [.personalID(id)]
        var changes = ChangeSet(access)
        changes.save(patient)
        let card = person.insuranceCard ?? (try? InsuranceCardCode("GD4010000000001"))
        guard let card else { return nil }
        let coverage = Coverage(
            id: CoverageID(uuid(index, kind: 2)),
            patientID: patient.id,
            cardCode: card,
            validity: person.cardValidity
        )
        changes.save(coverage)
        guard withVisit else { return changes }
        let admitted = Date(timeIntervalSince1970: 1_772_409_600 + Double(index))
        guard
            let visit = try? Visit(
                id: VisitID(uuid(index, kind: 3)),
                key: "01001-\(index)",
                patientID: patient.id,
                facility: facility,
                admittedAt: admitted,
                appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)]
            )
        else { return nil }
        changes.save(visit)
        return changes
    }
}

extension Workload {
    /// The average body sizes the store wrote (patient, coverage, visit), for the baseline.
    static func bodySizes(path: String) throws -> (Int, Int, Int) {
        let baseline = try Baseline(path: path, synchronous: "NORMAL", bodySizes: (0, 0, 0))
        func average(_ table: String) throws -> Int {
            let statement = try baseline.statement("SELECT CAST(avg(length(body)) AS INTEGER) FROM \(table)")
            return Int(baseline.firstInteger(statement) ?? 0)
        }
        return (try average("patient"), try average("coverage"), try average("visit"))
    }
}
