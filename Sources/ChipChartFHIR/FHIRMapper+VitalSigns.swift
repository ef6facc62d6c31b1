import ChipChart
import Foundation

extension FHIRMapper {
    /// One vital sign: its LOINC code and display, and its UCUM unit.
    struct VitalSign {
        /// The name in derived ids, such as `pulse`.
        var name: String
        /// The LOINC codings, the first the one FHIR's vital-signs profile names.
        var loinc: [(code: String, display: String)]
        /// The UCUM code and its human unit.
        var ucum: (code: String, unit: String)

        static let pulse = VitalSign(name: "pulse", loinc: [("8867-4", "Heart rate")], ucum: ("/min", "beats/minute"))
        static let systolic = VitalSign(
            name: "systolic",
            loinc: [("8480-6", "Systolic blood pressure")],
            ucum: ("mm[Hg]", "mmHg")
        )
        static let diastolic = VitalSign(
            name: "diastolic",
            loinc: [("8462-4", "Diastolic blood pressure")],
            ucum: ("mm[Hg]", "mmHg")
        )
        static let temperature = VitalSign(
            name: "temperature",
            loinc: [("8310-5", "Body temperature")],
            ucum: ("Cel", "°C")
        )
        static let respiratoryRate = VitalSign(
            name: "respiratoryRate",
            loinc: [("9279-1", "Respiratory rate")],
            ucum: ("/min", "breaths/minute")
        )
        static let oxygenSaturation = VitalSign(
            name: "oxygenSaturation",
            loinc: [
                ("2708-6", "Oxygen saturation in Arterial blood"),
                ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
            ],
            ucum: ("%", "%")
        )
        static let weight = VitalSign(name: "weight", loinc: [("29463-7", "Body weight")], ucum: ("kg", "kg"))
        static let height = VitalSign(name: "height", loinc: [("8302-2", "Body height")], ucum: ("cm", "cm"))

        /// The `code` of an Observation or a component.
        var code: FHIRJSON {
            .object(["coding": .array(loinc.map { FHIRMapper.coding(FHIRSystem.loinc, $0.code, $0.display) })])
        }

        /// A `Quantity` in this sign's unit.
        func quantity(_ value: Decimal) -> FHIRJSON {
            .object([
                "value": .decimal(value), "unit": .string(ucum.unit), "system": .string(FHIRSystem.ucum),
                "code": .string(ucum.code),
            ])
        }
    }

    /// The vital signs of a visit's chart as `Observation`s in the `vital-signs` category, one per
    /// value measured (the blood pressure as one panel, LOINC 85354-9, with systolic and diastolic
    /// components), each with its LOINC code and UCUM unit, the time measured and who measured it.
    func vitalSignObservations(_ visit: Visit) -> [ChartResource] {
        var resources: [ChartResource] = []
        for (index, entry) in visit.chart.vitalSigns.enumerated() {
            let signs = entry.content
            let observation = { (sign: VitalSign, value: Decimal?) in
                guard let value else { return }
                let uuid = Self.chartUUID(visit, "vitals/\(index)/\(sign.name)")
                var members = vitalSignMembers(uuid, entry, of: visit)
                members["code"] = sign.code
                members["valueQuantity"] = sign.quantity(value)
                resources.append(ChartResource(uuid: uuid, json: .object(members)))
            }
            observation(.pulse, signs.pulse.map { Decimal($0) })
            if let systolic = signs.systolicPressure, let diastolic = signs.diastolicPressure {
                let uuid = Self.chartUUID(visit, "vitals/\(index)/bloodPressure")
                var members = vitalSignMembers(uuid, entry, of: visit)
                members["code"] = Self.concept(
                    FHIRSystem.loinc,
                    "85354-9",
                    "Blood pressure panel with all children optional"
                )
                members["component"] = .array(
                    [(VitalSign.systolic, systolic), (VitalSign.diastolic, diastolic)].map { sign, value in
                        .object(["code": sign.code, "valueQuantity": sign.quantity(Decimal(value))])
                    }
                )
                resources.append(ChartResource(uuid: uuid, json: .object(members)))
            }
            observation(.temperature, signs.temperature)
            observation(.respiratoryRate, signs.respiratoryRate.map { Decimal($0) })
            observation(.oxygenSaturation, signs.oxygenSaturation.map { Decimal($0) })
            observation(.weight, signs.weight)
            observation(.height, signs.height)
        }
        return resources
    }

    /// The members of a vital-sign Observation other than its code and value.
    private func vitalSignMembers(_ uuid: UUID, _ entry: ChartEntry<VitalSigns>, of visit: Visit) -> [String: FHIRJSON]
    {
        var members = chartMembers("Observation", uuid, of: visit)
        members["status"] = "final"
        members["category"] = .array([
            Self.concept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")
        ])
        members["effectiveDateTime"] = .string(Self.dateTime(entry.at))
        members["performer"] = .array([Self.staff(entry.author)])
        return members
    }
}
