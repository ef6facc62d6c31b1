internal import ChipCard
internal import ChipChart
internal import ChipChartTesting
internal import Foundation

/// Seeded mutation fuzzing of the card parsers: hostile bytes must give an error, never a crash,
/// a hang or an allocation larger than the input.
///
/// Each target starts from valid seeds (the synthetic card's QR, MRZ, DG1, DG13, EF.SOD and the
/// ICAO 9303 secure-messaging replies, EF.CardAccess and the PACE replies of ICAO 9303-11
/// Appendix G) and feeds the parser mutated copies and random bytes.
/// The same seed gives the same inputs on every machine.
///
/// ```swift
/// let report = try ParserFuzzer.run(.dg13, iterations: 100_000, seed: 1)
/// ```
public enum ParserFuzzer {
    /// A parser under test.
    public enum Target: String, CaseIterable, Sendable {
        /// ``ChipChart/CardReading/init(qrCode:)``.
        case qr
        /// ``MRZ/init(lines:)`` and ``ChipChart/CardReading/init(mrz:)``.
        case mrz
        /// ``BERTLV``, walked to every depth.
        case tlv
        /// ``DataGroup1/init(bytes:)``.
        case dg1
        /// ``DataGroup13/init(bytes:)`` and the chip reading built from it.
        case dg13
        /// ``SecurityObject/init(bytes:)`` (CMS through OpenSSL, then the LDS security object).
        case sod
        /// ``SecureMessaging/unprotect(_:)``.
        case secureMessagingReply
        /// EF.CardAccess: ``SecurityInfos/init(bytes:)``.
        case cardAccess
        /// PACE's GENERAL AUTHENTICATE replies (``GeneralAuthenticate/value(of:in:)``), and the
        /// chip's points in them decoded and checked on brainpoolP256r1.
        case paceReply
        /// ``DataGroup15/init(bytes:)`` (the SubjectPublicKeyInfo through OpenSSL).
        case dg15
        /// The chip's reply to INTERNAL AUTHENTICATE: ``ActiveAuthentication/verify(signature:challenge:key:hash:)``
        /// with RSA (ISO/IEC 9796-2) and ECDSA keys.
        case activeAuthenticationReply
        /// DG14: ``SecurityInfos/init(dataGroup14:)`` with its chip-authentication entries and
        /// their public keys checked on the curve.
        case dg14
    }

    /// What a run did.
    public struct Report: Sendable, CustomStringConvertible {
        /// The target.
        public let target: Target
        /// Inputs tried.
        public let iterations: Int
        /// Inputs the parser accepted.
        public let accepted: Int
        /// Inputs the parser rejected with an error.
        public let rejected: Int
        /// The largest input tried, in bytes.
        public let largestInput: Int
        /// Wall-clock seconds.
        public let seconds: Double

        /// One line: target, counts, time.
        public var description: String {
            let rate = seconds > 0 ? Int(Double(iterations) / seconds) : 0
            return "\(target.rawValue): \(iterations) inputs, \(accepted) accepted, \(rejected) rejected, "
                + "largest \(largestInput) bytes, \(String(format: "%.2f", seconds)) s (\(rate)/s)"
        }
    }

    /// The largest input produced, in bytes.
    public static let maximumInputSize = 4096

    /// Runs one target.
    ///
    /// - Throws: an error only when the seeds cannot be built (the test PKI fails).
    public static func run(_ target: Target, iterations: Int, seed: UInt64) throws -> Report {
        var run = try Run(target: target, seed: seed)
        run.step(iterations)
        return run.report
    }

    /// Runs one target in slices of `slice` inputs, yielding between them, so a long run shares
    /// the cooperative thread pool with other tasks (tests running in parallel).
    ///
    /// - Throws: an error only when the seeds cannot be built (the test PKI fails).
    public static func runYielding(
        _ target: Target,
        iterations: Int,
        seed: UInt64,
        slice: Int = 500
    ) async throws -> Report {
        var run = try Run(target: target, seed: seed)
        while run.iterations < iterations {
            run.step(min(max(slice, 1), iterations - run.iterations))
            await Task.yield()
        }
        return run.report
    }
}

/// One fuzzing run in progress.
private struct Run {
    let corpus: Corpus
    var generator: Mutator
    var iterations = 0
    var accepted = 0
    var largest = 0
    let start = Date()

    init(target: ParserFuzzer.Target, seed: UInt64) throws {
        corpus = try Corpus(target: target)
        generator = Mutator(seed: seed)
    }

