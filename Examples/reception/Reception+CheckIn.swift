import ArgumentParser
import ChipCard
import ChipChart
import ChipChartTesting
import Foundation

extension Reception {
    /// `reception check-in`: read a card (or take a typed insurance code), check the patient in,
    /// print the receipt.
    struct CheckIn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-in",
            abstract: "Check a patient in from their card and print the receipt.",
            discussion: """
                The insurer is the simulated portal: --portal loads a scenario file (see \
                Examples/scenarios/card-replacement.json); without one it knows no card. \
                Exit status: 0 checked in, 65 invalid input (one line on standard error naming the \
                field), 74 the records could not be read or written.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "The QR payload, as a scanner types it.")
        var qr: String?

        @Option(name: .long, parsing: .upToNextOption, help: "The three MRZ lines.")
        var mrz: [String] = []

        @Option(name: .long, help: "With --mrz: read the chip too (`simulated`).")
        var chip: String?

        @Option(name: .long, help: "A typed insurance card code or 10-digit social insurance number.")
        var insurance: String?

        @Option(name: .long, help: "With --insurance, for a patient not yet registered: the full name.")
        var name: String?

        @Option(
            name: .long,
            help: "With --insurance, for a patient not yet registered: the birth date (dd/MM/yyyy or yyyy)."
        )
        var birth: String?

        @Option(name: .long, help: "The receptionist: \"NAME|PERSONAL_ID\".")
        var staff: String

        @Option(name: .long, help: "A scenario file for the simulated insurer.")
        var portal: String?

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            let given = [qr != nil, !mrz.isEmpty, insurance != nil].filter { $0 }.count
            guard given == 1 else {
                throw ValidationError(
                    "Give exactly one of --qr, --mrz (optionally with --chip simulated) or --insurance."
                )
            }
            if chip != nil, mrz.isEmpty {
                throw ValidationError("--chip needs --mrz (the chip is opened with the MRZ).")
            }
            if let chip, chip != "simulated" {
                throw ValidationError("Only --chip simulated is available in this example.")
            }
        }

        func run() async throws {
            do {
                let staff = try Staff(parsing: self.staff)
                let clock = SimulatedClock(start: Date())
                let insurer = SimulatedInsurancePortal(clock: clock)
                insurer.apply(.registerStaff(staff))
                if let portal { try insurer.load(scenarioFile: URL(fileURLWithPath: portal)) }
                let receipt = try await store.withStore { records in
                    let desk = ChipChart.Reception(store: records, portal: insurer, facility: try FacilityCode("01001"))
                    if let insurance {
                        let typed = try await typedInsurance(insurance, records: records, staff: staff)
                        return try await desk.checkIn(typed: typed, for: VisitRequest(), by: staff)
                    }
                    return try await desk.checkIn(try await reading(), for: VisitRequest(), by: staff)
                }
                print(json ? try ReceiptOutput.json(receipt) : ReceiptOutput.text(receipt))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as StoreError {
                throw Failure.storage(error)
            } catch let error as ChipCardError {
                FileHandle.standardError.write(Data("error: chip: \(error.message) (\(error.code))\n".utf8))
                throw ExitCode(65)
            }
        }

        private func reading() async throws -> CardReading {
            if let qr { return try QRCode.reading(from: qr) }
            let mrz = try MRZ(lines: mrz)
            guard chip != nil else { return try mrz.reading() }
            let printed = try mrz.reading()
            let sample = try SimulatedCard.sample
            // The simulated chip holds the sample card's data when the MRZ is the sample's, and
            // otherwise what the MRZ says.
            let card =
                printed.personalID == sample.personalID
                ? sample
                : SimulatedCard(
                    personalID: printed.personalID,
                    fullName: printed.name.text,
                    dateOfBirth: printed.dateOfBirth.date ?? sample.dateOfBirth,
                    sex: printed.sex,
                    issueDate: sample.issueDate,
                    expiryDate: printed.expiryDate,
                    address: "",
                    placeOfOrigin: ""
                )
            let pki = try SimulatedPKI()
            let chip = try SimulatedChip(card: card, pki: pki)
            return try await ChipCardReader(
                transport: chip,
                key: try BACKey(mrz: mrz),
                trustAnchors: try pki.trustAnchors
            ).read()
        }

        private func typedInsurance(
            _ text: String,
            records: any RecordStore,
            staff: Staff
        ) async throws
            -> TypedIdentification
        {
            let number: PortalQuery.CardNumber =
                text.count == 10
                ? .socialInsuranceNumber(try SocialInsuranceNumber(text, field: "insurance"))
                : .cardCode(try InsuranceCardCode(text, field: "insurance"))
            let digits: SocialInsuranceNumber =
                switch number {
                case .cardCode(let code): code.socialInsuranceNumber
                case .socialInsuranceNumber(let digits): digits
                case .personalID: try SocialInsuranceNumber(text)
                }
            let known = try await records.patient(
                identifiedBy: .socialInsuranceNumber(digits),
                for: Access(by: staff, purpose: "check-in")
            )
            guard let name = try name.map({ try PersonName($0, field: "name") }) ?? known?.demographics.name else {
                throw ChipChart.ValidationError(field: "name", reason: .missing, message: "a new patient needs --name")
            }
            guard
                let birth = try birth.map({ try DateOfBirth(parsing: $0, field: "birth") })
                    ?? known?.demographics.dateOfBirth
            else {
                throw ChipChart.ValidationError(
                    field: "birth",
                    reason: .missing,
                    message: "a new patient needs --birth"
                )
            }
            return .insurance(number, name: name, dateOfBirth: birth, sex: known?.demographics.sex ?? .undetermined)
        }
    }
}
