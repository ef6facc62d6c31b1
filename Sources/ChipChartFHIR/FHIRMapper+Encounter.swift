public import ChipChart

extension FHIRMapper {
    /// The FHIR `Encounter` of a visit.
    ///
    /// `class` is `IMP` for the inpatient kinds (03, 04, 09) and `AMB` otherwise; `type` is the
    /// claims kind (`MA_LOAI_KCB`); `period` runs from admission to discharge in Vietnam time;
    /// `serviceProvider` is the facility by its code. Each ICD-10 diagnosis is a contained
    /// `Condition`, listed in `diagnosis` in order (the main one rank 1, use `DD`; secondary ones
    /// use `CM`); when they are the chart's diagnosis in force, `diagnosis` references the chart's
    /// Conditions instead. The coverages that applied are ``FHIRSystem/appliedCoverageExtension`` extensions.
    /// The chart adds the department history and the discharge disposition
    /// (`location`, `hospitalization`).
    public func encounter(_ visit: Visit) -> FHIRJSON {
        let inpatient = visit.kind.isInpatient
        var period: [String: FHIRJSON] = ["start": .string(Self.dateTime(visit.admittedAt))]
        if let discharged = visit.dischargedAt { period["end"] = .string(Self.dateTime(discharged)) }
        let status: String
        switch visit.status {
        case .closed: status = "finished"
        case .cancelled: status = "cancelled"
        default: status = inpatient ? "in-progress" : "arrived"
        }
        let role = "http://terminology.hl7.org/CodeSystem/diagnosis-role"
        var conditions: [FHIRJSON] = []
        var diagnoses: [FHIRJSON] = []
        let charted = visit.chart.diagnosis?.codes == visit.diagnoses
        for (index, code) in visit.diagnoses.enumerated() {
            let id = "dx\(index + 1)"
            if !charted {
                conditions.append(
                    .object([
                        "resourceType": "Condition",
                        "id": .string(id),
                        "code": Self.concept(FHIRSystem.icd10, code.value),
                        "subject": reference("Patient", visit.patientID.uuid),
                    ])
                )
            }
            diagnoses.append(
                .object([
                    "condition": charted
                        ? reference("Condition", Self.chartUUID(visit, "condition/\(index)"))
                        : .object(["reference": .string("#\(id)")]),
                    "rank": .integer(index + 1),
                    "use": Self.concept(role, index == 0 ? "DD" : "CM"),
                ])
            )
        }
        var members: [String: FHIRJSON] = [
            "resourceType": "Encounter",
            "id": .string(visit.id.description),
            "identifier": .array([Self.identifier(FHIRSystem.visitKey(at: visit.facility), visit.key)]),
            "status": .string(status),
            "class": Self.coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                inpatient ? "IMP" : "AMB",
                inpatient ? "inpatient encounter" : "ambulatory"
            ),
            "type": .array([Self.concept(FHIRSystem.visitKind, visit.kind.code, visit.kind.meaning)]),
            "subject": reference("Patient", visit.patientID.uuid),
            "period": .object(period),
            "serviceProvider": .object(["identifier": Self.identifier(FHIRSystem.facility, visit.facility.value)]),
        ]
        if !conditions.isEmpty { members["contained"] = .array(conditions) }
        if !diagnoses.isEmpty { members["diagnosis"] = .array(diagnoses) }
        members.merge(hospitalization(visit)) { own, _ in own }
        if let reason = visit.reason { members["reasonCode"] = .array([.object(["text": .string(reason)])]) }
        if !visit.appliedCoverages.isEmpty {
            members["extension"] = .array(
                visit.appliedCoverages.map {
                    .object([
                        "url": .string(FHIRSystem.appliedCoverageExtension),
                        "valueReference": reference("Coverage", $0.coverageID.uuid),
                    ])
                }
            )
        }
        return .object(members)
    }
}
