/// Splits a migration file into the statements PostgreSQL's extended protocol runs one at a time.
///
/// Statements end at a `;` outside quotes (`'…'`, `"…"`, dollar quotes `$tag$…$tag$`) and
/// outside comments (`-- …`, `/* … */`). Comments and blank statements are dropped.
enum SQLScript {
    /// The statements of `script`, trimmed, without their final `;`.
    static func statements(in script: String) -> [String] {
        let scalars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        func append(_ range: Range<Int>) { current.append(contentsOf: scalars[range]) }
        func finish() {
            let text = String(current).trimmingWhitespace()
            if !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "-" where next == "-":
                index = end(of: scalars, from: index, closing: ["\n"], keepClosing: true)
            case "/" where next == "*":
                index = end(of: scalars, from: index + 2, closing: ["*", "/"], keepClosing: false)
            case "'", "\"":
                let stop = end(of: scalars, from: index + 1, closing: [scalar], keepClosing: false)
                append(index..<stop)
                index = stop
            case "$":
                if let tag = dollarTag(in: scalars, at: index) {
                    let stop = end(of: scalars, from: index + tag.count, closing: tag, keepClosing: false)
                    append(index..<stop)
                    index = stop
                } else {
                    current.append(scalar)
                    index += 1
                }
            case ";":
                finish()
                index += 1
            default:
                current.append(scalar)
                index += 1
            }
        }
        finish()
        return statements
    }

    /// The index just past `closing` (or at it, when kept), searching from `start`; the end of
    /// the text when it never closes.
    private static func end(
        of scalars: [Unicode.Scalar],
        from start: Int,
        closing: [Unicode.Scalar],
        keepClosing: Bool
    ) -> Int {
        var index = start
        while index + closing.count <= scalars.count {
            if Array(scalars[index..<(index + closing.count)]) == closing {
                return keepClosing ? index : index + closing.count
            }
            index += 1
        }
        return scalars.count
    }

    /// The dollar-quote tag starting at `index` (`$$`, `$body$`), if one does.
    private static func dollarTag(in scalars: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var stop = index + 1
        while stop < scalars.count, scalars[stop] == "_" || scalars[stop].properties.isAlphabetic {
            stop += 1
        }
        guard stop < scalars.count, scalars[stop] == "$" else { return nil }
        return Array(scalars[index...stop])
    }
}

extension String {
    /// The text without whitespace or newlines at either end.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