    mutating func step(_ count: Int) {
        for _ in 0..<count {
            let index = Int(generator.next() % UInt64(corpus.seeds.count))
            let input = generator.mutate(corpus.seeds[index], splice: corpus.seeds)
            largest = max(largest, input.count)
            if corpus.accepts(input, seedIndex: index) { accepted += 1 }
        }
        iterations += count
    }

    var report: ParserFuzzer.Report {
        ParserFuzzer.Report(
            target: corpus.target,
            iterations: iterations,
            accepted: accepted,
            rejected: iterations - accepted,
            largestInput: largest,
            seconds: Date().timeIntervalSince(start)
        )
    }
}

/// The valid starting inputs of a target and the call that parses one.
private struct Corpus {
    let target: ParserFuzzer.Target
    let seeds: [[UInt8]]
    private let sessions: [SecureMessaging]
    private let activeAuthenticationKeys: [DataGroup15]

    init(target: ParserFuzzer.Target) throws {
        self.target = target
        let card = try SimulatedCard.sample
        let mrz = try MRZ(lines: card.mrzLines)
        var sessions: [SecureMessaging] = []
        var keys: [DataGroup15] = []
        switch target {
        case .qr:
            seeds = [
                "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|15042021",
                "001099012345||Nguyễn Văn A|1999|Nam||15042021|Nguyễn Văn B|001070012345",
            ].map { Array($0.utf8) }
        case .mrz:
            seeds = [Array(card.mrzLines.joined(separator: "\n").utf8)]
        case .dg1:
            seeds = [DataGroup1.encode(mrz)]
        case .tlv, .dg13:
            let chip = try SimulatedChip(card: card, pki: try SimulatedPKI())
            seeds = [chip.files[LDSFile.dg13.identifier] ?? [], DataGroup1.encode(mrz)]
        case .sod:
            let chip = try SimulatedChip(card: card, pki: try SimulatedPKI())
            seeds = [chip.files[LDSFile.sod.identifier] ?? []]
        case .secureMessagingReply:
            (seeds, sessions) = try Corpus.secureMessagingSeeds()
        case .cardAccess:
            seeds = [
                Corpus.hex("31143012060A04007F0007020204020202010202010D"),
                Corpus.hex("3125300F060A04007F000702020302010201013012060A04007F0007020204020202010202010D"),
                BERTLV.encode(tag: 0x31, value: PACEInfo.ecdhGeneric(.aes256, parameterID: 17).encoded),
            ]
        case .paceReply:
            seeds = Corpus.paceReplySeeds
        case .dg14:
            let key = try SimulatedChipAuthenticationKey(cipher: .tripleDES, cloned: false).dataGroup14
            let others = [
                ChipAuthenticationInfo(cipher: .aes256, keyID: 7).encoded,
                PACEInfo.ecdhGeneric(.aes128, parameterID: 13).encoded,
            ]
            seeds = [key, SecurityInfos.encodeDataGroup14(others)]
        case .dg15, .activeAuthenticationReply:
            let signers = try [
                SimulatedActiveAuthenticationKey(.rsa(bits: 1024)), SimulatedActiveAuthenticationKey(.p256),
            ]
            keys = try signers.map { signer throws(ChipCardError) in try DataGroup15(bytes: signer.dataGroup15) }
            if target == .dg15 {
                seeds = signers.map(\.dataGroup15)
            } else {
                seeds = try signers.map { signer throws(ChipCardError) in try signer.sign(challenge: Corpus.challenge) }
            }
        }
        self.sessions = sessions
        self.activeAuthenticationKeys = keys
    }

