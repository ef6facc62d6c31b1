import Foundation

/// One line of the portal's log of lookups of a card (`dsLichSuKT2018`): who looked the card up,
/// when, and what the portal told them.
public struct PortalLookupLogEntry: Hashable, Sendable {
    /// The account or staff member that looked the card up (`userKT`).
    public var user: String
    /// When, as the portal wrote it (`thoiGianKT`, `yyyyMMddHHmm`, Vietnam time).
    public var time: String
    /// The portal's message to them (`thongBao`).
    public var message: String
    /// The result code they got (`maLoi`).
    public var errorCode: String

    /// Creates an entry.
    public init(user: String, time: String, message: String, errorCode: String) {
        self.user = user
        self.time = time
        self.message = message
        self.errorCode = errorCode
    }
}
