internal import ChipChart
internal import Logging

/// How ``ChipCardReader`` opens the chip: PACE first when EF.CardAccess offers a protocol this
/// library runs (ICAO 9303-11 §4.2: the inspection system tries PACE before BAC), BAC otherwise.
extension ChipCardReader {
    /// A secure channel to the eMRTD application and the access protocol that opened it.
    ///
    /// - Throws: ``ChipCardError`` `accessControlFailed` for a password that does not fit, or when
    ///   the chip offers no PACE this library runs and no MRZ key was given for BAC.
    func openChannel() async throws -> (SecureChannel, ChipAccessProtocol) {
        let password: PACEPassword? = cardAccessNumber.map(PACEPassword.can) ?? key.map(PACEPassword.mrz)
        if let password, let infos = try await cardAccess(),
            let info = infos.paceInfos.first(where: \.isSupported)
        {
            let pace = PACE(info: info, password: password, namesParameters: infos.paceInfos.count > 1)
            var channel = SecureChannel(transport: transport, session: try await pace.establish(over: transport))
            let select = try await channel.send(.selectApplication(BasicAccessControl.applicationIdentifier))
            try select.requireSuccess("SELECT application")
            logger.debug("PACE established", metadata: ["curve": "\(info.curve?.name ?? "")"])
            return (channel, cardAccessNumber == nil ? .paceMRZ : .paceCAN)
        }
        guard let key else {
            throw ChipCardError(
                .accessControlFailed,
                "the chip offers no PACE protocol this reader runs, and basic access control needs the MRZ"
            )
        }
        let session = try await BasicAccessControl(key: key).authenticate(over: transport)
        logger.debug("basic access control established")
        return (SecureChannel(transport: transport, session: session), .bac)
    }

    /// EF.CardAccess, or `nil` when the chip has none; a malformed one is ignored when BAC can
    /// still be tried.
    private func cardAccess() async throws -> SecurityInfos? {
        do {
            return try await SecurityInfos.read(over: transport)
        } catch let error as ChipCardError where error.code == .malformedData && key != nil {
            logger.debug("EF.CardAccess ignored", metadata: ["reason": "\(error.message)"])
            return nil
        }
    }
}

extension SecurityInfos {
    /// The file identifier of EF.CardAccess in the master file.
    package static let fileIdentifier: UInt16 = 0x011C

    /// Reads EF.CardAccess without secure messaging: SELECT the master file, SELECT `011C`,
    /// READ BINARY until the file ends.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for contents that do not parse (see
    ///   ``init(bytes:)``); `malformedResponse`; the transport's errors. A chip without the file
    ///   gives `nil`.
    package static func read(over transport: any APDUTransport) async throws -> SecurityInfos? {
        let masterFile = CommandAPDU(instruction: 0xA4, parameter1: 0x00, parameter2: 0x0C, data: [0x3F, 0x00])
        _ = try await transport.transmit(masterFile.bytes)
        let select = try ResponseAPDU(bytes: try await transport.transmit(CommandAPDU.selectFile(fileIdentifier).bytes))
        guard select.isSuccess else { return nil }
        var contents: [UInt8] = []
        while contents.count < SecureChannel.maximumFileSize {
            let command = CommandAPDU.readBinary(offset: contents.count, length: SecureChannel.chunkSize)
            let reply = try ResponseAPDU(bytes: try await transport.transmit(command.bytes))
            guard reply.isSuccess || reply.statusWord == 0x6282, reply.data.count <= SecureChannel.chunkSize else {
                if contents.isEmpty { return nil }
                break
            }
            contents += reply.data
            if reply.data.count < SecureChannel.chunkSize { break }
        }
        return try SecurityInfos(bytes: contents)
    }
}
