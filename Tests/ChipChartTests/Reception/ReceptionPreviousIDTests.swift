import ChipChart
import ChipChartTesting
import Testing

/// The numbers a card says its holder held before: recorded as superseded, and finding the record.
@Suite("Reception of previous IDs")
struct ReceptionPreviousIDTests {
    static let cancelled = "001099012345"
    static let current = "001099054321"

    @Test func aCardListingACancelledIDFindsTheRecordHeldUnderIt() async throws {
        let desk = try ReceptionFixture()
        let old = try ReceptionFixture.reading(id: Self.cancelled, legacy: nil)
        let first = try await desk.reception.checkIn(old, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        var renewed = try ReceptionFixture.reading(id: Self.current, legacy: nil, issued: "01082025")
        renewed.cancelledIDs = [try PersonalID(Self.cancelled)]
        #expect(renewed.previousIDs == [.personalID(try PersonalID(Self.cancelled))])
        let second = try await desk.reception.checkIn(renewed, for: VisitRequest(), by: desk.staff)
        #expect(second.match == .personalID && second.patient.id == first.patient.id, "linked, not duplicated")
        #expect(second.patient.personalID?.digits == Self.current)
        let history = second.patient.identifiers.filter { $0.kind == .personalID }
        #expect(history.first { $0.value == Self.cancelled }?.status == .superseded)
        #expect(history.first { $0.value == Self.current }?.status == .active)
        #expect(try await desk.patient(Self.cancelled)?.id == first.patient.id, "the cancelled number still finds them")
    }

    @Test func aNewPatientKeepsTheCancelledIDsAndTheOldCMNDAsSuperseded() async throws {
        let desk = try ReceptionFixture()
        var reading = try ReceptionFixture.reading(id: Self.current)
        reading.cancelledIDs = [try PersonalID(Self.cancelled)]
        #expect(reading.previousIDs.map(\.kind) == [.legacyID, .personalID])
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .registered)
        let superseded = receipt.patient.identifiers.filter { $0.status == .superseded }.map(\.key)
        #expect(superseded == reading.previousIDs)
        #expect(receipt.patient.personalID?.digits == Self.current)
    }

    @Test func aPatientRegisteredUnderTheOldCMNDIsLinkedNotDuplicated() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        let legacy = try #require(reading.legacyID)
        var registered = Patient(
            demographics: Demographics(name: reading.name, dateOfBirth: reading.dateOfBirth, sex: reading.sex)
        )
        registered.identifiers = [.legacyID(legacy, status: .active)]
        var changes = ChangeSet(desk.access)
        changes.save(registered)
        try await desk.store.commit(changes)
        #expect(reading.previousIDs == [.legacyID(legacy)])
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .legacyID && receipt.patient.id == registered.id)
        #expect(receipt.patient.personalID == reading.personalID)
    }
}
