import ChipChartTesting
import Foundation
import Testing

@testable import ChipChart

@Suite("PersonName folding by table")
struct PersonNameFoldingTests {
    /// Every letter of the table, lowercase and uppercase.
    static let tableLetters: [Unicode.Scalar] = VietnameseFolding.letters.flatMap { _, variants in
        variants.unicodeScalars.flatMap { [$0] + $0.properties.uppercaseMapping.unicodeScalars }
    }

    @Test func everyLetterOfTheTableFoldsAsFoundationFoldsIt() {
        #expect(Self.tableLetters.count == 134, "67 lowercase Vietnamese letters and their capitals")
        for scalar in Self.tableLetters {
            let text = String(Character(scalar))
            #expect(VietnameseFolding.fold(text) != nil, "U+\(String(scalar.value, radix: 16)) is in the table")
            #expect(
                PersonName.fold(text) == PersonName.foldedByFoundation(text),
                "U+\(String(scalar.value, radix: 16))"
            )
        }
    }

    @Test func printableASCIIFoldsAsFoundationFoldsIt() {
        let ascii = String(decoding: Array(UInt8(0x20)...0x7E), as: UTF8.self)
        #expect(VietnameseFolding.fold(ascii) != nil)
        #expect(PersonName.fold(ascii) == PersonName.foldedByFoundation(ascii))
    }

    @Test(arguments: [
        "Nguyễn Văn A", "  Đặng   Thị\tNgọc\nÁnh ", "ĐỖ ĐỨC ĐẠT", "Ưng Hoàng Phúc", "Lê Thị Hồng-Nhung", "O'Brien",
        "\r\n", "",
    ])
    func namesOfTheTableFoldWithoutFoundation(_ text: String) {
        #expect(VietnameseFolding.fold(text) != nil)
        #expect(PersonName.fold(text) == PersonName.foldedByFoundation(text))
    }

    /// Text the table does not cover goes through Foundation: a combining mark, another script,
    /// a letter outside Vietnamese, a whitespace outside ASCII.
    @Test(arguments: ["Nguye\u{0302}\u{0303}n", "Đ\u{0301}ức", "Müller Ærø", "Иван", "Lê\u{00A0}Văn", "Straße"])
    func otherTextGoesThroughFoundation(_ text: String) {
        #expect(VietnameseFolding.fold(text) == nil)
        #expect(PersonName.fold(text) == PersonName.foldedByFoundation(text))
    }

    @Test func theNamesOfASyntheticPopulationFoldAsFoundationFoldsThem() throws {
        let population = SyntheticPopulation(seed: 11)
        for index in 0..<2_000 {
            let name = try population.person(at: index).reading.name.text
            #expect(VietnameseFolding.fold(name) != nil, "every synthetic name is covered by the table")
            #expect(PersonName.fold(name) == PersonName.foldedByFoundation(name))
        }
    }
}
