import ChipChart
import ChipChartTesting
import Testing

@Suite("InMemoryStore keeps the ArchivableStore contract")
struct InMemoryArchivableConformanceTests {
    @Test(arguments: ArchivableStoreConformance.cases)
    func conformance(_ check: ArchivableStoreConformance.Case) async throws {
        try await check.run { InMemoryStore() }
    }
}
