import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

@Suite("SQLiteStore keeps the RecordStore contract on a real file")
struct SQLiteStoreConformanceTests {
    @Test(arguments: RecordStoreConformance.cases)
    func conformance(_ check: RecordStoreConformance.Case) async throws {
        let folder = try TemporaryFolder()
        try await check.run { try SQLiteStore(path: folder.path("store.sqlite")) }
    }
}
