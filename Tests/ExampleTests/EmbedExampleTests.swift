import ChipCard
import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// The README's "Embed it" code, compiled and run here; the test below keeps the two the same.
func embedExample(insurer: any InsurancePortal, scannedLine: String) async throws -> CheckInReceipt {
    // README: embed begin
    let store = try SQLiteStore(path: "clinic.sqlite")
    let desk = Reception(store: store, portal: insurer, facility: try FacilityCode("01001"))
    let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
    let reading = try CardReading(qrCode: scannedLine)  // or an MRZ, or the chip
    let receipt = try await desk.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: staff)
    print(receipt.visit.key, receipt.coverageOutcome?.summary ?? "", receipt.warnings)
    // README: embed end
    return receipt
}

@Suite("The README's embedding example")
struct EmbedExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theREADMEShowsExactlyTheCodeThisFileRuns() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let body = source.components(separatedBy: "// README: embed begin\n")[1]
            .components(separatedBy: "    // README: embed end")[0]
        let lines = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count == 6)
        for line in lines {
            #expect(readme.contains(line), "README.md lacks: \(line)")
        }
    }

    @Test func theCodeChecksAPatientIn() async throws {
        // The example opens `clinic.sqlite` in the working directory; the test removes it after.
        let files = ["clinic.sqlite", "clinic.sqlite-wal", "clinic.sqlite-shm"]
        let remove = { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        remove()
        defer { remove() }
        let insurer = SimulatedInsurancePortal(clock: SimulatedClock(start: Date()))
        insurer.apply(
            .registerStaff(Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001")))
        )
        let receipt = try await embedExample(
            insurer: insurer,
            scannedLine: "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hà Nội|15042021"
        )
        #expect(receipt.match == .registered && receipt.visit.status == .open)
        #expect(FileManager.default.fileExists(atPath: "clinic.sqlite"))
    }
}
