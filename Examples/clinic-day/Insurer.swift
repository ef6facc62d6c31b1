import ChipChart
import ChipChartTesting
import Foundation

/// The insurer's side of the morning: every insured person who comes that morning enrolled (the
/// desks ask about no one else, so a population of millions costs no more memory than the
/// morning), and the changes a real morning brings — replaced cards (new group, renewal),
/// expiries, revocations, records that do not match — and an outage from 08:00 to 08:20.
enum Insurer {
    /// What was scripted, to compare with what the desks saw.
    struct Script: Sendable {
        var replacedStillValid = 0
        var replacedExpired = 0
        var expired = 0
        var revoked = 0
        var wrongName = 0
    }

    static let outageStart = (hour: 8, minute: 0)
    static let outageEnd = (hour: 8, minute: 20)

    @discardableResult
    static func script(
        _ portal: SimulatedInsurancePortal,
        population: SyntheticPopulation,
        people: some Sequence<Int>,
        day: CalendarDate,
        staff: [Staff]
    ) throws -> Script {
        for member in staff { portal.apply(.registerStaff(member)) }
        var script = Script()
        for index in people {
            let person = try population.person(at: index)
            guard let card = person.insuranceCard else { continue }
            let holder = SimulatedInsurancePortal.Holder(
                name: person.reading.name,
                dateOfBirth: person.reading.dateOfBirth,
                sex: person.reading.sex,
                address: person.reading.address,
                personalID: person.personalID
            )
            let facility = try FacilityCode(index % 5 == 0 ? "01002" : "01001")
            portal.apply(
                .enrol(
                    holder,
                    SimulatedInsurancePortal.Card(
                        code: card,
                        validity: person.cardValidity,
                        registeredFacility: facility
                    )
                )
            )
            let number = card.socialInsuranceNumber
            switch index % 100 {
            case 3, 13, 23:
                // A new group: a civil servant retires (level 3), the old card still valid (004).
                let newCode = try InsuranceCardCode("HT3" + card.value.dropFirst(3))
                let start = day.adding(days: -10)
                let newCard = SimulatedInsurancePortal.Card(
                    code: newCode,
                    validity: try DatePeriod(start: start, end: person.cardValidity.end),
                    registeredFacility: facility
                )
                if newCode != card {
                    portal.apply(.replaceCard(number, with: newCard, reason: .groupChange, oldStaysValid: true))
                    script.replacedStillValid += 1
                }
            case 7:
                // The group changes and the old card ends (003).
                let newGroup = card.group.code == "GD" ? "DN4" : "GD4"
                let newCard = SimulatedInsurancePortal.Card(
                    code: try InsuranceCardCode(newGroup + card.value.dropFirst(3)),
                    validity: try DatePeriod(start: day.adding(days: -3), end: person.cardValidity.end),
                    registeredFacility: facility
                )
                portal.apply(.replaceCard(number, with: newCard, reason: .groupChange, oldStaysValid: false))
                script.replacedExpired += 1
            case 31:
                portal.apply(.expire(number))
                script.expired += 1
            case 57:
                portal.apply(.revoke(number))
                script.revoked += 1
            case 89:
                portal.apply(.answerWrongName(number))
                script.wrongName += 1
            default:
                break
            }
        }
        portal.schedule(.goOffline, at: VietnamTime.instant(day, hour: outageStart.hour, minute: outageStart.minute))
        portal.schedule(.comeOnline, at: VietnamTime.instant(day, hour: outageEnd.hour, minute: outageEnd.minute))
        return script
    }
}
