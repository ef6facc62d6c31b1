/// Finds the Swift code blocks of a Markdown file and the markers before them.
///
/// A marker is an HTML comment on its own line, directly before the opening fence (several may
/// follow one another):
///
///     <!-- snippet: context=Clinic -->
///     <!-- snippet: mode=compile-only if=PostgreSQL because=needs-a-PostgreSQL-server -->
///
/// Keys: `context` (a type conforming to `DocumentationContext`; default `NoContext`), `mode`
/// (`run`, the default; `compile-only`; `declarations`; `skip`), `if` (a compilation condition),
/// `because` (required with `compile-only` and `skip`), and `newcomer` (the file of the
/// newcomer check the block is pasted into; ignored here). Only blocks fenced as ```` ```swift ````
/// are taken; other blocks (shell commands, diagrams) are not Swift.
enum DocumentationBlockExtractor {
    /// The Swift blocks of `text`, the Markdown file `file`.
    static func blocks(in text: String, file: String) throws(DocumentationMarkerError) -> [DocumentationBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [DocumentationBlock] = []
        var markers: [(line: Int, text: String)] = []
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingLeadingSpaces()
            if trimmed.hasPrefix("<!-- snippet:") {
                markers.append((index + 1, trimmed))
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") {
                let indent = lines[index].count - trimmed.count
                let isSwift = String(trimmed.dropFirst(3)).trimmingLeadingSpaces() == "swift"
                var end = index + 1
                while end < lines.count, !lines[end].trimmingLeadingSpaces().hasPrefix("```") { end += 1 }
                if isSwift {
                    var block = DocumentationBlock(
                        file: file,
                        ordinal: blocks.count + 1,
                        line: index + 1,
                        body: [],
                        imports: []
                    )
                    for marker in markers { try apply(marker.text, line: marker.line, to: &block) }
                    for line in lines[(index + 1)..<min(end, lines.count)] {
                        let code = String(line.dropFirst(min(indent, line.count - line.trimmingLeadingSpaces().count)))
                        if code.hasPrefix("import ") {
                            block.imports.append(String(code.dropFirst("import ".count)))
                        } else {
                            block.body.append(code)
                        }
                    }
                    while block.body.first?.isEmpty == true { block.body.removeFirst() }
                    while block.body.last?.isEmpty == true { block.body.removeLast() }
                    blocks.append(block)
                } else if let marker = markers.first {
                    throw DocumentationMarkerError(
                        file: file,
                        line: marker.line,
                        reason: "a marker before a block that is not Swift"
                    )
                }
                markers = []
                index = end + 1
                continue
            }
            if let marker = markers.first, !trimmed.isEmpty {
                throw DocumentationMarkerError(
                    file: file,
                    line: marker.line,
                    reason: "a marker that is not followed by a code block"
                )
            }
            index += 1
        }
        if let marker = markers.first {
            throw DocumentationMarkerError(
                file: file,
                line: marker.line,
                reason: "a marker that is not followed by a code block"
            )
        }
        return blocks
    }

    /// The doc comments of Swift source `text` as Markdown, line for line: each `///` line
    /// without its indentation, `///` and one space; every other line empty, so a block's line is
    /// its line in the source and two comments never run into one another.
    static func docComments(of text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("///") else { return "" }
            let comment = trimmed.dropFirst(3)
            return String(comment.hasPrefix(" ") ? comment.dropFirst() : comment)
        }.joined(separator: "\n")
    }

    /// Reads one marker's `key=value` words into `block`.
    private static func apply(
        _ marker: String,
        line: Int,
        to block: inout DocumentationBlock
    ) throws(DocumentationMarkerError) {
        func failure(_ reason: String) -> DocumentationMarkerError {
            DocumentationMarkerError(file: block.file, line: line, reason: reason)
        }
        guard marker.hasSuffix("-->") else { throw failure("a marker must end on its line with -->") }
        let words = marker.dropFirst("<!-- snippet:".count).dropLast("-->".count).split(separator: " ")
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw failure("`\(word)` is not key=value") }
            switch parts[0] {
            case "context":
                guard parts[1].allSatisfy({ $0.isLetter || $0.isNumber }) else {
                    throw failure("a context is a type name")
                }
                block.context = parts[1]
            case "mode":
                guard let mode = DocumentationBlock.Mode(rawValue: parts[1]) else {
                    throw failure("unknown mode `\(parts[1])`")
                }
                block.mode = mode
            case "if": block.condition = parts[1]
            case "because": block.reason = parts[1].replacingDashes()
            case "newcomer": break
            default: throw failure("unknown key `\(parts[0])`")
            }
        }
        if block.mode == .compileOnly || block.mode == .skip, block.reason == nil {
            throw failure("mode \(block.mode.rawValue) needs because=why")
        }
    }
}

extension String {
    /// The text without its leading spaces and tabs.
    fileprivate func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }

    /// The text with its dashes read as spaces (a marker's value is one word).
    fileprivate func replacingDashes() -> String {
        String(map { $0 == "-" ? " " : $0 })
    }
}
