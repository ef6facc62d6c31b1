import Foundation

/// A result code (`maKetQua`) of the insurer's verification portal.
///
/// Every code of docs/VIETNAM-RULES.md §3 is a static constant; an unknown code is kept as it came, so a new
/// code from the insurer never breaks decoding.
///
/// ```swift
/// let code = PortalResultCode("003")
/// print(code == .replacedOldExpired)   // true
/// print(code.meaning)                  // "old card expired; a new card has been issued"
/// ```
public struct PortalResultCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code as the portal sent it, such as `000`.
    public let rawValue: String

    /// A code as received.
    public init(_ rawValue: String) { self.rawValue = rawValue.trimmingASCIIWhitespace() }

    /// 000: card valid, details correct.
    public static let valid = PortalResultCode("000")
    /// 001: card managed by the Defence insurance office; check papers.
    public static let managedByDefence = PortalResultCode("001")
    /// 002: card managed by the Public Security insurance office; check papers.
    public static let managedByPublicSecurity = PortalResultCode("002")
    /// 003: old card expired; a new card has been issued.
    public static let replacedOldExpired = PortalResultCode("003")
    /// 004: old card still valid; a new card has been issued.
    public static let replacedOldStillValid = PortalResultCode("004")
    /// 010: card expired.
    public static let expired = PortalResultCode("010")
    /// 050: no card found.
    public static let noCard = PortalResultCode("050")
    /// 051: card code wrong.
    public static let wrongCardCode = PortalResultCode("051")
    /// 052: province digits wrong.
    public static let wrongProvince = PortalResultCode("052")
    /// 053: benefit digit wrong.
    public static let wrongBenefitLevel = PortalResultCode("053")
    /// 054: staff ID not registered.
    public static let staffNotRegistered = PortalResultCode("054")
    /// 055: staff name does not match staff ID.
    public static let staffNameMismatch = PortalResultCode("055")
    /// 060: wrong full name.
    public static let wrongName = PortalResultCode("060")
    /// 061: wrong full name (first letter right).
    public static let wrongNameFirstLetterRight = PortalResultCode("061")
    /// 070: wrong date of birth.
    public static let wrongDateOfBirth = PortalResultCode("070")
    /// 100: registry data error.
    public static let registryError = PortalResultCode("100")
    /// 101: server error.
    public static let serverError = PortalResultCode("101")
    /// 110: card revoked.
    public static let revoked = PortalResultCode("110")
    /// 120: coverage ended: moved to another province.
    public static let endedMovedProvince = PortalResultCode("120")
    /// 121: coverage ended: moved within the province.
    public static let endedMovedWithinProvince = PortalResultCode("121")
    /// 122: coverage ended: re-enrolled elsewhere.
    public static let endedReenrolled = PortalResultCode("122")
    /// 123: coverage ended (reported).
    public static let endedReported = PortalResultCode("123")
    /// 124: coverage stopped.
    public static let endedStopped = PortalResultCode("124")
    /// 130: child under 6 without a card presented.
    public static let childWithoutCard = PortalResultCode("130")
    /// 205: parameter format error.
    public static let parameterFormatError = PortalResultCode("205")
    /// 401: authentication error.
    public static let authenticationError = PortalResultCode("401")

    /// Every code docs/VIETNAM-RULES.md §3 lists, with its meaning.
    public static let known: [PortalResultCode: String] = [
        .valid: "card valid, details correct",
        .managedByDefence: "card managed by the Defence insurance office: check papers",
        .managedByPublicSecurity: "card managed by the Public Security insurance office: check papers",
        .replacedOldExpired: "old card expired; a new card has been issued",
        .replacedOldStillValid: "old card still valid; a new card has been issued",
        .expired: "card expired",
        .noCard: "no card found",
        .wrongCardCode: "card code wrong",
        .wrongProvince: "province digits wrong",
        .wrongBenefitLevel: "benefit digit wrong",
        .staffNotRegistered: "staff ID not registered",
        .staffNameMismatch: "staff name does not match staff ID",
        .wrongName: "wrong full name",
        .wrongNameFirstLetterRight: "wrong full name (first letter right)",
        .wrongDateOfBirth: "wrong date of birth",
        .registryError: "registry data error",
        .serverError: "server error",
        .revoked: "card revoked",
        .endedMovedProvince: "coverage ended: moved to another province",
        .endedMovedWithinProvince: "coverage ended: moved within the province",
        .endedReenrolled: "coverage ended: re-enrolled",
        .endedReported: "coverage reported ended",
        .endedStopped: "coverage stopped",
        .childWithoutCard: "child under 6 without a card presented",
        .parameterFormatError: "parameter format error",
        .authenticationError: "authentication error",
    ]

    /// True for a code listed in docs/VIETNAM-RULES.md §3.
    public var isKnown: Bool { Self.known[self] != nil }

    /// What the code means, or `unknown result code` for one not in the table.
    public var meaning: String { Self.known[self] ?? "unknown result code" }

    /// The code and its meaning.
    public var description: String { "\(rawValue) (\(meaning))" }

    /// Encodes the raw code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes any code, known or not.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }
}
