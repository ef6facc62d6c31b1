public import Foundation

/// One clinician's sitting at a visit's chart: several entries, written together as one new
/// version of the visit (``Charting/chart(_:by:at:_:)``).
///
/// Each method adds one ``ChartEntry`` naming the session's clinician, at the time given or the
/// session's time. The checks are those of the single-step calls of ``Charting``: an order is
/// priced by the catalogue, an admission makes the visit an inpatient stay, and a discharge is
/// refused while the claim lacks a field. A discharge or a cancellation ends the session: an
/// entry after it is refused with ``ChartingError/Code/visitNotOpen`` and nothing is written.
public struct ChartSession: Sendable {
    /// The visit as the entries so far leave it.
    public private(set) var visit: Visit
    /// The clinician answerable for the entries.
    public let author: Staff
    /// The time of an entry whose time is not given.
    public let time: Date
    /// The catalogue that prices orders.
    let catalogue: Catalogue
    /// What the session did, in order, for the audit event's purpose (`chart: vital signs, order`).
    private(set) var steps: [String] = []
    /// The number of steps when the visit was discharged or cancelled: nothing may follow.
    private(set) var stepsWhenClosed: Int?

    init(visit: Visit, author: Staff, time: Date, catalogue: Catalogue) throws(ChartingError) {
        guard visit.status == .open else {
            throw ChartingError(.visitNotOpen, visitKey: visit.key, message: "the visit is \(visit.status.rawValue)")
        }
        self.visit = visit
        self.author = author
        self.time = time
        self.catalogue = catalogue
    }

    /// The audit purpose of the session's commit.
    var purpose: String {
        var unique: [String] = []
        for step in steps where !unique.contains(step) { unique.append(step) }
        let chartSteps = unique.filter { $0 != "discharge" && $0 != "cancellation" }
        let closing = unique.filter { $0 == "discharge" || $0 == "cancellation" }
        return ((chartSteps.isEmpty ? [] : ["chart: " + chartSteps.joined(separator: ", ")]) + closing)
            .joined(separator: "; ")
    }

    private func entry<Content>(_ content: Content, _ at: Date?) -> ChartEntry<Content> {
        ChartEntry(content, by: author, at: at ?? time)
    }

    /// Records vital signs, a clinical note, a result or a procedure.
    public mutating func record<Record: ChartRecord>(_ record: Record, at: Date? = nil) {
        visit.chart[keyPath: Record.entries].append(entry(record, at))
        steps.append(record.stepName)
    }

    /// States the diagnoses: the visit's ``Visit/diagnoses`` become these codes, main first.
    public mutating func diagnose(_ diagnosis: Diagnosis, at: Date? = nil) {
        visit.chart.diagnoses.append(entry(diagnosis, at))
        visit.diagnoses = diagnosis.codes
        steps.append("diagnosis")
    }

    /// Orders a service, drug or supply by its catalogue code, priced by the terms in force on
    /// the order's day (Vietnam time); the order becomes a billed ``LineItem``.
    ///
    /// - Throws: ``CatalogueError`` (`unknownCode`, `notInForce`), ``ValidationError`` naming
    ///   `lineItem.quantity`.
    public mutating func order(_ code: String, quantity: Decimal = 1, at: Date? = nil) throws {
        let instant = at ?? time
        let item = try catalogue.item(code, on: CalendarDate(containing: instant))
        let line = try LineItem(
            kind: item.kind,
            code: item.code,
            name: item.name,
            quantity: quantity,
            unitPrice: item.price,
            insurancePrice: item.insurancePrice,
            inScope: item.inScope,
            paymentRatePercent: item.coverageRatePercent,
            orderedAt: instant
        )
        visit.chart.orders.append(entry(ChartOrder(item, quantity: quantity), instant))
        visit.lineItems.append(line)
        steps.append("order")
    }

    /// Places the patient in a department (`MA_KHOA`): the first that sees them, or a transfer.
    ///
    /// - Throws: ``ValidationError`` naming `department`; ``ChartingError`` `notApplicable`
    ///   when the patient is already there.
    public mutating func transfer(to department: String, at: Date? = nil) throws {
        let reason: DepartmentMove.Reason = visit.chart.departments.isEmpty ? .arrival : .transfer
        let move = try DepartmentMove(to: department, reason: reason)
        guard move.department != visit.chart.department else {
            throw ChartingError(.notApplicable, visitKey: visit.key, message: "the patient is already in \(department)")
        }
        visit.chart.departments.append(entry(move, at))
        steps.append(reason.rawValue)
    }

    /// Admits an outpatient to a ward: the visit becomes an inpatient stay (`MA_LOAI_KCB` 03,
    /// `NGAY_VAO_NOI_TRU` the admission's time) in the department given.
    ///
    /// - Throws: ``ValidationError`` naming `department`; ``ChartingError`` `notApplicable` for
    ///   a visit already inpatient.
    public mutating func admit(to department: String, reason: String? = nil, at: Date? = nil) throws {
        let move = try DepartmentMove(to: department, reason: .admission, note: reason)
        guard !visit.kind.isInpatient else {
            throw ChartingError(.notApplicable, visitKey: visit.key, message: "the visit is already an inpatient stay")
        }
        visit.chart.departments.append(entry(move, at))
        visit.kind = .inpatient
        steps.append("admission")
    }

    /// Discharges the patient and closes the visit (`NGAY_RA` the discharge's time).
    ///
    /// - Throws: ``ChartingError`` `incompleteForClaim` naming the claims fields the visit lacks
    ///   (``Visit/missingClaimFields``); ``ValidationError`` naming `visit.dischargedAt` (before
    ///   admission).
    public mutating func discharge(_ discharge: Discharge, at: Date? = nil) throws {
        let missing = visit.missingClaimFields
        guard missing.isEmpty else {
            throw ChartingError(
                .incompleteForClaim,
                visitKey: visit.key,
                fields: missing,
                message: "the claim needs \(missing.joined(separator: ", ")) before the visit is closed"
            )
        }
        let instant = at ?? time
        guard instant >= visit.admittedAt else {
            throw ValidationError.inconsistent("visit.dischargedAt", "discharge is before admission")
        }
        visit.chart.discharge = entry(discharge, instant)
        visit.dischargedAt = instant
        visit.status = .closed
        steps.append("discharge")
        stepsWhenClosed = stepsWhenClosed ?? steps.count
    }

    /// Cancels a visit opened by mistake: kept, marked cancelled with the reason, never deleted.
    ///
    /// - Throws: ``ValidationError`` naming `cancellation.reason` when it is empty.
    public mutating func cancel(reason: String, at: Date? = nil) throws {
        let reason = reason.trimmingASCIIWhitespace()
        guard !reason.isEmpty else {
            throw ValidationError.missing("cancellation.reason", "a cancellation says why")
        }
        visit.chart.cancellation = entry(reason, at)
        visit.status = .cancelled
        steps.append("cancellation")
        stepsWhenClosed = stepsWhenClosed ?? steps.count
    }
}
