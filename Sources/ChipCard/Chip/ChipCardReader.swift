public import ChipChart
public import Logging

/// The ICAO 9303 chip of the Vietnamese ID card or of a passport as a ``CardReader``: PACE (with
/// the CAN or the MRZ) when EF.CardAccess offers it, basic access control otherwise, secure
/// messaging, EF.SOD, chip authentication when DG14 offers it (the rest read under its new keys),
/// DG1, DG13, active authentication when the chip has DG15, passive authentication. DG13, DG14
/// and DG15 are selected only when EF.SOD lists them: a chip without them costs no command for
/// them, and one that lists a group it lacks has it reported as not offered.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let key = try BACKey(mrz: MRZ(lines: scannedLines))
/// let reader = ChipCardReader(transport: pcscReader, key: key, trustAnchors: anchors)
/// let reading = try await reader.read()
/// print(reading.authentication?.chainsToTrustedCSCA == true)   // true
/// ```
///
/// DG13 supplies the name with diacritics, the address, the dates and the chip extras; DG1's MRZ
/// is cross-checked against it (personal ID, birth date, sex, name without diacritics). A chip
/// without DG13 (a passport) gives the reading of DG1's MRZ alone (``ChipChart/CardReading/init(mrz:)``,
/// with `source` `.chip`): a foreign passport has no personal ID.
public struct ChipCardReader: CardReader {
    /// The transport to the card.
    public let transport: any APDUTransport
    /// The access key from the card's MRZ, for BAC or PACE-MRZ.
    public let key: BACKey?
    /// The card access number, for PACE-CAN (preferred over the MRZ when both are given).
    public let cardAccessNumber: CardAccessNumber?
    /// The CSCA certificates the deployer trusts.
    public let trustAnchors: TrustAnchors
    /// When true (the default), a data-group hash mismatch, an EF.SOD signature that does not
    /// verify or a chip that fails chip or active authentication is an error; when false, the
    /// reading is returned with the outcome stating it (after a failed chip authentication the
    /// channel is opened again to read the rest).
    public let requiresIntegrity: Bool
    /// Where the reader logs its steps; personal IDs appear masked, names never.
    public let logger: Logger

    /// Creates a reader.
    public init(
        transport: any APDUTransport,
        key: BACKey,
        trustAnchors: TrustAnchors = .none,
        requiresIntegrity: Bool = true,
        logger: Logger = Logger(label: "chipchart.card", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.init(
            transport: transport,
            cardAccessNumber: nil,
            key: key,
            trustAnchors: trustAnchors,
            requiresIntegrity: requiresIntegrity,
            logger: logger
        )
    }

    /// Creates a reader that opens the chip with its card access number (PACE-CAN), no MRZ needed;
    /// with `key` too, a chip without PACE is read with BAC.
    public init(
        transport: any APDUTransport,
        cardAccessNumber: CardAccessNumber?,
        key: BACKey? = nil,
        trustAnchors: TrustAnchors = .none,
        requiresIntegrity: Bool = true,
        logger: Logger = Logger(label: "chipchart.card", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.transport = transport
        self.key = key
        self.cardAccessNumber = cardAccessNumber
        self.trustAnchors = trustAnchors
        self.requiresIntegrity = requiresIntegrity
        self.logger = logger
    }

    /// Reads the card.
    ///
    /// - Throws: ``ChipCardError``: `accessControlFailed` (wrong MRZ key or CAN), `secureMessaging` (a MAC
    ///   that does not verify), `malformedResponse`, `malformedData`, `dataGroupHashMismatch`,
    ///   `signatureInvalid` (EF.SOD's signature, or chip authentication with DG14's key or active authentication with DG15's failed); `ValidationError` for data-group contents that are invalid or
    ///   disagree (fields `chip.…`).
    public func read() async throws -> CardReading {
        var (channel, accessProtocol) = try await openChannel()
        let sodBytes = try await channel.readFile(.sod)
        let sod = try SecurityObject(bytes: sodBytes)
        var (chipAuthentication, dg14Bytes) = try await ChipAuthentication.perform(over: &channel, listedIn: sod)
        let dg1Bytes: [UInt8]
        do {
            dg1Bytes = try await channel.readFile(.dg1)
        } catch let error as ChipCardError where chipAuthentication == .passed && error.code == .secureMessaging {
            // The chip cannot answer under the keys agreed with DG14's key: it does not hold it.
            chipAuthentication = .failed
            if requiresIntegrity { throw ChipCardError.clonedChip("chip authentication") }
            (channel, _) = try await openChannel()
            dg1Bytes = try await channel.readFile(.dg1)
        }
        // A passport has no DG13: it is read only when EF.SOD lists it.
        let dg13Bytes = sod.dataGroupHashes[13] == nil ? nil : try await channel.readFile(.dg13)
        let (activeAuthentication, dg15Bytes) = try await ActiveAuthentication.perform(over: &channel, listedIn: sod)
        logger.debug(
            "files read",
            metadata: ["dg1": "\(dg1Bytes.count)", "dg13": "\(dg13Bytes?.count ?? 0)", "sod": "\(sodBytes.count)"]
        )
        let result = PassiveAuthentication.verify(
            sod,
            dataGroups: [1: dg1Bytes, 13: dg13Bytes, 14: dg14Bytes, 15: dg15Bytes].compactMapValues { $0 },
            trustAnchors: trustAnchors
        )
        if requiresIntegrity {
            if let number = (result.mismatchedDataGroups + result.unhashedDataGroups).first {
                throw ChipCardError(.dataGroupHashMismatch, "DG\(number) does not hash to the value EF.SOD states")
            }
            guard result.outcome.signatureVerified else {
                throw ChipCardError(
                    .signatureInvalid,
                    "EF.SOD's signature does not verify with its document-signer certificate"
                )
            }
            guard chipAuthentication != .failed else { throw ChipCardError.clonedChip("chip authentication") }
            guard activeAuthentication != .failed else { throw ChipCardError.clonedChip("active authentication") }
        }
        let dg1 = try DataGroup1(bytes: dg1Bytes)
        let dg13 = try dg13Bytes.map { bytes in try DataGroup13(bytes: bytes) }
        var reading = try ChipReading.reading(dg1: dg1, optionalDG13: dg13)
        reading.authentication = result.outcome
        reading.accessProtocol = accessProtocol
        reading.activeAuthentication = activeAuthentication
        reading.chipAuthentication = chipAuthentication
        logger.info(
            "chip read",
            metadata: [
                "personalID": "\(reading.personalID?.masked ?? "none")",
                "access": "\(accessProtocol.rawValue)",
                "hashesMatch": "\(result.outcome.dataGroupHashesMatch)",
                "signatureVerified": "\(result.outcome.signatureVerified)",
                "chainsToTrustedCSCA": "\(result.outcome.chainsToTrustedCSCA)",
                "activeAuthentication": "\(activeAuthentication.rawValue)",
                "chipAuthentication": "\(chipAuthentication.rawValue)",
            ]
        )
        return reading
    }
}
