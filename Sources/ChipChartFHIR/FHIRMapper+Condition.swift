import ChipChart
import Foundation

extension FHIRMapper {
    /// The diagnoses in force in a visit's chart as `Condition`s in the `encounter-diagnosis`
    /// category, each with its ICD-10 code, linked to the Encounter: the main one first, its text
    /// the discharge diagnosis in words (else the admission one), then each secondary one; each
    /// recorded when and by whom the last statement was made.
    func conditions(_ visit: Visit) -> [ChartResource] {
        guard let entry = visit.chart.diagnoses.last else { return [] }
        let diagnosis = entry.content
        return diagnosis.codes.enumerated().map { index, code in
            let uuid = Self.chartUUID(visit, "condition/\(index)")
            var members = chartMembers("Condition", uuid, of: visit)
            members["clinicalStatus"] = Self.concept(
                "http://terminology.hl7.org/CodeSystem/condition-clinical",
                visit.status == .closed ? "inactive" : "active"
            )
            members["verificationStatus"] = Self.concept(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed"
            )
            members["category"] = .array([
                Self.concept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")
            ])
            var code: [String: FHIRJSON] = ["coding": .array([Self.coding(FHIRSystem.icd10, code.value)])]
            if index == 0, let text = diagnosis.dischargeText ?? diagnosis.admissionText {
                code["text"] = .string(text)
            }
            members["code"] = .object(code)
            members["recordedDate"] = .string(Self.dateTime(entry.at))
            members["recorder"] = Self.staff(entry.author)
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }
}
