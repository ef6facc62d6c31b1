import ChipChart
import ChipChartTesting
import Testing

@Suite("InMemoryStore keeps the RecordStore contract")
struct InMemoryStoreConformanceTests {
    @Test(arguments: RecordStoreConformance.cases)
    func conformance(_ check: RecordStoreConformance.Case) async throws {
        try await check.run { InMemoryStore() }
    }
}
