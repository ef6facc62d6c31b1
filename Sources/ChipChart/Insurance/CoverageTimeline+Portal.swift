public import Foundation

extension CoverageTimeline {
    /// What a portal answer changes: the typed outcome, the coverage that applies at `instant`, and
    /// the coverages to save (docs/VIETNAM-RULES.md §3–4).
    ///
    /// - 000 confirms the card: a known coverage is refreshed (validity, facility, region,
    ///   five-year date, verification); an unknown card with the same social insurance number as
    ///   a coverage in force is a replacement the desk learnt of by number, and is linked as such.
    /// - 003 / 004 add the new card's coverage with ``Coverage/replaces`` set, and close the old
    ///   one the day before the new card starts (``Coverage/replacedBy``, status `replaced`). A
    ///   link already made is found again, never made twice.
    /// - 010 marks the card expired (validity ending where the insurer says, at the latest the day
    ///   before); 110 revoked; 120–124 ended from this day on. A card not on record yet is
    ///   recorded with that state.
    /// - Any other answer changes no coverage. When the answer says nothing about the card (the
    ///   facility's or the insurer's error, an unknown code), the last verified coverage applies,
    ///   unverified. An answer missing the card fields its code requires counts as an insurer error.
    ///
    /// - Parameters:
    ///   - answer: the portal's answer.
    ///   - query: the question it answers (finds the card when the answer names none).
    ///   - patient: the patient the coverages belong to.
    ///   - instant: when the portal answered.
    public func coverageCheck(
        applying answer: PortalAnswer,
        for query: PortalQuery,
        patient: PatientID,
        at instant: Date
    )
        -> CoverageCheck
    {
        let verification = Coverage.Verification.verified(at: instant, by: query.staff, result: answer.result)
        let today = CalendarDate(containing: instant)
        var working = self
        var changed: [CoverageID] = []
        var replaced: CoverageID?
        func save(_ coverage: Coverage) {
            working.record(coverage)
            if !changed.contains(coverage.id) { changed.append(coverage.id) }
        }

        var outcome = CoverageOutcome(answer.result)
        switch outcome {
        case .confirmed:
            guard let card = answer.card else {
                outcome = .insurerError(answer.result)
                break
            }
            let current = working.adopt(card, patient: patient, verification: verification)
            save(current)
            if current.replaces == nil, current.version == 0,
                let previous = working.coverageInForce(sameNumberAs: current, on: today)
            {
                for linked in Self.link(previous, to: current, today: today) { save(linked) }
                replaced = previous.id
            }
        case .replaced:
            guard let newCard = answer.newCard else {
                outcome = .insurerError(answer.result)
                break
            }
            let new = working.adopt(newCard, patient: patient, verification: verification)
            var old = answer.card.flatMap { working.coverage(matching: $0.code, validFrom: $0.validity.start) }
            if old == nil, let card = answer.card, card.code != newCard.code || card.validity != newCard.validity {
                var created = working.adopt(card, patient: patient, verification: verification)
                created.status = .replaced
                old = created
            }
            if old == nil { old = working.coverage(for: query, on: today).flatMap { $0.id == new.id ? nil : $0 } }
            if let found = old, found.id != new.id {
                // An old card replaced more than once: link the newest card of its chain.
                var old = found
                var steps = 0
                while let next = old.replacedBy, next != new.id, steps < working.coverages.count,
                    let successor = working.coverage(next)
                {
                    old = successor
                    steps += 1
                }
                var oldVerified = old
                oldVerified.verification = verification
                let linked = Self.link(oldVerified, to: new, today: today)
                for coverage in linked { save(coverage) }
                replaced = old.id
            } else {
                save(new)
            }
        case .expired, .revoked, .ended:
            let known = answer.card.flatMap { working.coverage(matching: $0.code, validFrom: $0.validity.start) }
            // A card seen for the first time is still recorded, with its state, for the history.
            let first = answer.card.map { working.adopt($0, patient: patient, verification: verification) }
            guard var target = known ?? first ?? working.coverage(for: query, on: today) else { break }
            target.verification = verification
            switch outcome {
            case .expired:
                target.status = .expired
                if let end = answer.card?.validity.end, end < today, target.validity.end.map({ end < $0 }) ?? true {
                    target.validity.end = max(end, target.validity.start ?? end)
                } else {
                    target.validity = target.validity.closed(before: today)
                }
            case .revoked:
                target.status = .revoked
            default:
                target.status = .ended
                target.validity = target.validity.closed(before: today)
            }
            save(target)
        default:
            break
        }

        let toSave = changed.compactMap { working.coverage($0) }
        let applicable: Coverage?
        if outcome.needsReverification {
            applicable = lastVerifiedCoverage(at: instant)
        } else if CoverageCheck.decisive(outcome) {
            applicable = working.coverage(at: instant)
        } else {
            applicable = nil
        }
        return CoverageCheck(
            outcome: outcome,
            checkedAt: instant,
            answer: answer,
            timeline: working,
            coveragesToSave: toSave,
            coverage: applicable,
            replacedCoverage: replaced.flatMap { working.coverage($0) }
        )
    }

