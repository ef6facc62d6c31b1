import ChipChart
import Foundation

extension FHIRMapper {
    /// The medical supplies (VTYT) ordered on a visit's chart, each as a FHIR R4 `ChargeItem`:
    /// the supply by its catalogue code (``FHIRSystem/supplyCode``, `MA_VAT_TU`) and name, the
    /// quantity in the catalogue's unit, the Patient as `subject` and the Encounter as `context`,
    /// when and by whom it was ordered; `billable` once the visit is closed, else `planned`.
    ///
    /// Why a `ChargeItem`: a supply on a Vietnamese chart is a billed line of the claim (XML3
    /// with `MA_VAT_TU`, totalled in XML1's `T_VTYT`), used up in the patient's care, not a
    /// clinical request to fulfil. R4's `ChargeItem` is the resource for such a line: it carries
    /// the billing code, the quantity and the encounter. `DeviceRequest` has no quantity in R4
    /// and asks for a device for the patient to use; `SupplyRequest` and `SupplyDelivery` move
    /// stock between locations and know no encounter.
    func supplyCharges(_ visit: Visit) -> [ChartResource] {
        let status = visit.status == .closed ? "billable" : "planned"
        return visit.chart.orders.enumerated().compactMap { index, entry in
            let supply = entry.content
            guard supply.kind == .supply else { return nil }
            let uuid = Self.chartUUID(visit, "order/\(index)")
            var members = chartMembers("ChargeItem", uuid, of: visit)
            members["context"] = members.removeValue(forKey: "encounter")
            members["status"] = .string(status)
            members["code"] = Self.named(FHIRSystem.supplyCode, supply.code, supply.name)
            members["quantity"] = .object(["value": .decimal(supply.quantity), "unit": .string(supply.unit)])
            members["occurrenceDateTime"] = .string(Self.dateTime(entry.at))
            members["enteredDate"] = .string(Self.dateTime(entry.at))
            members["enterer"] = Self.staff(entry.author)
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }
}
