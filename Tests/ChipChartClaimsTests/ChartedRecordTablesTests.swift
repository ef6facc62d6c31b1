import ChipChart
import ChipChartClaims
import Foundation
import Testing

/// The record's tables after XML3 (XML4, 5, 7, 8, 11, 13, 14) of charted visits: golden files,
/// the envelope's order, the validator's rules, and the health book's files for a self-pay visit.
@Suite("Record tables of charted visits")
struct ChartedRecordTablesTests {
    /// The tables each fixture's claim carries after XML3, in order.
    static let expectedTables: [String: [String]] = [
        "charted-outpatient": ["XML4", "XML5", "XML14"],
        "charted-inpatient": ["XML4", "XML5", "XML7", "XML8", "XML11", "XML13", "XML14"],
    ]

    @Test(arguments: ["charted-outpatient", "charted-inpatient"])
    func recordTablesMatchTheGoldenFiles(_ name: String) async throws {
        let claim = try Claim(try await ChartedClaimTests.input(name))
        #expect(claim.violations.isEmpty, "\(claim.violations)")
        #expect(claim.records.map(\.table.fileType) == Self.expectedTables[name])
        for document in claim.records {
            try ClaimGoldenTests.compare(document.xml, toGolden: "\(name)-\(document.table.fileType.lowercased()).xml")
        }
        let sent = claim.envelopeDocuments.map(\.table.fileType)
        #expect(sent == ["XML1", "XML2", "XML3"] + (Self.expectedTables[name] ?? []))
    }

    @Test("the inpatient stay's papers carry the chart's discharge, referral and sick leave")
    func inpatientPapers() async throws {
        let claim = try Claim(try await ChartedClaimFixtures.inpatient())
        let paper = { (type: String) in claim.records.first { $0.table.fileType == type }?.rows.first }
        let referral = try #require(paper("XML13"))
        #expect(referral["MA_CSKCB_DEN"] == "01002", "a discharge in 2026 takes Decision 3176's form")
        #expect(referral["MA_NOI_DEN"] == nil)
        #expect(referral["GIAY_CHUYEN_TUYEN"] == "CT-2026-0042")
        #expect(referral["HUONG_DIEU_TRI"] == "Cần chụp CT ngực")
        #expect(paper("XML11")?["SO_NGAY_NGHI"] == "7")
        #expect(paper("XML11")?["TU_NGAY"] == "20260304")
        #expect(paper("XML14")?["NGAY_HEN_KL"] == "20260318")
        #expect(paper("XML7")?["MA_KHOA_RV"] == "K19")
        #expect(paper("XML8")?["CHAN_DOAN_RV"] == "Viêm phổi thùy dưới phải")
        let results = try #require(claim.records.first { $0.table.fileType == "XML4" })
        #expect(results.rows.map { $0["GIA_TRI"] } == ["15.2", "Đám mờ thùy dưới phổi phải"])
    }

    @Test(
        "each record table reads back as written by an XML parser",
        arguments: ["charted-outpatient", "charted-inpatient"]
    )
    func recordTablesReadBack(_ name: String) async throws {
        let claim = try Claim(try await ChartedClaimTests.input(name))
        for document in claim.records {
            #expect(try ClaimRoundTripTests.rows(of: document.xml, table: document.table) == document.rows)
        }
    }

    /// Per new table: a required field and a field with a maximum length.
    static let rules: [(String, String, String, Int)] = [
        ("XML4", "TEN_CHI_SO", "MA_DICH_VU", 50), ("XML5", "DIEN_BIEN_LS", "NGUOI_THUC_HIEN", 255),
        ("XML7", "CHAN_DOAN_RV", "MA_KHOA_RV", 200), ("XML8", "CHAN_DOAN_RV", "HO_TEN_CHA", 255),
        ("XML11", "TU_NGAY", "SO_CT", 200), ("XML13", "GIAY_CHUYEN_TUYEN", "PHUONGTIEN_VC", 255),
        ("XML14", "NGAY_HEN_KL", "SO_GIAYHEN_KL", 50),
    ]

    @Test("the validator names a missing required field and a too-long one in each new table", arguments: rules)
    func validatorCatchesMissingAndTooLong(
        _ type: String,
        _ required: String,
        _ limited: String,
        _ limit: Int
    )
        async throws
    {
        let claim = try Claim(try await ChartedClaimFixtures.inpatient())
        let document = try #require(claim.records.first { $0.table.fileType == type })
        func setting(_ field: String, to text: String) throws -> ClaimDocument {
            var changed = document
            let index = try #require(changed.rows[0].values.firstIndex { $0.name == field })
            changed.rows[0].values[index].text = text
            return changed
        }
        let missing = ClaimValidator.violations(in: try setting(required, to: ""))
        #expect(missing.map(\.field) == [required])
        #expect(missing.first?.reason.name == "missing")
        #expect(missing.first?.table == type)
        let long = ClaimValidator.violations(in: try setting(limited, to: String(repeating: "Ă", count: limit + 1)))
        #expect(long.map(\.field) == [limited])
        #expect(long.first?.reason.name == "wrongLength")
    }

    @Test("a self-pay visit's health-book claim has XML1 and XML8 and passes the validator")
    func healthBookOfASelfPayVisit() async throws {
        var input = try await ChartedClaimFixtures.outpatient()
        input.visit.appliedCoverages = []
        #expect(try Claim(input).records.map(\.table.fileType) == ["XML4", "XML5", "XML14"])
        input.isForHealthBook = true
        let claim = try Claim(input)
        #expect(claim.violations.isEmpty, "\(claim.violations)")
        let sent = claim.envelopeDocuments.map(\.table.fileType)
        #expect(sent.first == "XML1")
        #expect(sent.contains("XML8"))
        #expect(claim.summary.rows.first?["MA_THE_BHYT"] == "")
    }
}

/// The health book's export from a store: self-pay visits are claimed only when asked.
@Suite("Health-book export of stored visits")
struct HealthBookExportTests {
    @Test(arguments: [false, true])
    func selfPayVisitsAreClaimedForTheHealthBookOnly(_ forHealthBook: Bool) async throws {
        let known = try ClaimFixtures.outpatient()
        var visit = known.visit
        visit.appliedCoverages = []
        let store = InMemoryStore()
        let access = Access(by: try ChartedClaimFixtures.doctor, purpose: "health book")
        var changes = ChangeSet(access)
        changes.save(known.patient)
        changes.save(visit)
        _ = try await store.commit(changes)
        var claims = StoredClaims(
            store: store,
            access: access,
            from: visit.admittedAt.addingTimeInterval(-60),
            until: visit.admittedAt.addingTimeInterval(60)
        )
        claims.isForHealthBook = forHealthBook
        var inputs: [ClaimInput] = []
        for try await input in claims { inputs.append(input) }
        #expect(inputs.count == (forHealthBook ? 1 : 0))
        #expect(claims.tally.selfPayCount == (forHealthBook ? 0 : 1))
        if let input = inputs.first {
            let claim = try Claim(input)
            #expect(claim.envelopeDocuments.map(\.table.fileType) == ["XML1", "XML2", "XML3", "XML8"])
            #expect(claim.violations.isEmpty, "\(claim.violations)")
        }
    }
}
