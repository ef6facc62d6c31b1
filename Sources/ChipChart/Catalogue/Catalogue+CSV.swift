extension Catalogue {
    /// The columns of a catalogue file, in order (`Schemas/catalogues/README.md`).
    public static let csvColumns = [
        "kind", "code", "name", "unit", "price", "insurance_price", "in_scope", "coverage_rate", "effective_from",
        "effective_until",
    ]

    /// Reads a catalogue file: a header line naming ``csvColumns`` in order, then one item's
    /// terms per line. Fields may be quoted (`"…"`, a quote doubled inside); lines starting with
    /// `#` and empty lines are skipped.
    ///
    /// - Throws: ``CatalogueError`` (`invalidRow`) naming the line (from 1, the header) and the
    ///   column of the first bad value, or two periods of one code that overlap.
    public init(csv text: String) throws(CatalogueError) {
        var items: [CatalogueItem] = []
        var sawHeader = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            let number = offset + 1
            if line.trimmingASCIIWhitespace().isEmpty || line.hasPrefix("#") { continue }
            let fields = try CatalogueRow.fields(of: line, line: number)
            guard sawHeader else {
                guard fields == Self.csvColumns else {
                    throw CatalogueError(
                        .invalidRow,
                        line: number,
                        message: "the header is \(Self.csvColumns.joined(separator: ","))"
                    )
                }
                sawHeader = true
                continue
            }
            items.append(try CatalogueRow(fields, line: number).item())
        }
        guard sawHeader else {
            throw CatalogueError(.invalidRow, line: 1, message: "the file has no header line")
        }
        try self.init(items)
    }
}

/// One line of a catalogue file, checked column by column.
struct CatalogueRow {
    let fields: [String]
    let line: Int

    init(_ fields: [String], line: Int) throws(CatalogueError) {
        guard fields.count == Catalogue.csvColumns.count else {
            throw CatalogueError(
                .invalidRow,
                line: line,
                message: "a line has \(Catalogue.csvColumns.count) fields, this one \(fields.count)"
            )
        }
        self.fields = fields
        self.line = line
    }

    func failure(_ column: String, _ message: String) -> CatalogueError {
        CatalogueError(.invalidRow, itemCode: fields[1].nonEmpty, line: line, column: column, message: message)
    }

    func text(_ column: String, maximum: Int) throws(CatalogueError) -> String {
        let value = fields[Catalogue.csvColumns.firstIndex(of: column) ?? 0]
        guard !value.isEmpty, value.count <= maximum else {
            throw failure(column, value.isEmpty ? "\(column) is empty" : "\(column) has at most \(maximum) characters")
        }
        return value
    }

    func money(_ column: String) throws(CatalogueError) -> Money {
        let value = try text(column, maximum: 20)
        do {
            return try Money(parsing: value, field: column)
        } catch {
            throw failure(column, "\(column) is an amount like 12500.50")
        }
    }

    func date(_ column: String, optional: Bool = false) throws(CatalogueError) -> CalendarDate? {
        let value = fields[Catalogue.csvColumns.firstIndex(of: column) ?? 0]
        if optional, value.isEmpty { return nil }
        let digits = Array(value)
        guard digits.count == 8, value.isASCIIDigits,
            let date = try? CalendarDate(
                year: Int(String(digits[0..<4])) ?? 0,
                month: Int(String(digits[4..<6])) ?? 0,
                day: Int(String(digits[6..<8])) ?? 0
            )
        else { throw failure(column, "\(column) is a date yyyyMMdd") }
        return date
    }

    func item() throws(CatalogueError) -> CatalogueItem {
        guard let kind = LineItem.Kind(rawValue: fields[0]) else {
            throw failure("kind", "kind is service, drug or supply")
        }
        let price = try money("price")
        let insurancePrice = try money("insurance_price")
        guard insurancePrice <= price else {
            throw failure("insurance_price", "the insurance price is at most the price")
        }
        guard fields[6] == "1" || fields[6] == "0" else { throw failure("in_scope", "in_scope is 1 or 0") }
        guard let rate = Int(fields[7]), (0...100).contains(rate), fields[7].isASCIIDigits else {
            throw failure("coverage_rate", "coverage_rate is a whole percentage 0–100")
        }
        guard let from = try date("effective_from") else { throw failure("effective_from", "effective_from is empty") }
        let until = try date("effective_until", optional: true)
        if let until, until < from { throw failure("effective_until", "the period ends before it starts") }
        return CatalogueItem(
            kind: kind,
            code: try text("code", maximum: 255),
            name: try text("name", maximum: 1024),
            unit: try text("unit", maximum: 50),
            price: price,
            insurancePrice: insurancePrice,
            inScope: fields[6] == "1",
            coverageRatePercent: rate,
            effectiveFrom: from,
            effectiveUntil: until
        )
    }

    /// Splits one line into fields, unquoting `"…"` fields.
    static func fields(of line: String, line number: Int) throws(CatalogueError) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = line.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        current.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"", current.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingASCIIWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else {
            throw CatalogueError(.invalidRow, line: number, message: "a quoted field is not closed")
        }
        fields.append(current.trimmingASCIIWhitespace())
        return fields
    }
}
