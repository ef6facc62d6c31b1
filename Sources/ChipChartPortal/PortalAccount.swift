import Crypto
import Foundation

/// The facility's account at the insurer's portal (`<MA_CSKCB>_BV`) and its password, as the
/// portal wants it: the uppercase hexadecimal MD5 of the password.
///
/// The plain password is hashed when the account is created and not kept. The account's
/// description, debug description and mirror never show the hash, so an account that ends up in
/// a log line or a crash report gives nothing away.
///
/// ```swift
/// let account = PortalAccount(username: "01001_BV", password: "secret")
/// print(account)   // 01001_BV (password withheld)
/// ```
public struct PortalAccount: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The account name, `<MA_CSKCB>_BV`.
    public var username: String
    /// The uppercase hexadecimal MD5 of the password, as sent to `api/token/take`.
    public let passwordHash: String

    /// An account from its plain password (hashed at once).
    public init(username: String, password: String) {
        self.username = username
        self.passwordHash = Self.hash(password: password)
    }

    /// An account from a stored hash (any case; kept uppercase).
    public init(username: String, passwordHash: String) {
        self.username = username
        self.passwordHash = passwordHash.uppercased()
    }

    /// The uppercase hexadecimal MD5 of `password`'s UTF-8 bytes.
    public static func hash(password: String) -> String {
        Insecure.MD5.hash(data: Data(password.utf8)).map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The account name only.
    public var description: String { "\(username) (password withheld)" }

    /// The account name only.
    public var debugDescription: String { description }

    /// The account name only.
    public var customMirror: Mirror { Mirror(self, children: ["username": username]) }
}
