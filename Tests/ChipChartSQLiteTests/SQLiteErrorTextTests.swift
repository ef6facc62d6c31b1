import ChipChart
import Foundation
import Testing

@testable import ChipChartSQLite

/// A store error is one line, whatever SQL failed.
@Suite("SQLite error text")
struct SQLiteErrorTextTests {
    @Test(arguments: ["CREATE TABLE patient (\n    id BLOB PRIMARY KEY,\n    version INTEGER\n);", "SELECT\r\n1\t"])
    func theStatementOfAFailureIsQuotedOnOneLine(_ sql: String) {
        let error = SQLiteError(extendedCode: 1, message: "table patient already exists", sql: sql)
        #expect(!error.description.contains { $0.isNewline }, "\(error.description)")
        let storeError = StoreError.wrapping(error, while: "opening the store")
        #expect(!storeError.description.contains { $0.isNewline }, "\(storeError.description)")
        #expect(storeError.description.contains("CREATE TABLE patient ( id BLOB") || sql.hasPrefix("SELECT"))
    }
}
