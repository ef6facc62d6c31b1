public import Foundation

/// A patient's coverages in time: which card applies at an instant, and which cards, in order and
/// with their periods, apply to a stay.
///
/// Days are Vietnamese calendar days (UTC+7), as card validity is written. On a day, the coverage
/// that applies is a valid one (``Coverage/isValid(on:)``: inside its validity, not revoked or
/// ended); when two are valid the one that started last wins, because a replacement closes the
/// old card where the new one starts and only an unfinished link can leave them overlapping.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let timeline = CoverageTimeline(try await store.coverages(ofPatient: patient.id, for: access))
/// print(timeline.coverage(at: now)?.cardCode as Any)
/// print(timeline.appliedCoverages(admittedAt: stay.admittedAt, dischargedAt: stay.dischargedAt))   // both cards of a stay
/// ```
///
/// Apply a portal answer with ``coverageCheck(applying:for:patient:at:)``, which returns the
/// ``CoverageCheck`` the answer makes of these coverages.
public struct CoverageTimeline: Hashable, Sendable {
    /// The coverages, in the order given (a store gives them oldest first).
    public private(set) var coverages: [Coverage]

    /// A timeline of one patient's coverages.
    public init(_ coverages: [Coverage]) { self.coverages = coverages }

    /// The coverage with an id.
    public func coverage(_ id: CoverageID) -> Coverage? { coverages.first { $0.id == id } }

    /// The coverage that applies on a Vietnamese calendar day, if any.
    public func coverage(on day: CalendarDate) -> Coverage? {
        var best: Coverage?
        for candidate in coverages where candidate.isValid(on: day) {
            guard let current = best else {
                best = candidate
                continue
            }
            if Self.startsLater(candidate, than: current) { best = candidate }
        }
        return best
    }

    /// The coverage that applies at an instant (on its day in Vietnam), if any.
    public func coverage(at instant: Date) -> Coverage? { coverage(on: CalendarDate(containing: instant)) }

    /// The coverage to fall back on when the insurer cannot be asked: the one that applies at the
    /// instant among those the portal has confirmed at least once; `nil` when none has been.
    public func lastVerifiedCoverage(at instant: Date) -> Coverage? {
        CoverageTimeline(coverages.filter { $0.verification != .unverified }).coverage(at: instant)
    }

    /// The coverages that apply to a stay, in order, each with the part of the stay it covers.
    ///
    /// The first period starts at admission, a later one at the start of the day its card became
    /// the applicable one, and each ends where the next begins; the last ends at discharge, or is
    /// open (`until == nil`) while the stay is. Days no card covers are left out (self-pay). An
    /// open stay is followed up to the day of `now`.
    public func appliedCoverages(
        admittedAt admission: Date,
        dischargedAt discharge: Date?,
        now: Date? = nil
    )
        -> [Visit.AppliedCoverage]
    {
        let firstDay = CalendarDate(containing: admission)
        let lastDay = max(firstDay, CalendarDate(containing: discharge ?? now ?? admission))
        var periods: [Visit.AppliedCoverage] = []
        var day = firstDay
        var previousID: CoverageID?
        while day <= lastDay {
            let current = coverage(on: day)
            if current?.id != previousID {
                let boundary = day == firstDay ? admission : day.startInstant
                if !periods.isEmpty, periods[periods.count - 1].until == nil {
                    periods[periods.count - 1].until = boundary
                }
                if let current { periods.append(Visit.AppliedCoverage(current, from: boundary)) }
                previousID = current?.id
            }
            day = day.adding(days: 1)
        }
        if let discharge, !periods.isEmpty, periods[periods.count - 1].until == nil {
            periods[periods.count - 1].until = discharge
        }
        return periods
    }

    /// The stored coverage for a card the portal named: the same code starting the same day, or
    /// else the same code whose validity has not been recorded as starting elsewhere.
    public func coverage(matching card: InsuranceCardCode, validFrom: CalendarDate?) -> Coverage? {
        let sameCode = coverages.filter { $0.cardCode == card }
        if let exact = sameCode.last(where: { $0.validity.start == validFrom }) { return exact }
        return sameCode.last { $0.validity.start == nil || validFrom == nil }
    }

    /// The number to ask the portal about: the code of the card in force (or else the newest card
    /// on record), so a replacement is reported as 003/004 with the new card; without any card
    /// on record, the personal ID (accepted as the insurance number since 15/08/2025).
    public func cardNumberToAsk(at instant: Date, personalID: PersonalID?) -> PortalQuery.CardNumber? {
        if let current = coverage(at: instant) ?? coverages.last(where: { $0.replacedBy == nil }) ?? coverages.last {
            return .cardCode(current.cardCode)
        }
        return personalID.map { .personalID($0) }
    }

    /// Adds or replaces a coverage (by id) in this timeline.
    public mutating func record(_ coverage: Coverage) {
        if let index = coverages.firstIndex(where: { $0.id == coverage.id }) {
            coverages[index] = coverage
        } else {
            coverages.append(coverage)
        }
    }

    static func startsLater(_ lhs: Coverage, than rhs: Coverage) -> Bool {
        switch (lhs.validity.start, rhs.validity.start) {
        case (let left?, let right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default: return lhs.replacedBy == nil && rhs.replacedBy != nil
        }
    }
}
