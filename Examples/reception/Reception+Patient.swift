import ArgumentParser
import ChipChart
import ExampleSupport
import Foundation

extension Reception {
    /// `reception patient`: a patient's timeline — identifiers, ID cards, coverages with their
    /// replacements, visits.
    struct Patient: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a patient's timeline: identifiers, ID cards, coverages with replacements, visits.",
            discussion: """
                The read is audited under --staff, or CHIPCHART_STAFF, or else the operating-system \
                account running the command. The --db file must exist: it is never created. \
                Exit status: 0 shown, 64 usage, 65 invalid input (or a --db that is not a \
                ChipChart database), 66 no such patient or database, 74 the records could not be \
                read.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The patient's personal ID (12 digits); a superseded one finds them too.")
        var personalID: String

        @Option(name: .long, help: "Who reads: \"NAME|PERSONAL_ID\".")
        var staff: String?

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            do {
                let id = try PersonalID(personalID)
                let access = Access(by: try reader(), purpose: "patient timeline")
                let found = try await store.withStore(for: .read) { records -> Timeline? in
                    guard let patient = try await records.patient(identifiedBy: .personalID(id), for: access) else {
                        return nil
                    }
                    let coverages = try await records.coverages(ofPatient: patient.id, for: access)
                    let visits = try await records.visits(ofPatient: patient.id, for: access)
                    return Timeline(patient: patient, coverages: coverages, visits: visits)
                }
                guard let timeline = found else {
                    throw Failure.missing(MissingInput(field: "personalID", message: "no patient with this ID"))
                }
                print(json ? TerminalText.escapedJSON(try timeline.json()) : timeline.text())
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as MissingInput {
                throw Failure.missing(error)
            } catch let error as StoreError {
                throw Failure.storage(error)
            }
        }

        private func reader() throws -> Staff {
            if let text = staff ?? ProcessInfo.processInfo.environment["CHIPCHART_STAFF"] {
                return try Staff(commandLine: text)
            }
            // No named person: the operating-system account, with the reserved number that no
            // card carries (serial 000000), under the system role.
            let account = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            return Staff(
                name: try PersonName("command line \(account)"),
                personalID: try PersonalID("001000000000"),
                role: .system
            )
        }
    }
}
