import ChipChart
import ChipChartTesting
import Testing

@Suite("SyntheticPopulation at scale")
struct SyntheticPopulationUniquenessTests {
    /// Which people of a population share an identifier: the first repeat of each kind.
    struct Repeats: Sendable {
        var socialInsuranceNumbers = 0
        var personalIDs = 0
        var firstSocialInsuranceNumber: (first: Int, second: Int, masked: String)?
        var firstPersonalID: (first: Int, second: Int, masked: String)?
    }

    /// Generates `count` people and counts the repeated identifiers, holding only the numbers.
    static func repeats(seed: UInt64, count: Int) throws -> Repeats {
        let population = SyntheticPopulation(seed: seed)
        var insuranceOwners: [UInt64: Int] = [:]
        var personalOwners: [UInt64: Int] = [:]
        insuranceOwners.reserveCapacity(count)
        personalOwners.reserveCapacity(count)
        var repeats = Repeats()
        for index in 0..<count {
            let person = try population.person(at: index)
            if let number = person.insuranceCard?.socialInsuranceNumber, let value = UInt64(number.digits) {
                if let earlier = insuranceOwners.updateValue(index, forKey: value) {
                    repeats.socialInsuranceNumbers += 1
                    if repeats.firstSocialInsuranceNumber == nil {
                        repeats.firstSocialInsuranceNumber = (earlier, index, number.masked)
                    }
                }
            }
            let id = person.personalID
            if let value = UInt64(id.digits), let earlier = personalOwners.updateValue(index, forKey: value) {
                repeats.personalIDs += 1
                if repeats.firstPersonalID == nil { repeats.firstPersonalID = (earlier, index, id.masked) }
            }
        }
        return repeats
    }

    @Test(arguments: [2026] as [UInt64])
    func aMillionPeopleHoldNoSocialInsuranceNumberOrPersonalIDTwice(seed: UInt64) throws {
        let repeats = try Self.repeats(seed: seed, count: 1_000_000)
        #expect(
            repeats.socialInsuranceNumbers == 0,
            "\(repeats.socialInsuranceNumbers) repeated social insurance numbers; first: \(String(describing: repeats.firstSocialInsuranceNumber))"
        )
        #expect(
            repeats.personalIDs == 0,
            "\(repeats.personalIDs) repeated personal IDs; first: \(String(describing: repeats.firstPersonalID))"
        )
    }

    @Test func theNumbersDependOnTheSeed() throws {
        let first = try SyntheticPopulation(seed: 1).people(count: 50).compactMap(\.insuranceCard)
        let again = try SyntheticPopulation(seed: 1).people(count: 50).compactMap(\.insuranceCard)
        let other = try SyntheticPopulation(seed: 2).people(count: 50).compactMap(\.insuranceCard)
        #expect(first == again)
        #expect(Set(first.map(\.socialInsuranceNumber)).isDisjoint(with: other.map(\.socialInsuranceNumber)))
    }
}
