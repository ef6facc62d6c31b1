import ChipChart
import Foundation

extension FHIRMapper {
    /// The procedures of a visit's chart as `Procedure`s: `completed`, the ICD-9-CM code
    /// (`MA_PTTT_QT`) with the name as text, the period performed and the performer.
    func procedures(_ visit: Visit) -> [ChartResource] {
        visit.chart.procedures.enumerated().map { index, entry in
            let procedure = entry.content
            let uuid = Self.chartUUID(visit, "procedure/\(index)")
            var members = chartMembers("Procedure", uuid, of: visit)
            members["status"] = "completed"
            members["code"] = Self.named(FHIRSystem.icd9cm, procedure.code, procedure.name)
            members["performedPeriod"] = .object([
                "start": .string(Self.dateTime(procedure.startedAt)),
                "end": .string(Self.dateTime(procedure.endedAt)),
            ])
            members["performer"] = .array([.object(["actor": Self.staff(procedure.performer)])])
            return ChartResource(uuid: uuid, json: .object(members))
        }
    }
}
