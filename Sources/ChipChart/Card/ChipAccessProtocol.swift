/// The access control a chip reading went through (ICAO 9303-11 §4): basic access control with
/// the MRZ, or PACE with the MRZ or the card access number as password.
public enum ChipAccessProtocol: String, Hashable, Sendable, Codable, CaseIterable {
    /// Basic access control, keys from the MRZ.
    case bac
    /// PACE with the MRZ as password.
    case paceMRZ = "pace-mrz"
    /// PACE with the card access number as password.
    case paceCAN = "pace-can"
}
