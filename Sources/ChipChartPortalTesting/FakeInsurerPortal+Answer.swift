import ChipChart
import Foundation

extension FakeInsurerPortal {
    /// A card check's JSON body for an answer: every field of the annex, empty where the
    /// insurer has nothing, `dsLichSuKCB2018` null.
    static func body(of answer: PortalAnswer, lookupLog: [PortalLookupLogEntry]) -> [String: Any] {
        var body: [String: Any] = [
            "maKetQua": answer.result.rawValue, "ghiChu": answer.message,
            "hoTen": answer.holderName?.text ?? "", "ngaySinh": answer.holderDateOfBirth?.portalText ?? "",
            "gioiTinh": answer.holderSex?.vietnamese ?? "", "diaChi": answer.holderAddress ?? "",
            "cqBHXH": answer.insuranceOffice ?? "", "dsLichSuKCB2018": NSNull(),
            "dsLichSuKT2018": lookupLog.map {
                ["userKT": $0.user, "thoiGianKT": $0.time, "thongBao": $0.message, "maLoi": $0.errorCode]
            },
        ]
        for name in [
            "maThe", "maDKBD", "gtTheTu", "gtTheDen", "maKV", "ngayDu5Nam", "maSoBHXH", "maTheCu", "maTheMoi",
            "gtTheTuMoi", "gtTheDenMoi", "maDKBDMoi", "tenDKBDMoi",
        ] {
            body[name] = answer.rawFields[name] ?? ""
        }
        return body
    }
}
