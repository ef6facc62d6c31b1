/// An elementary file of the eMRTD application.
public struct LDSFile: Hashable, Sendable, CustomStringConvertible {
    /// The 2-byte file identifier.
    public let identifier: UInt16
    /// The data-group number (0 for EF.COM and EF.SOD).
    public let dataGroup: Int
    /// The tag the file's contents start with.
    public let tag: UInt8
    /// The file's name, such as `DG13`.
    public let name: String

    /// Creates a file description.
    public init(identifier: UInt16, dataGroup: Int, tag: UInt8, name: String) {
        self.identifier = identifier
        self.dataGroup = dataGroup
        self.tag = tag
        self.name = name
    }

    /// The name.
    public var description: String { name }

    /// EF.COM (`011E`, tag 60).
    public static let com = LDSFile(identifier: 0x011E, dataGroup: 0, tag: 0x60, name: "EF.COM")
    /// DG1, the MRZ (`0101`, tag 61).
    public static let dg1 = LDSFile(identifier: 0x0101, dataGroup: 1, tag: 0x61, name: "DG1")
    /// DG2, the face image (`0102`, tag 75).
    public static let dg2 = LDSFile(identifier: 0x0102, dataGroup: 2, tag: 0x75, name: "DG2")
    /// DG13, the Vietnamese personal data (`010D`, tag 6D).
    public static let dg13 = LDSFile(identifier: 0x010D, dataGroup: 13, tag: 0x6D, name: "DG13")
    /// DG14, security infos (`010E`, tag 6E).
    public static let dg14 = LDSFile(identifier: 0x010E, dataGroup: 14, tag: 0x6E, name: "DG14")
    /// DG15, the active-authentication public key (`010F`, tag 6F).
    public static let dg15 = LDSFile(identifier: 0x010F, dataGroup: 15, tag: 0x6F, name: "DG15")
    /// EF.SOD, the document security object (`011D`, tag 77).
    public static let sod = LDSFile(identifier: 0x011D, dataGroup: 0, tag: 0x77, name: "EF.SOD")
}
