import ChipChart
import Testing

@Suite("InsuranceCardCode")
struct InsuranceCardCodeTests {
    @Test func splitsAValidCode() throws {
        let code = try InsuranceCardCode("dn4010123456789")
        #expect(code.value == "DN4010123456789")
        #expect(code.group.code == "DN")
        #expect(code.level.digit == 4)
        #expect(code.province.name == "Hà Nội")
        #expect(code.socialInsuranceNumber.digits == "0123456789")
        #expect(code.masked == "DN401*******789")
    }

    /// docs/VIETNAM-RULES.md §2: each group with its level.
    static let table: [(String, Int)] = [
        ("CC", 1), ("TE", 1),
        ("CK", 2), ("CB", 2), ("KC", 2), ("HN", 2), ("DT", 2), ("DK", 2), ("XD", 2), ("BT", 2), ("TS", 2),
        ("HT", 3), ("TC", 3), ("CN", 3),
        ("DN", 4), ("HX", 4), ("CH", 4), ("NN", 4), ("TK", 4), ("HC", 4), ("XK", 4), ("TB", 4), ("NO", 4),
        ("CT", 4), ("XB", 4), ("TN", 4), ("CS", 4), ("XN", 4), ("MS", 4), ("HD", 4), ("TQ", 4), ("TA", 4),
        ("TY", 4), ("HG", 4), ("LS", 4), ("PV", 4), ("HS", 4), ("SV", 4), ("GB", 4), ("GD", 4),
        ("QN", 5), ("CA", 5), ("CY", 5),
    ]

    @Test(arguments: table)
    func everyGroupHasItsLevel(_ group: String, _ level: Int) throws {
        let code = try InsuranceCardCode("\(group)\(level)790123456789")
        #expect(code.group.level.digit == level)
        #expect(code.level.digit == level)
        let wrong = level == 4 ? 3 : 4
        #expect {
            try InsuranceCardCode("\(group)\(wrong)790123456789")
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "insuranceCardCode.benefitLevel" && error?.reason == .inconsistent
        }
    }

    @Test func theTableIsComplete() {
        #expect(BeneficiaryGroup.all.count == Self.table.count + 1)  // + TV, whose level is open
    }

    @Test func tvAcceptsAnyLevel() throws {
        for level in 1...5 {
            #expect(try InsuranceCardCode("TV\(level)010123456789").group.hasConfirmedLevel == false)
        }
    }

    @Test(arguments: [
        ("DN1010123456789", "insuranceCardCode.benefitLevel", "inconsistent"),  // DN is level 4
        ("ZZ4010123456789", "insuranceCardCode.group", "unknownCode"),
        ("DN6010123456789", "insuranceCardCode.benefitLevel", "unknownCode"),
        ("DN4030123456789", "insuranceCardCode.province", "unknownCode"),  // 03 is no province
        ("DN401012345678", "insuranceCardCode", "wrongLength"),
        ("DN40101234567X9", "insuranceCardCode", "invalidCharacter"),
        ("D14010123456789", "insuranceCardCode.group", "invalidCharacter"),
    ])
    func rejectionsNameThePart(_ text: String, _ field: String, _ reason: String) {
        #expect {
            try InsuranceCardCode(text)
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == field && error?.reason.name == reason
        }
    }

    @Test(arguments: [(1, 100), (2, 100), (3, 95), (4, 80), (5, 100)])
    func benefitLevelsSetTheFundShare(_ digit: Int, _ percent: Int) throws {
        #expect(try BenefitLevel(digit).fundSharePercent == percent)
    }

    @Test func facilityAndRegionCodes() throws {
        #expect(try FacilityCode("01001").value == "01001")
        #expect(throws: ValidationError.self) { try FacilityCode("0100") }
        #expect(throws: ValidationError.self) { try FacilityCode("01-01") }
        #expect(try Region(parsing: "k2") == .k2)
        #expect(throws: ValidationError.self) { try Region(parsing: "K4") }
        #expect(throws: ValidationError.self) { try SocialInsuranceNumber("012345678") }
    }

    @Test func portalResultCodesKeepUnknownOnes() {
        #expect(PortalResultCode("003") == .replacedOldExpired)
        #expect(PortalResultCode.known.count == 26)
        let unknown = PortalResultCode("999")
        #expect(!unknown.isKnown && unknown.rawValue == "999")
    }
}
