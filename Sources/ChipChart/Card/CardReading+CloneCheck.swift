extension CardReading {
    /// The outcome of a chip's proof that it is the original and not a copy: active
    /// authentication with DG15's key, or chip authentication with DG14's (ICAO Doc 9303 part 11
    /// §6.1, §6.2). Passive authentication alone cannot tell: a copy carries the same signed data.
    public enum CloneCheck: String, Hashable, Sendable, Codable {
        /// The chip proved it holds the private key its signed data names.
        case passed
        /// The chip offered the protocol but failed it: a cloned chip.
        case failed
        /// The chip does not offer the protocol.
        case notOffered = "not-offered"
    }
}
