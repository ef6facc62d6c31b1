import ArgumentParser
import ChipCard
import ChipChart
import Foundation

extension Reception {
    /// `reception read`: one card, from its QR payload, its MRZ, its chip, or an insurance code.
    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a card: its QR payload, its MRZ, its chip, or an insurance card code.",
            discussion: "Invalid input exits with status 65 and one line on standard error naming the field."
        )

        @Option(name: .long, help: "The QR payload, as a scanner types it.")
        var qr: String?

        @Option(name: .long, parsing: .upToNextOption, help: "The three MRZ lines.")
        var mrz: [String] = []

        @Option(name: .long, help: "The chip to read: `simulated` (a synthetic card with its own test CSCA).")
        var chip: String?

        @Option(name: .long, help: "A 15-character health-insurance card code.")
        var insurance: String?

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            let given = [qr != nil, !mrz.isEmpty, chip != nil, insurance != nil].filter { $0 }.count
            guard given == 1 else {
                throw ArgumentParser.ValidationError("Give exactly one of --qr, --mrz, --chip or --insurance.")
            }
            if let chip, chip != "simulated" {
                throw ArgumentParser.ValidationError("Only --chip simulated is available in this example.")
            }
        }

        func run() async throws {
            do {
                if let insurance {
                    let code = try InsuranceCardCode(insurance)
                    print(json ? try ReadingOutput.json(code) : ReadingOutput.text(code))
                    return
                }
                let reading = try await read()
                print(json ? try ReadingOutput.json(reading) : ReadingOutput.text(reading))
            } catch let error as ChipChart.ValidationError {
                FileHandle.standardError.write(Data("error: \(error.field): \(error.message) (\(error.reason))\n".utf8))
                throw ExitCode(65)
            } catch let error as ChipCardError {
                FileHandle.standardError.write(Data("error: chip: \(error.message) (\(error.code))\n".utf8))
                throw ExitCode(65)
            }
        }

        private func read() async throws -> CardReading {
            if let qr {
                return try QRCode.reading(from: qr)
            }
            if !mrz.isEmpty {
                return try MRZ(lines: mrz).reading()
            }
            let pki = try SimulatedPKI()
            let card = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
            let reader = ChipCardReader(transport: card, key: card.accessKey, trustAnchors: try pki.trustAnchors)
            return try await reader.read()
        }
    }
}
