public import Foundation

extension Visit {
    /// While the visit is open, the place it holds: one person has at most one open visit in a
    /// slot. `nil` once the visit is closed or cancelled.
    ///
    /// The slot is the facility and kind (`MA_CSKCB` and `MA_LOAI_KCB`), and for a kind that is a
    /// single day's encounter (``VisitKind/isSingleDay``: an outpatient visit, a visit settled per
    /// day, a refill by appointment) also the day of admission in Vietnam: `01001/03` for an
    /// inpatient stay, `01001/01/20260302` for an outpatient visit. Two desks scanning the same
    /// person at the same moment therefore open one visit, not two, and an outpatient visit left
    /// open yesterday does not stand in the way of today's.
    ///
    /// Every store refuses a second open visit in a slot (``StoreError/Code/openVisitExists``),
    /// judged on the state after the whole change set; a backend keeps this text in an indexed
    /// column, unique per patient.
    public var openSlot: String? {
        status == .open ? Self.openSlot(facility: facility, kind: kind, admittedAt: admittedAt) : nil
    }

    /// The slot an open visit of `kind` at `facility` admitted at `admittedAt` holds.
    public static func openSlot(facility: FacilityCode, kind: VisitKind, admittedAt: Date) -> String {
        let place = "\(facility.value)/\(kind.code)"
        guard kind.isSingleDay else { return place }
        return place + "/" + VietnamTime.components(of: admittedAt).date.compact
    }
}

extension VisitKind {
    /// True for the kinds that are one day's encounter: an outpatient visit (`01`), outpatient
    /// care settled per day (`05`) and a refill by appointment (`07`). Courses and stays span days.
    public var isSingleDay: Bool { ["01", "05", "07"].contains(code) }
}
