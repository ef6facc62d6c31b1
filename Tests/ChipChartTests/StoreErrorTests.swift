import ChipChart
import Testing

@Suite("StoreError")
struct StoreErrorTests {
    @Test("description names the code, the message and the engine's text")
    func description() {
        let error = StoreError(.storageFailure, "the connection was lost", underlying: "57P01")
        #expect(error.description == "storageFailure: the connection was lost (57P01)")
        #expect(error.code == .storageFailure)
        #expect(error.code != .versionConflict)
    }
}
