import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// Catalogues from CSV: the sample loads, and a bad line is refused naming its line and column.
@Suite("Catalogues")
struct CatalogueTests {
    static let header =
        "kind,code,name,unit,price,insurance_price,in_scope,coverage_rate,effective_from,effective_until\n"

    @Test("the embedded sample catalogue is the file Schemas/catalogues/sample.csv")
    func embeddedSampleEqualsTheFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Schemas/catalogues/sample.csv"
            )
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(SampleCatalogue.csv == file, "the embedded copy is out of date: run Schemas/embed.sh")
    }

    @Test("the sample catalogue loads, with a price change of the consultation")
    func sample() throws {
        let catalogue = try SampleCatalogue.load()
        #expect(catalogue.items.count > 20)
        let today = try catalogue.item("K02.1918", on: try CalendarDate(year: 2026, month: 3, day: 2))
        #expect(today.name == "Ngày giường bệnh Nội khoa, loại 1", "a quoted name keeps its comma")
        #expect(today.unit == "Ngày")
        #expect(throws: CatalogueError.self) {
            try catalogue.item("40.17", on: try CalendarDate(year: 2025, month: 6, day: 1))
        }
    }

    struct BadRow: Sendable, CustomStringConvertible {
        let row: String
        let line: Int
        let column: String?
        var description: String { row }
    }

    static let badRows: [BadRow] = [
        BadRow(row: "test,02.1896,Khám,Lần,1.00,1.00,1,100,20260101,", line: 2, column: "kind"),
        BadRow(row: "service,,Khám,Lần,1.00,1.00,1,100,20260101,", line: 2, column: "code"),
        BadRow(row: "service,02.1896,Khám,Lần,1.001,1.00,1,100,20260101,", line: 2, column: "price"),
        BadRow(row: "service,02.1896,Khám,Lần,1.00,2.00,1,100,20260101,", line: 2, column: "insurance_price"),
        BadRow(row: "service,02.1896,Khám,Lần,1.00,1.00,yes,100,20260101,", line: 2, column: "in_scope"),
        BadRow(row: "service,02.1896,Khám,Lần,1.00,1.00,1,101,20260101,", line: 2, column: "coverage_rate"),
        BadRow(row: "service,02.1896,Khám,Lần,1.00,1.00,1,100,2026-01-01,", line: 2, column: "effective_from"),
        BadRow(row: "service,02.1896,Khám,Lần,1.00,1.00,1,100,20260101,20251231", line: 2, column: "effective_until"),
        BadRow(row: "\n# a comment\nservice,02.1896,Khám,Lần,1.00,1.00,1,100", line: 4, column: nil),
        BadRow(row: "service,02.1896,\"Khám,Lần,1.00,1.00,1,100,20260101,", line: 2, column: nil),
    ]

    @Test("a bad line is refused naming its line and column", arguments: badRows)
    func badRow(_ bad: BadRow) {
        #expect {
            try Catalogue(csv: Self.header + bad.row)
        } throws: { error in
            let error = error as? CatalogueError
            return error?.code == .invalidRow && error?.line == bad.line && error?.column == bad.column
        }
    }

    @Test("two periods of one code that overlap are refused")
    func overlap() {
        let rows = """
            service,02.1896,Khám,Lần,1.00,1.00,1,100,20250101,20260131
            service,02.1896,Khám,Lần,2.00,2.00,1,100,20260101,
            """
        #expect(throws: CatalogueError.self) { try Catalogue(csv: Self.header + rows) }
    }
}
