public import ChipChart
public import Foundation

extension PortalAnswer {
    /// The answer in a card check's JSON body, every field read leniently: an unknown result
    /// code is kept, a field that does not parse is left `nil` (its text stays in
    /// ``PortalAnswer/rawFields``), and a card is only built from a code that validates.
    ///
    /// - Returns: `nil` when the body is not a JSON object.
    public init?(cardCheckBody data: Data) {
        guard let json = PortalJSON(data: data) else { return nil }
        self.init(cardCheck: json)
    }

    init(cardCheck json: PortalJSON) {
        let result = PortalResultCode(json.resultCode ?? "")
        self.init(result: result, message: json["ghiChu"] ?? result.meaning, rawFields: json.scalarFields)
        rawFields["maKetQua"] = result.rawValue
        let region = json.text("maKV").flatMap { try? Region(parsing: $0) }
        let fiveYears = Self.date(json.text("ngayDu5Nam"))
        card = Self.card(
            code: json.text("maThe") ?? json.text("maTheCu"),
            from: json.text("gtTheTu"),
            to: json.text("gtTheDen"),
            facility: json.text("maDKBD"),
            facilityName: json.text("tenDKBD"),
            region: region,
            fiveYears: fiveYears
        )
        newCard = Self.card(
            code: json.text("maTheMoi"),
            from: json.text("gtTheTuMoi"),
            to: json.text("gtTheDenMoi"),
            facility: json.text("maDKBDMoi"),
            facilityName: json.text("tenDKBDMoi"),
            region: region,
            fiveYears: fiveYears
        )
        holderName = json.text("hoTen").flatMap { try? PersonName($0) }
        holderDateOfBirth = json.text("ngaySinh").flatMap { try? DateOfBirth(parsing: $0) }
        holderSex = json.text("gioiTinh").flatMap(Self.sex)
        holderAddress = json.text("diaChi")
        socialInsuranceNumber = json.text("maSoBHXH").flatMap { try? SocialInsuranceNumber($0) }
        insuranceOffice = json.text("cqBHXH")
        lookupLog = json.list("dsLichSuKT2018").map { entry in
            PortalLookupLogEntry(
                user: entry["userKT"] ?? "",
                time: entry["thoiGianKT"] ?? "",
                message: entry["thongBao"] ?? "",
                errorCode: entry["maLoi"] ?? ""
            )
        }
    }

    /// A card from its fields; `nil` without a valid code.
    private static func card(
        code: String?,
        from: String?,
        to: String?,
        facility: String?,
        facilityName: String?,
        region: Region?,
        fiveYears: CalendarDate?
    ) -> Card? {
        guard let code = code.flatMap({ try? InsuranceCardCode($0) }) else { return nil }
        let validity = (try? DatePeriod(start: date(from), end: date(to))) ?? .unbounded
        return Card(
            code: code,
            registeredFacility: facility.flatMap { try? FacilityCode($0) },
            registeredFacilityName: facilityName,
            validity: validity,
            region: region,
            fiveYearDate: fiveYears
        )
    }

    /// `dd/MM/yyyy` (or the other day forms a birth date takes), to a day.
    static func date(_ text: String?) -> CalendarDate? {
        text.flatMap { try? DateOfBirth(parsing: $0) }?.date
    }

    /// `Nam`/`Nữ`, or the claims codes 1/2.
    private static func sex(_ text: String) -> Sex? {
        switch text {
        case "1": return .male
        case "2": return .female
        default: return try? Sex(parsing: text)
        }
    }
}
