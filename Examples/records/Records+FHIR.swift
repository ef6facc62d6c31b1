import ArgumentParser
import ChipChart
import ChipChartFHIR
import ExampleSupport
import Foundation

extension Records {
    /// `records fhir`: a patient's whole record as a FHIR R4 Bundle on standard output.
    struct FHIR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fhir",
            abstract: "Print a patient's record as a FHIR R4 Bundle (JSON).",
            discussion: """
                The reads are audited under --staff. Exit status: 0, 64, 65, 66 no such patient or \
                database, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The facility's code (MA_CSKCB), the assigner of record numbers.")
        var facility = "01001"

        @Argument(help: "The patient's personal ID (12 digits); a superseded one finds them too.")
        var personalID: String

        func run() async throws {
            do {
                let id = try PersonalID(personalID, field: "personalID")
                let mapper = FHIRMapper(facility: try FacilityCode(facility, field: "facility"))
                let access = Access(by: try options.actor(), purpose: "FHIR export")
                let bundle = try await options.withStore { store in
                    guard let patient = try await store.patient(identifiedBy: .personalID(id), for: access) else {
                        throw Failure.missing("personalID", "no patient with this ID")
                    }
                    let coverages = try await store.coverages(ofPatient: patient.id, for: access)
                    let visits = try await store.visits(ofPatient: patient.id, for: access)
                    return mapper.bundle(patient: patient, coverages: coverages, visits: visits)
                }
                FileHandle.standardOutput.write(Data((TerminalText.escapedJSON(bundle.text()) + "\n").utf8))
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
