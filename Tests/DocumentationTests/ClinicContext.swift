import ChipCard
import ChipChart
import ChipChartClaims
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Logging

/// A small clinic on an SQLite file: one receptionist, one insured patient checked in today and
/// discharged, and the simulated insurer that knows them both. The names are those the
/// documentation's code blocks take as given.
struct Clinic: DocumentationContext {
    /// The clinic's store, `clinic.sqlite` in the block's folder.
    let store: SQLiteStore
    /// The same store, where a block stresses that it is an SQLite one.
    var sqliteStore: SQLiteStore { store }
    /// A store that holds nothing yet.
    let emptyStore: InMemoryStore
    /// The simulated insurer: it knows `staff` and the patient's card, valid all this year.
    let portal: SimulatedInsurancePortal
    /// The insurer, by the name the check-in examples use.
    var insurer: SimulatedInsurancePortal { portal }
    /// The receptionist, registered with the insurer.
    let staff: Staff
    /// The receptionist, by the name the landing page uses.
    var receptionist: Staff { staff }
    /// An administrator, who takes backups.
    let admin: Staff
    /// The receptionist's access for the desk's reads and writes.
    let access: Access
    /// The clinic's facility code, `01001`.
    let facility: FacilityCode
    /// The QR reading of the patient's card.
    let reading: CardReading
    /// The QR payload `reading` was read from.
    let scannedLine: String
    /// The patient, as stored.
    let patient: Patient
    /// The patient's visit of today: insured, closed with a diagnosis.
    let visit: Visit
    /// The patient's visits.
    let visits: [Visit]
    /// The patient's coverages.
    let coverages: [Coverage]
    /// Every patient of the store.
    let patients: [Patient]
    /// The store's audit trail.
    let events: [AuditEvent]
    /// Today, Vietnam time.
    let today: CalendarDate
    /// The moment the context was made.
    let now: Date
    /// A logger for the blocks that take one.
    let logger: Logger
    /// A lookup of the patient's card by personal ID, by `staff`.
    let query: PortalQuery
    /// A visit key no visit has yet.
    let key: String
    /// The personal ID of a person the store does not hold yet.
    let id: PersonalID
    /// A change set that registers the person `id` names.
    let changes: ChangeSet
    /// The desk that checked `patient` in, over `store` and `portal`.
    let reception: Reception
    /// An inpatient stay of `patient`, still open.
    let stay: Visit
    /// A nurse on the ward.
    let nurse: Staff
    /// A file in the block's folder that does not exist yet, for an archive.
    let url: URL
    /// The portal's clock, started when the context was made.
    let clock: SimulatedClock
    /// A card reader that reads the patient's card (the QR payload `scannedLine`) once.
    let reader: any CardReader
    /// An outpatient visit for a fever, as the desk asks for it.
    let visitRequest: VisitRequest
    /// A coverage verifier over `portal`.
    let verifier: CoverageVerifier
    /// A claims officer, registered with the insurer.
    let claimsOfficer: Staff
    /// A re-verifier of coverages over `store` and `verifier`, by `claimsOfficer`.
    let reverifier: CoverageReverifier
    /// The patient's coverage, confirmed at check-in.
    let coverage: Coverage
    /// The insurer's check of `query`, against `coverages`.
    let check: CoverageCheck
    /// A billed line: ten paracetamol tablets, within the insurance scope.
    let line: LineItem
    /// The name of the person `id` names.
    let name: PersonName
    /// The date of birth of the person `id` names.
    let dob: DateOfBirth
    /// The bytes of a file to write: one line of text.
    let bytes: Data
    /// The claim of `visit`.
    let claim: Claim
    /// The claims of the day's visits, as a store query would yield them: `visit`'s.
    let visitsOfTheDay: AsyncStream<ClaimInput>
    /// The patient as the insurer records them.
    let holder: SimulatedInsurancePortal.Holder
    /// The patient's insurance card as the insurer issued it, valid all this year.
    let card: SimulatedInsurancePortal.Card
    /// The card's social insurance number.
    var number: SocialInsuranceNumber { card.code.socialInsuranceNumber }
    /// A card that replaces `card` after a change of group: retired (`HT3`), same number.
    let newCard: SimulatedInsurancePortal.Card
    /// Ten o'clock today, Vietnam time.
    let tenOClock: Date

