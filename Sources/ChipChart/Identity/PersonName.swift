import Foundation

/// A person's full name, kept as written and compared as people compare names at a desk.
///
/// The stored text is Unicode NFC with single spaces (scanners and keyboards may deliver
/// decomposed diacritics). Two names *match* when they are equal after removing case and
/// diacritics, so the chip's `Nguyễn Văn A` matches the MRZ's `NGUYEN VAN A`. `==` compares the
/// stored text exactly; use ``matches(_:)`` for matching.
///
/// ```swift
/// let name = try PersonName("Nguyễn Văn A")
/// print(name.matches(try PersonName("NGUYEN VAN A")))   // true
/// print(name.searchKey)                                 // "nguyen van a"
/// ```
public struct PersonName: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name for display, NFC-normalised, single-spaced.
    public let text: String

    /// Normalises and validates a name.
    ///
    /// Whitespace of any kind (tabs and line breaks included) separates words and is stored as
    /// single spaces.
    ///
    /// - Throws: ``ValidationError`` (`missing`) for an empty name, (`wrongLength`) past 255
    ///   characters, (`invalidCharacter`) for a name holding a control or format character
    ///   (zero-width spaces, bidirectional marks, embeddings, overrides and isolates, terminal
    ///   escapes) or another character that renders as nothing, or holding no letter at all.
    public init(_ raw: some StringProtocol, field: String = "name") throws(ValidationError) {
        let text = try Self.normalize(raw, field: field)
        if let scalar = text.unicodeScalars.first(where: TextCheck.isForbidden) {
            throw ValidationError.invalidCharacter(field, "the name holds \(TextCheck.describe(scalar))")
        }
        guard text.unicodeScalars.contains(where: \.properties.isAlphabetic) else {
            throw ValidationError.invalidCharacter(field, "the name holds no letter")
        }
        self.text = text
    }

    /// A name read back from storage that holds exactly a ``text`` this type produced: it is
    /// neither normalised nor validated again (the cost of every read of a stored patient).
    package init(storedText text: String) {
        self.text = text
    }

    /// The name without case or diacritics (`đ` becomes `d`): the key for matching and search.
    public var searchKey: String { PersonName.fold(text) }

    /// True when the names are the same ignoring case and diacritics.
    public func matches(_ other: PersonName) -> Bool { searchKey == other.searchKey }

    /// The surname (first word), as Vietnamese names are written.
    public var surname: String { text.split(separator: " ").first.map(String.init) ?? text }

    /// The form for logs: each word's initial only (`N. V. A.`).
    public var masked: String { text.split(separator: " ").map { "\($0.prefix(1))." }.joined(separator: " ") }

    /// The masked form: interpolation never leaks a name into a log.
    public var description: String { masked }

    /// Encodes the stored text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// Decodes and normalises a stored name (an archive, a database row).
    ///
    /// A stored name is held to the rules it was stored under: it is not empty, not longer than
    /// 255 characters and holds no control character. The stricter rules of ``init(_:field:)``
    /// (no format character, at least one letter) apply to names that enter, so that a record
    /// stored before them still reads back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try Self.normalize(try container.decode(String.self), field: "name")
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError.invalidCharacter("name", "the name holds a control character")
        }
        self.text = text
    }

    /// NFC, single spaces, not empty, at most 255 characters.
    private static func normalize(_ raw: some StringProtocol, field: String) throws(ValidationError) -> String {
        let given = String(raw)
        let normalized = isComposed(given) ? given : given.precomposedStringWithCanonicalMapping
        let text = normalized.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !text.isEmpty else {
            throw ValidationError.missing(field, "the name is empty")
        }
        guard text.count <= 255 else {
            throw ValidationError.wrongLength(field, "a name has at most 255 characters")
        }
        return text
    }

    /// Whether `text` is in NFC already because every scalar is one that NFC leaves as it is
    /// and never composes with the one before: ASCII, and the precomposed Latin letters names
    /// are written with (Latin-1's, Latin Extended-A's, Ơ ơ Ư ư and Latin Extended
    /// Additional's, which holds Vietnamese's letters with two marks). Any other scalar, a
    /// combining mark above all, leaves the text to Foundation's normalisation.
    static func isComposed(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0...0x7F, 0xC0...0x17F, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1E00...0x1EFF: true
            default: false
            }
        }
    }
}
