import ChipChart
import Foundation

/// The values shared by every table of one visit's claim, derived once.
struct ClaimContext {
    let input: ClaimInput
    let recordNumber: String
    let identityNumber: String
    let birthDate: String
    let sex: String
    let cards: String
    let registeredFacilities: String
    let validFrom: String
    let validTo: String
    let admitted: String
    let inpatientAdmitted: String
    let mainDiagnosis: String
    /// The units of the chart's orders, by code.
    let orderedUnits: [String: String]
    /// The first result of each service code, by code.
    let resultsByService: [String: ParaclinicalResult]

    init(_ input: ClaimInput) {
        self.input = input
        let patient = input.patient
        let applied = input.visit.appliedCoverages
        self.recordNumber =
            patient.activeIdentifiers(of: .facilityRecordNumber).first?.value ?? patient.id.description
        self.identityNumber =
            patient.personalID?.digits ?? patient.activeIdentifiers(of: .passport).first?.value ?? ""
        self.birthDate = patient.demographics.dateOfBirth.claimsText
        self.sex = String(patient.demographics.sex.claimsCode)
        self.cards = applied.map(\.cardCode.value).joined(separator: ";")
        self.registeredFacilities = applied.map { $0.registeredFacility?.value ?? "" }.joined(separator: ";")
        self.validFrom = applied.map { $0.cardValidity.start?.compact ?? "" }.joined(separator: ";")
        self.validTo = applied.map { $0.cardValidity.end?.compact ?? "" }.joined(separator: ";")
        self.admitted = VietnamTime.claimsTimestamp(input.visit.admittedAt)
        let chart = input.visit.chart
        let wardAdmission = chart.admission.map { VietnamTime.claimsTimestamp($0.at) }
        self.inpatientAdmitted = input.visit.kind.isInpatient ? wardAdmission ?? admitted : ""
        self.mainDiagnosis = input.visit.mainDiagnosis?.value ?? ""
        self.orderedUnits = Dictionary(chart.orders.map { ($0.content.code, $0.content.unit) }) { first, _ in first }
        self.resultsByService = Dictionary(chart.results.map { ($0.content.serviceCode, $0.content) }) { first, _ in
            first
        }
    }

    var visit: Visit { input.visit }
    var details: ClaimDetails { input.details }

    /// The fund's share for a line: the benefit level of the card that applied when it was
    /// ordered, else of the first card; 0 without a card.
    func benefitPercent(for line: LineItem) -> Int {
        let applied = visit.appliedCoverages
        let at = line.orderedAt ?? visit.admittedAt
        let coverage =
            applied.last { $0.from <= at && ($0.until.map { at < $0 } ?? true) } ?? applied.first
        return coverage?.cardCode.level.fundSharePercent ?? 0
    }

    /// The coverage of the card that applied last, when the input holds it.
    var lastCoverage: Coverage? {
        visit.appliedCoverages.last.flatMap { applied in input.coverages.first { $0.id == applied.coverageID } }
    }

    /// Each line's split, in the visit's order, with the co-payment exemption applied for the
    /// input's standing (its five-year date, else the last card's) on the admission day.
    func lineSplits() -> [BenefitSplit] {
        BenefitSplit.exempting(
            visit.lineItems.map { BenefitSplit($0, fundSharePercent: benefitPercent(for: $0)) },
            standing: input.coPaymentStanding?.fillingFiveYearDate(lastCoverage?.fiveYearDate),
            on: CalendarDate(containing: visit.admittedAt),
            baseSalaries: input.baseSalaries
        )
    }

    /// `SO_NGAY_DTRI`: 0 for outpatient kinds; for inpatient kinds the Vietnamese calendar days
    /// from admission to discharge, both counted.
    var treatmentDays: String {
        guard visit.kind.isInpatient, let discharged = visit.dischargedAt else { return "0" }
        let first = CalendarDate(containing: visit.admittedAt)
        return String(first.days(until: CalendarDate(containing: discharged)) + 1)
    }

    func timestamp(_ date: Date?) -> String { date.map(VietnamTime.claimsTimestamp) ?? "" }

    static func row(_ table: ClaimTable, _ known: KeyValuePairs<String, String>) -> ClaimRow {
        ClaimRowBuilder(table, known).row
    }

