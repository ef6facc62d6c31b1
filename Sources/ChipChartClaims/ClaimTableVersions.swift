public import ChipChart

/// The versions of one claims table, each with the day it applies from: a later decision that
/// changes a table adds a version, and a visit's claim uses the version in force on the day it
/// ends.
///
/// ```swift
/// let day = try CalendarDate(year: 2025, month: 3, day: 1)
/// print(ClaimTableVersions.referral.table(on: day).schemaName)   // "xml13-3176"
/// ```
public struct ClaimTableVersions: Sendable, Hashable {
    /// A later version: the first day it applies (`yyyyMMdd`) and its table.
    public struct Version: Sendable, Hashable {
        /// The first day the version applies, `yyyyMMdd`.
        public var appliesFrom: String
        /// The table.
        public var table: ClaimTable

        /// A version applying from a day (`yyyyMMdd`).
        public init(appliesFrom: String, table: ClaimTable) {
            self.appliesFrom = appliesFrom
            self.table = table
        }
    }

    /// The version that applies from the start.
    public let first: ClaimTable
    /// The later versions, oldest first.
    public let later: [Version]

    /// A table's first version and the later ones, oldest first.
    public init(_ first: ClaimTable, later: [Version] = []) {
        self.first = first
        self.later = later
    }

    /// The version in force on a day: the last that applies from it or before, else the first.
    public func table(on day: CalendarDate) -> ClaimTable {
        let compact = day.compact
        return later.last { $0.appliesFrom <= compact }?.table ?? first
    }

    /// XML13: Decision 4750's form, then Decision 3176's from 1 January 2025.
    public static let referral = ClaimTableVersions(
        .referral,
        later: [Version(appliesFrom: "20250101", table: .referral3176)]
    )
}
