public import Foundation

/// A login at the portal (`api/token/take`): the tokens every other call carries, and when they
/// expire. Its description never shows the tokens.
public struct PortalToken: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// `access_token`, sent as `token` (or the `accessToken` header).
    public var accessToken: String
    /// `id_token`, sent as `id_token` (or the `tokenId` header).
    public var idToken: String
    /// The account the portal issued it to.
    public var username: String
    /// When it stops being accepted.
    public var expiresAt: Date

    /// Creates a token.
    public init(accessToken: String, idToken: String, username: String, expiresAt: Date) {
        self.accessToken = accessToken
        self.idToken = idToken
        self.username = username
        self.expiresAt = expiresAt
    }

    /// Whether the token can still be used at `now`, renewing `margin` before its expiry.
    public func isUsable(at now: Date, margin: Duration) -> Bool {
        now.addingTimeInterval(margin.timeInterval) < expiresAt
    }

    /// The account and expiry only.
    public var description: String { "token for \(username) until \(expiresAt)" }

    /// The account and expiry only.
    public var debugDescription: String { description }

    /// The account and expiry only.
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "expiresAt": expiresAt]) }

    /// Reads `expires_in` leniently: an ISO 8601 date-time (UTC when it has no offset), or a
    /// number — seconds from `now` when small, seconds or milliseconds since 1970 when large.
    /// Returns `nil` when the value says nothing usable.
    public static func expiry(_ text: String, now: Date) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(value), number > 0 {
            if number < 1_000_000_000 { return now.addingTimeInterval(number) }
            return Date(timeIntervalSince1970: number < 100_000_000_000 ? number : number / 1000)
        }
        for format in [
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
        ] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in whole nanoseconds (for SwiftNIO's `TimeAmount`).
    package var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
