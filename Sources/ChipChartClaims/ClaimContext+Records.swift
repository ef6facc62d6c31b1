import ChipChart
import Foundation

/// The rows of the record's tables after XML3, each filled from the visit's chart.
extension ClaimContext {
    /// `CHAN_DOAN_RV`: the details', else the chart's discharge text, else the ICD-10 codes.
    var dischargeDiagnosisText: String {
        details.dischargeDiagnosis ?? visit.chart.diagnosis?.dischargeText
            ?? visit.diagnoses.map(\.value).joined(separator: ";")
    }

    /// `PP_DIEUTRI`: the last treatment note.
    var treatmentText: String { visit.chart.notes.last { $0.content.kind == .treatment }?.content.text ?? "" }

    /// `QT_BENHLY`: the complaint and the course, in the order written.
    var courseText: String {
        visit.chart.notes.filter { $0.content.kind != .treatment }.map(\.content.text).joined(separator: "; ")
    }

    /// `TOMTAT_KQ`: each result as `name: value unit`.
    var resultsText: String {
        visit.chart.results.map { entry in
            let result = entry.content
            return "\(result.name): \(result.value)" + (result.unit.map { " \($0)" } ?? "")
        }
        .joined(separator: "; ")
    }

    /// The day the visit ended, `yyyyMMdd` (the day papers are dated, `NGAY_CT`).
    var dischargeDay: String { visit.dischargedAt.map { CalendarDate(containing: $0).compact } ?? "" }

    /// The fields every paper repeats from XML1.
    private var common: KeyValuePairs<String, String> {
        [
            "MA_LK": visit.key, "MA_CSKCB": visit.facility.value, "HO_TEN": input.patient.demographics.name.text,
            "NGAY_SINH": birthDate, "GIOI_TINH": sex, "DIA_CHI": input.patient.demographics.address ?? "",
            "MA_THE_BHYT": cards, "GT_THE_DEN": validTo, "NGAY_VAO": admitted, "NGAY_VAO_NOI_TRU": inpatientAdmitted,
            "NGAY_RA": timestamp(visit.dischargedAt),
            "CHAN_DOAN_VAO": details.admissionDiagnosis
                ?? visit.chart.diagnosis?.admissionText ?? "",
            "CHAN_DOAN_RV": dischargeDiagnosisText, "MA_BENH_CHINH": mainDiagnosis,
            "MA_BENH_KT": visit.diagnoses.dropFirst().map(\.value).joined(separator: ";"),
            "PP_DIEUTRI": treatmentText, "QT_BENHLY": courseText, "TOMTAT_KQ": resultsText,
            "KET_QUA_DTRI": String(visit.chart.discharge?.content.outcome.code ?? details.treatmentResult),
            "MA_LOAI_RV": String(visit.chart.discharge?.content.type.code ?? details.dischargeType),
            "MA_LOAI_KCB": visit.kind.code, "MA_DOITUONG_KCB": visit.route.code, "NGAY_CT": dischargeDay,
            "MA_BS": details.practitionerCode ?? "", "MA_BAC_SI": details.practitionerCode ?? "",
        ]
    }

    /// A one-row document of a paper from the common fields and its own.
    private func paper(_ table: ClaimTable, _ own: KeyValuePairs<String, String>) -> ClaimDocument {
        var row = ClaimRowBuilder(table, common)
        for (name, text) in own { row[name] = text }
        return ClaimDocument(table: table, rows: [row.row])
    }

    /// XML4: one row per result, in the order recorded.
    func resultRows() -> [ClaimRow] {
        visit.chart.results.enumerated().map { number, entry in
            let result = entry.content
            return Self.row(
                .results,
                [
                    "MA_LK": visit.key, "STT": String(number + 1), "MA_DICH_VU": result.serviceCode,
                    "TEN_CHI_SO": result.name, "GIA_TRI": result.value, "DON_VI_DO": result.unit ?? "",
                    "MO_TA": result.referenceRange ?? "", "NGAY_KQ": timestamp(result.reportedAt),
                    "MA_BS_DOC_KQ": details.practitionerCode ?? "",
                ]
            )
        }
    }

