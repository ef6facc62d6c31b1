import ChipCard
import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation

/// The clinic of ``Clinic`` seen from the examination room: a doctor, a nurse, a laboratory
/// technician, the sample catalogue, and the patient checked in again for a new outpatient visit.
struct Ward: DocumentationContext {
    /// The clinic: its store, desk, receptionist and the patient's card reading.
    let clinic: Clinic
    /// A physician.
    let doctor: Staff
    /// A laboratory technician.
    let technician: Staff
    /// The sample catalogue.
    let catalogue: Catalogue
    /// The patient's new outpatient visit, just checked in.
    let receipt: CheckInReceipt

    var store: SQLiteStore { clinic.store }
    var reception: Reception { clinic.reception }
    var reading: CardReading { clinic.reading }
    var receptionist: Staff { clinic.staff }
    var nurse: Staff { clinic.nurse }

    static func make(in folder: URL) async throws -> Ward {
        let clinic = try await Clinic.make(in: folder)
        let receipt = try await clinic.reception.checkIn(
            clinic.reading,
            for: VisitRequest(reason: "Sốt, ho"),
            by: clinic.staff
        )
        return Ward(
            clinic: clinic,
            doctor: Staff(
                name: try PersonName("Đỗ Minh Bác Sĩ"),
                personalID: try PersonalID("001080000010"),
                role: .physician
            ),
            technician: Staff(
                name: try PersonName("Lê Văn Xét Nghiệm"),
                personalID: try PersonalID("001090000050"),
                role: Staff.Role("laboratoryTechnician")
            ),
            catalogue: try SampleCatalogue.load(),
            receipt: receipt
        )
    }
}
