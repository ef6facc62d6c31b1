import Foundation
import Testing

/// The generated test file is the documentation's code blocks, as they are now.
@Suite("The documentation's code blocks and their test file")
struct DocumentationBlockTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let generated = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("DocumentationBlocks.swift")

    /// The Markdown files whose Swift blocks are compiled: the READMEs and every DocC catalogue's
    /// articles, relative to the package root, in a stable order.
    static func markdownFiles() throws -> [String] {
        var files = ["README.md", "Examples/README.md"]
        let sources = root.appendingPathComponent("Sources")
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let folder = sources.appendingPathComponent(module)
            let catalogues = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for catalogue in catalogues.sorted() where catalogue.hasSuffix(".docc") {
                let articles = try FileManager.default.contentsOfDirectory(
                    atPath: folder.appendingPathComponent(catalogue).path
                )
                files += articles.sorted().filter { $0.hasSuffix(".md") }.map { "Sources/\(module)/\(catalogue)/\($0)" }
            }
        }
        return files
    }

    /// The modules whose doc comments' Swift blocks are compiled too. A marker goes on its own
    /// doc-comment line before the block (`/// <!-- snippet: context=Clinic -->`), which DocC
    /// does not show. The storage backends' modules are not listed yet.
    static let documentedModules = [
        "ChipChart", "ChipCard", "ChipChartArchive", "ChipChartClaims", "ChipChartFHIR", "ChipChartTesting",
        "ChipCardTesting", "ChipChartSQLite", "ChipChartPostgres", "ChipCardPCSC", "ChipChartSignatures",
        "ChipChartPortal",
    ]

    /// The Swift files of ``documentedModules``, relative to the package root, in a stable order.
    static func sourceFiles() throws -> [String] {
        var files: [String] = []
        for module in documentedModules {
            let folder = root.appendingPathComponent("Sources/\(module)")
            guard let walk = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let path as String in walk where path.hasSuffix(".swift") {
                files.append("Sources/\(module)/\(path)")
            }
        }
        return files.sorted()
    }

    /// The test file the documentation makes now.
    static func render() throws -> String {
        var blocks: [DocumentationBlock] = []
        for file in try markdownFiles() {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            blocks += try DocumentationBlockExtractor.blocks(in: text, file: file)
        }
        for file in try sourceFiles() {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            blocks += try DocumentationBlockExtractor.blocks(
                in: DocumentationBlockExtractor.docComments(of: text),
                file: file
            )
        }
        return DocumentationTestRenderer.render(blocks)
    }

    /// With `CHIPCHART_WRITE_DOCUMENTATION_TESTS=1` (what `generate.sh` sets) the file is written;
    /// otherwise it must equal what the documentation makes.
    @Test func theGeneratedFileIsCurrent() throws {
        let expected = try Self.render()
        if ProcessInfo.processInfo.environment["CHIPCHART_WRITE_DOCUMENTATION_TESTS"] == "1" {
            try expected.write(to: Self.generated, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.generated, encoding: .utf8)
        #expect(committed == expected, "the documentation changed: run Tests/DocumentationTests/generate.sh")
    }

    @Test func everyCatalogueIsRead() throws {
        let files = try Self.markdownFiles()
        for module in ["ChipCard", "ChipChart", "ChipChartArchive", "ChipChartClaims", "ChipChartSQLite"] {
            #expect(files.contains { $0.hasPrefix("Sources/\(module)/") && $0.hasSuffix("/\(module).md") }, "\(module)")
        }
    }

    @Test func aBlockWithoutAMarkerRunsOnItsOwn() throws {
        let text = "Text.\n\n```swift\nimport ChipChart\n\nlet x = 1\nprint(x)\n```\n\n```\nswift run\n```\n"
        let blocks = try DocumentationBlockExtractor.blocks(in: text, file: "A.md")
        #expect(
            blocks == [
                DocumentationBlock(
                    file: "A.md",
                    ordinal: 1,
                    line: 3,
                    body: ["let x = 1", "print(x)"],
                    imports: ["ChipChart"]
                )
            ]
        )
    }

    @Test func aMarkerNamesTheContextAndTheMode() throws {
        let text = """
            <!-- snippet: context=Clinic newcomer=main.swift -->
            <!-- snippet: mode=compile-only if=PostgreSQL because=needs-a-server -->
              ```swift
              try await store.commit(changes)
              ```
            """
        let block = try #require(try DocumentationBlockExtractor.blocks(in: text, file: "A.md").first)
        #expect(block.context == "Clinic" && block.mode == .compileOnly && block.condition == "PostgreSQL")
        #expect(block.reason == "needs a server" && block.body == ["try await store.commit(changes)"])
    }

    @Test(arguments: [
        ("<!-- snippet: mode=skip -->\n```swift\nx\n```", 1),
        ("<!-- snippet: colour=red -->\n```swift\nx\n```", 1),
        ("<!-- snippet: mode=later -->\n```swift\nx\n```", 1),
        ("<!-- snippet: context=Clinic -->\nText between.\n```swift\nx\n```", 1),
        ("Text.\n<!-- snippet: context=Clinic -->\n```sh\nx\n```", 2),
        ("<!-- snippet: context=Clinic -->", 1),
    ])
    func aMarkerThatCannotBeReadIsRefused(text: String, line: Int) {
        #expect(throws: DocumentationMarkerError.self) {
            try DocumentationBlockExtractor.blocks(in: text, file: "A.md")
        }
        do {
            _ = try DocumentationBlockExtractor.blocks(in: text, file: "A.md")
        } catch {
            #expect(error.line == line)
        }
    }

    @Test func docCommentsAreReadAsMarkdownLineForLine() throws {
        let source =
            "/// A type.\n///\n/// ```swift\n/// let x = 1\n/// ```\nstruct A {\n    /// ```swift\n    /// A()\n    /// ```\n}\n"
        let markdown = DocumentationBlockExtractor.docComments(of: source)
        #expect(markdown == "A type.\n\n```swift\nlet x = 1\n```\n\n```swift\nA()\n```\n\n")
        let blocks = try DocumentationBlockExtractor.blocks(in: markdown, file: "A.swift")
        #expect(blocks.map(\.line) == [3, 7])
    }

    @Test func aBlockUsesWhatItDeclares() {
        let names = DocumentationTestRenderer.declaredNames([
            "let a = 1", "var b = a", "    let inner = 2", "let (c, d) = e",
        ])
        #expect(names == ["a", "b"])
    }
}
