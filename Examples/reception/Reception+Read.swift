import ArgumentParser
import ChipCard
import ChipCardTesting
import ChipChart
import ExampleSupport
import Foundation

extension Reception {
    /// `reception read`: one card, from its QR payload, its MRZ, its chip, or an insurance code.
    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a card: its QR payload, its MRZ, its chip, or an insurance card code.",
            discussion: """
                A birth or issue date after today is invalid. Exit status: 0 read, 64 usage, 65 \
                invalid input (one line on standard error naming the field).
                """
        )

        @Option(name: .long, help: "The QR payload, as a scanner types it.")
        var qr: String?

        @Option(
            name: .long,
            parsing: .upToNextOption,
            help: "The MRZ lines: 3 of an ID card (TD1) or 2 of a passport (TD3)."
        )
        var mrz: [String] = []

        @Option(
            name: .long,
            help: """
                The chip to read: `simulated` (a synthetic ID card) or `simulated-passport` (the ICAO \
                specimen passport), each with its own test CSCA.
                """
        )
        var chip: String?

        @Option(
            name: .long,
            help: "With --chip: the 6-digit card access number, to open the chip with PACE without the MRZ."
        )
        var can: String?

        @Option(name: .long, help: "A 15-character health-insurance card code.")
        var insurance: String?

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            let given = [qr != nil, !mrz.isEmpty, chip != nil, insurance != nil].filter { $0 }.count
            guard given == 1 else {
                throw ArgumentParser.ValidationError("Give exactly one of --qr, --mrz, --chip or --insurance.")
            }
            if can != nil, chip == nil {
                throw ArgumentParser.ValidationError("--can goes with --chip.")
            }
            if let chip, !["simulated", "simulated-passport"].contains(chip) {
                throw ArgumentParser.ValidationError(
                    "Only --chip simulated or --chip simulated-passport is available in this example."
                )
            }
        }

        func run() async throws {
            do {
                if let insurance {
                    let code = try InsuranceCardCode(insurance)
                    print(json ? TerminalText.escapedJSON(try ReadingOutput.json(code)) : ReadingOutput.text(code))
                    return
                }
                let reading = try await read()
                do {
                    try reading.validate(today: CalendarDate(containing: Date()))
                } catch {
                    throw error.nested(in: reading.source.rawValue)
                }
                print(json ? TerminalText.escapedJSON(try ReadingOutput.json(reading)) : ReadingOutput.text(reading))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ChipCardError {
                CommandFailure.report("chip", "\(error.message) (\(error.code))")
                throw ExitCode(CommandFailure.invalidInput)
            }
        }

        private func read() async throws -> CardReading {
            if let qr {
                return try CardReading(qrCode: qr)
            }
            if !mrz.isEmpty {
                return try CardReading(mrz: MRZ(lines: mrz))
            }
            let pki = try SimulatedPKI()
            let card =
                chip == "simulated-passport"
                ? try SimulatedChip(passport: try SimulatedPassport.specimen, pki: pki)
                : try SimulatedChip(
                    card: try SimulatedCard.sample,
                    pki: pki,
                    activeAuthentication: .rsa(bits: 1024),
                    chipAuthentication: .tripleDES
                )
            if let can {
                let number = try CardAccessNumber(can)
                return try await ChipCardReader(
                    transport: card,
                    cardAccessNumber: number,
                    trustAnchors: try pki.trustAnchors
                )
                .read()
            }
            let reader = ChipCardReader(transport: card, key: card.accessKey, trustAnchors: try pki.trustAnchors)
            return try await reader.read()
        }
    }
}
