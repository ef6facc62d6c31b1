import Foundation

/// One physical ID card a patient has shown: the same number can be on several cards over a life.
///
/// Cards are renewed at 25, 40 and 60 and when lost or damaged: a new card, a new issue date, the
/// same personal ID. Each card is a record; none is overwritten.
public struct IDCardRecord: Hashable, Sendable, Codable {
    /// The number on the card.
    public var personalID: PersonalID
    /// The issue date, when the reading carried it.
    public var issueDate: CalendarDate?
    /// The expiry date; `nil` when unknown or when the card never expires (see `hasNoExpiry`).
    public var expiryDate: CalendarDate?
    /// True when the card says "Không thời hạn" (no expiry).
    public var hasNoExpiry: Bool
    /// Which part of the card was read first for this record.
    public var source: CardReading.Source

    /// Creates a card record.
    public init(
        personalID: PersonalID,
        issueDate: CalendarDate?,
        expiryDate: CalendarDate? = nil,
        hasNoExpiry: Bool = false,
        source: CardReading.Source
    ) {
        self.personalID = personalID
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.hasNoExpiry = hasNoExpiry
        self.source = source
    }

    /// The card record a reading of the Vietnamese ID card describes; `nil` for a passport or a
    /// foreign identity card, or a reading without a personal ID.
    public init?(_ reading: CardReading) {
        guard let personalID = reading.personalID, reading.isVietnameseIDCard else { return nil }
        self.init(
            personalID: personalID,
            issueDate: reading.issueDate,
            expiryDate: reading.expiryDate,
            hasNoExpiry: reading.hasNoExpiry,
            source: reading.source
        )
    }

    /// True when both describe the same physical card (same number and issue date).
    public func isSameCard(as other: IDCardRecord) -> Bool {
        personalID == other.personalID && issueDate == other.issueDate
    }
}
