extension CardReading {
    /// The kind of identity document a reading came from, by the layout of its machine-readable
    /// zone (ICAO Doc 9303 part 4 for passports, part 5 for identity cards).
    public enum DocumentType: String, Hashable, Sendable, Codable, CaseIterable {
        /// An identity card (TD1, 3 lines of 30 characters): the Vietnamese chip ID card, or a
        /// foreign identity card.
        case idCard = "id-card"
        /// A passport (TD3, 2 lines of 44 characters).
        case passport
    }
}
