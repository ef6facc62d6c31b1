import Foundation

extension Reception {
    /// The warnings a coverage check gives the desk, for a holder named `holderName` whose ID card
    /// (when one was read) expires on `idCardExpiry`.
    static func coverageWarnings(
        _ check: CoverageCheck,
        holderName: PersonName,
        idCardExpiry: CalendarDate? = nil,
        configuration: Configuration,
        at instant: Date
    ) -> [CheckInWarning] {
        var warnings: [CheckInWarning] = []
        let today = CalendarDate(containing: instant)
        if check.isUnverified {
            warnings.append(
                CheckInWarning(
                    .coverageUnverified,
                    "The insurer could not be asked: the last verified card applies until re-verified."
                )
            )
        } else if check.needsReverification && check.coverage == nil {
            warnings.append(
                CheckInWarning(
                    .insuranceProblem,
                    "The insurer could not be asked and no verified card is on record: "
                        + "the visit is self-pay until the card is verified."
                )
            )
        } else if check.outcome.isPatientProblem || check.coverage == nil {
            warnings.append(
                CheckInWarning(.insuranceProblem, "\(check.outcome.summary) The visit is self-pay unless resolved.")
            )
        }
        if case .confirmed = check.outcome, let replaced = check.replacedCoverage,
            let successor = replaced.replacedBy.flatMap({ check.timeline.coverage($0) })
        {
            let start = successor.validity.start.map { " from \($0.slashed)" } ?? ""
            warnings.append(
                CheckInWarning(
                    .insuranceCardReplaced,
                    "The insurer reports a new insurance card replacing the one on record: it applies\(start)."
                )
            )
        }
        if let coverage = check.coverage {
            if let end = coverage.validity.end {
                let days = today.days(until: end)
                if days >= 0, days <= configuration.expiryWarningDays {
                    warnings.append(
                        CheckInWarning(
                            .insuranceCardExpiresSoon,
                            days == 0
                                ? "The insurance card expires today." : "The insurance card expires in \(days) days."
                        )
                    )
                }
            }
            if let registered = coverage.registeredFacility, registered != configuration.facility {
                warnings.append(
                    CheckInWarning(
                        .registeredElsewhere,
                        "Registered for primary care at facility \(registered), not here."
                    )
                )
            }
        }
        if let insurerName = check.answer?.holderName, !insurerName.matches(holderName) {
            warnings.append(
                CheckInWarning(.nameDiffersFromInsurer, "The name on the ID card differs from the insurer's record.")
            )
        }
        if let expiry = idCardExpiry, expiry < today {
            warnings.append(CheckInWarning(.idCardExpired, "The ID card expired on \(expiry.slashed)."))
        }
        return warnings
    }
}