    func checkInRow(sequence: Int) -> ClaimRow {
        let first = visit.lineItems.first { $0.kind == .service }
        let firstDrug = visit.lineItems.first { $0.kind == .drug }
        let firstSupply = visit.lineItems.first { $0.kind == .supply }
        return Self.row(
            .checkIn,
            [
                "MA_LK": visit.key, "STT": String(sequence), "MA_BN": recordNumber,
                "HO_TEN": input.patient.demographics.name.text, "SO_CCCD": identityNumber,
                "NGAY_SINH": birthDate, "GIOI_TINH": sex, "MA_THE_BHYT": cards, "MA_DKBD": registeredFacilities,
                "GT_THE_TU": validFrom, "GT_THE_DEN": validTo, "MA_DOITUONG_KCB": visit.route.code,
                "NGAY_VAO": admitted, "NGAY_VAO_NOI_TRU": inpatientAdmitted, "MA_LOAI_KCB": visit.kind.code,
                "MA_CSKCB": visit.facility.value, "MA_DICH_VU": first?.code ?? "", "TEN_DICH_VU": first?.name ?? "",
                "MA_THUOC": firstDrug?.code ?? "", "TEN_THUOC": firstDrug?.name ?? "",
                "MA_VAT_TU": firstSupply?.code ?? "", "TEN_VAT_TU": firstSupply?.name ?? "",
                "NGAY_YL": timestamp(first?.orderedAt ?? firstDrug?.orderedAt ?? firstSupply?.orderedAt),
            ]
        )
    }

    func summaryRow(sequence: Int, drugs: [BenefitSplit], services: [BenefitSplit]) -> ClaimRow {
        let all = drugs + services
        let supplies = zip(visit.lineItems.filter { $0.kind != .drug }, services).filter { $0.0.kind == .supply }
        let sum: ([BenefitSplit], KeyPath<BenefitSplit, Money>) -> String = { lines, path in
            lines.reduce(Money.zero) { $0 + $1[keyPath: path] }.claimsText
        }
        let settled = details.settledAt ?? visit.dischargedAt
        let settledParts = settled.map(VietnamTime.components(of:))
        let codes = visit.diagnoses.map(\.value)
        let lastCard = lastCoverage
        let chart = visit.chart
        let discharge = chart.discharge?.content
        return Self.row(
            .summary,
            [
                "MA_LK": visit.key, "STT": String(sequence), "MA_BN": recordNumber,
                "HO_TEN": input.patient.demographics.name.text, "SO_CCCD": identityNumber,
                "NGAY_SINH": birthDate, "GIOI_TINH": sex, "MA_QUOCTICH": details.nationalityCode ?? "",
                "MA_DANTOC": details.ethnicityCode ?? "", "MA_NGHE_NGHIEP": details.occupationCode ?? "",
                "DIA_CHI": input.patient.demographics.address ?? "",
                "DIEN_THOAI": input.patient.demographics.phone ?? "",
                "MA_THE_BHYT": cards, "MA_DKBD": registeredFacilities, "GT_THE_TU": validFrom, "GT_THE_DEN": validTo,
                "LY_DO_VV": visit.reason ?? "",
                "LY_DO_VNT": chart.admission?.content.note ?? "",
                "CHAN_DOAN_VAO": details.admissionDiagnosis ?? chart.diagnosis?.admissionText ?? "",
                "CHAN_DOAN_RV": details.dischargeDiagnosis ?? chart.diagnosis?.dischargeText
                    ?? codes.joined(separator: ";"),
                "MA_PTTT_QT": chart.procedures.map(\.content.code).joined(separator: ";"),
                "MA_NOI_DEN": discharge?.referral?.facility.value ?? "",
                "GIAY_CHUYEN_TUYEN": discharge?.referral?.paperNumber ?? "",
                "PP_DIEU_TRI": chart.notes.last { $0.content.kind == .treatment }?.content.text ?? "",
                "CAN_NANG": chart.weight.map { "\($0)" } ?? "",
                "NGAY_TAI_KHAM": discharge?.followUp?.day.compact ?? "",
                "MA_BENH_CHINH": mainDiagnosis, "MA_BENH_KT": codes.dropFirst().joined(separator: ";"),
                "MA_DOITUONG_KCB": visit.route.code, "NGAY_VAO": admitted, "NGAY_VAO_NOI_TRU": inpatientAdmitted,
                "NGAY_RA": timestamp(visit.dischargedAt), "SO_NGAY_DTRI": treatmentDays,
                "KET_QUA_DTRI": String(discharge?.outcome.code ?? details.treatmentResult),
                "MA_LOAI_RV": String(discharge?.type.code ?? details.dischargeType),
                "NGAY_TTOAN": timestamp(settled),
                "T_THUOC": sum(drugs, \.facilityAmount), "T_VTYT": sum(supplies.map(\.1), \.facilityAmount),
                "T_TONGCHI_BV": sum(all, \.facilityAmount), "T_TONGCHI_BH": sum(all, \.insuranceAmount),
                "T_BNTT": sum(all, \.patientPaysOutsideScope), "T_BNCCT": sum(all, \.patientCoPays),
                "T_BHTT": sum(all, \.fundPays),
                "T_NGUONKHAC": Money.zero.claimsText, "T_BHTT_GDV": Money.zero.claimsText,
                "NAM_QT": settledParts.map { String($0.date.year) } ?? "",
                "THANG_QT": settledParts.map { String($0.date.month) } ?? "",
                "MA_LOAI_KCB": visit.kind.code, "MA_KHOA": details.department ?? chart.department ?? "",
                "MA_CSKCB": visit.facility.value,
                "MA_KHUVUC": lastCard?.region?.rawValue ?? "",
                "NAM_NAM_LIEN_TUC": lastCard?.fiveYearDate?.compact ?? "",
            ]
        )
    }

