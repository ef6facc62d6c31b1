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
enum Workload {
    static let population = SyntheticPopulation(seed: 1_000_003)
    static let facility = try? FacilityCode("01001")

    static func person(_ index: Int) -> SyntheticPopulation.Person? { try? population.person(at: index) }

    /// A deterministic id for the patient, coverage and visit of person `index`.
    static func uuid(_ index: Int, kind: UInt8) -> UUID {
        let b = withUnsafeBytes(of: UInt64(index).bigEndian) { Array($0) }
        return UUID(uuid: (kind, 0, 0, 0, 0, 0, 0x40, 0, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]))
    }

    /// Person `index` as a new patient with one coverage and one visit: one ChangeSet.
    static func registration(_ index: Int, access: Access) -> ChangeSet? {
        guard let person = person(index), let facility else { return nil }
        var patient = Patient(
            id: PatientID(uuid(index, kind: 1)),
            demographics: Demographics(
                name: person.reading.name,
                dateOfBirth: person.reading.dateOfBirth,
                sex: person.reading.sex,
                address: person.reading.address
            )
        )
        patient.identifiers = [.personalID(person.reading.personalID)]
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
