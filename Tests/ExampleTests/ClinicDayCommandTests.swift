import Foundation
import Testing

@Suite("clinic-day, run as built")
struct ClinicDayCommandTests {
    @Test func aSmallMorningEndsWithTheSummaryAndASecondRunContinuesTheClinic() throws {
        let clinicDay = try BuiltExecutable("clinic-day")
        let folder = try makeTemporaryFolder()
        let arguments = ["--population", "300", "--check-ins", "120", "--desks", "2", "--quiet"]
        let first = try clinicDay.run(arguments, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let summary = first.standardOutput
        #expect(summary.contains("Clinic day 02/03/2026"))
        #expect(summary.contains("check-ins: 120 by 2 desks"))
        #expect(summary.contains("210 already registered"))
        #expect(summary.contains("audit trail:") && summary.contains("intact"))
        #expect(summary.contains("re-verified afterwards"))

        let second = try clinicDay.run(arguments, in: folder)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("Clinic day 03/03/2026"), "the next morning")
        #expect(second.standardOutput.contains("records continued from earlier days"))
        #expect(second.standardOutput.contains("0 newly registered"), "the same people are not registered twice")
    }

    @Test func badOptionsAreRefused() throws {
        let result = try BuiltExecutable("clinic-day").run(["--desks", "0"], in: try makeTemporaryFolder())
        #expect(result.status != 0)
        #expect(result.standardError.contains("--desks"))
    }
}
