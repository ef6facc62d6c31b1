public import Foundation

/// An order of a service, a drug or a supply by its catalogue code, as the chart keeps it.
///
/// ``Charting/order(_:quantity:on:by:at:)`` prices it from the catalogue in force on the order's
/// day and adds the billed ``LineItem`` to the visit, so the order becomes a line of the claim
/// (XML2 for a drug, XML3 for a service or supply).
public struct ChartOrder: Hashable, Sendable, Codable {
    /// What is ordered.
    public var kind: LineItem.Kind
    /// The catalogue code (`MA_DICH_VU`, `MA_THUOC`, `MA_VAT_TU`).
    public var code: String
    /// The catalogue name.
    public var name: String
    /// The catalogue unit (`DON_VI_TINH`), such as `Viên` or `Lần`.
    public var unit: String
    /// The quantity.
    public var quantity: Decimal

    /// An order as the catalogue describes the item.
    public init(_ item: CatalogueItem, quantity: Decimal) {
        self.kind = item.kind
        self.code = item.code
        self.name = item.name
        self.unit = item.unit
        self.quantity = quantity
    }
}
