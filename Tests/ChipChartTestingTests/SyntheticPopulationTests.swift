import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("SyntheticPopulation")
struct SyntheticPopulationTests {
    @Test func everyPersonIsValidAndUnique() throws {
        let people = try SyntheticPopulation(seed: 11).people(count: 2000)
        for person in people { try person.reading.validate() }
        #expect(Set(people.map(\.personalID)).count == people.count)
        #expect(people.contains { $0.reading.legacyID != nil } && people.contains { $0.reading.legacyID == nil })
        #expect(people.contains { $0.insuranceCard == nil } && people.contains { $0.insuranceCard?.group.code == "TE" })
        #expect(people.contains { $0.reading.name.text.contains("ễ") || $0.reading.name.text.contains("ầ") })
    }

    @Test func theSameSeedGivesTheSamePeople() throws {
        let first = try SyntheticPopulation(seed: 3).person(at: 42)
        let again = try SyntheticPopulation(seed: 3).person(at: 42)
        let other = try SyntheticPopulation(seed: 4).person(at: 42)
        #expect(first.reading == again.reading && first.insuranceCard == again.insuranceCard)
        #expect(first.reading != other.reading)
    }

    @Test func theQRPayloadHasTheCardsSevenFields() throws {
        let person = try SyntheticPopulation(seed: 1).person(at: 0)
        let fields = person.qrPayload.split(separator: "|", omittingEmptySubsequences: false)
        #expect(fields.count == 7)
        #expect(fields[0] == person.personalID.digits[...])
        #expect(fields[4] == "Nam" || fields[4] == "Nữ")
    }

    /// Every card is one that can exist: a chip card issued from 2021 up to the reference day,
    /// from the 14th birthday (or, for a younger child, under the 2023 law from 01/07/2024),
    /// expiring at the next renewal age (14, 25, 40, 60) unless issued within two years of it,
    /// and without expiry from 58.
    @Test(arguments: [(UInt64(11), "02032026"), (UInt64(7), "01062022")])
    func everyCardIsOneThatCanExist(seed: UInt64, on referenceDay: String) throws {
        let day = try CalendarDate(parsing: referenceDay)
        let population = SyntheticPopulation(seed: seed, referenceDate: day)
        let people = try population.people(count: 2000)
        let childCardsStart = CardReading.firstIdentityCardIssueDate
        for person in people {
            let reading = person.reading
            try reading.validate(today: day)
            let birth = try #require(reading.dateOfBirth.date)
            guard let issued = reading.issueDate else {
                #expect(reading.dateOfBirth.age(on: day) < 14 && day < childCardsStart, "\(birth) on \(day)")
                #expect(reading.expiryDate == nil && !reading.hasNoExpiry)
                continue
            }
            let ageAtIssue = reading.dateOfBirth.age(on: issued)
            #expect(issued >= CardReading.firstChipIssueDate && issued <= day, "\(issued)")
            #expect(ageAtIssue >= 14 || issued >= childCardsStart, "\(birth) issued \(issued)")
            let renewal = [14, 25, 40, 60].first { ageAtIssue < $0 - 2 }
            if let renewal {
                let expiry = try #require(reading.expiryDate, "\(birth) issued \(issued)")
                #expect(expiry.year == birth.year + renewal && expiry.month == birth.month, "\(birth) → \(expiry)")
                #expect(!reading.hasNoExpiry)
            } else {
                #expect(reading.expiryDate == nil && reading.hasNoExpiry, "\(birth) issued \(issued)")
            }
        }
        #expect(people.contains { $0.reading.hasNoExpiry })
        #expect(people.contains { $0.reading.issueDate.map { $0 < CardReading.firstChipIssueDate } == false })
    }

    @Test func cardDatesAreTheSameForTheSameSeed() throws {
        let first = try SyntheticPopulation(seed: 5).people(count: 200).map(\.reading)
        let again = try SyntheticPopulation(seed: 5).people(count: 200).map(\.reading)
        #expect(first.map(\.issueDate) == again.map(\.issueDate))
        #expect(first.map(\.expiryDate) == again.map(\.expiryDate))
    }
}
