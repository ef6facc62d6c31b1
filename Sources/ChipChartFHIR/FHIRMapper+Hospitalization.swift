import ChipChart
import Foundation

extension FHIRMapper {
    /// The members an Encounter gains from the visit's chart: its `location` history, one per
    /// department move (the department by its code, ``FHIRSystem/department(at:)``; the last
    /// `active` until discharge), and its `hospitalization`: the discharge disposition (HL7's
    /// `discharge-disposition` code with the claims' discharge type, `MA_LOAI_RV`) and, for a
    /// referral, the receiving facility as `destination`.
    func hospitalization(_ visit: Visit) -> [String: FHIRJSON] {
        var members: [String: FHIRJSON] = [:]
        let moves = visit.chart.departments
        let discharge = visit.chart.discharge
        if !moves.isEmpty {
            members["location"] = .array(
                moves.enumerated().map { index, move in
                    let end = index + 1 < moves.count ? moves[index + 1].at : discharge?.at
                    var period: [String: FHIRJSON] = ["start": .string(Self.dateTime(move.at))]
                    if let end { period["end"] = .string(Self.dateTime(end)) }
                    return .object([
                        "location": .object([
                            "identifier": Self.identifier(
                                FHIRSystem.department(at: visit.facility),
                                move.content.department
                            ),
                            "display": .string(move.content.department),
                        ]),
                        "status": .string(end == nil ? "active" : "completed"),
                        "period": .object(period),
                    ])
                }
            )
        }
        guard let discharge else { return members }
        let type = discharge.content.type
        let disposition: String
        if discharge.content.outcome == .died {
            disposition = "exp"
        } else if type.isReferral {
            disposition = "other-hcf"
        } else if type == .discharged {
            disposition = "home"
        } else {
            disposition = "aadvice"
        }
        var hospitalization: [String: FHIRJSON] = [
            "dischargeDisposition": .object([
                "coding": .array([
                    Self.coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", disposition),
                    Self.coding(FHIRSystem.dischargeType, String(type.code), type.meaning),
                ])
            ])
        ]
        if let referral = discharge.content.referral {
            hospitalization["destination"] = .object([
                "identifier": Self.identifier(FHIRSystem.facility, referral.facility.value)
            ])
        }
        members["hospitalization"] = .object(hospitalization)
        return members
    }
}