    func drugRow(_ split: (LineItem, BenefitSplit), number: Int) -> (ClaimRow, BenefitSplit) {
        let (line, amounts) = split
        var known = ClaimRowBuilder(.drugs, lineValues(line, amounts, number: number))
        known["MA_THUOC"] = line.code
        known["TEN_THUOC"] = line.name
        known["DON_GIA"] = line.unitPrice.claimsText
        known["NGUON_CTRA"] = "1"
        return (known.row, amounts)
    }

    func serviceRow(_ split: (LineItem, BenefitSplit), number: Int) -> (ClaimRow, BenefitSplit) {
        let (line, amounts) = split
        var known = ClaimRowBuilder(.services, lineValues(line, amounts, number: number))
        if line.kind == .supply {
            known["MA_VAT_TU"] = line.code
            known["TEN_VAT_TU"] = line.name
        } else {
            known["MA_DICH_VU"] = line.code
            known["TEN_DICH_VU"] = line.name
        }
        known["DON_GIA_BV"] = line.unitPrice.claimsText
        known["DON_GIA_BH"] = line.insurancePrice.claimsText
        known["TYLE_TT_DV"] = "100"
        known["MA_BENH"] = mainDiagnosis
        if line.kind == .service, let result = resultsByService[line.code] {
            known["NGAY_TH_YL"] = timestamp(result.performedAt)
            known["NGAY_KQ"] = timestamp(result.reportedAt)
        }
        return (known.row, amounts)
    }

    /// The department the patient was in at an instant: none before they reached one; the last
    /// one for a line without an order time.
    private func department(at instant: Date?) -> String? {
        let moves = visit.chart.departments
        guard let instant else { return moves.last?.content.department }
        return moves.last { $0.at <= instant }?.content.department
    }

    /// The fields XML2 and XML3 share.
    private func lineValues(_ line: LineItem, _ amounts: BenefitSplit, number: Int) -> KeyValuePairs<String, String> {
        [
            "MA_LK": visit.key, "STT": String(number), "MA_NHOM": String(details.costGroup(of: line)),
            "DON_VI_TINH": details.units[line.code] ?? orderedUnits[line.code] ?? "",
            "PHAM_VI": line.inScope ? "1" : "2",
            "TYLE_TT_BH": String(line.paymentRatePercent), "SO_LUONG": "\(line.quantity)",
            "THANH_TIEN_BV": amounts.facilityAmount.claimsText, "THANH_TIEN_BH": amounts.insuranceAmount.claimsText,
            "MUC_HUONG": String(amounts.fundSharePercent), "T_NGUONKHAC": Money.zero.claimsText,
            "T_BNTT": amounts.patientPaysOutsideScope.claimsText, "T_BNCCT": amounts.patientCoPays.claimsText,
            "T_BHTT": amounts.fundPays.claimsText,
            "MA_KHOA": details.department ?? department(at: line.orderedAt) ?? "",
            "MA_BAC_SI": details.practitionerCode ?? "", "NGAY_YL": timestamp(line.orderedAt ?? visit.admittedAt),
            "MA_PTTT": "1",
        ]
    }
}
