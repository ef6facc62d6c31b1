import ChipChart
import Foundation
import Testing

@Suite("PersonName")
struct PersonNameTests {
    @Test(arguments: [
        ("Nguyễn Văn A", "NGUYEN VAN A"), ("Nguyễn Văn A", "nguyen van a"), ("Đặng Thị Đào", "DANG THI DAO"),
        ("Trần  Thị\tC", "tran thi c"), ("Nguye\u{0302}\u{0303}n Va\u{0306}n A", "Nguyễn Văn A"),
    ])
    func matchesIgnoringCaseDiacriticsAndSpacing(_ left: String, _ right: String) throws {
        #expect(try PersonName(left).matches(try PersonName(right)))
    }

    @Test func differentNamesDoNotMatch() throws {
        #expect(!(try PersonName("Nguyễn Văn A").matches(try PersonName("Nguyễn Văn An"))))
        #expect(!(try PersonName("Lê Văn A").matches(try PersonName("Lễ Văn B"))))
    }

    @Test func storesNFCAndKeepsTheOriginalForDisplay() throws {
        let decomposed = "Nguye\u{0302}\u{0303}n Va\u{0306}n A"
        let name = try PersonName(decomposed)
        #expect(name.text == "Nguyễn Văn A")
        #expect(name.text.unicodeScalars.count == 12)
        #expect(name.searchKey == "nguyen van a")
        #expect(name.masked == "N. V. A.")
        #expect("\(name)" == "N. V. A.")
    }

    @Test(arguments: ["", "   ", "Nguyễn\u{0007}"])
    func rejectsEmptyOrControlCharacters(_ text: String) {
        #expect(throws: ValidationError.self) { try PersonName(text) }
    }

    /// The search key as it was always computed: `đ` and `Đ` through Foundation's search.
    static func foundationFold(_ text: String) -> String {
        let stroked = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        let folded = stroked.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test(arguments: [
        "Đặng Thị Ngọc Ánh", "Đỗ Đức Đạt", "nguyễn văn a", "Lê  Thị\tHồng", "đ", "Đ", "", "ĐĐđđ",
        "Trần Đình Đ\u{0301}ức", "d\u{0323}đ\u{0300}", "Phạm Quốc Đạt Đoàn",
    ])
    func searchKeysAreThoseFoundationGives(_ text: String) {
        #expect(PersonName.fold(text) == Self.foundationFold(text))
    }
}
