import ChipChart
import Foundation

/// What the morning counted.
struct Tally: Sendable {
    var checkIns = 0
    var visitsOpened = 0
    var repeatScans = 0
    var matches: [CheckInReceipt.Match: Int] = [:]
    var outcomes: [String: Int] = [:]
    var presentations: [Morning.Presentation: Int] = [:]
    var unverified = 0
    var replacementsFollowed = 0
    var latencies: [Duration] = []
    var wallTime: Duration = .zero
    var reverificationQueued = 0
    var reverificationResolved = 0
    var reverificationPending = 0
    /// The visits opened, with the arrival that opened each.
    var opened: [Opened] = []
    /// What the examinations did: visits closed, admitted, referred.
    var examinations = Closing.Outcome()
    /// What the ward round did with the stays from earlier days.
    var wardRound = WardRound.Outcome()

    /// A visit opened in the morning, and by which arrival.
    struct Opened: Sendable {
        let arrival: Int
        let id: VisitID
    }

    mutating func record(_ receipt: CheckInReceipt, arrival: Int, presentation: Morning.Presentation, latency: Duration)
    {
        checkIns += 1
        latencies.append(latency)
        presentations[presentation, default: 0] += 1
        if receipt.isRepeatScan {
            repeatScans += 1
            return
        }
        visitsOpened += 1
        opened.append(Opened(arrival: arrival, id: receipt.visit.id))
        matches[receipt.match, default: 0] += 1
        if receipt.coverageUnverified { unverified += 1 }
        if let coverage = receipt.coverage, coverage.replaces != nil, coverage.version == 0 || coverage.version == 1 {
            replacementsFollowed += 1
        }
        outcomes[Self.category(receipt.coverageOutcome), default: 0] += 1
    }

    mutating func merge(_ other: Tally) {
        checkIns += other.checkIns
        visitsOpened += other.visitsOpened
        repeatScans += other.repeatScans
        matches.merge(other.matches, uniquingKeysWith: +)
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        presentations.merge(other.presentations, uniquingKeysWith: +)
        unverified += other.unverified
        replacementsFollowed += other.replacementsFollowed
        latencies += other.latencies
        opened += other.opened
    }

    /// A line of the summary for each kind of insurer answer.
    static func category(_ outcome: CoverageOutcome?) -> String {
        switch outcome {
        case .none: return "no insurance check"
        case .confirmed: return "confirmed (000)"
        case .replaced(let oldStillValid):
            return oldStillValid ? "replacement followed (004)" : "replacement followed (003)"
        case .expired: return "expired (010)"
        case .revoked: return "revoked (110)"
        case .ended: return "ended (120-124)"
        case .identityMismatch: return "name or birth date mismatch (060/061/070)"
        case .checkPapers: return "Defence/Police card: papers checked (001/002)"
        case .noCard: return "no insurance card (050)"
        case .portalUnavailable: return "insurer unreachable (outage)"
        default: return "insurer or facility error"
        }
    }

    func percentile(_ fraction: Double) -> Duration {
        guard !latencies.isEmpty else { return .zero }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
    var seconds: Double { milliseconds / 1000 }
}
