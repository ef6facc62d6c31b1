import Foundation

extension PersonName {
    /// Lowercased, diacritics removed, `đ`→`d`, whitespace collapsed: the ``searchKey`` of any text.
    ///
    /// Text of ASCII and precomposed Vietnamese letters — every name a chip or a desk writes, once
    /// normalised — is folded letter by letter from a table, without Foundation; any other text
    /// goes through Foundation's folding. Both give the same key for every letter of the table.
    public static func fold(_ text: String) -> String {
        VietnameseFolding.fold(text) ?? foldedByFoundation(text)
    }

    /// The search key through Foundation's folding: for text the table does not cover.
    static func foldedByFoundation(_ text: String) -> String {
        let stroked = unstroked(text)
        let folded = stroked.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `đ` and `Đ` replaced by `d` and `D`. The letters have no decomposition, so they are found
    /// by their scalars; a string where a combining mark might join them goes through Foundation's
    /// search, as it always did.
    private static func unstroked(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { $0 == "đ" || $0 == "Đ" }) else { return text }
        guard !scalars.contains(where: { $0.properties.canonicalCombiningClass != .notReordered }) else {
            return text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        }
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            switch scalar {
            case "đ": result.append("d")
            case "Đ": result.append("D")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

/// Search keys of text written in printable ASCII and precomposed Vietnamese letters, folded by
/// table: each letter becomes its lowercase base letter, runs of whitespace one space.
enum VietnameseFolding {
    /// Each base letter and the precomposed lowercase letters that fold to it; the uppercase
    /// letters are their Unicode uppercase mappings.
    static let letters: [(base: Unicode.Scalar, variants: String)] = [
        ("a", "àáảãạăằắẳẵặâầấẩẫậ"), ("d", "đ"), ("e", "èéẻẽẹêềếểễệ"), ("i", "ìíỉĩị"),
        ("o", "òóỏõọôồốổỗộơờớởỡợ"), ("u", "ùúủũụưừứửữự"), ("y", "ỳýỷỹỵ"),
    ]

    /// The folded ASCII byte of each scalar below U+1F00, indexed by its value; 0 where the
    /// scalar is not covered (ASCII controls other than whitespace, any other letter or mark).
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x1F00)
        for byte in UInt8(0x20)...0x7E {
            table[Int(byte)] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
        }
        for byte in UInt8(0x09)...0x0D { table[Int(byte)] = 0x20 }
        for (base, variants) in letters {
            for scalar in variants.unicodeScalars {
                let forms = [scalar] + scalar.properties.uppercaseMapping.unicodeScalars
                for form in forms where form.value < UInt32(table.count) {
                    table[Int(form.value)] = UInt8(base.value)
                }
            }
        }
        return table
    }()

    /// The search key of `text`, or nil when it holds a scalar outside the table.
    static func fold(_ text: String) -> String? {
        let table = Self.table
        var covered = true
        let folded = String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            // Every covered scalar folds to one byte, never more than it takes in UTF-8.
            var count = 0
            var spaceBefore = false
            for scalar in text.unicodeScalars {
                let byte = scalar.value < UInt32(table.count) ? table[Int(scalar.value)] : 0
                guard byte != 0 else {
                    covered = false
                    return 0
                }
                if byte == 0x20 {
                    spaceBefore = count > 0
                    continue
                }
                if spaceBefore {
                    buffer[count] = 0x20
                    count += 1
                    spaceBefore = false
                }
                buffer[count] = byte
                count += 1
            }
            return count
        }
        return covered ? folded : nil
    }
}
