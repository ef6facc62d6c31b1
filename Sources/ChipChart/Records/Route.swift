import Foundation

/// How the patient came (`MA_DOITUONG_KCB`): in network or referred (1.x), emergency (2),
/// out of network (3.x).
///
/// The sub-codes (`1.1`, `3.2` …) are kept as given; the first digit decides the category.
public struct Route: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The code as the claims write it, such as `1.1`.
    public let code: String

    /// A route by its code: `1`, `2` or `3`, optionally followed by `.` and digits.
    ///
    /// - Throws: ``ValidationError`` (`invalidFormat`).
    public init(code: String, field: String = "route") throws(ValidationError) {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, ["1", "2", "3"].contains(first), parts.count <= 2,
            parts.count == 1 || (parts[1].isASCIIDigits && parts[1].count <= 2)
        else {
            throw ValidationError.invalidFormat(field, "a route is 1.x, 2 or 3.x")
        }
        self.code = code
    }

    private init(trusted code: String) { self.code = code }

    /// 1.1: at the registered primary-care facility.
    public static let registeredFacility = Route(trusted: "1.1")
    /// 2: emergency.
    public static let emergency = Route(trusted: "2")
    /// 3: out of network (self-referred).
    public static let outOfNetwork = Route(trusted: "3")

    /// The category: 1 in network or referred, 2 emergency, 3 out of network.
    public var category: Int { Int(code.prefix(1)) ?? 0 }

    /// The code.
    public var description: String { code }

    /// The text stored: ``code``.
    public var storedText: String { code }

    /// Checks a stored code as ``init(code:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(code: storedText) }
}
