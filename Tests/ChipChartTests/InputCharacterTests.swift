import ChipChart
import Foundation
import Testing

/// Characters no card holds: invisible and bidirectional-control characters in names and card
/// texts, digits of other scripts in numbers.
@Suite("Input characters")
struct InputCharacterTests {
    @Test(arguments: [
        "\u{200B}", "\u{200B}\u{200F}\u{FEFF}", "\u{2060}\u{200D}", "\u{00AD}", "\u{3164}",
        "Nguyễn \u{202E}A nă\u{202C}V", "\u{2066}Nguyễn Văn A\u{2069}", "Nguyễn\u{202A} Văn A", "Nguyễn\u{200B}Văn A",
        "Nguyễn\u{1B}[31m Văn A", "Nguyễn\u{7F}Văn", "\u{0301}",
    ])
    func aNameOfInvisibleOrDirectionControlCharactersIsRejected(_ text: String) {
        #expect {
            try PersonName(text, field: "qr.name")
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "qr.name" && error?.reason == .invalidCharacter
        }
    }

    @Test(arguments: ["Nguyễn Văn A", "Đặng Thị Đào", "H'Hen Niê", "Nguyễn-Lê Anh", "JOHN O'NEIL JR."])
    func aNameOfLettersIsAccepted(_ text: String) throws {
        #expect(try PersonName(text).text == text)
    }

    /// A name stored before the stricter rules still reads back from an archive or a database.
    @Test func aStoredNameIsHeldToTheRulesItWasStoredUnder() throws {
        let stored = try JSONDecoder().decode([PersonName].self, from: Data(#"["Nguyễn\u200bVăn A"]"#.utf8))
        #expect(stored.first?.text == "Nguyễn\u{200B}Văn A")
        #expect(throws: ValidationError.self) { try PersonName("Nguyễn\u{200B}Văn A") }
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([PersonName].self, from: Data(#"["Nguyễn\u001bVăn"]"#.utf8))
        }
    }

    /// Digits of other scripts look like digits but are not the number: the message says what is
    /// wrong, never "has 12 digits, got 12 characters".
    @Test(arguments: [
        ("００１０９９０１２３４５", "personalID"),
        ("٠٠١٠٩٩٠١٢٣٤٥", "personalID"),
        ("۰۰۱۰۹۹۰۱۲۳۴۵", "personalID"),
        ("０１２３４５６７８", "legacyID"),
        ("０１２３４５６７８９", "socialInsuranceNumber"),
        ("DN4０1０123456789", "insuranceCardCode"),
        ("Ｃ１２３４５６７", "passportNumber"),
        ("０１００１", "facilityCode"),
        ("０１０１１９９９", "dateOfBirth"),
        ("１９９９", "dateOfBirth"),
        ("１５/０４/２０２１", "date"),
    ])
    func digitsOfAnotherScriptAreNamedAsSuch(_ text: String, _ field: String) {
        #expect {
            switch field {
            case "personalID": _ = try PersonalID(text)
            case "legacyID": _ = try LegacyIDNumber(text)
            case "socialInsuranceNumber": _ = try SocialInsuranceNumber(text)
            case "insuranceCardCode": _ = try InsuranceCardCode(text)
            case "facilityCode": _ = try FacilityCode(text)
            case "dateOfBirth": _ = try DateOfBirth(parsing: text)
            case "date": _ = try CalendarDate(parsing: text)
            default: _ = try PassportNumber(text)
            }
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == field && error.reason == .invalidCharacter && error.message.contains("ASCII")
        }
    }
}
