public import ChipChart
import Foundation

extension PortalCoPayment {
    /// The patient's standing towards the co-payment exemption in a calendar year, from this
    /// answer and the card check's five-year date (`ngayDu5Nam`).
    ///
    /// The year's co-payment is the largest cumulative co-payment (`tBNCCTLuyKe`) of the visits
    /// discharged (else admitted) in `year`, or the sum of their co-payments (`tBNCCTMCCT`) when
    /// that is larger; a visit whose date or amounts cannot be read is left out. `204` (nothing
    /// recorded) is a standing of zero.
    ///
    /// - Returns: `nil` when the answer decides nothing (`400`, `500`, or any other result).
    public func standing(year: Int, fiveYearDate: CalendarDate?) -> CoPaymentStanding? {
        let inYear: [Entry]
        switch result.trimmingCharacters(in: .whitespaces) {
        case "200": inYear = entries.filter { (Self.year(of: $0.discharged) ?? Self.year(of: $0.admitted)) == year }
        case "204": inYear = []
        default: return nil
        }
        let latest = inYear.compactMap { Self.amount($0.cumulative) }.max() ?? .zero
        let sum = inYear.compactMap { Self.amount($0.coPayment) }.reduce(Money.zero, +)
        return try? CoPaymentStanding(fiveYearDate: fiveYearDate, year: year, cumulativeCoPayment: max(latest, sum))
    }

    /// The year of `yyyyMMdd…` or `dd/MM/yyyy…`; `nil` otherwise.
    static func year(of text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits: Substring
        if trimmed.contains("/") {
            let day = trimmed.split(separator: " ").first ?? ""
            digits = day.split(separator: "/").last ?? ""
        } else {
            digits = trimmed.prefix(4)
        }
        guard digits.count == 4, let year = Int(digits), (1900...9999).contains(year) else { return nil }
        return year
    }

    /// A non-negative amount in đồng, with or without decimals; `nil` otherwise.
    static func amount(_ text: String) -> Money? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let money = try? Money(parsing: trimmed) { return money }
        guard trimmed.filter({ $0 == "." }).count <= 1, trimmed.contains(where: \.isNumber),
            trimmed.allSatisfy({ $0 == "." || ("0"..."9").contains($0) }),
            let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return Money(rounding: decimal)
    }
}
