import ChipChart
import Foundation

extension FHIRMapper {
    /// The discharge summary of a closed visit as a `Composition` (LOINC 18842-5, discharge
    /// summary), authored by whoever discharged the patient, dated at discharge, with sections:
    /// the diagnoses (LOINC 11535-2, referencing the Conditions), the clinical course (LOINC
    /// 8648-8: the complaint and every note, dated), the procedures (LOINC 47519-4, referencing
    /// them), the discharge outcome (`KET_QUA_DTRI`, `MA_LOAI_RV`), and the follow-up and the
    /// referral when there are. `nil` before discharge.
    func dischargeSummary(_ visit: Visit) -> ChartResource? {
        guard let discharge = visit.chart.discharge else { return nil }
        let chart = visit.chart
        let content = discharge.content
        let uuid = Self.chartUUID(visit, "discharge-summary")
        var members = chartMembers("Composition", uuid, of: visit)
        members["status"] = "final"
        members["type"] = Self.concept(FHIRSystem.loinc, "18842-5", "Discharge summary")
        members["date"] = .string(Self.dateTime(discharge.at))
        members["author"] = .array([Self.staff(discharge.author)])
        members["title"] = "Giấy ra viện"
        var sections: [FHIRJSON] = []
        if let diagnosis = chart.diagnosis {
            let lines = [
                diagnosis.admissionText.map { "Chẩn đoán vào viện: \($0)" },
                diagnosis.dischargeText.map { "Chẩn đoán ra viện: \($0)" },
            ]
            sections.append(
                section(
                    "Chẩn đoán",
                    loinc: ("11535-2", "Hospital discharge Dx"),
                    lines: lines.compactMap { $0 } + diagnosis.codes.map(\.value),
                    entries: diagnosis.codes.indices.map { ("Condition", Self.chartUUID(visit, "condition/\($0)")) }
                )
            )
        }
        if !chart.notes.isEmpty {
            sections.append(
                section(
                    "Diễn biến lâm sàng",
                    loinc: ("8648-8", "Hospital course Narrative"),
                    lines: chart.notes.map { "\(Self.dateTime($0.at)): \($0.content.text)" }
                )
            )
        }
        if !chart.procedures.isEmpty {
            sections.append(
                section(
                    "Thủ thuật, phẫu thuật",
                    loinc: ("47519-4", "History of Procedures Document"),
                    lines: chart.procedures.map { "\($0.content.code) \($0.content.name)" },
                    entries: chart.procedures.indices.map { ("Procedure", Self.chartUUID(visit, "procedure/\($0)")) }
                )
            )
        }
        sections.append(
            section(
                "Kết quả điều trị",
                lines: [
                    "KET_QUA_DTRI \(content.outcome.code): \(content.outcome.meaning)",
                    "MA_LOAI_RV \(content.type.code): \(content.type.meaning)",
                ]
            )
        )
        if let followUp = content.followUp {
            sections.append(
                section("Hẹn khám lại", lines: [followUp.day.description] + (followUp.note.map { [$0] } ?? []))
            )
        }
        if let referral = content.referral {
            let lines = ["MA_NOI_DEN \(referral.facility.value)", "Giấy chuyển tuyến \(referral.paperNumber)"]
            sections.append(section("Chuyển tuyến", lines: lines + (referral.reason.map { [$0] } ?? [])))
        }
        members["section"] = .array(sections)
        return ChartResource(uuid: uuid, json: .object(members))
    }

    /// A section of the discharge summary: a title, an optional LOINC code, its lines as
    /// generated narrative, and references to the resources it lists.
    private func section(
        _ title: String,
        loinc: (code: String, display: String)? = nil,
        lines: [String],
        entries: [(type: String, uuid: UUID)] = []
    ) -> FHIRJSON {
        var members: [String: FHIRJSON] = ["title": .string(title), "text": Self.narrative(lines)]
        if let loinc { members["code"] = Self.concept(FHIRSystem.loinc, loinc.code, loinc.display) }
        if !entries.isEmpty { members["entry"] = .array(entries.map { reference($0.type, $0.uuid) }) }
        return .object(members)
    }

    /// A generated `Narrative`: each line a paragraph of escaped XHTML.
    static func narrative(_ lines: [String]) -> FHIRJSON {
        let escaped = lines.map { line in
            line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(escaped.map { "<p>\($0)</p>" }.joined())</div>"
        return .object(["status": "generated", "div": .string(div)])
    }
}