    func accepts(_ input: [UInt8], seedIndex: Int) -> Bool {
        switch target {
        case .qr:
            return (try? CardReading(qrCode: String(decoding: input, as: UTF8.self))) != nil
        case .mrz:
            let lines = String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)
            guard let mrz = try? MRZ(lines: lines) else { return false }
            _ = try? CardReading(mrz: mrz)
            return true
        case .tlv:
            return Corpus.walk(input, depth: 0)
        case .dg1:
            return (try? DataGroup1(bytes: input)) != nil
        case .dg13:
            guard let dg13 = try? DataGroup13(bytes: input) else { return false }
            _ = dg13.fatherName
            return true
        case .sod:
            return (try? SecurityObject(bytes: input)) != nil
        case .secureMessagingReply:
            var session = sessions[seedIndex]
            return (try? session.unprotect(input)) != nil
        case .cardAccess:
            return (try? SecurityInfos(bytes: input)) != nil
        case .paceReply:
            let tag = Corpus.paceReplyTags[seedIndex]
            guard let value = try? GeneralAuthenticate.value(of: tag, in: input) else { return false }
            if tag == 0x82 || tag == 0x84, let curve = PACECurve(parameterID: 13) {
                _ = try? curve.multiply([1], value)
            }
            return true
        case .dg15:
            return (try? DataGroup15(bytes: input)) != nil
        case .dg14:
            guard let infos = try? SecurityInfos(dataGroup14: input) else { return false }
            _ = infos.chipAuthentication
            return true
        case .activeAuthenticationReply:
            let key = activeAuthenticationKeys[seedIndex]
            return ActiveAuthentication.verify(signature: input, challenge: Corpus.challenge, key: key)
        }
    }

    /// The INTERNAL AUTHENTICATE challenge the reply seeds sign.
    static let challenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]

    /// Parses an element and, recursively, every constructed child, up to a fixed depth.
    static func walk(_ bytes: [UInt8], depth: Int) -> Bool {
        guard depth < 32, let elements = try? BERTLV.sequence(parsing: bytes) else { return false }
        for element in elements where element.isConstructed {
            _ = walk(element.value, depth: depth + 1)
        }
        return true
    }

    static func hex(_ text: String) -> [UInt8] { Hex.bytes(text) ?? [] }

    /// The tags the chip's four GENERAL AUTHENTICATE replies carry, in step order.
    static let paceReplyTags: [UInt8] = [0x80, 0x82, 0x84, 0x86]

    /// The chip's GENERAL AUTHENTICATE replies of ICAO 9303-11 Appendix G.1 (data, no status word).
    static let paceReplySeeds: [[UInt8]] = [
        "7C12801095A3A016522EE98D01E76CB6B98B42C3",
        "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
            + "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54",
        "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
            + "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094",
        "7C0A86083ABB9674BCE93C08",
    ].map(hex)

    /// The ICAO 9303-11 Appendix D replies, each with the session state that verifies it.
    static func secureMessagingSeeds() throws -> ([[UInt8]], [SecureMessaging]) {
        let keys = SessionKeys(
            seed: zip(hex("0B795240CB7049B01C19B33E32804F0B"), hex("0B4F80323EB3191CB04970CB4052790B")).map { $0 ^ $1 }
        )
        var session = SecureMessaging(keys: keys, sendSequenceCounter: 0x8870_2212_0C06_C226)
        let replies = [
            hex("990290008E08FA855A5D4C50A8ED9000"),
            hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"),
            hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"),
        ]
        let commands: [CommandAPDU] = [
            .selectFile(0x011E), .readBinary(offset: 0, length: 4), .readBinary(offset: 4, length: 0x12),
        ]
        var sessions: [SecureMessaging] = []
        for (command, reply) in zip(commands, replies) {
            _ = try session.protect(command)
            sessions.append(session)
            _ = try session.unprotect(reply)
        }
        return (replies, sessions)
    }
}

/// The byte mutations, drawn from a seeded generator.
private struct Mutator {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    private static let interesting: [UInt8] = [
        0x00, 0x01, 0x02, 0x06, 0x0C, 0x1E, 0x30, 0x31, 0x3C, 0x7C, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xFF,
    ]

    mutating func mutate(_ seed: [UInt8], splice corpus: [[UInt8]]) -> [UInt8] {
        if below(16) == 0 {
            return (0..<below(300)).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
        var bytes = seed
        for _ in 0...below(4) {
            let position = below(bytes.count + 1)
            switch below(9) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= 1 << UInt8(below(8))
            case 1 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = Mutator.interesting[below(Mutator.interesting.count)]
            case 3:
                bytes.insert(
                    contentsOf: (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: next()) },
                    at: position
                )
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + below(16))
                bytes.removeSubrange(min(position, bytes.count - 1)..<end)
            case 5 where !bytes.isEmpty:
                let start = min(position, bytes.count - 1)
                let chunk = bytes[start..<min(bytes.count, start + 1 + below(32))]
                bytes.insert(contentsOf: chunk, at: below(bytes.count + 1))
            case 6:
                bytes = Array(bytes.prefix(position))
            case 7:
                let other = corpus[below(corpus.count)]
                let cut = below(other.count + 1)
                bytes = Array(bytes.prefix(position)) + other[cut...]
            default:
                bytes.insert(Mutator.interesting[below(Mutator.interesting.count)], at: position)
            }
        }
        return Array(bytes.prefix(ParserFuzzer.maximumInputSize))
    }
}
