public import ChipChart

extension FHIRMapper {
    /// The FHIR `Coverage` of one insurance card.
    ///
    /// One Coverage per card: a replacement is a new Coverage, linked both ways with the
    /// ``FHIRSystem/replacesCoverageExtension`` and ``FHIRSystem/replacedByCoverageExtension``
    /// extensions. `subscriberId` is the 15-character card code; `class` carries the beneficiary
    /// group (`group`) and the benefit level (`plan`); the payor is the social insurance fund; the
    /// registered facility, region and five-year date are extensions. Revoked and ended cards are
    /// `cancelled`; replaced and expired ones stay `active` with their closed `period`.
    public func coverage(_ coverage: Coverage) -> FHIRJSON {
        let code = coverage.cardCode
        let classType = { (value: String) in
            FHIRMapper.concept("http://terminology.hl7.org/CodeSystem/coverage-class", value)
        }
        var extensions: [FHIRJSON] = []
        if let facility = coverage.registeredFacility {
            extensions.append(
                .object([
                    "url": .string(FHIRSystem.registeredFacilityExtension),
                    "valueIdentifier": Self.identifier(FHIRSystem.facility, facility.value),
                ])
            )
        }
        if let region = coverage.region {
            extensions.append(
                .object(["url": .string(FHIRSystem.regionExtension), "valueCode": .string(region.rawValue)])
            )
        }
        if let fiveYears = coverage.fiveYearDate {
            extensions.append(
                .object(["url": .string(FHIRSystem.fiveYearDateExtension), "valueDate": .string(fiveYears.description)])
            )
        }
        if let replaced = coverage.replaces {
            extensions.append(
                .object([
                    "url": .string(FHIRSystem.replacesCoverageExtension),
                    "valueReference": reference("Coverage", replaced.uuid),
                ])
            )
        }
        if let replacement = coverage.replacedBy {
            extensions.append(
                .object([
                    "url": .string(FHIRSystem.replacedByCoverageExtension),
                    "valueReference": reference("Coverage", replacement.uuid),
                ])
            )
        }
        var members: [String: FHIRJSON] = [
            "resourceType": "Coverage",
            "id": .string(coverage.id.description),
            "identifier": .array([
                Self.identifier(FHIRSystem.insuranceCard, code.value),
                Self.identifier(FHIRSystem.socialInsuranceNumber, code.socialInsuranceNumber.digits),
            ]),
            "status": .string(coverage.status == .revoked || coverage.status == .ended ? "cancelled" : "active"),
            "type": Self.concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PUBLICPOL", "public healthcare"),
            "subscriberId": .string(code.value),
            "beneficiary": reference("Patient", coverage.patientID.uuid),
            "relationship": Self.concept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self"),
            "payor": .array([
                .object([
                    "identifier": Self.identifier(FHIRSystem.insurer, "BHXH"),
                    "display": "Bảo hiểm xã hội Việt Nam",
                ])
            ]),
            "class": .array([
                .object([
                    "type": classType("group"), "value": .string(code.group.code),
                    "name": .string(code.group.meaning),
                ]),
                .object([
                    "type": classType("plan"), "value": .string(String(code.level.digit)),
                    "name": .string("benefit level \(code.level.digit): \(code.level.fundSharePercent)%"),
                ]),
            ]),
        ]
        if let period = Self.period(coverage.validity) { members["period"] = period }
        if !extensions.isEmpty { members["extension"] = .array(extensions) }
        return .object(members)
    }
}
