/// Where the `Signature` element goes: as the last child of the first element of a name, or of
/// the document element.
public struct SignaturePlacement: Hashable, Sendable {
    /// The qualified name of the element that holds the signature; `nil` for the document element.
    public let elementName: String?

    /// The signature inside the first element named `elementName` (`nil`: the document element).
    public init(inside elementName: String?) { self.elementName = elementName }

    /// The claims file (`GIAMDINHHS`, Decision 4750/QĐ-BYT amending 130/QĐ-BYT): inside `CHUKYDONVI`.
    public static let claimsFile = SignaturePlacement(inside: "CHUKYDONVI")
    /// The check-in file (`loaiHoSo` 0) and any other document signed inside its own root.
    public static let documentElement = SignaturePlacement(inside: nil)
}