    static func make(in folder: URL) async throws -> Clinic {
        let now = Date()
        let today = CalendarDate(containing: now)
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let access = Access(by: staff, purpose: "documentation")
        let facility = try FacilityCode("01001")
        let scannedLine = "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hà Nội|15042021"
        let reading = try CardReading(qrCode: scannedLine)
        let clock = SimulatedClock(start: now)
        let portal = SimulatedInsurancePortal(clock: clock)
        portal.apply(.registerStaff(staff))
        let nurse = Staff(
            name: try PersonName("Vũ Thị Điều Dưỡng"),
            personalID: try PersonalID("001185000030"),
            role: .nurse
        )
        portal.apply(.registerStaff(nurse))
        let claimsOfficer = Staff(
            name: try PersonName("Đỗ Văn Giám Định"),
            personalID: try PersonalID("001080000040"),
            role: .claimsOfficer
        )
        portal.apply(.registerStaff(claimsOfficer))
        let holder = SimulatedInsurancePortal.Holder(
            name: reading.name,
            dateOfBirth: reading.dateOfBirth,
            sex: reading.sex,
            personalID: reading.personalID!
        )
        let thisYear = try DatePeriod(
            start: try CalendarDate(year: today.year, month: 1, day: 1),
            end: try CalendarDate(year: today.year, month: 12, day: 31)
        )
        let card = SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode("DN4010123456789"),
            validity: thisYear,
            registeredFacility: facility
        )
        portal.apply(.enrol(holder, card))
        let store = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
        let desk = Reception(store: store, portal: portal, facility: facility)
        let receipt = try await desk.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: staff)
        var discharged = receipt.visit
        discharged.status = .closed
        discharged.dischargedAt = discharged.admittedAt.addingTimeInterval(1)
        discharged.diagnoses = [try ICD10Code("J06.9")]
        var closing = ChangeSet(access)
        closing.save(discharged)
        try await store.commit(closing)

        let id = try PersonalID("001090012345")
        var newcomer = Patient(
            demographics: Demographics(
                name: try PersonName("Lê Thị Bình"),
                dateOfBirth: try DateOfBirth(parsing: "02021990"),
                sex: .female
            )
        )
        newcomer.addIdentifier(.personalID(id))
        var changes = ChangeSet(access)
        changes.save(newcomer)

        let admission = try await desk.checkIn(
            reading,
            for: VisitRequest(kind: .inpatient, reason: "Viêm phổi"),
            by: staff
        )

        let patientID = receipt.patient.id
        let patient = try await store.patient(patientID, for: access) ?? receipt.patient
        let visits = try await store.visits(ofPatient: patientID, for: access)
        let closed = visits.first { $0.id == discharged.id } ?? discharged
        let coverages = try await store.coverages(ofPatient: patientID, for: access)
        guard let coverage = coverages.first else { throw CocoaError(.coderValueNotFound) }
        let query = PortalQuery(
            cardNumber: .personalID(reading.personalID!),
            fullName: reading.name,
            dateOfBirth: reading.dateOfBirth,
            staff: staff
        )
        let verifier = CoverageVerifier(portal: portal)
        let check = await verifier.check(query, coverages: coverages, patient: patientID, at: now)
        return Clinic(
            store: store,
            emptyStore: InMemoryStore(),
            portal: portal,
            staff: staff,
            admin: Staff(
                name: try PersonName("Phạm Văn Quản Trị"),
                personalID: try PersonalID("001080000020"),
                role: .administrator
            ),
            access: access,
            facility: facility,
            reading: reading,
            scannedLine: scannedLine,
            patient: patient,
            visit: closed,
            visits: visits,
            coverages: coverages,
            patients: [patient],
            events: try await store.auditEvents(after: 0, limit: 10_000),
            today: today,
            now: now,
            logger: Logger(label: "chipchart.documentation", factory: { _ in SwiftLogNoOpLogHandler() }),
            query: query,
            key: "DOC-\(UUID().uuidString)",
            id: id,
            changes: changes,
            reception: desk,
            stay: admission.visit,
            nurse: nurse,
            url: folder.appendingPathComponent("clinic.gz"),
            clock: clock,
            reader: QRCodeReader(lines: ScriptedLines([scannedLine])),
            visitRequest: VisitRequest(reason: "Sốt"),
            verifier: verifier,
            claimsOfficer: claimsOfficer,
            reverifier: CoverageReverifier(store: store, verifier: verifier, staff: claimsOfficer),
            coverage: coverage,
            check: check,
            line: try LineItem(
                kind: .drug,
                code: "40.17",
                name: "Paracetamol 500 mg",
                quantity: 10,
                unitPrice: try Money(parsing: "500"),
                insurancePrice: try Money(parsing: "500")
            ),
            name: try PersonName("Lê Văn Bình"),
            dob: try DateOfBirth(parsing: "02021990"),
            bytes: Data("Phòng khám 01001\n".utf8),
            claim: try Claim(ClaimInput(patient: patient, visit: closed)),
            visitsOfTheDay: AsyncStream { continuation in
                continuation.yield(ClaimInput(patient: patient, visit: closed))
                continuation.finish()
            },
            holder: holder,
            card: card,
            newCard: SimulatedInsurancePortal.Card(
                code: try InsuranceCardCode("HT3010123456789"),
                validity: thisYear,
                registeredFacility: facility
            ),
            tenOClock: today.startInstant.addingTimeInterval(10 * 3600)
        )
    }
}
