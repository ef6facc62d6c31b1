/// The ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as themselves, `A`=10 … `Z`=35,
/// `<`=0; the sum modulo 10.
public enum MRZCheckDigit {
    /// The check digit of MRZ characters, or `nil` when a character is not `0-9`, `A-Z` or `<`.
    public static func compute(_ text: some StringProtocol) -> Int? {
        let weights = [7, 3, 1]
        var sum = 0
        for (index, character) in text.utf8.enumerated() {
            guard let value = value(of: character) else { return nil }
            sum += value * weights[index % 3]
        }
        return sum % 10
    }

    /// The value of one MRZ character, or `nil` for anything else.
    static func value(of character: UInt8) -> Int? {
        switch character {
        case 0x30...0x39: return Int(character - 0x30)
        case 0x41...0x5A: return Int(character - 0x41) + 10
        case 0x3C: return 0
        default: return nil
        }
    }
}
