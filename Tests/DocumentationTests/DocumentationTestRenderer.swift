/// Writes the Swift test file that compiles and runs the documentation's code blocks.
///
/// A `run` block becomes a method of its context (so the names the text takes as given are the
/// context's properties) and a `@Test` that makes the context and calls it; a `compile-only`
/// block becomes the method alone; a `declarations` block becomes a suite nested in its context.
/// Every name a block declares at its top level is used once after it (`_ = name`), so a block
/// that ends on a value it only shows compiles without a warning.
enum DocumentationTestRenderer {
    /// Modules every generated file imports, whether or not a block names them.
    static let baseImports = [
        "ChipCard", "ChipChart", "ChipChartArchive", "ChipChartClaims", "ChipChartFHIR", "ChipChartPortal",
        "ChipChartSignatures", "ChipChartSQLite",
        "ChipChartTesting", "Foundation", "Logging", "Testing",
    ]

    /// Modules imported when the test target depends on them: the simulated chip's module, where
    /// the blocks that read a simulated card find it once it leaves `ChipCard`.
    static let optionalImports = ["ChipCardTesting"]

    /// The generated file for `blocks`, in their order.
    static func render(_ blocks: [DocumentationBlock]) -> String {
        var imports = Set(baseImports)
        var conditionalImports: [String: Set<String>] = [:]
        for block in blocks where block.mode != .skip {
            if let condition = block.condition {
                conditionalImports[condition, default: []].formUnion(block.imports)
            } else {
                imports.formUnion(block.imports)
            }
        }
        var out = [
            "// swift-format-ignore-file",
            "// Generated from the Swift code blocks of README.md, Examples/README.md, the DocC catalogues and",
            "// the doc comments of the modules DocumentationBlockTests.documentedModules names, by",
            "// Tests/DocumentationTests/generate.sh: do not edit. DocumentationBlockTests checks that it is",
            "// current.",
            "",
        ]
        out += imports.sorted().map { "import \($0)" }
        for module in optionalImports where !imports.contains(module) {
            out += ["#if canImport(\(module))", "import \(module)", "#endif"]
        }
        for (condition, modules) in conditionalImports.sorted(by: { $0.key < $1.key }) {
            let extra = modules.subtracting(imports).sorted()
            guard !extra.isEmpty else { continue }
            out += ["#if \(condition)"] + extra.map { "import \($0)" } + ["#endif"]
        }
        var tests: [String] = []
        for block in blocks {
            let name = functionName(block)
            let title = "\(block.file), Swift block \(block.ordinal)"
            out.append("")
            if let condition = block.condition { out.append("#if \(condition)") }
            switch block.mode {
            case .skip:
                out.append("// \(title): not compiled (\(block.reason ?? "")).")
            case .declarations:
                out.append("extension \(block.context) {")
                out.append("    @Suite(\"\(title)\") struct \(typeName(name)) {")
                out += block.body.map { indented($0, by: 8) }
                out.append("    }")
                out.append("}")
            case .run, .compileOnly:
                out.append("extension \(block.context) {")
                if block.mode == .compileOnly {
                    out.append("    /// \(title): compiled, not run (\(block.reason ?? "")).")
                } else {
                    out.append("    /// \(title).")
                }
                out.append("    fileprivate func \(name)() async throws {")
                out += block.body.map { indented($0, by: 8) }
                out += declaredNames(block.body).map { "        _ = \($0)" }
                out.append("    }")
                out.append("}")
                if block.mode == .run {
                    var test = ["", "    @Test(\"\(title)\") func \(name)() async throws {"]
                    test.append(
                        "        try await runDocumentationBlock(in: \(block.context).self) { try await $0.\(name)() }"
                    )
                    test.append("    }")
                    if let condition = block.condition { test = ["#if \(condition)"] + test + ["#endif"] }
                    tests += test
                }
            }
            if block.condition != nil { out.append("#endif") }
        }
        out += [
            "", "/// The code blocks that run; one at a time, since each runs in a folder of its own as the working",
            "/// directory.",
        ]
        out.append("@Suite(\"The documentation's code blocks\", .serialized)")
        out.append("struct DocumentationBlocks {")
        out += tests.dropFirst()
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// The method and test name of a block: its file's name words, then `block` and its ordinal
    /// (`readmeBlock2`, `chipChartInsuranceLinkageBlock1`).
    static func functionName(_ block: DocumentationBlock) -> String {
        let words = block.file.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { !["Sources", "Documentation", "docc", "md", "swift"].contains($0) }
        let unique = words.enumerated().filter { $0.offset == 0 || $0.element != words[$0.offset - 1] }.map(\.element)
        var name = unique.enumerated().map { offset, word in
            offset == 0 ? lowercasedFirstWord(word) : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
        name += "Block\(block.ordinal)"
        return name
    }

    /// `README` → `readme`, `ChipChart` → `chipChart`.
    private static func lowercasedFirstWord(_ word: String) -> String {
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }

    /// The suite type name of a declarations block.
    private static func typeName(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// A line indented by `width` spaces (an empty line stays empty).
    private static func indented(_ line: String, by width: Int) -> String {
        line.isEmpty ? "" : String(repeating: " ", count: width) + line
    }

    /// The names a block declares with `let` or `var` at its top level, in order.
    static func declaredNames(_ body: [String]) -> [String] {
        var names: [String] = []
        for line in body {
            for keyword in ["let ", "var "] where line.hasPrefix(keyword) {
                let rest = line.dropFirst(keyword.count)
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty, !names.contains(String(name)) { names.append(String(name)) }
            }
        }
        return names
    }
}
