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
/// - ``record(_:on:by:at:)``
/// - ``ChartRecord``
/// - ``diagnose(_:on:by:at:)``
///
/// ### Ordering
/// - ``order(_:quantity:on:by:at:)``
///
/// ### Several entries at once
/// - ``chart(_:by:at:_:)``
/// - ``ChartSession``
///
/// ### In an emergency
/// - ``inEmergency(reason:)``
///
/// ### Moving and closing
/// - ``transfer(to:on:by:at:)``
/// - ``admit(to:reason:on:by:at:)``
/// - ``discharge(_:on:by:at:)``
/// - ``cancel(_:reason:by:at:)``
public struct Charting: Sendable {
    /// Where the visits are, behind the access policy.
    public let store: any RecordStore
    /// The catalogue that prices orders.
    public let catalogue: Catalogue
    /// The clock: the time of an entry whose time is not given.
    public let now: @Sendable () -> Date
    /// The emergency every read and write states (break-the-glass), or `nil`: see
    /// ``inEmergency(reason:)``.
    public internal(set) var emergencyReason: String?

    /// A charting service over a store and a catalogue, consulting `policy` on every read and
    /// write (the store is wrapped in a ``PolicedStore`` unless it is one already).
    public init(
        store: any RecordStore,
        catalogue: Catalogue,
        policy: any AccessPolicy = DefaultAccessPolicy(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store as? PolicedStore ?? PolicedStore(wrapping: store, policy: policy)
        self.catalogue = catalogue
        self.now = now
    }

    /// Reads a visit for charting, audited as a read by `staff` for the purpose `chart`.
    public func visit(_ id: VisitID, by staff: Staff) async throws -> Visit? {
        try await store.visit(id, for: Access(by: staff, purpose: "chart", emergencyReason: emergencyReason))
    }

    /// Writes one clinician's sitting at the chart — several entries — as one new version of the
    /// visit, audited once under `staff` (the purpose lists the steps: `chart: vital signs, order`).
    ///
    /// <!-- snippet: context=Ward -->
    /// ```swift
    /// let charting = Charting(store: store, catalogue: catalogue)
    /// var visit = receipt.visit
    /// visit = try await charting.chart(visit, by: doctor) { session in
    ///     session.record(try ClinicalNote(.complaint, "Đau đầu, chóng mặt"))
    ///     session.diagnose(try Diagnosis(main: try ICD10Code("I10")))
    ///     try session.order("02.1896")
    ///     try session.discharge(try Discharge(outcome: .improved))
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - at: the time of the entries whose time is not given; the clock's now when `nil`.
    ///   - steps: adds the entries; when it throws, nothing is written.
    /// - Throws: what `steps` throws, ``ChartingError`` (`visitNotOpen`, also for an entry after
    ///   a discharge or cancellation), or ``StoreError`` (`versionConflict` for a stale visit).
    public func chart(
        _ visit: Visit,
        by staff: Staff,
        at: Date? = nil,
        _ steps: (inout ChartSession) throws -> Void
    ) async throws -> Visit {
        var session = try ChartSession(visit: visit, author: staff, time: at ?? now(), catalogue: catalogue)
        try steps(&session)
        if let closed = session.stepsWhenClosed, session.steps.count > closed {
            throw ChartingError(
                .visitNotOpen,
                visitKey: visit.key,
                message: "nothing is charted after the visit closes"
            )
        }
        guard !session.steps.isEmpty else { return visit }
        var changes = ChangeSet(Access(by: staff, purpose: session.purpose, emergencyReason: emergencyReason))
        changes.save(session.visit)
        let receipt = try await store.commit(changes)
        var written = session.visit
        written.version += 1
        return receipt.visits.first ?? written
    }

    /// Records vital signs, a clinical note (the presenting complaint, the clinical course, the
    /// treatment given), a test or imaging result, or a procedure.
    ///
    /// - Throws: ``ChartingError`` (`visitNotOpen`) or ``StoreError`` (`versionConflict` …).
    public func record<Record: ChartRecord>(
        _ record: Record,
        on visit: Visit,
        by staff: Staff,
        at: Date? = nil
    )
        async throws -> Visit
    {
        try await chart(visit, by: staff, at: at) { $0.record(record) }
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
        try await chart(visit, by: staff, at: at) { $0.diagnose(diagnosis) }
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
        try await chart(visit, by: staff, at: at) { try $0.order(code, quantity: quantity) }
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
        try await chart(visit, by: staff, at: at) { try $0.transfer(to: department) }
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
        try await chart(visit, by: staff, at: at) { try $0.admit(to: department, reason: reason) }
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
        try await chart(visit, by: staff, at: at) { try $0.discharge(discharge) }
    }

    /// Cancels a visit opened by mistake: it is kept, marked cancelled with the reason, never
    /// deleted, and frees its slot (``Visit/openSlot``).
    ///
    /// - Throws: ``ValidationError`` naming `cancellation.reason` (empty), ``ChartingError``
    ///   (`visitNotOpen`) or ``StoreError``.
    public func cancel(_ visit: Visit, reason: String, by staff: Staff, at: Date? = nil) async throws -> Visit {
        try await chart(visit, by: staff, at: at) { try $0.cancel(reason: reason) }
    }
}
