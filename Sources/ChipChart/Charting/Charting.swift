public import Foundation

/// The clinical record of a visit, from examination to discharge, written as versioned, audited,
/// staff-attributed changes.
///
/// Every call takes the visit as last read, adds one ``ChartEntry`` naming the clinician and the
/// time, and commits the visit as a new version through a ``ChangeSet`` under an ``Access`` of
/// that clinician — so each entry has its audit event naming its author. Nothing is overwritten:
/// the chart only grows. A visit changed by someone else since it was read is refused with
/// ``StoreError/Code/versionConflict``: read it again (``visit(_:by:)``) and repeat the step.
///
/// <!-- snippet: context=Ward -->
/// ```swift
/// let charting = Charting(store: store, catalogue: catalogue)
/// var visit = receipt.visit
/// visit = try await charting.record(try ClinicalNote(.complaint, "Sốt, ho 3 ngày"), on: visit, by: doctor)
/// visit = try await charting.record(try VitalSigns(pulse: 88, temperature: 38.2), on: visit, by: nurse)
/// visit = try await charting.diagnose(try Diagnosis(main: try ICD10Code("J06.9")), on: visit, by: doctor)
/// visit = try await charting.order("02.1896", on: visit, by: doctor)
/// visit = try await charting.discharge(try Discharge(outcome: .improved), on: visit, by: doctor)
/// ```
///
/// ## Topics
///
/// ### Examining
/// - ``record(_:on:by:at:)-(VitalSigns,_,_,_)``
/// - ``record(_:on:by:at:)-(ClinicalNote,_,_,_)``
/// - ``diagnose(_:on:by:at:)``
///
/// ### Ordering and results
/// - ``order(_:quantity:on:by:at:)``
/// - ``record(_:on:by:at:)-(ParaclinicalResult,_,_,_)``
/// - ``record(_:on:by:at:)-(ProcedureRecord,_,_,_)``
///
/// ### Moving and closing
/// - ``transfer(to:on:by:at:)``
/// - ``admit(to:reason:on:by:at:)``
/// - ``discharge(_:on:by:at:)``
/// - ``cancel(_:reason:by:at:)``
public struct Charting: Sendable {
    /// Where the visits are.
    public let store: any RecordStore
    /// The catalogue that prices orders.
    public let catalogue: Catalogue
    /// The clock: the time of an entry whose time is not given.
    public let now: @Sendable () -> Date

    /// A charting service over a store and a catalogue.
    public init(store: any RecordStore, catalogue: Catalogue, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.catalogue = catalogue
        self.now = now
    }

    /// Reads a visit for charting, audited as a read by `staff` for the purpose `chart`.
    public func visit(_ id: VisitID, by staff: Staff) async throws -> Visit? {
        try await store.visit(id, for: Access(by: staff, purpose: "chart"))
    }

    /// Records vital signs and measurements.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError`` (`versionConflict` …).
    public func record(
        _ vitalSigns: VitalSigns,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        try await change(visit, by: staff, purpose: "chart: vital signs", at: at) { visit, at in
            visit.chart.vitalSigns.append(ChartEntry(vitalSigns, by: staff, at: at))
        }
    }

    /// Records the presenting complaint, a note on the clinical course or the treatment given.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError``.
    public func record(_ note: ClinicalNote, on visit: Visit, by staff: Staff, at: Date? = nil) async throws -> Visit {
        try await change(visit, by: staff, purpose: "chart: \(note.kind.rawValue) note", at: at) { visit, at in
            visit.chart.notes.append(ChartEntry(note, by: staff, at: at))
        }
    }

    /// States the diagnoses: the visit's ``Visit/diagnoses`` become these codes, main first.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError``.
    public func diagnose(
        _ diagnosis: Diagnosis,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        try await change(visit, by: staff, purpose: "chart: diagnosis", at: at) { visit, at in
            visit.chart.diagnoses.append(ChartEntry(diagnosis, by: staff, at: at))
            visit.diagnoses = diagnosis.codes
        }
    }

