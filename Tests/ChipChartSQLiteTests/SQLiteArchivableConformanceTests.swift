import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

@Suite("SQLiteStore keeps the ArchivableStore contract on real files")
struct SQLiteArchivableConformanceTests {
    @Test(arguments: ArchivableStoreConformance.cases)
    func conformance(_ check: ArchivableStoreConformance.Case) async throws {
        let folder = try TemporaryFolder()
        try await check.run { try SQLiteStore(path: folder.path("store-\(UUID().uuidString).sqlite")) }
    }
}
