public import Foundation

extension AuditEvent.Draft {
    /// The event an export leaves: `export`, by the staff member of `access`, for its purpose,
    /// with a short detail (what was exported). Every ``ArchivableStore`` records its exports
    /// with it.
    public static func export(at date: Date, by access: Access, detail: String?) -> AuditEvent.Draft {
        AuditEvent.Draft(at: date, staff: access.staff, action: .export, purpose: access.purpose, detail: detail)
    }
}
