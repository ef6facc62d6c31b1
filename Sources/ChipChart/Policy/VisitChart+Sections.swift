extension VisitChart {
    /// True when the chart holds an entry of `section` (one of ``AccessResource/chartSections``;
    /// false for any other resource).
    public func holds(_ section: AccessResource) -> Bool {
        !self.section(section).isEmpty
    }

    /// The sections whose entries differ from `other`'s: what a new version writes.
    public func sections(differingFrom other: VisitChart) -> [AccessResource] {
        AccessResource.chartSections.filter { section($0) != other.section($0) }
    }

    /// Takes `section`'s entries from `other` (`VisitChart()` to empty it).
    public mutating func replace(_ section: AccessResource, from other: VisitChart) {
        switch section {
        case .vitalSigns: vitalSigns = other.vitalSigns
        case .clinicalNotes:
            notes = other.notes
            diagnoses = other.diagnoses
            procedures = other.procedures
        case .orders: orders = other.orders
        case .results: results = other.results
        case .movements: departments = other.departments
        case .discharge:
            discharge = other.discharge
            cancellation = other.cancellation
        case .patient, .coverage, .visit, .claims: break
        }
    }

    /// A chart holding only `section`'s entries, to compare one section of two charts.
    private func section(_ section: AccessResource) -> VisitChart {
        var only = VisitChart()
        only.replace(section, from: self)
        return only
    }
}
