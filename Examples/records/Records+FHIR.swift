import ArgumentParser
import ChipChart
import ChipChartArchive
import ChipChartFHIR
import ExampleSupport
import Foundation

extension Records {
    /// `records fhir`: a patient's whole record as a FHIR R4 Bundle on standard output.
    struct FHIR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fhir",
            abstract: "Print a patient's record as a FHIR R4 Bundle (JSON), or write it to --out.",
            discussion: """
                The reads are audited under --staff. With --out the bundle is written beside the \
                file and moved into place only when complete. Exit status: 0, 64, 65 (also an \
                existing --out without --replace, or --out naming the database), 66 no such patient \
                or database, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The facility's code (MA_CSKCB), the assigner of record numbers.")
        var facility = "01001"

        @Argument(help: "The patient's personal ID (12 digits); a superseded one finds them too.")
        var personalID: String

        @Option(help: "Write the bundle to this file instead of standard output.")
        var out: String?

        @Flag(help: "Replace --out if it exists.")
        var replace = false

        func run() async throws {
            do {
                let id = try PersonalID(personalID, field: "personalID")
                let mapper = FHIRMapper(facility: try FacilityCode(facility, field: "facility"))
                let access = Access(by: try options.actor(), purpose: "FHIR export")
                let output = out.map { OutputFile(path: $0, replace: replace) }
                try output?.check(against: options.location)
                let bundle = try await options.withStore { store in
                    guard let patient = try await store.patient(identifiedBy: .personalID(id), for: access) else {
                        throw Failure.missing("personalID", "no patient with this ID")
                    }
                    let coverages = try await store.coverages(ofPatient: patient.id, for: access)
                    let visits = try await store.visits(ofPatient: patient.id, for: access)
                    return mapper.bundle(patient: patient, coverages: coverages, visits: visits)
                }
                guard let output else {
                    FileHandle.standardOutput.write(Data((TerminalText.escapedJSON(bundle.text()) + "\n").utf8))
                    return
                }
                let text = Data((bundle.text() + "\n").utf8)
                try await output.write { try $0.write(contentsOf: text) }
                FileHandle.standardOutput.write(Data("bundle written to \(TerminalText.escaped(output.path))\n".utf8))
            } catch let error as ArchiveError {
                throw OutputFile.failure(error)
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as MissingInput {
                throw Failure.missing(error)
            } catch let error as StoreError {
                throw Failure.storage(error)
            }
        }
    }
}
