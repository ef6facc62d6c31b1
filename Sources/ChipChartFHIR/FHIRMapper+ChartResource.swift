public import ChipChart
public import Foundation

extension FHIRMapper {
    /// A resource of a visit's chart: its stable UUID and its JSON.
    public struct ChartResource: Hashable, Sendable {
        /// The resource's id, derived from the visit and the entry, so the same chart always
        /// gives the same ids.
        public var uuid: UUID
        /// The resource.
        public var json: FHIRJSON
    }

    /// A stable UUID for one resource of a visit's chart, derived from the visit's UUID and a
    /// name such as `vitals/0/pulse` (two FNV-1a hashes, version 8: custom).
    static func chartUUID(_ visit: Visit, _ name: String) -> UUID {
        let bytes = Array("\(visit.id.description)/\(name)".utf8)
        func hash(_ seed: UInt64) -> UInt64 {
            bytes.reduce(seed) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }
        var value: [UInt8] = []
        for part in [hash(0xcbf2_9ce4_8422_2325), hash(0x8422_2325_cbf2_9ce4)] {
            value += (0..<8).map { UInt8(truncatingIfNeeded: part >> (8 * $0)) }
        }
        value[6] = (value[6] & 0x0f) | 0x80
        value[8] = (value[8] & 0x3f) | 0x80
        return UUID(
            uuid: (
                value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7],
                value[8], value[9], value[10], value[11], value[12], value[13], value[14], value[15]
            )
        )
    }

    /// The members every chart resource shares: its type and id, the Patient and the Encounter.
    func chartMembers(_ type: String, _ uuid: UUID, of visit: Visit) -> [String: FHIRJSON] {
        [
            "resourceType": .string(type),
            "id": .string(uuid.uuidString.lowercased()),
            "subject": reference("Patient", visit.patientID.uuid),
            "encounter": reference("Encounter", visit.id.uuid),
        ]
    }

    /// A staff member as a `Reference` by name (ChipChart writes no Practitioner resources).
    static func staff(_ staff: Staff) -> FHIRJSON {
        .object(["display": .string(staff.name.text)])
    }

    /// Every resource of a visit's chart, in order: the vital-sign Observations, the Conditions,
    /// the MedicationRequests and ServiceRequests, the supplies' ChargeItems, the result
    /// Observations, the DiagnosticReports, the Procedures, and the discharge summary's Composition.
    public func chartResources(_ visit: Visit) -> [ChartResource] {
        vitalSignObservations(visit) + conditions(visit) + orderRequests(visit) + supplyCharges(visit)
            + resultObservations(visit)
            + diagnosticReports(visit) + procedures(visit) + (dischargeSummary(visit).map { [$0] } ?? [])
    }
}
