#if PCSC
    public import ChipCard
    internal import CPCSCLite
    internal import Synchronization

    /// An ``APDUTransport`` to a card in a PC/SC reader (pcsclite on Linux), protocol T=1.
    ///
    /// Built only with the package trait `PCSC` (`swift build --traits PCSC`), which needs
    /// `libpcsclite-dev` and a running `pcscd`.
    ///
    /// <!-- snippet: context=ChipCardContext mode=compile-only if=PCSC because=it-needs-a-contactless-reader -->
    /// ```swift
    /// import ChipCardPCSC
    ///
    /// let transport = try PCSCTransport(readerName: PCSCTransport.readerNames().first)
    /// let reading = try await ChipCardReader(transport: transport, key: try BACKey(mrz: mrz)).read()
    /// ```
    public final class PCSCTransport: APDUTransport {
        private struct Handles: Sendable {
            var context: SCARDCONTEXT
            var card: SCARDHANDLE
        }

        private let handles: Mutex<Handles>

        /// The names of the readers pcscd knows.
        ///
        /// - Throws: ``PCSCError`` when pcscd cannot be reached.
        public static func readerNames() throws(PCSCError) -> [String] {
            var context = SCARDCONTEXT()
            try PCSCError.check(
                SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context),
                "SCardEstablishContext"
            )
            defer { SCardReleaseContext(context) }
            return try names(context)
        }

        /// Connects to the card in a reader (the first reader when `readerName` is `nil`).
        ///
        /// - Throws: ``PCSCError`` when there is no reader, no card, or pcscd fails.
        public init(readerName: String? = nil) throws(PCSCError) {
            var context = SCARDCONTEXT()
            try PCSCError.check(
                SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context),
                "SCardEstablishContext"
            )
            do throws(PCSCError) {
                let available = readerName == nil ? try PCSCTransport.names(context) : []
                guard let reader = readerName ?? available.first else {
                    throw PCSCError(code: 0, operation: "SCardListReaders", message: "no reader")
                }
                var card = SCARDHANDLE()
                var activeProtocol = DWORD()
                try PCSCError.check(
                    SCardConnect(
                        context,
                        reader,
                        DWORD(SCARD_SHARE_SHARED),
                        DWORD(SCARD_PROTOCOL_T1),
                        &card,
                        &activeProtocol
                    ),
                    "SCardConnect"
                )
                handles = Mutex(Handles(context: context, card: card))
            } catch {
                SCardReleaseContext(context)
                throw error
            }
        }

        deinit {
            handles.withLock { handles in
                SCardDisconnect(handles.card, DWORD(SCARD_LEAVE_CARD))
                SCardReleaseContext(handles.context)
            }
        }

        /// Sends one APDU to the card and returns its response, status word included.
        ///
        /// - Throws: ``PCSCError`` when the exchange fails.
        public func transmit(_ apdu: [UInt8]) async throws -> [UInt8] {
            try handles.withLock { handles throws(PCSCError) -> [UInt8] in
                var request = SCARD_IO_REQUEST(
                    dwProtocol: DWORD(SCARD_PROTOCOL_T1),
                    cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size)
                )
                var response = [UInt8](repeating: 0, count: 65_538)
                var length = DWORD(response.count)
                let status = SCardTransmit(handles.card, &request, apdu, DWORD(apdu.count), nil, &response, &length)
                try PCSCError.check(status, "SCardTransmit")
                return Array(response.prefix(Int(length)))
            }
        }

        private static func names(_ context: SCARDCONTEXT) throws(PCSCError) -> [String] {
            var length = DWORD()
            try PCSCError.check(SCardListReaders(context, nil, nil, &length), "SCardListReaders")
            var buffer = [CChar](repeating: 0, count: Int(length))
            try PCSCError.check(SCardListReaders(context, nil, &buffer, &length), "SCardListReaders")
            return buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        }
    }

    /// A PC/SC call that failed.
    public struct PCSCError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The pcsclite result code.
        public let code: Int64
        /// The call that failed, such as `SCardConnect`.
        public let operation: String
        /// pcsclite's description of the code.
        public let message: String

        /// Creates an error.
        public init(code: Int64, operation: String, message: String) {
            self.code = code
            self.operation = operation
            self.message = message
        }

        /// `operation: message`.
        public var description: String { "\(operation): \(message)" }

        static func check(_ status: LONG, _ operation: String) throws(PCSCError) {
            guard status != 0 else { return }
            throw PCSCError(
                code: Int64(status),
                operation: operation,
                message: String(cString: pcsc_stringify_error(status))
            )
        }
    }
#else
    /// Without the package trait `PCSC` this module is empty: build with `--traits PCSC`.
    enum PCSCTraitDisabled {}
#endif
