import Foundation

/// What a code block of the documentation runs in: the values its text takes as given (a store,
/// a patient, a staff member), named as the text names them.
///
/// A block says which context it runs in with a marker on the line before it,
/// `<!-- snippet: context=Clinic -->`; a block without one runs in ``NoContext`` and must stand on
/// its own. The generated test makes the context in a fresh folder, which is the working
/// directory while the block runs, so a block may name files by relative paths.
protocol DocumentationContext: Sendable {
    /// Makes the context; `folder` is empty and is removed after the block has run.
    static func make(in folder: URL) async throws -> Self
}

/// The context of a block that stands on its own: it names nothing it does not make.
struct NoContext: DocumentationContext {
    static func make(in folder: URL) async throws -> NoContext { NoContext() }
}

/// Runs `body` in a new `Context`, made in a fresh temporary folder that is the working directory
/// meanwhile; the folder and everything in it are removed after.
///
/// The working directory belongs to the whole process: the generated suite is serialized, and
/// no other test of the package names files by relative paths.
func runDocumentationBlock<Context: DocumentationContext>(
    in context: Context.Type,
    _ body: (Context) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("chipchart-documentation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let previous = FileManager.default.currentDirectoryPath
    defer {
        _ = FileManager.default.changeCurrentDirectoryPath(previous)
        try? FileManager.default.removeItem(at: folder)
    }
    guard FileManager.default.changeCurrentDirectoryPath(folder.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
    }
    try await body(try await Context.make(in: folder))
}
