import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("7. Each problem with a card gives its typed outcome")
struct TypedOutcomeTests {
    enum Case: String, CaseIterable, Sendable {
        case revoked, expired, wrongName, wrongNameFirstLetter, wrongBirthDate, scriptedWrongName
        case scriptedWrongBirthDate, defence, police, ended
    }

    @Test(arguments: Case.allCases)
    func outcome(_ situation: Case) async throws {
        let cardText: String
        switch situation {
        case .defence: cardText = "QN5010123456789"
        case .police: cardText = "CA5010123456789"
        default: cardText = "DN4010123456789"
        }
        let world = try await InsuranceWorld(card: cardText)
        let code = try InsuranceCardCode(cardText)
        var name: String?
        var birth: DateOfBirth?
        switch situation {
        case .revoked: world.portal.apply(.revoke(world.number))
        case .expired: world.portal.apply(.expire(world.number))
        case .wrongName: name = "Trần Văn A"
        case .wrongNameFirstLetter: name = "Nguyễn Văn B"
        case .wrongBirthDate: birth = .full(try day(1991, 1, 1))
        case .scriptedWrongName: world.portal.apply(.answerWrongName(world.number))
        case .scriptedWrongBirthDate: world.portal.apply(.answerWrongBirthDate(world.number))
        case .ended: world.portal.apply(.reportEnded(world.number, .endedMovedWithinProvince))
        case .defence, .police: break
        }
        let expected: CoverageOutcome
        switch situation {
        case .revoked: expected = .revoked
        case .expired: expected = .expired
        case .wrongName, .scriptedWrongName: expected = .identityMismatch(.name)
        case .wrongNameFirstLetter: expected = .identityMismatch(.nameFirstLetterRight)
        case .wrongBirthDate, .scriptedWrongBirthDate: expected = .identityMismatch(.dateOfBirth)
        case .defence: expected = .checkPapers(.defence)
        case .police: expected = .checkPapers(.publicSecurity)
        case .ended: expected = .ended(.endedMovedWithinProvince)
        }

        let result = try await world.checkIn(.cardCode(code), key: "V-\(situation)", name: name, birth: birth)
        #expect(result.check.outcome == expected)
        #expect(result.check.outcome.isPatientProblem)
        #expect(!result.check.needsReverification)
        #expect(result.check.coverage == nil, "no card applies: the visit is self-pay")
        #expect(result.visit.appliedCoverages.isEmpty)
        #expect(!result.visit.needsCoverageReverification)

        let stored = try await world.coverages()
        switch situation {
        case .revoked:
            #expect(stored.map(\.status) == [.revoked])
        case .expired:
            #expect(stored.map(\.status) == [.expired])
            #expect(stored.first?.validity.end == (try day(2026, 3, 1)))
        case .ended:
            #expect(stored.map(\.status) == [.ended])
        default:
            #expect(stored.isEmpty, "a mismatch or a card the civil portal cannot check records nothing")
        }
    }

    @Test("A revoked card after a confirmed one: the earlier visit keeps its card, the coverage is marked")
    func revokedAfterConfirmed() async throws {
        let world = try await InsuranceWorld()
        let code = try InsuranceCardCode("DN4010123456789")
        let first = try await world.checkIn(.cardCode(code), key: "V1")
        #expect(first.visit.appliedCoverages.count == 1)
        world.portal.apply(.revoke(world.number))
        world.clock.advance(by: 86_400)
        let second = try await world.checkIn(.cardCode(code), key: "V2")
        #expect(second.check.outcome == .revoked)
        #expect(try await world.coverages().map(\.status) == [.revoked])
        #expect(try await world.visit(first.visit.id)?.appliedCoverages.map(\.cardCode) == [code])
    }
}