    /// XML5: one row per note, in the order written.
    func noteRows() -> [ClaimRow] {
        visit.chart.notes.enumerated().map { number, entry in
            Self.row(
                .clinicalNotes,
                [
                    "MA_LK": visit.key, "STT": String(number + 1), "DIEN_BIEN_LS": entry.content.text,
                    "THOI_DIEM_DBLS": timestamp(entry.at), "NGUOI_THUC_HIEN": entry.author.name.text,
                ]
            )
        }
    }

    /// XML7, the discharge paper of an inpatient stay.
    func dischargePaper() -> ClaimDocument? {
        guard visit.kind.isInpatient, let discharge = visit.chart.discharge else { return nil }
        return paper(
            .dischargePaper,
            [
                "MA_YTE": recordNumber, "MA_KHOA_RV": details.department ?? visit.chart.department ?? "",
                "TEN_BS": discharge.author.name.text, "GHI_CHU": discharge.content.followUp?.note ?? "",
            ]
        )
    }

    /// XML8, the record summary: for an inpatient stay with a discharge, and for every closed
    /// visit in the health book.
    func recordSummary() -> ClaimDocument? {
        guard input.isForHealthBook || (visit.kind.isInpatient && visit.chart.discharge != nil) else { return nil }
        return paper(.recordSummary, [:])
    }

    /// XML11, when the discharge gave a sick-leave certificate.
    func sickLeave() -> ClaimDocument? {
        guard let leave = visit.chart.discharge?.content.sickLeave else { return nil }
        return paper(
            .sickLeave,
            [
                "SO_CT": leave.certificateNumber ?? "", "SO_KCB": recordNumber,
                "MA_THE_BHYT": visit.appliedCoverages.last?.cardCode.value ?? "",
                "SO_NGAY_NGHI": String(leave.from.days(until: leave.through) + 1),
                "TU_NGAY": leave.from.compact, "DEN_NGAY": leave.through.compact,
            ]
        )
    }

    /// XML13, when the discharge referred the patient, in the form in force on the discharge day.
    func referral() -> ClaimDocument? {
        guard let referral = visit.chart.discharge?.content.referral, let discharged = visit.dischargedAt else {
            return nil
        }
        let names = { (kind: LineItem.Kind) in
            visit.lineItems.filter { $0.kind == kind }.map(\.name).joined(separator: "; ")
        }
        return paper(
            ClaimTableVersions.referral.table(on: CalendarDate(containing: discharged)),
            [
                "SO_HOSO": recordNumber, "SO_CHUYENTUYEN": referral.paperNumber,
                "GIAY_CHUYEN_TUYEN": referral.paperNumber, "MA_NOI_DEN": referral.facility.value,
                "MA_CSKCB_DEN": referral.facility.value, "MA_QUOCTICH": details.nationalityCode ?? "",
                "MA_DANTOC": details.ethnicityCode ?? "", "MA_NGHE_NGHIEP": details.occupationCode ?? "",
                "DAU_HIEU_LS": visit.chart.complaint?.text ?? "", "TEN_DICH_VU": names(.service),
                "TEN_THUOC": names(.drug), "HUONG_DIEU_TRI": referral.reason ?? "",
            ]
        )
    }

    /// XML14, when the discharge booked a follow-up appointment.
    func followUp() -> ClaimDocument? {
        guard let appointment = visit.chart.discharge?.content.followUp else { return nil }
        return paper(.followUp, ["NGAY_HEN_KL": appointment.day.compact])
    }

    /// The record's tables after XML3 that the visit has content for, in the standard's order.
    func recordDocuments() -> [ClaimDocument] {
        let results = resultRows()
        let notes = noteRows()
        return [
            results.isEmpty ? nil : ClaimDocument(table: .results, rows: results),
            notes.isEmpty ? nil : ClaimDocument(table: .clinicalNotes, rows: notes),
            dischargePaper(), recordSummary(), sickLeave(), referral(), followUp(),
        ]
        .compactMap { $0 }
    }
}
