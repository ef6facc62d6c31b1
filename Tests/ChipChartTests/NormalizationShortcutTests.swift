import Foundation
import Testing

@testable import ChipChart

/// Names and card codes written as stored skip the costly parts of their checks (Foundation's
/// NFC, the general parsing of a code): what they make must be what the full checks make.
@Suite("Names and card codes as stored, read by the short way")
struct NormalizationShortcutTests {
    /// Every scalar the name shortcut takes for composed.
    static let composedScalars: [Unicode.Scalar] = (UInt32(0)...0x1EFF).compactMap { value in
        guard let scalar = Unicode.Scalar(value), PersonName.isComposed(String(Character(scalar))) else { return nil }
        return scalar
    }

    @Test("every scalar taken for composed is its own NFC, a starter that composes with nothing before it")
    func composedScalarsAreNFC() {
        #expect(Self.composedScalars.count == 128 + 192 + 4 + 256)
        for scalar in Self.composedScalars {
            let text = String(Character(scalar))
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "\(scalar.value)")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "\(scalar.value)")
        }
        var all = String.UnicodeScalarView()
        all.append(contentsOf: Self.composedScalars)
        let text = String(all)
        #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test(
        "a name is normalised as NFC makes it, by either way",
        arguments: [
            "Nguyễn Văn Ánh", "Trần  Thị\tBình", "Nguye\u{0302}\u{0303}n Va\u{0306}n A", "Ngô Bảo Châu", "Đặng Thị Đào",
            "A\u{0301}nh", "\u{212B}ngström", "Ơn Ưng", "Lê Hoàng Cường ", "Phạm Thị Hương\u{0323}",
        ]
    )
    func namesAsNFC(_ raw: String) throws {
        let expected = raw.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
        #expect(Array(try PersonName(raw).text.unicodeScalars) == Array(expected.unicodeScalars))
    }

    /// The error `text` gives, or `nil`.
    static func refusal(_ text: String) -> String? {
        do {
            _ = try InsuranceCardCode(text)
            return nil
        } catch {
            return "\(error.field) \(error.message)"
        }
    }

    @Test(
        "a card code as stored (read the short way) and lowercased (the general way) read or fail alike",
        arguments: [
            "DN4010123456789", "GD4010123456789", "DN1010123456789", "ZZ4010123456789", "DN4990123456789",
            "DN4000123456789", "DN40101234567X9", "DN401012345678", "TV3010123456789",
        ]
    )
    func cardCodes(_ text: String) throws {
        let general = text.lowercased()
        #expect(Self.refusal(text) == Self.refusal(general))
        if Self.refusal(text) == nil {
            #expect(try InsuranceCardCode(text) == InsuranceCardCode(general))
            #expect(try InsuranceCardCode(text).value == text)
        }
    }
}
