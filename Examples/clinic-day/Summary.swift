import ChipChart
import ChipChartClaims
import ExampleSupport
import Foundation

/// The summary a clinic manager wants after the morning.
struct Summary {
    let clinic: Clinic
    let tally: Tally
    let trail: AuditVerification
    let elapsed: Duration
    let desks: Int
    let claims: DayClaims.Written
    /// With `--sign`: how many checkpoints the day appended, the last one's sequence, and where.
    var checkpoints: (count: Int, sequence: Int64, path: String)?

    var text: String {
        var lines: [String] = []
        let rate = tally.wallTime.seconds > 0 ? Double(tally.checkIns) / tally.wallTime.seconds : 0
        lines.append("Clinic day \(clinic.day.slashed) at facility \(clinic.facility) — \(clinic.location)")
        let seeding = clinic.seeding
        let loadTime = String(format: "%.1f s", seeding.seconds)
        if seeding.alreadySeeded {
            lines.append("population: \(count(clinic.size)) people; records continued from earlier days")
        } else if seeding.found == 0 {
            lines.append(
                "population: \(count(clinic.size)) people, \(count(seeding.loaded)) already registered "
                    + "(\(count(seeding.loadedByLegacyIDOnly)) by old CMND only), loaded in \(loadTime)"
            )
        } else {
            lines.append(
                "population: \(count(clinic.size)) people, \(count(seeding.found + seeding.loaded)) already registered; "
                    + "the load resumed after \(count(seeding.found)): \(count(seeding.loaded)) more "
                    + "(\(count(seeding.loadedByLegacyIDOnly)) by old CMND only) loaded in \(loadTime)"
            )
        }
        lines.append(
            "check-ins: \(count(tally.checkIns)) by \(desks) desks in "
                + String(
                    format: "%.1f s: %.1f check-ins/s, median %.1f ms, p95 %.1f ms",
                    tally.wallTime.seconds,
                    rate,
                    tally.percentile(0.5).milliseconds,
                    tally.percentile(0.95).milliseconds
                )
        )
        let presented = Morning.Presentation.allCases.map { "\($0.label) \(count(tally.presentations[$0] ?? 0))" }
        lines.append("  presented: " + presented.joined(separator: ", "))
        lines.append(
            "visits opened: \(count(tally.visitsOpened)); repeat scans returned the open visit: \(count(tally.repeatScans))"
        )
        lines.append(
            "patients: \(count(tally.matches[.registered] ?? 0)) newly registered; found by personal ID \(count(tally.matches[.personalID] ?? 0)), "
                + "by old CMND \(count(tally.matches[.legacyID] ?? 0)) (now linked to their personal ID), "
                + "by insurance number \(count(tally.matches[.socialInsuranceNumber] ?? 0))"
        )
        let exams = tally.examinations
        lines.append(
            "examinations: \(count(exams.closed)) visits closed (vital signs, tests, diagnoses, orders, discharge), "
                + "\(count(exams.admitted)) admitted to a ward (still open), \(count(exams.referred)) referred, "
                + "\(count(exams.followUps)) follow-ups booked"
        )
        lines.append(
            "ward round: \(count(tally.wardRound.discharged.count)) stays from earlier days sent home, "
                + "\(count(tally.wardRound.stillOpen)) still in a ward"
        )
        lines.append(
            "claims: \(count(claims.claims)) visits claimed in \(claims.path), \(count(claims.pending)) still open (pending), "
                + "\(count(claims.selfPay)) self-pay"
        )
        lines.append(
            "  claimed: fund \(claims.totals.fund) đ, co-payment \(claims.totals.coPayment) đ, "
                + "patient outside scope \(claims.totals.patient) đ (total \(claims.totals.facility) đ)"
        )
        if let signer = claims.signedBy {
            lines.append("  signed by \(TerminalText.escaped(signer))")
        }
        if let checkpoints {
            lines.append(
                "  audit checkpoints: \(checkpoints.count) signed, the last at event \(checkpoints.sequence), "
                    + "appended to \(checkpoints.path)"
            )
        }
        let duplicatesAvoided =
            (tally.matches[.legacyID] ?? 0) + (tally.matches[.socialInsuranceNumber] ?? 0) + tally.repeatScans
        lines.append("duplicates avoided: \(count(duplicatesAvoided))")
        lines.append(
            "insurance at check-in (replaced cards followed and linked: \(count(tally.replacementsFollowed))):"
        )
        for (category, number) in tally.outcomes.sorted(by: { $0.value > $1.value }) {
            lines.append("  \(category): \(count(number))")
        }
        lines.append(
            "outage \(pad(Insurer.outageStart.hour)):\(pad(Insurer.outageStart.minute))–\(pad(Insurer.outageEnd.hour)):\(pad(Insurer.outageEnd.minute)): "
                + "\(count(tally.unverified)) visits opened on the last verified card; re-verified afterwards: "
                + "\(count(tally.reverificationResolved)) of \(count(tally.reverificationQueued)), still pending \(count(tally.reverificationPending))"
        )
        lines.append(
            "audit trail: \(count(trail.eventCount)) events, \(trail.isIntact ? "intact" : "BROKEN at \(trail.firstBrokenLink?.sequence ?? 0)")"
        )
        lines.append(String(format: "total time %.1f s", elapsed.seconds))
        return lines.joined(separator: "\n")
    }

    private func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Morning.Presentation {
    var label: String {
        switch self {
        case .qr: return "QR"
        case .chip: return "MRZ + chip"
        case .typedCardCode: return "typed insurance card"
        }
    }
}
