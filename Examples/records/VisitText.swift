import ChipChart
import Foundation

/// A visit's full record as lines of text, in Vietnam time, with staff masked.
struct VisitText {
    let visit: Visit
    /// The visit's document signatures, checked.
    let signatures: [SignatureCheck]

    init(_ visit: Visit, signatures: [SignatureCheck] = []) {
        self.visit = visit
        self.signatures = signatures
    }

    var text: String {
        let chart = visit.chart
        var lines = [
            "visit \(visit.key): \(visit.kind.meaning) (\(visit.kind.code)), \(visit.status.rawValue), version \(visit.version)",
            "admitted \(Self.time(visit.admittedAt))"
                + (visit.dischargedAt.map { ", discharged \(Self.time($0))" } ?? "") + " (Vietnam time)",
        ]
        if let reason = visit.reason { lines.append("reason: \(reason)") }
        lines += chart.vitalSigns.map { entry($0, "vital signs", Self.vitals($0.content)) }
        lines += chart.notes.map { entry($0, "\($0.content.kind.rawValue) note", $0.content.text) }
        lines += chart.diagnoses.map { entry($0, "diagnosis", Self.diagnosis($0.content)) }
        lines += zip(chart.orders, visit.lineItems).map { order, line in
            entry(
                order,
                "order",
                "\(line.code) \(line.name) × \(line.quantity) \(order.content.unit), \(line.unitPrice) đ each"
                    + (line.inScope
                        ? ", insurance \(line.insurancePrice) đ at \(line.paymentRatePercent)%" : ", not insured")
            )
        }
        lines += chart.results.map { result in
            let content = result.content
            let value = [content.value, content.unit].compactMap { $0 }.joined(separator: " ")
            let range = content.referenceRange.map { " (reference \($0))" } ?? ""
            return entry(
                result,
                "result",
                "\(content.name) [\(content.serviceCode)]: \(value)\(range), performed by \(content.performer)"
            )
        }
        lines += chart.procedures.map { entry($0, "procedure", "\($0.content.code) \($0.content.name)") }
        lines += chart.departments.map { move in
            entry(
                move,
                move.content.reason.rawValue,
                move.content.department + (move.content.note.map { ": \($0)" } ?? "")
            )
        }
        if let discharge = chart.discharge {
            lines.append(entry(discharge, "discharge", Self.discharge(discharge.content)))
        }
        if let cancellation = chart.cancellation {
            lines.append(entry(cancellation, "cancelled", cancellation.content))
        }
        lines += signatures.map { "\(Self.time($0.at)) signature by \($0.signer): \($0.text)" }
        return lines.joined(separator: "\n")
    }

    private func entry<Content>(_ entry: ChartEntry<Content>, _ label: String, _ detail: String) -> String {
        "\(Self.time(entry.at)) \(label) by \(entry.author): \(detail)"
    }

    static func time(_ instant: Date) -> String {
        let parts = VietnamTime.components(of: instant)
        return "\(parts.date) " + String(format: "%02d:%02d", parts.hour, parts.minute)
    }

    static func vitals(_ signs: VitalSigns) -> String {
        var parts: [String] = []
        if let pulse = signs.pulse { parts.append("pulse \(pulse)/min") }
        if let systolic = signs.systolicPressure, let diastolic = signs.diastolicPressure {
            parts.append("BP \(systolic)/\(diastolic) mmHg")
        }
        if let temperature = signs.temperature { parts.append("T \(temperature) °C") }
        if let rate = signs.respiratoryRate { parts.append("RR \(rate)/min") }
        if let saturation = signs.oxygenSaturation { parts.append("SpO2 \(saturation)%") }
        if let weight = signs.weight { parts.append("weight \(weight) kg") }
        if let height = signs.height { parts.append("height \(height) cm") }
        return parts.joined(separator: ", ")
    }

    static func diagnosis(_ diagnosis: Diagnosis) -> String {
        var text = "main \(diagnosis.main)"
        if !diagnosis.secondary.isEmpty {
            text += ", secondary " + diagnosis.secondary.map(\.value).joined(separator: ";")
        }
        if let words = diagnosis.dischargeText { text += " — \(words)" }
        return text
    }

    static func discharge(_ discharge: Discharge) -> String {
        var text = "outcome \(discharge.outcome.code) (\(discharge.outcome.meaning)), "
        text += "type \(discharge.type.code) (\(discharge.type.meaning))"
        if let referral = discharge.referral {
            text += "; referred to \(referral.facility), paper \(referral.paperNumber)"
        }
        if let followUp = discharge.followUp { text += "; follow-up on \(followUp.day)" }
        if let leave = discharge.sickLeave { text += "; sick leave \(leave.from)–\(leave.through)" }
        return text
    }
}
