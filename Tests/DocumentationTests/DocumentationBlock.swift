/// A Swift code block of the documentation, with what its marker says about it.
struct DocumentationBlock: Equatable, Sendable {
    /// How the generated test treats a block.
    enum Mode: String, Equatable, Sendable {
        /// Statements: compiled into a function of the context, and run.
        case run
        /// Statements that need what a test cannot give (a database server, a card reader):
        /// compiled into a function of the context, never run.
        case compileOnly = "compile-only"
        /// Declarations (a test of the reader's own): compiled into a suite nested in the context,
        /// so a `@Test` among them runs.
        case declarations
        /// Not Swift this package compiles (a manifest): left out, and said so in the generated file.
        case skip
    }

    /// The Markdown file, relative to the package root.
    var file: String
    /// The block's place among the file's Swift blocks, from 1.
    var ordinal: Int
    /// The line of the opening fence, from 1 (for error messages only).
    var line: Int
    /// The block's lines without its `import` lines, unindented.
    var body: [String]
    /// The modules the block imports.
    var imports: [String]
    /// The context type the block runs in.
    var context = "NoContext"
    /// How the block is compiled and run.
    var mode = Mode.run
    /// A compilation condition the block needs (a package trait such as `PostgreSQL`).
    var condition: String?
    /// Why a block is skipped or only compiled.
    var reason: String?
}

/// A marker that cannot be read: its file, its line and what is wrong.
struct DocumentationMarkerError: Error, CustomStringConvertible, Equatable {
    let file: String
    let line: Int
    let reason: String
    var description: String { "\(file):\(line): \(reason)" }
}
