/// A facility's catalogue of services, drugs and supplies, effective-dated: the prices and
/// coverage rates of an order come from here, never from the caller.
///
/// Load it from CSV (``init(csv:)``; the format is in `Schemas/catalogues/README.md`) or build it
/// from items. An item code may have several periods of terms; the one in force on the order's
/// day (Vietnam time) prices the order.
public struct Catalogue: Hashable, Sendable {
    /// Every item's terms, by code, oldest first.
    private let itemsByCode: [String: [CatalogueItem]]

    /// A catalogue of items.
    ///
    /// - Throws: ``CatalogueError`` (`invalidRow`) when two periods of one code overlap.
    public init(_ items: [CatalogueItem]) throws(CatalogueError) {
        var byCode: [String: [CatalogueItem]] = [:]
        for item in items { byCode[item.code, default: []].append(item) }
        for (code, periods) in byCode {
            let sorted = periods.sorted { $0.effectiveFrom < $1.effectiveFrom }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                guard let end = earlier.effectiveUntil, end < later.effectiveFrom else {
                    throw CatalogueError(
                        .invalidRow,
                        itemCode: code,
                        column: "effective_from",
                        message: "two periods of \(code) overlap"
                    )
                }
            }
            byCode[code] = sorted
        }
        self.itemsByCode = byCode
    }

    /// Every item's terms, by code then period.
    public var items: [CatalogueItem] {
        itemsByCode.keys.sorted().flatMap { itemsByCode[$0] ?? [] }
    }

    /// The terms of a code in force on a day.
    ///
    /// - Throws: ``CatalogueError`` `unknownCode` (no such code, or not of `kind`) or
    ///   `notInForce` (no terms on that day).
    public func item(
        _ code: String,
        kind: LineItem.Kind? = nil,
        on day: CalendarDate
    ) throws(CatalogueError) -> CatalogueItem {
        let code = code.trimmingASCIIWhitespace()
        guard let periods = itemsByCode[code], kind.map({ kind in periods.contains { $0.kind == kind } }) ?? true else {
            throw CatalogueError(.unknownCode, itemCode: code, message: "the catalogue has no item \(code)")
        }
        guard let item = periods.last(where: { $0.isInForce(on: day) }) else {
            throw CatalogueError(.notInForce, itemCode: code, message: "\(code) has no price in force on \(day)")
        }
        return item
    }
}