    /// Orders a service, drug or supply by its catalogue code: the catalogue in force on the
    /// order's day (Vietnam time) gives its name, unit, prices and coverage rate, and the order
    /// becomes a billed ``LineItem`` of the visit.
    ///
    /// - Throws: ``CatalogueError`` (`unknownCode`, `notInForce`), ``ValidationError`` naming
    ///   `lineItem.quantity`, ``ChartingError`` (`visitNotOpen`) or ``StoreError``.
    public func order(
        _ code: String,
        quantity: Decimal = 1,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws -> Visit {
        let instant = at ?? now()
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
        return try await change(visit, by: staff, purpose: "chart: order", at: instant) { visit, at in
            visit.chart.orders.append(ChartEntry(ChartOrder(item, quantity: quantity), by: staff, at: at))
            visit.lineItems.append(line)
        }
    }

    /// Records a test or imaging result.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError``.
    public func record(
        _ result: ParaclinicalResult,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        try await change(visit, by: staff, purpose: "chart: result", at: at) { visit, at in
            visit.chart.results.append(ChartEntry(result, by: staff, at: at))
        }
    }

    /// Records a procedure performed.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError``.
    public func record(
        _ procedure: ProcedureRecord,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        try await change(visit, by: staff, purpose: "chart: procedure", at: at) { visit, at in
            visit.chart.procedures.append(ChartEntry(procedure, by: staff, at: at))
        }
    }

    /// Places the patient in a department (`MA_KHOA`): the first department that sees them, or a
    /// transfer from the one they are in.
    ///
    /// - Throws: ``ValidationError`` naming `department`, ``ChartingError`` (`visitNotOpen`,
    ///   `notApplicable` when already there) or ``StoreError``.
    public func transfer(
        to department: String,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        let reason: DepartmentMove.Reason = visit.chart.departments.isEmpty ? .arrival : .transfer
        let move = try DepartmentMove(to: department, reason: reason)
        guard move.department != visit.chart.department else {
            throw ChartingError(.notApplicable, visitKey: visit.key, message: "the patient is already in \(department)")
        }
        return try await change(visit, by: staff, purpose: "chart: \(reason.rawValue)", at: at) { visit, at in
            visit.chart.departments.append(ChartEntry(move, by: staff, at: at))
        }
    }

    /// Admits an outpatient to a ward: the visit becomes an inpatient stay (`MA_LOAI_KCB` 03,
    /// `NGAY_VAO_NOI_TRU` the admission's time) in the department given.
    ///
    /// - Throws: ``ValidationError`` naming `department`, ``ChartingError`` (`visitNotOpen`,
    ///   `notApplicable` for a visit already inpatient) or ``StoreError`` (`openVisitExists`
    ///   when the patient already has an open stay here).
    public func admit(
        to department: String,
        reason: String? = nil,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws -> Visit {
        let move = try DepartmentMove(to: department, reason: .admission, note: reason)
        guard !visit.kind.isInpatient else {
            throw ChartingError(.notApplicable, visitKey: visit.key, message: "the visit is already an inpatient stay")
        }
        return try await change(visit, by: staff, purpose: "chart: admission", at: at) { visit, at in
            visit.chart.departments.append(ChartEntry(move, by: staff, at: at))
            visit.kind = .inpatient
        }
    }

    /// Discharges the patient and closes the visit (`NGAY_RA` the discharge's time).
    ///
    /// - Throws: ``ChartingError`` `incompleteForClaim` naming the claims fields the visit lacks
    ///   (``Visit/missingClaimFields``), `visitNotOpen`; ``ValidationError`` naming
    ///   `visit.dischargedAt` (before admission); ``StoreError``.
    public func discharge(
        _ discharge: Discharge,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    ) async throws
        -> Visit
    {
        let missing = visit.missingClaimFields
        guard missing.isEmpty else {
            throw ChartingError(
                .incompleteForClaim,
                visitKey: visit.key,
                fields: missing,
                message: "the claim needs \(missing.joined(separator: ", ")) before the visit is closed"
            )
        }
        return try await change(visit, by: staff, purpose: "discharge", at: at) { visit, at in
            guard at >= visit.admittedAt else {
                throw ValidationError(
                    field: "visit.dischargedAt",
                    reason: .inconsistent,
                    message: "discharge is before admission"
                )
            }
            visit.chart.discharge = ChartEntry(discharge, by: staff, at: at)
            visit.dischargedAt = at
            visit.status = .closed
        }
    }

    /// Cancels a visit opened by mistake: it is kept, marked cancelled with the reason, never
    /// deleted, and frees its slot (``Visit/openSlot``).
    ///
    /// - Throws: ``ValidationError`` naming `cancellation.reason` (empty), ``ChartingError``
    ///   (`visitNotOpen`) or ``StoreError``.
    public func cancel(_ visit: Visit, reason: String, by staff: Staff, at: Date? = nil) async throws -> Visit {
        let reason = reason.trimmingASCIIWhitespace()
        guard !reason.isEmpty else {
            throw ValidationError(field: "cancellation.reason", reason: .missing, message: "a cancellation says why")
        }
        return try await change(visit, by: staff, purpose: "cancellation", at: at) { visit, at in
            visit.chart.cancellation = ChartEntry(reason, by: staff, at: at)
            visit.status = .cancelled
        }
    }

    /// Applies one step to an open visit and commits it as a new version under the staff
    /// member's access.
    private func change(
        _ visit: Visit,
        by staff: Staff,
        purpose: String,
        at: Date?,
        _ step: (inout Visit, Date) throws -> Void
    ) async throws -> Visit {
        guard visit.status == .open else {
            throw ChartingError(.visitNotOpen, visitKey: visit.key, message: "the visit is \(visit.status.rawValue)")
        }
        var next = visit
        try step(&next, at ?? now())
        var changes = ChangeSet(Access(by: staff, purpose: purpose))
        changes.save(next)
        let receipt = try await store.commit(changes)
        next.version += 1
        return receipt.visits.first ?? next
    }
}
