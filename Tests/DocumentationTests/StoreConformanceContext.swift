import ChipChart
import Foundation

/// The context of the blocks that show a backend proving itself with the conformance suite:
/// `MyStore` is the in-memory store, made as the blocks make theirs.
struct StoreConformance: DocumentationContext {
    /// The backend the blocks test.
    typealias MyStore = InMemoryStore

    static func make(in folder: URL) async throws -> StoreConformance { StoreConformance() }
}

extension InMemoryStore {
    /// An in-memory store, which is always temporary: the spelling the documentation's backend
    /// uses.
    init(temporary: Bool) throws { self.init() }
}
