import Foundation

/// One of Vietnam's 63 provinces as they were before the 2025 merger.
///
/// These codes appear as the prefix of a personal ID (`0` + the code, where the birth was
/// registered) and as the province digits of an insurance card code. Since 1 July 2025 there are
/// 34 provinces with new codes, but existing numbers keep the old prefix: never derive a current
/// address from one.
public struct Province: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The two-digit code, 1–96.
    public let code: Int
    /// The province's Vietnamese name, such as `Hà Nội`.
    public let name: String

    /// The province with this code.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) when no pre-2025 province has the code.
    public init(code: Int, field: String = "province") throws(ValidationError) {
        guard let name = Province.names[code] else {
            throw ValidationError.unknownCode(field, "no province has code \(code)")
        }
        self.code = code
        self.name = name
    }

    /// The code as two digits, such as `01`.
    public var twoDigitCode: String { CalendarDate.pad(code) }

    /// `01 Hà Nội`.
    public var description: String { "\(twoDigitCode) \(name)" }

    /// Every province, ordered by code.
    public static var all: [Province] {
        names.keys.sorted().map { Province(trusted: $0) }
    }

    private init(trusted code: Int) {
        self.code = code
        self.name = Province.names[code] ?? ""
    }

    /// The 63 provinces before the 2025 merger (docs/VIETNAM-RULES.md §1).
    static let names: [Int: String] = [
        1: "Hà Nội", 2: "Hà Giang", 4: "Cao Bằng", 6: "Bắc Kạn", 8: "Tuyên Quang", 10: "Lào Cai",
        11: "Điện Biên", 12: "Lai Châu", 14: "Sơn La", 15: "Yên Bái", 17: "Hòa Bình", 19: "Thái Nguyên",
        20: "Lạng Sơn", 22: "Quảng Ninh", 24: "Bắc Giang", 25: "Phú Thọ", 26: "Vĩnh Phúc", 27: "Bắc Ninh",
        30: "Hải Dương", 31: "Hải Phòng", 33: "Hưng Yên", 34: "Thái Bình", 35: "Hà Nam", 36: "Nam Định",
        37: "Ninh Bình", 38: "Thanh Hóa", 40: "Nghệ An", 42: "Hà Tĩnh", 44: "Quảng Bình", 45: "Quảng Trị",
        46: "Thừa Thiên Huế", 48: "Đà Nẵng", 49: "Quảng Nam", 51: "Quảng Ngãi", 52: "Bình Định", 54: "Phú Yên",
        56: "Khánh Hòa", 58: "Ninh Thuận", 60: "Bình Thuận", 62: "Kon Tum", 64: "Gia Lai", 66: "Đắk Lắk",
        67: "Đắk Nông", 68: "Lâm Đồng", 70: "Bình Phước", 72: "Tây Ninh", 74: "Bình Dương", 75: "Đồng Nai",
        77: "Bà Rịa–Vũng Tàu", 79: "TP Hồ Chí Minh", 80: "Long An", 82: "Tiền Giang", 83: "Bến Tre",
        84: "Trà Vinh", 86: "Vĩnh Long", 87: "Đồng Tháp", 89: "An Giang", 91: "Kiên Giang", 92: "Cần Thơ",
        93: "Hậu Giang", 94: "Sóc Trăng", 95: "Bạc Liêu", 96: "Cà Mau",
    ]
}
