import ChipChart
import ChipChartClaims
import Foundation
import Testing

@Suite("Claims field tables")
struct ClaimSchemaTests {
    static let schemaDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas/claims")

    @Test(arguments: ClaimTable.all)
    func embeddedSchemaEqualsTheFile(_ table: ClaimTable) throws {
        let url = Self.schemaDirectory.appendingPathComponent("\(table.schemaName).csv")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(table.schemaFile == file, "the embedded copy is out of date: run Schemas/embed.sh")
    }

    @Test func everyTableHasASchemaFileAndEveryFileATable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaDirectory.path)
            .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
        #expect(Set(files) == Set(ClaimTable.all.map(\.schemaName)))
    }

    @Test(arguments: [
        (ClaimTable.checkIn, 26, "DU_PHONG"), (.summary, 66, "DU_PHONG"), (.drugs, 38, "DU_PHONG"),
        (.services, 47, "DU_PHONG"), (.results, 12, "DU_PHONG"), (.clinicalNotes, 9, "DU_PHONG"),
        (.dischargePaper, 26, "DU_PHONG"), (.recordSummary, 22, "DU_PHONG"), (.sickLeave, 23, "DU_PHONG"),
        (.referral, 39, "DU_PHONG"), (.referral3176, 39, "DU_PHONG"), (.followUp, 22, "DU_PHONG"),
    ])
    func everyFieldOfTheStandardIsRead(_ table: ClaimTable, _ count: Int, _ last: String) {
        #expect(table.fields.count == count)
        #expect(table.fields.first?.name == "MA_LK")
        #expect(table.fields.last?.name == last)
        #expect(Set(table.fields.map(\.name)).count == count, "a field is listed twice")
    }

    @Test func fieldRulesAreRead() {
        #expect(
            ClaimTable.summary.field(named: "HO_TEN")
                == ClaimField(name: "HO_TEN", kind: .string, maxLength: 255, isRequired: true)
        )
        #expect(ClaimTable.summary.field(named: "NGAY_SINH")?.kind == .birthDate)
        #expect(ClaimTable.summary.field(named: "MA_THE_BHYT")?.maxLength == nil)
        #expect(ClaimTable.drugs.field(named: "T_BHTT")?.kind == .money)
        #expect(ClaimTable.summary.field(named: "T_TONGCHI") == nil)
        #expect(ClaimTable.summary.position(of: "NHOM_MAU") == 7)
    }

    @Test(
        "XML13 takes Decision 3176's form from the day it applies",
        arguments: [(2024, 12, 31, "xml13", "MA_NOI_DEN"), (2025, 1, 1, "xml13-3176", "MA_CSKCB_DEN")]
    )
    func referralVersionByDay(_ year: Int, _ month: Int, _ day: Int, _ schema: String, _ field: String) throws {
        let table = ClaimTableVersions.referral.table(on: try CalendarDate(year: year, month: month, day: day))
        #expect(table.schemaName == schema)
        #expect(table.field(named: field) != nil)
    }
}
