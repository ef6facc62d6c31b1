/// Fills one row of a table by field name, every field empty until set, without hashing: names
/// mostly come in the table's order, so each is looked for from the one after the last set.
struct ClaimRowBuilder {
    let table: ClaimTable
    private var texts: [String]
    private var next = 0

    /// An empty row of a table, then the given texts set in order (a later one wins); names the
    /// table does not have are ignored.
    init(_ table: ClaimTable, _ known: KeyValuePairs<String, String> = [:]) {
        self.table = table
        self.texts = Array(repeating: "", count: table.fields.count)
        for (name, text) in known { self[name] = text }
    }

    /// A field's text; setting a name the table does not have does nothing.
    subscript(name: String) -> String {
        get { position(of: name).map { texts[$0] } ?? "" }
        set {
            guard let position = position(of: name) else { return }
            texts[position] = newValue
            next = position + 1
        }
    }

    /// The row, in the table's order.
    var row: ClaimRow {
        ClaimRow(values: zip(table.fields, texts).map { ClaimRow.Value(name: $0.name, text: $1) })
    }

    private func position(of name: String) -> Int? {
        let fields = table.fields
        for offset in 0..<fields.count {
            let index = (next + offset) % fields.count
            if fields[index].name == name { return index }
        }
        return nil
    }
}
