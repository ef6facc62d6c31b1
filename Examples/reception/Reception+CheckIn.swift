import ArgumentParser
import ChipCard
import ChipCardTesting
import ChipChart
import ChipChartTesting
import ExampleSupport
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
                Examples/scenarios/card-replacement.json); without one it knows no card. With \
                --portal-url, --portal-user and --portal-password-file the card is checked \
                against a portal over HTTP instead (such as insurer-portal). \
                A --db file that does not exist is created; so is a store in an empty file. \
                Exit status: 0 checked in, 64 usage, 65 invalid input (one line on standard error \
                naming the field), 66 no such scenario file, 74 the records could not be read or \
                written.
                """
        )

        @OptionGroup var store: StoreOptions

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
            help: "With --mrz: read the chip too (`simulated`: an ID card's or a passport's chip, as the MRZ is)."
        )
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

        @OptionGroup var portalOverHTTP: PortalOptions

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
            if portal != nil, portalOverHTTP.url != nil {
                throw ValidationError("Give --portal (the simulated insurer) or --portal-url, not both.")
            }
        }

        func run() async throws {
            do {
                let staff = try Staff(commandLine: self.staff)
                let clock = SimulatedClock(start: Date())
                let today = CalendarDate(containing: clock.now)
                let insurer = SimulatedInsurancePortal(clock: clock)
                insurer.apply(.registerStaff(staff))
                if let portal { try PortalFile.load(portal, into: insurer) }
                let checker = try portalOverHTTP.httpPortal() ?? insurer
                // Everything typed or read is checked before the records are opened: a card that
                // cannot exist creates no database.
                let number = try insurance.map(Self.insuranceNumber)
                let typedDetails = try typedDetails(today: today)
                let card = insurance == nil ? try await reading(today: today) : nil
                let receipt = try await store.withStore(for: .write) { records in
                    let desk = ChipChart.Reception(store: records, portal: checker, facility: try FacilityCode("01001"))
                    if let number {
                        let typed = try await typedInsurance(number, typedDetails, records: records, staff: staff)
                        return try await desk.checkIn(typed: typed, for: VisitRequest(), by: staff)
                    }
                    guard let card else {
                        throw ChipChart.ValidationError(field: "qr", reason: .missing, message: "no card")
                    }
                    return try await desk.checkIn(card, for: VisitRequest(), by: staff)
                }
                print(json ? TerminalText.escapedJSON(try ReceiptOutput.json(receipt)) : ReceiptOutput.text(receipt))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as MissingInput {
                throw Failure.missing(error)
            } catch let error as StoreError {
                throw Failure.storage(error)
            } catch let error as ChipCardError {
                CommandFailure.report("chip", "\(error.message) (\(error.code))")
                throw ExitCode(CommandFailure.invalidInput)
            }
        }

        /// The card, read and checked against `today` (a birth or issue date after it is
        /// refused, naming the field under the source: `qr.dateOfBirth`).
        private func reading(today: CalendarDate) async throws -> CardReading {
            let card = try await reading()
            do {
                try card.validate(today: today)
            } catch {
                throw error.nested(in: card.source.rawValue)
            }
            return card
        }

        /// `--name` and `--birth`, checked: a birth after `today` is refused.
        private func typedDetails(today: CalendarDate) throws -> (name: PersonName?, birth: DateOfBirth?) {
            let name = try name.map { try PersonName($0, field: "name") }
            let birth = try birth.map { try DateOfBirth(parsing: $0, field: "birth") }
            try birth?.checkNotAfter(today, field: "birth")
            return (name, birth)
        }

        private func reading() async throws -> CardReading {
            if let qr { return try CardReading(qrCode: qr) }
            let mrz = try MRZ(lines: mrz)
            guard chip != nil else { return try CardReading(mrz: mrz) }
            let pki = try SimulatedPKI()
            return try await ChipCardReader(
                transport: try SimulatedChip(printed: mrz, pki: pki),
                key: try BACKey(mrz: mrz),
                trustAnchors: try pki.trustAnchors
            ).read()
        }

        /// `--insurance`: a 10-digit social insurance number, or a 15-character card code.
        private static func insuranceNumber(_ text: String) throws -> PortalQuery.CardNumber {
            text.count == 10
                ? .socialInsuranceNumber(try SocialInsuranceNumber(text, field: "insurance"))
                : .cardCode(try InsuranceCardCode(text, field: "insurance"))
        }

        private func typedInsurance(
            _ number: PortalQuery.CardNumber,
            _ details: (name: PersonName?, birth: DateOfBirth?),
            records: any RecordStore,
            staff: Staff
        ) async throws
            -> TypedIdentification
        {
            let digits: SocialInsuranceNumber =
                switch number {
                case .cardCode(let code): code.socialInsuranceNumber
                case .socialInsuranceNumber(let digits): digits
                case .personalID(let id): try SocialInsuranceNumber(id.digits, field: "insurance")
                }
            let known = try await records.patient(
                identifiedBy: .socialInsuranceNumber(digits),
                for: Access(by: staff, purpose: "check-in")
            )
            guard let name = details.name ?? known?.demographics.name else {
                throw ChipChart.ValidationError(field: "name", reason: .missing, message: "a new patient needs --name")
            }
            guard let birth = details.birth ?? known?.demographics.dateOfBirth else {
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
