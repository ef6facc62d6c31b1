/// A read or write the access policy refused: names the staff member's role, the action, the
/// resource and the reason. The refusal is in the audit trail (``AuditEvent/Action/accessDenied``).
public struct AccessDenied: Error, Hashable, Sendable, CustomStringConvertible {
    /// The role of the staff member refused.
    public var role: Staff.Role
    /// What they tried to do.
    public var action: AccessAction
    /// What they tried to do it to.
    public var resource: AccessResource
    /// Why the policy refused.
    public var reason: String

    /// A refusal.
    public init(role: Staff.Role, action: AccessAction, resource: AccessResource, reason: String) {
        self.role = role
        self.action = action
        self.resource = resource
        self.reason = reason
    }

    /// `role action resource: reason`, as audited (no names, no IDs).
    public var description: String { "\(role) \(action) \(resource): \(reason)" }
}
