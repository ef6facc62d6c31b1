import ChipChart
import Foundation
import Logging

/// The synthetic clinic the benchmark archives: patient `i` with one coverage and one visit.
enum Workload {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let quiet = Logger(label: "archive-benchmark") { _ in SwiftLogNoOpLogHandler() }

    static func access(_ purpose: String) throws -> Access {
        let staff = Staff(name: try PersonName("Quản Trị"), personalID: try PersonalID("001000000000"), role: .system)
        return Access(by: staff, purpose: purpose)
    }

    /// The change set registering patient `index` (up to 999,999) with a coverage and a visit.
    static func registration(_ index: Int, _ access: Access) throws -> ChangeSet {
        let serial = String(1_000_000 + index).suffix(6)
        let birth = try CalendarDate(year: 1950 + index % 50, month: 1 + index % 12, day: 1 + index % 28)
        var patient = Patient(
            demographics: Demographics(
                name: try PersonName(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường"][index % 3]),
                dateOfBirth: .full(birth),
                sex: index.isMultiple(of: 2) ? .male : .female,
                address: "Số \(index % 300 + 1) Phố Huế, Hai Bà Trưng, Hà Nội"
            )
        )
        let digit = index.isMultiple(of: 2) ? "0" : "1"
        patient.addIdentifier(.personalID(try PersonalID("001\(digit)\(String(birth.year).suffix(2))\(serial)")))
        let admitted = Date(timeIntervalSince1970: 1_772_409_600 + Double(index % 86_400))
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            verification: .verified(at: admitted, by: access.staff, result: .valid)
        )
        let visit = try Visit(
            key: "01001.\(serial)",
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            admittedAt: admitted,
            diagnoses: [try ICD10Code("J06.9")],
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)],
            lineItems: [
                try LineItem(
                    kind: .drug,
                    code: "40.17",
                    name: "Paracetamol 500mg",
                    quantity: 10,
                    unitPrice: try Money(parsing: "1500"),
                    insurancePrice: try Money(parsing: "1500")
                )
            ]
        )
        var changes = ChangeSet(access)
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        return changes
    }
}
