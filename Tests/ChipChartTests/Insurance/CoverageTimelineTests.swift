import ChipChart
import Foundation
import Testing

@Suite("CoverageTimeline: coverage at an instant, stays, and portal answers")
struct CoverageTimelineTests {
    let patient = PatientID()
    let staff: Staff
    let dn: InsuranceCardCode
    let hc: InsuranceCardCode

    init() throws {
        staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        dn = try InsuranceCardCode("DN4010123456789")
        hc = try InsuranceCardCode("HC4010123456789")
    }

    func date(_ y: Int, _ m: Int, _ d: Int) throws -> CalendarDate { try CalendarDate(year: y, month: m, day: d) }

    func period(_ from: CalendarDate, _ to: CalendarDate) throws -> DatePeriod { try DatePeriod(start: from, end: to) }

    func query(_ number: PortalQuery.CardNumber) throws -> PortalQuery {
        PortalQuery(
            cardNumber: number,
            fullName: try PersonName("Nguyễn Văn A"),
            dateOfBirth: .year(1990),
            staff: staff
        )
    }

    func verified(_ code: InsuranceCardCode, _ validity: DatePeriod) throws -> Coverage {
        Coverage(
            patientID: patient,
            cardCode: code,
            validity: validity,
            verification: .verified(at: try date(2026, 1, 5).startInstant, by: staff, result: .valid),
            version: 1
        )
    }

