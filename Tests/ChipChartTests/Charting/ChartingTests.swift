import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// The encounter as versioned, audited, staff-attributed changes: each step a new version naming
/// its author, stale versions refused, closing refused while the claim lacks fields.
@Suite("Charting a visit")
struct ChartingTests {
    @Test("each step is a new version, its entry naming the clinician, audited under them")
    func stepsAreAttributedVersions() async throws {
        let fixture = try await ChartFixture()
        let charting = fixture.charting
        var visit = fixture.visit
        visit = try await charting.record(
            try ClinicalNote(.complaint, "Sốt 38.5 độ, ho khan 3 ngày"),
            on: visit,
            by: fixture.doctor,
            at: fixture.at(8, 10)
        )
        visit = try await charting.record(
            try VitalSigns(pulse: 92, systolicPressure: 120, diastolicPressure: 80, temperature: 38.5, weight: 62.5),
            on: visit,
            by: fixture.nurse,
            at: fixture.at(8, 5)
        )
        visit = try await charting.diagnose(
            try Diagnosis(
                main: try ICD10Code("J06.9"),
                secondary: [try ICD10Code("R50.9")],
                dischargeText: "Viêm họng cấp"
            ),
            on: visit,
            by: fixture.doctor,
            at: fixture.at(8, 20)
        )
        visit = try await charting.order("02.1896", on: visit, by: fixture.doctor, at: fixture.at(8, 20))
        visit = try await charting.order("40.17", quantity: 10, on: visit, by: fixture.doctor, at: fixture.at(8, 25))
        #expect(visit.version == fixture.visit.version + 5)
        #expect(visit.chart.complaint?.text == "Sốt 38.5 độ, ho khan 3 ngày")
        #expect(visit.chart.vitalSigns.map(\.author) == [fixture.nurse])
        #expect(visit.chart.vitalSigns.first?.at == fixture.at(8, 5))
        #expect(visit.diagnoses.map(\.value) == ["J06.9", "R50.9"])
        #expect(visit.chart.orders.map(\.author) == [fixture.doctor, fixture.doctor])
        #expect(visit.lineItems.map(\.code) == ["02.1896", "40.17"])
        #expect(visit.lineItems[1].unitPrice == Money(dong: 1200), "the catalogue's price")
        let stored = await fixture.store.visit(visit.id, for: Access(by: fixture.doctor, purpose: "test"))
        #expect(stored == visit)

        let events = await fixture.store.auditEvents(after: 0, limit: 100).filter {
            $0.recordID == visit.id.uuid && ($0.action == .update || $0.action == .create)
        }
        #expect(events.count == 6, "the check-in and five steps")
        #expect(
            events.dropFirst().map(\.staff) == [
                fixture.doctor, fixture.nurse, fixture.doctor, fixture.doctor, fixture.doctor,
            ]
        )
        #expect(
            events.dropFirst().map(\.purpose) == [
                "chart: complaint note", "chart: vital signs", "chart: diagnosis", "chart: order", "chart: order",
            ]
        )
    }

    @Test("a step on a visit read before another change is a version conflict, and changes nothing")
    func staleVersionConflicts() async throws {
        let fixture = try await ChartFixture()
        let stale = fixture.visit
        _ = try await fixture.charting.record(try VitalSigns(pulse: 80), on: stale, by: fixture.nurse)
        await #expect {
            _ = try await fixture.charting.record(try ClinicalNote(.progress, "Ổn định"), on: stale, by: fixture.doctor)
        } throws: { ($0 as? StoreError)?.code == .versionConflict }
        let stored = try await fixture.charting.visit(stale.id, by: fixture.doctor)
        #expect(stored?.chart.notes.isEmpty == true)
    }

    @Test("closing is refused while the claim lacks fields, and names them")
    func closingNamesMissingFields() async throws {
        let fixture = try await ChartFixture()
        let discharge = try Discharge(outcome: .improved)
        await #expect {
            _ = try await fixture.charting.discharge(discharge, on: fixture.visit, by: fixture.doctor)
        } throws: { error in
            let error = error as? ChartingError
            return error?.code == .incompleteForClaim && error?.fields == ["MA_BENH_CHINH", "MA_DICH_VU"]
        }
        var visit = try await fixture.examined()
        visit = try await fixture.charting.admit(to: "K02", reason: "Theo dõi", on: visit, by: fixture.doctor)
        #expect(visit.kind == .inpatient)
        #expect(visit.missingClaimFields.isEmpty, "admission places the patient in the ward's department")
        let closed = try await fixture.charting.discharge(discharge, on: visit, by: fixture.doctor, at: fixture.at(11))
        #expect(closed.status == .closed)
        #expect(closed.dischargedAt == fixture.at(11))
        #expect(closed.chart.discharge?.author == fixture.doctor)
        await #expect {
            _ = try await fixture.charting.record(try VitalSigns(pulse: 80), on: closed, by: fixture.nurse)
        } throws: { ($0 as? ChartingError)?.code == .visitNotOpen }
    }

    @Test("an inpatient stay with no department lacks MA_KHOA")
    func inpatientNeedsDepartment() throws {
        var visit = try Visit(
            key: "K",
            patientID: PatientID(),
            facility: try FacilityCode("01001"),
            kind: .inpatient,
            admittedAt: Date(),
            diagnoses: [try ICD10Code("J18.9")],
            lineItems: [
                try LineItem(
                    kind: .service,
                    code: "K02.1918",
                    name: "Giường",
                    quantity: 1,
                    unitPrice: .zero,
                    insurancePrice: .zero
                )
            ]
        )
        #expect(visit.missingClaimFields == ["MA_KHOA"])
        visit.chart.departments.append(
            ChartEntry(try DepartmentMove(to: "K02", reason: .arrival), by: try RecordSamples.staff(), at: Date())
        )
        #expect(visit.missingClaimFields.isEmpty)
    }

    @Test("a cancelled visit keeps its record and reason, and frees its slot")
    func cancellation() async throws {
        let fixture = try await ChartFixture()
        let cancelled = try await fixture.charting.cancel(fixture.visit, reason: "Quét nhầm thẻ", by: fixture.doctor)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.openSlot == nil)
        #expect(cancelled.chart.cancellation?.content == "Quét nhầm thẻ")
        let stored = try await fixture.charting.visit(cancelled.id, by: fixture.doctor)
        #expect(stored?.status == .cancelled)
        await #expect(throws: ValidationError.self) {
            _ = try await fixture.charting.cancel(fixture.visit, reason: " ", by: fixture.doctor)
        }
        await #expect {
            _ = try await fixture.charting.cancel(cancelled, reason: "again", by: fixture.doctor)
        } throws: { ($0 as? ChartingError)?.code == .visitNotOpen }
    }

    @Test("a session writes several entries as one version, audited once; nothing follows a discharge")
    func session() async throws {
        let fixture = try await ChartFixture()
        let visit = try await fixture.charting.chart(fixture.visit, by: fixture.doctor, at: fixture.at(9)) { session in
            session.record(try ClinicalNote(.complaint, "Đau đầu"))
            session.diagnose(try Diagnosis(main: try ICD10Code("I10")))
            try session.order("02.1896")
            try session.order("40.424", quantity: 30)
            try session.discharge(try Discharge(outcome: .improved), at: fixture.at(9, 30))
        }
        #expect(visit.version == fixture.visit.version + 1)
        #expect(visit.status == .closed && visit.lineItems.count == 2)
        #expect(visit.chart.orders.allSatisfy { $0.author == fixture.doctor && $0.at == fixture.at(9) })
        let events = await fixture.store.auditEvents(after: 0, limit: 100).filter {
            $0.recordID == visit.id.uuid && $0.action == .update
        }
        #expect(events.map(\.purpose) == ["chart: complaint note, diagnosis, order; discharge"])
        let second = try await ChartFixture()
        await #expect {
            _ = try await second.charting.chart(try await second.examined(), by: second.doctor) { session in
                try session.discharge(try Discharge(outcome: .improved))
                session.record(try ClinicalNote(.progress, "after"))
            }
        } throws: { ($0 as? ChartingError)?.code == .visitNotOpen }
    }

    @Test("an order is priced by the catalogue in force on its day; an unknown code is refused")
    func ordersTakeTheCataloguePrice() async throws {
        let fixture = try await ChartFixture()
        let lastYear = fixture.at(9).addingTimeInterval(-365 * 86_400)
        let old = try fixture.charting.catalogue.item("02.1896", on: CalendarDate(containing: lastYear))
        #expect(old.price == Money(dong: 42_100))
        let visit = try await fixture.charting.order("02.1896", on: fixture.visit, by: fixture.doctor)
        #expect(visit.lineItems.first?.unitPrice == Money(dong: 50_600))
        await #expect {
            _ = try await fixture.charting.order("99.9999", on: visit, by: fixture.doctor)
        } throws: { ($0 as? CatalogueError)?.code == .unknownCode }
    }

    @Test("a referral, a follow-up and sick leave travel with the discharge")
    func dischargePapers() async throws {
        let fixture = try await ChartFixture()
        let visit = try await fixture.examined()
        let discharge = try Discharge(
            outcome: .unchanged,
            type: .referred,
            referral: try Discharge.Referral(to: try FacilityCode("01002"), paperNumber: "CT-2026-0042"),
            followUp: Discharge.FollowUp(on: try CalendarDate(year: 2026, month: 3, day: 9)),
            sickLeave: try Discharge.SickLeave(
                from: try CalendarDate(year: 2026, month: 3, day: 2),
                through: try CalendarDate(year: 2026, month: 3, day: 4)
            )
        )
        let closed = try await fixture.charting.discharge(discharge, on: visit, by: fixture.doctor)
        #expect(closed.chart.discharge?.content == discharge)
        #expect(throws: ValidationError.self) { try Discharge(outcome: .improved, type: .referred) }
    }
}
