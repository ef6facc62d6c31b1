import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartSQLite

@Suite("SQLiteStore memory statistics")
struct SQLiteStoreMemoryStatisticsTests {
    typealias Load = SQLiteStoreLoadTests

    /// Once SQLite has started in the process, turning its statistics off is refused — it says
    /// so, changes nothing, and the stores of the process go on loading and reading.
    @Test func turningTheStatisticsOffAfterSQLiteStartedIsRefusedAndHarmless() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("store.sqlite")
        let store = try SQLiteStore(path: path, logger: quietLogger, now: Load.clock)
        #expect(!SQLiteStore.turnOffSQLiteMemoryStatistics())
        try await store.load(try Load.sets(20))
        #expect(try await store.verifyAuditTrail().isIntact)
        #expect(try await store.checkIntegrity().isEmpty)
    }
}