    /// The check when the portal could not be reached: the last verified coverage applies,
    /// unverified, and nothing is saved but the visit.
    public func coverageCheck(portalUnavailable reason: String, at instant: Date) -> CoverageCheck {
        CoverageCheck(
            outcome: .portalUnavailable(reason: reason),
            checkedAt: instant,
            answer: nil,
            timeline: self,
            coveragesToSave: [],
            coverage: lastVerifiedCoverage(at: instant)
        )
    }

    /// The stored coverage for a portal card, refreshed from it; or a new coverage for it.
    private func adopt(_ card: PortalAnswer.Card, patient: PatientID, verification: Coverage.Verification) -> Coverage {
        guard var coverage = coverage(matching: card.code, validFrom: card.validity.start) else {
            return Coverage(
                id: CoverageID(patient: patient, cardCode: card.code, validFrom: card.validity.start),
                patientID: patient,
                cardCode: card.code,
                registeredFacility: card.registeredFacility,
                region: card.region,
                validity: card.validity,
                fiveYearDate: card.fiveYearDate,
                verification: verification
            )
        }
        // A replaced card keeps the validity its replacement closed.
        if coverage.replacedBy == nil { coverage.validity = card.validity }
        coverage.registeredFacility = card.registeredFacility ?? coverage.registeredFacility
        coverage.region = card.region ?? coverage.region
        coverage.fiveYearDate = card.fiveYearDate ?? coverage.fiveYearDate
        if coverage.replacedBy == nil { coverage.status = .active }
        coverage.verification = verification
        return coverage
    }

    /// The coverage a query was about, when the answer does not name the card.
    private func coverage(for query: PortalQuery, on day: CalendarDate) -> Coverage? {
        switch query.cardNumber {
        case .cardCode(let code):
            return coverages.last { $0.cardCode == code }
                ?? coverage(on: day).flatMap { $0.socialInsuranceNumber == code.socialInsuranceNumber ? $0 : nil }
        case .socialInsuranceNumber(let number):
            return coverage(on: day).flatMap { $0.socialInsuranceNumber == number ? $0 : nil }
                ?? coverages.last { $0.socialInsuranceNumber == number }
        case .personalID:
            return coverage(on: day) ?? coverages.last
        }
    }

    /// Another coverage with the same social insurance number, not replaced, that was in force.
    private func coverageInForce(sameNumberAs coverage: Coverage, on day: CalendarDate) -> Coverage? {
        coverages.last {
            $0.id != coverage.id && $0.replacedBy == nil && $0.status == .active
                && $0.socialInsuranceNumber == coverage.socialInsuranceNumber
                && !Self.startsLater($0, than: coverage)
        }
    }

    /// The old coverage closed and linked to the new one, and the new one linked back.
    private static func link(_ old: Coverage, to new: Coverage, today: CalendarDate) -> [Coverage] {
        var old = old
        var new = new
        if old.replacedBy == nil || old.replacedBy == new.id {
            old.replacedBy = new.id
            old.status = .replaced
            old.validity = old.validity.closed(before: new.validity.start ?? today)
        }
        if new.replaces == nil { new.replaces = old.id }
        return [old, new]
    }
}

extension CoverageTimeline {
    /// What a portal response changes: ``coverageCheck(applying:for:patient:at:)`` for an
    /// answer, ``coverageCheck(portalUnavailable:at:)`` when the portal did not answer.
    public func coverageCheck(
        _ response: PortalResponse,
        for query: PortalQuery,
        patient: PatientID,
        at instant: Date
    ) -> CoverageCheck {
        switch response {
        case .answered(let answer): coverageCheck(applying: answer, for: query, patient: patient, at: instant)
        case .unavailable(let reason): coverageCheck(portalUnavailable: reason, at: instant)
        }
    }

    /// What a portal answer changes.
    @available(*, deprecated, renamed: "coverageCheck(applying:for:patient:at:)")
    public func applying(
        _ answer: PortalAnswer,
        for query: PortalQuery,
        patient: PatientID,
        at instant: Date
    ) -> CoverageCheck {
        coverageCheck(applying: answer, for: query, patient: patient, at: instant)
    }

    /// The check when the portal could not be reached.
    @available(*, deprecated, renamed: "coverageCheck(portalUnavailable:at:)")
    public func unavailable(_ reason: String, at instant: Date) -> CoverageCheck {
        coverageCheck(portalUnavailable: reason, at: instant)
    }
}

extension CoverageCheck {
    static func decisive(_ outcome: CoverageOutcome) -> Bool {
        switch outcome {
        case .confirmed, .replaced, .expired, .revoked, .ended: return true
        default: return false
        }
    }
}
