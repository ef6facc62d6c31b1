import ChipChart
import ChipChartTesting
import Testing

@Suite("SyntheticPopulation")
struct SyntheticPopulationTests {
    @Test func everyPersonIsValidAndUnique() throws {
        let people = try SyntheticPopulation(seed: 11).people(count: 2000)
        for person in people { try person.reading.validate() }
        #expect(Set(people.map(\.reading.personalID)).count == people.count)
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
        #expect(fields[0] == person.reading.personalID.digits[...])
        #expect(fields[4] == "Nam" || fields[4] == "Nữ")
    }
}