    @Test("The card valid on a day applies; none outside every validity")
    func coverageOnDay() throws {
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 3, 9)))
        let new = try verified(hc, period(date(2026, 3, 10), date(2026, 12, 31)))
        let timeline = CoverageTimeline([old, new])
        #expect(timeline.coverage(on: try date(2026, 3, 9))?.id == old.id)
        #expect(timeline.coverage(on: try date(2026, 3, 10))?.id == new.id)
        #expect(timeline.coverage(on: try date(2027, 1, 1)) == nil)
        // 23:30 on 9 March in Vietnam is 16:30 UTC: still the old card's day.
        let lateEvening = VietnamTime.instant(try date(2026, 3, 9), hour: 23, minute: 30)
        #expect(timeline.coverage(at: lateEvening)?.id == old.id)
    }

    @Test("The desk asks by the card in force, else the newest card, else the personal ID")
    func cardNumberToAsk() throws {
        let id = try PersonalID("001090012345")
        let now = VietnamTime.instant(try date(2026, 3, 12), hour: 9)
        #expect(CoverageTimeline([]).cardNumberToAsk(at: now, personalID: id) == .personalID(id))
        #expect(CoverageTimeline([]).cardNumberToAsk(at: now, personalID: nil) == nil)
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 3, 9)))
        let new = try verified(hc, period(date(2026, 3, 10), date(2026, 12, 31)))
        #expect(CoverageTimeline([old, new]).cardNumberToAsk(at: now, personalID: id) == .cardCode(hc))
        let lapsed = try verified(dn, period(date(2025, 1, 1), date(2025, 12, 31)))
        #expect(CoverageTimeline([lapsed]).cardNumberToAsk(at: now, personalID: id) == .cardCode(dn))
    }

    @Test("A stay with a gap in coverage leaves the uncovered days out")
    func stayWithGap() throws {
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 3, 8)))
        let new = try verified(hc, period(date(2026, 3, 10), date(2026, 12, 31)))
        let admission = VietnamTime.instant(try date(2026, 3, 7), hour: 14)
        let discharge = VietnamTime.instant(try date(2026, 3, 11), hour: 10)
        let periods = CoverageTimeline([old, new]).appliedCoverages(admittedAt: admission, dischargedAt: discharge)
        #expect(periods.map(\.coverageID) == [old.id, new.id])
        #expect(periods[0].from == admission)
        #expect(periods[0].until == (try date(2026, 3, 9)).startInstant)
        #expect(periods[1].from == (try date(2026, 3, 10)).startInstant)
        #expect(periods[1].until == discharge)
    }

    @Test("000 on a card not on record, same social insurance number: linked as a replacement")
    func implicitReplacement() throws {
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 12, 31)))
        let answer = PortalAnswer(
            result: .valid,
            card: PortalAnswer.Card(code: hc, validity: try period(date(2026, 3, 10), date(2026, 12, 31)))
        )
        let now = VietnamTime.instant(try date(2026, 3, 12), hour: 9)
        let check = CoverageTimeline([old]).coverageCheck(
            applying: answer,
            for: try query(.personalID(try PersonalID("001090012345"))),
            patient: patient,
            at: now
        )
        #expect(check.outcome == .confirmed)
        #expect(check.coveragesToSave.count == 2)
        let closed = try #require(check.coveragesToSave.first { $0.id == old.id })
        let new = try #require(check.coveragesToSave.first { $0.cardCode == hc })
        #expect(closed.version == 1, "the old coverage is saved at the version it was read")
        #expect(closed.replacedBy == new.id)
        #expect(closed.validity.end == (try date(2026, 3, 9)))
        #expect(new.replaces == old.id)
        #expect(check.coverage?.id == new.id)
        #expect(new.id == CoverageID(patient: patient, cardCode: hc, validFrom: try date(2026, 3, 10)))
    }

    @Test("Applying the same 004 twice makes one link, not two")
    func idempotentReplacement() throws {
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 12, 31)))
        let answer = PortalAnswer(
            result: .replacedOldStillValid,
            card: PortalAnswer.Card(code: dn, validity: try period(date(2026, 1, 1), date(2026, 12, 31))),
            newCard: PortalAnswer.Card(code: hc, validity: try period(date(2026, 3, 10), date(2026, 12, 31)))
        )
        let now = VietnamTime.instant(try date(2026, 3, 12), hour: 9)
        let first = CoverageTimeline([old]).coverageCheck(
            applying: answer,
            for: try query(.cardCode(dn)),
            patient: patient,
            at: now
        )
        let stored = first.coveragesToSave.map { coverage -> Coverage in
            var copy = coverage
            copy.version += 1
            return copy
        }
        let second = CoverageTimeline(stored).coverageCheck(
            applying: answer,
            for: try query(.cardCode(dn)),
            patient: patient,
            at: now
        )
        #expect(second.timeline.coverages.count == 2)
        #expect(second.timeline.coverages.filter { $0.replaces != nil }.map(\.cardCode) == [hc])
        #expect(second.coveragesToSave.map(\.version).sorted() == [1, 2], "saved at the versions read")
        #expect(second.coverage?.cardCode == hc)
    }

    @Test("A card replaced twice: the newest card links to the one it replaces, not to the first")
    func chainOfReplacements() throws {
        let ht = try InsuranceCardCode("HT3010123456789")
        var first = try verified(dn, period(date(2026, 1, 1), date(2026, 3, 9)))
        var second = try verified(hc, period(date(2026, 3, 10), date(2026, 12, 31)))
        first.replacedBy = second.id
        first.status = .replaced
        second.replaces = first.id
        let answer = PortalAnswer(
            result: .replacedOldExpired,
            card: PortalAnswer.Card(code: dn, validity: try period(date(2026, 1, 1), date(2026, 3, 9))),
            newCard: PortalAnswer.Card(code: ht, validity: try period(date(2026, 6, 1), date(2026, 12, 31)))
        )
        let now = VietnamTime.instant(try date(2026, 6, 2), hour: 9)
        let check = CoverageTimeline([first, second]).coverageCheck(
            applying: answer,
            for: try query(.cardCode(dn)),
            patient: patient,
            at: now
        )
        let newest = try #require(check.timeline.coverages.first { $0.cardCode == ht })
        let middle = try #require(check.timeline.coverage(second.id))
        #expect(newest.replaces == second.id)
        #expect(middle.replacedBy == newest.id)
        #expect(middle.validity.end == (try date(2026, 5, 31)))
        #expect(check.timeline.coverage(first.id)?.replacedBy == second.id)
        #expect(check.coverage?.id == newest.id)
    }

    @Test("The offline rule: the last verified coverage applies, unverified; never an unconfirmed one")
    func offline() throws {
        let now = VietnamTime.instant(try date(2026, 3, 12), hour: 9)
        let confirmed = try verified(dn, period(date(2026, 1, 1), date(2026, 12, 31)))
        let check = CoverageTimeline([confirmed]).coverageCheck(portalUnavailable: "timeout", at: now)
        #expect(check.coverage?.id == confirmed.id)
        #expect(check.isUnverified)
        #expect(check.coveragesToSave.isEmpty)
        let periods = check.appliedCoverages(admittedAt: now)
        #expect(periods.map(\.unverified) == [true])

        let typedIn = Coverage(
            patientID: patient,
            cardCode: dn,
            validity: try period(date(2026, 1, 1), date(2026, 12, 31))
        )
        let nothing = CoverageTimeline([typedIn]).coverageCheck(portalUnavailable: "timeout", at: now)
        #expect(nothing.coverage == nil)
        #expect(nothing.appliedCoverages(admittedAt: now).isEmpty)
    }

    @Test("A 000 answer without card fields counts as an insurer error")
    func malformedAnswer() throws {
        let old = try verified(dn, period(date(2026, 1, 1), date(2026, 12, 31)))
        let now = VietnamTime.instant(try date(2026, 3, 12), hour: 9)
        let check = CoverageTimeline([old]).coverageCheck(
            applying: PortalAnswer(result: .valid),
            for: try query(.cardCode(dn)),
            patient: patient,
            at: now
        )
        #expect(check.outcome == .insurerError(.valid))
        #expect(check.isUnverified)
        #expect(check.coveragesToSave.isEmpty)
    }
}
