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
        signatures =
            signatures.filter { $0.content.document.section != section }
            + other.signatures.filter { $0.content.document.section == section }
    }

    /// Puts back the stored entries this chart lacks, ahead of its own new ones: the chart only
    /// grows, so an entry missing from a version written was left out of what its writer could
    /// read, not removed.
    public mutating func keepEntries(of stored: VisitChart) {
        Self.keep(&vitalSigns, stored.vitalSigns)
        Self.keep(&notes, stored.notes)
        Self.keep(&diagnoses, stored.diagnoses)
        Self.keep(&orders, stored.orders)
        Self.keep(&results, stored.results)
        Self.keep(&procedures, stored.procedures)
        Self.keep(&departments, stored.departments)
        Self.keep(&signatures, stored.signatures)
        discharge = discharge ?? stored.discharge
        cancellation = cancellation ?? stored.cancellation
    }

    private static func keep<Entry: Equatable>(_ written: inout [Entry], _ stored: [Entry]) {
        guard !written.starts(with: stored) else { return }
        written = stored + written.filter { !stored.contains($0) }
    }

    /// A chart holding only `section`'s entries, to compare one section of two charts.
    private func section(_ section: AccessResource) -> VisitChart {
        var only = VisitChart()
        only.replace(section, from: self)
        return only
    }
}
