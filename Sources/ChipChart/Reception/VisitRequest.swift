/// What visit the desk opens for the patient: its kind, route and reason.
///
/// The facility and the time come from the ``Reception``; the encounter key (`MA_LK`) is made
/// unique by the reception unless the host system supplies its own.
public struct VisitRequest: Hashable, Sendable {
    /// The kind of encounter (`MA_LOAI_KCB`); an outpatient visit by default.
    public var kind: VisitKind
    /// How the patient came (`MA_DOITUONG_KCB`); at the registered facility by default.
    public var route: Route
    /// Why the patient came (`LY_DO_VV`).
    public var reason: String?
    /// The host system's own encounter key, when it has one.
    public var key: String?
    /// The insurance card the patient handed over or the desk typed, when any: asked of the
    /// portal instead of the personal ID.
    public var insuranceCard: InsuranceCardCode?

    /// A request for a visit.
    public init(
        kind: VisitKind = .outpatient,
        route: Route = .registeredFacility,
        reason: String? = nil,
        key: String? = nil,
        insuranceCard: InsuranceCardCode? = nil
    ) {
        self.kind = kind
        self.route = route
        self.reason = reason
        self.key = key
        self.insuranceCard = insuranceCard
    }
}
