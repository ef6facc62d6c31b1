import ChipChart
import Foundation

/// What a patient of the morning comes with, and what the doctor does about it: a realistic
/// outpatient mix, each with its orders from the sample catalogue and the results of its tests.
struct Scenario: Sendable {
    /// A test ordered and its result.
    struct Test: Sendable {
        let code: String
        let name: String
        let value: String
        let unit: String?
        let range: String?
    }

    let complaint: String
    let main: String
    let secondary: [String]
    let dischargeText: String
    let examination: String
    let tests: [Test]
    /// Drugs and supplies: code and quantity.
    let prescription: [(code: String, quantity: Decimal)]
    let treatment: String
    /// Admitted to a ward (inpatient) one time in `admissionOdds`; 0 never.
    let admissionOdds: UInt64
    /// The ward's department and its bed-day code.
    let ward: (department: String, bed: String)
    /// The ICD-9-CM code of a procedure performed, if any.
    var procedure: String? = nil

    static let all: [Scenario] = [
        Scenario(
            complaint: "Sốt, đau họng, ho 3 ngày",
            main: "J06.9",
            secondary: [],
            dischargeText: "Viêm đường hô hấp trên cấp",
            examination: "02.1896",
            tests: [],
            prescription: [("40.17", 10), ("40.1029", 10)],
            treatment: "Hạ sốt, bù nước, theo dõi",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Ho có đờm, sốt, khó thở nhẹ",
            main: "J20.9",
            secondary: [],
            dischargeText: "Viêm phế quản cấp",
            examination: "02.1896",
            tests: [
                Test(code: "22.0121.1370", name: "Bạch cầu (WBC)", value: "11.8", unit: "G/L", range: "4.0–10.0"),
                Test(
                    code: "18.0071.0028",
                    name: "X-quang ngực thẳng",
                    value: "Tăng đậm rốn phổi hai bên",
                    unit: nil,
                    range: nil
                ),
            ],
            prescription: [("40.48", 15), ("40.221", 10)],
            treatment: "Kháng sinh, giãn phế quản",
            admissionOdds: 12,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Đau đầu, chóng mặt",
            main: "I10",
            secondary: ["E78.5"],
            dischargeText: "Tăng huyết áp vô căn",
            examination: "02.1896",
            tests: [
                Test(
                    code: "02.0085.0075",
                    name: "Điện tim",
                    value: "Nhịp xoang, dày thất trái nhẹ",
                    unit: nil,
                    range: nil
                )
            ],
            prescription: [("40.424", 30)],
            treatment: "Hạ áp, chế độ ăn giảm muối",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Khát nhiều, tiểu nhiều, mệt",
            main: "E11.9",
            secondary: ["I10"],
            dischargeText: "Đái tháo đường type 2",
            examination: "02.1896",
            tests: [
                Test(code: "23.0075.1494", name: "Glucose", value: "9.8", unit: "mmol/L", range: "3.9–6.4"),
                Test(code: "23.0019.1506", name: "Creatinin", value: "88", unit: "µmol/L", range: "62–106"),
            ],
            prescription: [("40.574", 60), ("40.424", 30)],
            treatment: "Kiểm soát đường huyết",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Đau thượng vị, ợ chua",
            main: "K29.7",
            secondary: [],
            dischargeText: "Viêm dạ dày",
            examination: "02.1896",
            tests: [
                Test(
                    code: "18.0001.0001",
                    name: "Siêu âm ổ bụng",
                    value: "Không thấy bất thường",
                    unit: nil,
                    range: nil
                )
            ],
            prescription: [("40.677", 28)],
            treatment: "Ức chế bơm proton",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Tiêu chảy, nôn, sốt nhẹ",
            main: "A09",
            secondary: [],
            dischargeText: "Tiêu chảy nhiễm khuẩn",
            examination: "02.1898",
            tests: [],
            prescription: [("40.994", 2), ("N03.01.020", 1), ("N03.05.070", 2)],
            treatment: "Bù dịch đường tĩnh mạch",
            admissionOdds: 5,
            ward: ("K03", "K03.1919")
        ),
        Scenario(
            complaint: "Đau thắt lưng sau mang vác",
            main: "M54.5",
            secondary: [],
            dischargeText: "Đau thắt lưng",
            examination: "02.1900",
            tests: [],
            prescription: [("40.17", 20)],
            treatment: "Giảm đau, nghỉ ngơi",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Tiểu buốt, tiểu rắt",
            main: "N39.0",
            secondary: [],
            dischargeText: "Nhiễm khuẩn đường tiết niệu",
            examination: "02.1896",
            tests: [
                Test(
                    code: "23.0206.1596",
                    name: "Bạch cầu niệu",
                    value: "Dương tính (+++)",
                    unit: nil,
                    range: "Âm tính"
                )
            ],
            prescription: [("40.48", 21)],
            treatment: "Kháng sinh",
            admissionOdds: 0,
            ward: ("K02", "K02.1918")
        ),
        Scenario(
            complaint: "Ngã, vết rách cẳng tay",
            main: "S51.8",
            secondary: [],
            dischargeText: "Vết thương phần mềm cẳng tay",
            examination: "02.1900",
            tests: [],
            prescription: [("10.0842.0550", 1), ("N02.01.010", 1), ("40.17", 10)],
            treatment: "Khâu vết thương",
            admissionOdds: 0,
            ward: ("K02", "K02.1918"),
            procedure: "86.59"
        ),
        Scenario(
            complaint: "Đau đầu dữ dội, nôn",
            main: "R51",
            secondary: ["I10"],
            dischargeText: "Đau đầu chưa rõ nguyên nhân",
            examination: "02.1896",
            tests: [
                Test(code: "18.0170.0041", name: "CT sọ não", value: "Không thấy tổn thương cấp", unit: nil, range: nil)
            ],
            prescription: [("40.17", 10)],
            treatment: "Giảm đau, theo dõi",
            admissionOdds: 8,
            ward: ("K02", "K02.1918")
        ),
    ]
}
