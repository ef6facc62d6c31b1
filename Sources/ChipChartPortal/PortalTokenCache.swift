public import Foundation

/// The tokens of the facility accounts, one per account: reused until shortly before expiry,
/// renewed once by whoever needs it first while the others wait for the same login.
///
/// Several ``HTTPInsurancePortal`` values of one account may share a cache, so a desk's many
/// lookups log in once.
public actor PortalTokenCache {
    private var tokens: [String: PortalToken] = [:]
    private var logins: [String: Task<PortalToken, any Error>] = [:]

    /// An empty cache.
    public init() {}

    /// The account's token if it is usable at `now`, else a new one from `login`.
    public func token(
        for account: String,
        now: Date,
        margin: Duration,
        login: @escaping @Sendable () async throws -> PortalToken
    ) async throws -> PortalToken {
        if let token = tokens[account], token.isUsable(at: now, margin: margin) { return token }
        return try await logIn(account, login)
    }

    /// A new token in place of `stale` (which the portal refused); a token that another caller
    /// already got in its place is returned as it is.
    public func renew(
        for account: String,
        replacing stale: PortalToken,
        login: @escaping @Sendable () async throws -> PortalToken
    ) async throws -> PortalToken {
        if let token = tokens[account], token != stale { return token }
        tokens[account] = nil
        return try await logIn(account, login)
    }

    /// Forgets the account's token.
    public func forget(_ account: String) { tokens[account] = nil }

    private func logIn(
        _ account: String,
        _ login: @escaping @Sendable () async throws -> PortalToken
    ) async throws
        -> PortalToken
    {
        if let running = logins[account] { return try await running.value }
        let task = Task { try await login() }
        logins[account] = task
        defer { logins[account] = nil }
        let token = try await task.value
        tokens[account] = token
        return token
    }
}
