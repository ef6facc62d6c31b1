import ChipChart
import ChipChartTesting
import Foundation

/// An insured outpatient checked in at 08:00 on 2 March 2026 in an in-memory store, a doctor, a
/// nurse and the sample catalogue.
struct ChartFixture {
    let store: InMemoryStore
    let charting: Charting
    let doctor: Staff
    let nurse: Staff
    let visit: Visit
    let checkIn: Date

    static let day = VietnamTime.components(of: Date(timeIntervalSince1970: 1_772_409_600)).date

    init() async throws {
        let checkIn = VietnamTime.instant(Self.day, hour: 8)
        let store = InMemoryStore(now: { checkIn })
        let visit = try await ChartSamples.checkIn(into: store, key: "01001-20260302-0001", at: checkIn)
        self.store = store
        self.checkIn = checkIn
        self.visit = visit
        self.charting = Charting(store: store, catalogue: try SampleCatalogue.load(), now: { checkIn })
        self.doctor = try ChartSamples.doctor()
        self.nurse = try ChartSamples.nurse()
    }

    /// An instant of the fixture's day, Vietnam time.
    func at(_ hour: Int, _ minute: Int = 0) -> Date { VietnamTime.instant(Self.day, hour: hour, minute: minute) }

    /// The visit examined, diagnosed, with an order: ready to close.
    func examined() async throws -> Visit {
        var visit = try await charting.diagnose(
            try Diagnosis(main: try ICD10Code("J06.9")),
            on: visit,
            by: doctor,
            at: at(8, 20)
        )
        visit = try await charting.order("02.1896", on: visit, by: doctor, at: at(8, 20))
        return visit
    }
}
