public import ChipChart
import Foundation

/// Turns ChipChart records into FHIR R4 resources (Patient, Coverage, Encounter, the chart's
/// Observations and Conditions, Bundle) as deterministic JSON.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let fhir = FHIRMapper(facility: try FacilityCode("01001"))
/// let bundle = fhir.bundle(patient: patient, coverages: coverages, visits: visits)
/// try bundle.text().write(to: url, atomically: true, encoding: .utf8)
/// ```
///
/// Identifier systems and extension URLs are the constants of ``FHIRSystem``. Resource ids are
/// the records' stable UUIDs. References are relative (`Patient/…`) in single resources and
/// `urn:uuid:…` inside a ``bundle(patient:coverages:visits:mergedFrom:)``, matching each entry's
/// `fullUrl`.
public struct FHIRMapper: Sendable {
    /// How resources refer to one another.
    public enum ReferenceStyle: Sendable, Hashable {
        /// `Patient/6f1c…`, for resources sent one by one to a server.
        case relative
        /// `urn:uuid:6f1c…`, for resources inside one Bundle.
        case uuid
    }

    /// The facility whose record numbers (`MA_BN`) and visit keys (`MA_LK`) these are.
    public var facility: FacilityCode
    /// How resources refer to one another.
    public var references: ReferenceStyle

    /// A mapper for a facility.
    public init(facility: FacilityCode, references: ReferenceStyle = .relative) {
        self.facility = facility
        self.references = references
    }

    /// A reference to a resource of a type by its UUID.
    func reference(_ type: String, _ uuid: UUID) -> FHIRJSON {
        let id = uuid.uuidString.lowercased()
        switch references {
        case .relative: return .object(["reference": .string("\(type)/\(id)")])
        case .uuid: return .object(["reference": .string("urn:uuid:\(id)")])
        }
    }

    /// A FHIR `Period` of days, `nil` when both ends are open.
    static func period(_ period: DatePeriod) -> FHIRJSON? {
        var members: [String: FHIRJSON] = [:]
        if let start = period.start { members["start"] = .string(start.description) }
        if let end = period.end { members["end"] = .string(end.description) }
        return members.isEmpty ? nil : .object(members)
    }

    /// A FHIR `dateTime` in Vietnam time with its `+07:00` offset, to the second.
    static func dateTime(_ instant: Date) -> String {
        let parts = VietnamTime.components(of: instant)
        let pad = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        return "\(parts.date)T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))+07:00"
    }

    /// A `Coding` in a `CodeableConcept`.
    static func concept(_ system: String, _ code: String, _ display: String? = nil) -> FHIRJSON {
        .object(["coding": .array([coding(system, code, display)])])
    }

    /// A `Coding`.
    static func coding(_ system: String, _ code: String, _ display: String? = nil) -> FHIRJSON {
        var members: [String: FHIRJSON] = ["system": .string(system), "code": .string(code)]
        if let display { members["display"] = .string(display) }
        return .object(members)
    }

    /// An `Identifier`.
    static func identifier(
        _ system: String,
        _ value: String,
        use: String? = nil,
        period: DatePeriod = .unbounded
    ) -> FHIRJSON {
        var members: [String: FHIRJSON] = ["system": .string(system), "value": .string(value)]
        if let use { members["use"] = .string(use) }
        if let period = Self.period(period) { members["period"] = period }
        return .object(members)
    }

    /// A patient's whole record as a `collection` Bundle: the Patient, then each Coverage, then
    /// each Encounter followed by the resources of its chart (``chartResources(_:)``), each entry
    /// with a `urn:uuid:` `fullUrl`.
    public func bundle(
        patient: Patient,
        coverages: [Coverage],
        visits: [Visit],
        mergedFrom: [PatientID] = []
    ) -> FHIRJSON {
        var mapper = self
        mapper.references = .uuid
        let entry = { (uuid: UUID, resource: FHIRJSON) -> FHIRJSON in
            .object(["fullUrl": .string("urn:uuid:\(uuid.uuidString.lowercased())"), "resource": resource])
        }
        var entries = [entry(patient.id.uuid, mapper.patient(patient, coverages: coverages, mergedFrom: mergedFrom))]
        entries += coverages.map { entry($0.id.uuid, mapper.coverage($0)) }
        for visit in visits {
            entries.append(entry(visit.id.uuid, mapper.encounter(visit)))
            entries += mapper.chartResources(visit).map { entry($0.uuid, $0.json) }
        }
        return .object([
            "resourceType": "Bundle",
            "id": .string(patient.id.description),
            "type": "collection",
            "entry": .array(entries),
        ])
    }
}
