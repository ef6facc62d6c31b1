public import ChipChart

extension FHIRMapper {
    /// The FHIR `Patient` of a patient.
    ///
    /// Identifiers: every personal ID, CMND, passport, social insurance number and facility
    /// record number the patient has held, with its ``FHIRSystem`` system and period. An active
    /// personal ID is `use: official`; a superseded identifier is `use: old` (its period says
    /// until when); one that came with a merged record is `use: secondary`. Each insurance card of
    /// `coverages` is an identifier too (`use: old` once replaced, expired, revoked or ended).
    ///
    /// A patient merged into another is `active: false` with a `replaced-by` link to the
    /// survivor; the survivor links each record in `mergedFrom` with `replaces`.
    public func patient(_ patient: Patient, coverages: [Coverage] = [], mergedFrom: [PatientID] = []) -> FHIRJSON {
        var identifiers: [FHIRJSON] = patient.identifiers.compactMap { identifier in
            guard let system = system(of: identifier.kind) else { return nil }
            let use: String
            switch identifier.status {
            case .superseded: use = "old"
            case .merged: use = "secondary"
            default: use = identifier.kind == .personalID ? "official" : "usual"
            }
            return Self.identifier(system, identifier.value, use: use, period: identifier.validity)
        }
        identifiers += coverages.map { coverage in
            Self.identifier(
                FHIRSystem.insuranceCard,
                coverage.cardCode.value,
                use: coverage.status == .active ? "usual" : "old",
                period: coverage.validity
            )
        }
        let demographics = patient.demographics
        let words = demographics.name.text.split(separator: " ").map(String.init)
        var name: [String: FHIRJSON] = ["use": "official", "text": .string(demographics.name.text)]
        if let family = words.first { name["family"] = .string(family) }
        if words.count > 1 { name["given"] = .array(words.dropFirst().map { .string($0) }) }
        var members: [String: FHIRJSON] = [
            "resourceType": "Patient",
            "id": .string(patient.id.description),
            "active": .bool(patient.mergedInto == nil),
            "name": .array([.object(name)]),
            "gender": .string(Self.gender(demographics.sex)),
            "birthDate": .string(demographics.dateOfBirth.description),
        ]
        if !identifiers.isEmpty { members["identifier"] = .array(identifiers) }
        if let address = demographics.address {
            members["address"] = .array([.object(["text": .string(address), "country": "VN"])])
        }
        if let phone = demographics.phone {
            members["telecom"] = .array([.object(["system": "phone", "value": .string(phone)])])
        }
        var links: [FHIRJSON] = []
        if let survivor = patient.mergedInto {
            links.append(.object(["other": reference("Patient", survivor.uuid), "type": "replaced-by"]))
        }
        links += mergedFrom.map { .object(["other": reference("Patient", $0.uuid), "type": "replaces"]) }
        if !links.isEmpty { members["link"] = .array(links) }
        return .object(members)
    }

    /// The identifier system of a kind, `nil` for a kind ChipChart does not know.
    func system(of kind: PatientIdentifier.Kind) -> String? {
        switch kind {
        case .personalID: return FHIRSystem.personalID
        case .legacyID: return FHIRSystem.legacyID
        case .passport: return FHIRSystem.passport
        case .socialInsuranceNumber: return FHIRSystem.socialInsuranceNumber
        case .facilityRecordNumber: return FHIRSystem.recordNumber(at: facility)
        case .temporary: return FHIRSystem.temporaryID(at: facility)
        default: return nil
        }
    }

    /// FHIR's administrative gender: claims code 3 (undetermined) is `unknown`.
    static func gender(_ sex: Sex) -> String {
        switch sex {
        case .male: return "male"
        case .female: return "female"
        default: return "unknown"
        }
    }
}
