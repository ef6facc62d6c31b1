import ChipChart
import Foundation
import Testing

@Suite("Visits, line items, money and ICD-10")
struct VisitRecordTests {
    @Test(arguments: [("A09", "A09"), ("J18.9", "J18.9"), ("j189", "J18.9"), ("S72.00", "S72.00"), ("U07.1", "U07.1")])
    func acceptsICD10Codes(_ text: String, _ value: String) throws {
        #expect(try ICD10Code(text).value == value)
    }

    @Test(arguments: ["J1", "18.9", "J18.", "J18.999", "", "JJ8", "J18-9", "Ä09"])
    func rejectsBadICD10Codes(_ text: String) {
        #expect {
            try ICD10Code(text)
        } throws: { ($0 as? ValidationError)?.field == "diagnosis" }
    }

    @Test(arguments: [("12500", 1_250_000), ("12500.5", 1_250_050), ("0.05", 5), ("1250.50", 125_050)])
    func moneyIsExact(_ text: String, _ minor: Int64) throws {
        let money = try Money(parsing: text)
        #expect(money.minorUnits == minor)
        #expect(try Money(parsing: money.claimsText) == money)
    }

    @Test(arguments: ["12,500", "-1", "1.234", "", "1e5", ".5"])
    func moneyRejectsAmbiguousText(_ text: String) {
        #expect(throws: ValidationError.self) { try Money(parsing: text) }
    }

    @Test func lineAmountsAreComputedWithoutFloatingPoint() throws {
        let line = try LineItem(
            kind: .drug,
            code: "40.17",
            name: "Paracetamol",
            quantity: Decimal(string: "0.3") ?? 0,
            unitPrice: try Money(parsing: "0.10"),
            insurancePrice: try Money(parsing: "0.10"),
            paymentRatePercent: 50
        )
        #expect(line.facilityAmount.claimsText == "0.03")  // 0.1 × 0.3 is not 0.030000000000000002
        #expect(line.insuranceAmount.claimsText == "0.02")  // 0.015 rounds half away from zero
    }

    @Test func lineItemsRejectNonsense() {
        #expect {
            try LineItem(kind: .service, code: "X", name: "x", quantity: 0, unitPrice: .zero, insurancePrice: .zero)
        } throws: { ($0 as? ValidationError)?.field == "lineItem.quantity" }
        #expect {
            try LineItem(
                kind: .service,
                code: "X",
                name: "x",
                quantity: 1,
                unitPrice: Money(dong: 1),
                insurancePrice: Money(dong: 2)
            )
        } throws: { ($0 as? ValidationError)?.field == "lineItem.insurancePrice" }
        #expect {
            try LineItem(kind: .service, code: " ", name: "x", quantity: 1, unitPrice: .zero, insurancePrice: .zero)
        } throws: { ($0 as? ValidationError)?.field == "lineItem.code" }
    }

    @Test func visitsCheckTheirKeyAndTimes() throws {
        let facility = try FacilityCode("01001")
        let now = Date(timeIntervalSince1970: 1_772_409_600)
        #expect {
            try Visit(
                key: String(repeating: "K", count: 101),
                patientID: PatientID(),
                facility: facility,
                admittedAt: now
            )
        } throws: { ($0 as? ValidationError)?.field == "visit.key" }
        #expect {
            try Visit(key: "K1", patientID: PatientID(), facility: facility, admittedAt: now, dischargedAt: now - 1)
        } throws: { ($0 as? ValidationError)?.field == "visit.dischargedAt" }
        #expect(throws: ValidationError.self) { try VisitKind(code: "06") }
        #expect(try Route(code: "3.2").category == 3)
        #expect(throws: ValidationError.self) { try Route(code: "4") }
    }
}
