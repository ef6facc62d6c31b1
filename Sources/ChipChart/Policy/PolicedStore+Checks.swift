import Foundation
import Synchronization

extension PolicedStore {
    /// The record an audit event of a check names: its kind, id and patient.
    typealias Subject = (kind: AuditEvent.RecordKind, id: UUID, patient: PatientID?)?

    func subject(_ patient: Patient) -> Subject { (.patient, patient.id.uuid, patient.id) }
    func subject(_ coverage: Coverage) -> Subject { (.coverage, coverage.id.uuid, coverage.patientID) }
    func subject(_ visit: Visit) -> Subject { (.visit, visit.id.uuid, visit.patientID) }

    /// Asks the policy; notes an emergency access in `changes`; audits and throws a refusal.
    func check(
        _ action: AccessAction,
        _ resource: AccessResource,
        _ access: Access,
        _ subject: Subject,
        into changes: inout ChangeSet
    ) async throws {
        switch policy.decide(action, resource, for: access) {
        case .allow: return
        case .allowInEmergency(let reason):
            changes.note(note(.emergencyAccess, "\(access.staff.role) \(action) \(resource): \(reason)", subject))
        case .deny(let reason):
            let denied = AccessDenied(role: access.staff.role, action: action, resource: resource, reason: reason)
            var refusal = ChangeSet(access)
            refusal.note(note(.accessDenied, denied.description, subject))
            try await base.commit(refusal)
            throw denied
        }
    }

    /// Checks a read, writing its emergency access, if any, at once.
    func allowed(
        _ action: AccessAction,
        _ resource: AccessResource,
        _ access: Access,
        _ subject: Subject
    )
        async throws
    {
        var notes = ChangeSet(access)
        try await check(action, resource, access, subject, into: &notes)
        if !notes.isEmpty { try await base.commit(notes) }
    }

    /// The visit without the chart sections `access` may not read, each left out audited as a
    /// refusal; remembers the visit as stored, so writing it back keeps those sections.
    func readable(_ visit: Visit, _ access: Access) async throws -> Visit {
        memory.remember(visit)
        var shown = visit
        var notes = ChangeSet(access)
        for section in AccessResource.chartSections where visit.chart.holds(section) {
            switch policy.decide(.read, section, for: access) {
            case .allow: continue
            case .allowInEmergency(let reason):
                notes.note(note(.emergencyAccess, "\(access.staff.role) read \(section): \(reason)", subject(visit)))
            case .deny(let reason):
                shown.chart.replace(section, from: VisitChart())
                let denied = AccessDenied(role: access.staff.role, action: .read, resource: section, reason: reason)
                notes.note(note(.accessDenied, denied.description, subject(visit)))
            }
        }
        if !notes.isEmpty { try await base.commit(notes) }
        return shown
    }

    /// The visit to write, every section that changes checked for writing. Stored entries the
    /// visit lacks are kept (``VisitChart/keepEntries(of:)``): they were left out of what the
    /// writer, or whoever passed the visit on, could read.
    func checkedChart(of visit: Visit, _ access: Access, into changes: inout ChangeSet) async throws -> Visit {
        var stored = memory.chart(of: visit)
        if stored == nil, visit.version > 0 {
            stored = try await base.visit(visit.id, for: access)?.chart
        }
        var written = visit
        if let stored { written.chart.keepEntries(of: stored) }
        for section in written.chart.sections(differingFrom: stored ?? VisitChart()) {
            try await check(.write, section, access, subject(visit), into: &changes)
        }
        return written
    }

    /// The visit without the chart sections `access` may not read (not audited: the writer's own
    /// receipt).
    func hidingUnreadable(_ visit: Visit, _ access: Access) -> Visit {
        var shown = visit
        for section in hiddenSections(access) { shown.chart.replace(section, from: VisitChart()) }
        return shown
    }

    /// The chart sections the policy refuses `access` to read.
    func hiddenSections(_ access: Access) -> [AccessResource] {
        AccessResource.chartSections.filter {
            if case .deny = policy.decide(.read, $0, for: access) { true } else { false }
        }
    }

    private func note(_ action: AuditEvent.Action, _ detail: String, _ subject: Subject) -> AuditNote {
        AuditNote(
            action,
            recordKind: subject?.kind,
            recordID: subject?.id,
            patientID: subject?.patient,
            detail: String(detail.prefix(200))
        )
    }
}

/// The charts of the visits a ``PolicedStore`` last read or wrote, by id and version: what a
/// version written back is compared with, without reading the store again.
final class VisitMemory: Sendable {
    private let charts = Mutex([VisitID: (version: Int, chart: VisitChart)]())
    private let capacity = 4096

    /// Remembers a visit as stored.
    func remember(_ visit: Visit) {
        charts.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[visit.id] = (visit.version, visit.chart)
        }
    }

    /// The stored chart of the version `visit` was read at, if remembered.
    func chart(of visit: Visit) -> VisitChart? {
        charts.withLock { $0[visit.id].flatMap { $0.version == visit.version ? $0.chart : nil } }
    }
}
