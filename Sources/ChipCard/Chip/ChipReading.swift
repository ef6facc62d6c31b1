public import ChipChart
internal import Foundation

/// Builds a ``CardReading`` from the chip's DG1 and DG13, cross-checking one against the other:
/// ``ChipChart/CardReading/init(dg1:dg13:)``.
public enum ChipReading {
    /// DG13's words for a card without expiry.
    static let noExpiryTexts: Set<String> = ["khong thoi han"]

    /// The reading the two data groups give: ``ChipChart/CardReading/init(dg1:dg13:)``.
    @available(*, deprecated, renamed: "CardReading.init(dg1:dg13:)")
    public static func reading(dg1: DataGroup1, dg13: DataGroup13) throws(ValidationError) -> CardReading {
        try make(dg1: dg1, dg13: dg13)
    }

    /// The reading the two data groups give (without the authentication outcome).
    static func make(dg1: DataGroup1, dg13: DataGroup13) throws(ValidationError) -> CardReading {
        let mrz = dg1.mrz
        let idText = dg13.text(1) ?? mrz.personalID?.digits ?? ""
        let personalID = try PersonalID(idText, field: "chip.personalID")
        if let mrzID = mrz.personalID, mrzID != personalID {
            throw ValidationError.inconsistent("chip.personalID", "DG1 and DG13 state different personal IDs")
        }
        let name = try PersonName(dg13.text(2) ?? mrz.fullName, field: "chip.name")
        guard name.matches(try PersonName(mrz.fullName, field: "chip.name")) else {
            throw ValidationError.inconsistent("chip.name", "DG1 and DG13 state different names")
        }
        let dateOfBirth =
            try dg13.text(3).map { text throws(ValidationError) in
                try DateOfBirth(parsing: text, field: "chip.dateOfBirth")
            }
            ?? .full(mrz.dateOfBirth)
        guard dateOfBirth.isCompatible(with: .full(mrz.dateOfBirth)) else {
            throw ValidationError.inconsistent("chip.dateOfBirth", "DG1 and DG13 state different birth dates")
        }
        let sex =
            try dg13.text(4).map { text throws(ValidationError) in try Sex(parsing: text, field: "chip.sex") }
            ?? mrz.sex
        if mrz.sex != .undetermined, sex != mrz.sex {
            throw ValidationError.inconsistent("chip.sex", "DG1 and DG13 state different sexes")
        }
        let issueDate = try dg13.text(11).map { text throws(ValidationError) in
            try CalendarDate(parsing: text, field: "chip.issueDate")
        }
        var expiryDate: CalendarDate? = mrz.dateOfExpiry
        var hasNoExpiry = false
        if let expiry = dg13.text(12) {
            if noExpiryTexts.contains(PersonName.fold(expiry)) {
                hasNoExpiry = true
                expiryDate = nil
            } else {
                expiryDate = try CalendarDate(parsing: expiry, field: "chip.expiryDate")
            }
        }
        var legacyID: LegacyIDNumber?
        var rawFields: [String: String] = [:]
        for number in dg13.fields.keys.sorted() where !(1...14).contains(number) {
            switch dg13.fields[number] {
            case .text(let text):
                rawFields["dg13.\(number)"] = text
                if legacyID == nil, (15...16).contains(number), let candidate = try? LegacyIDNumber(text) {
                    legacyID = candidate
                }
            case .list(let names): rawFields["dg13.\(number)"] = names.joined(separator: "|")
            case .raw(let bytes): rawFields["dg13.\(number)"] = Hex.string(bytes)
            case nil: break
            }
        }
        for number in 1...14 {
            if case .raw(let bytes) = dg13.fields[number] { rawFields["dg13.\(number)"] = Hex.string(bytes) }
        }
        let extras = CardReading.ChipExtras(
            ethnicity: dg13.text(6),
            religion: dg13.text(7),
            placeOfOrigin: dg13.text(8),
            identifyingMarks: dg13.text(10),
            nationality: dg13.text(5),
            fatherName: dg13.fatherName,
            motherName: dg13.motherName,
            spouseName: dg13.spouseName
        )
        let reading = CardReading(
            source: .chip,
            personalID: personalID,
            legacyID: legacyID,
            name: name,
            dateOfBirth: dateOfBirth,
            sex: sex,
            address: dg13.text(9),
            issueDate: issueDate,
            expiryDate: expiryDate,
            hasNoExpiry: hasNoExpiry,
            documentNumber: mrz.documentNumber,
            chipExtras: extras,
            rawFields: rawFields
        )
        return try reading.validated(as: "chip")
    }
}

extension CardReading {
    /// The reading the chip's DG1 and DG13 give (without the authentication outcome), one
    /// cross-checked against the other.
    ///
    /// - Throws: `ValidationError` with fields `chip.personalID`, `chip.name`, `chip.dateOfBirth`,
    ///   `chip.sex`, `chip.issueDate`, `chip.expiryDate` for a value that is invalid or that DG1
    ///   and DG13 disagree on, or that no chip card can state (`CardReading.validate()`: an
    ///   issue date before 2021, an address or ethnicity with a control character).
    public init(dg1: DataGroup1, dg13: DataGroup13) throws(ValidationError) {
        self = try ChipReading.make(dg1: dg1, dg13: dg13)
    }
}
