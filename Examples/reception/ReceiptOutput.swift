import ChipChart
import ExampleSupport
import Foundation

/// How `reception check-in` prints a receipt: a few lines a receptionist reads at a glance, or
/// JSON with fixed keys.
enum ReceiptOutput {
    private struct ReceiptJSON: Encodable {
        struct CoverageJSON: Encodable {
            let cardCode: String
            let registeredFacility: String?
            let validFrom: String?
            let validTo: String?
            let fundSharePercent: Int?
            let unverified: Bool
        }

        struct WarningJSON: Encodable {
            let code: String
            let message: String
        }

        let visitKey: String
        let visitID: String
        let patientID: String
        let personalID: String?
        let fullName: String
        let dateOfBirth: String
        let match: String
        let repeatScan: Bool
        let outcome: String?
        let resultCode: String?
        let coverage: CoverageJSON?
        let warnings: [WarningJSON]
    }

    static func json(_ receipt: CheckInReceipt) throws -> String {
        let coverage = receipt.coverage.map {
            ReceiptJSON.CoverageJSON(
                cardCode: $0.cardCode.value,
                registeredFacility: $0.registeredFacility?.value,
                validFrom: $0.validity.start?.description,
                validTo: $0.validity.end?.description,
                fundSharePercent: receipt.benefitSharePercent,
                unverified: receipt.coverageUnverified
            )
        }
        let value = ReceiptJSON(
            visitKey: receipt.visit.key,
            visitID: receipt.visit.id.description,
            patientID: receipt.patient.id.description,
            personalID: receipt.patient.personalID?.digits,
            fullName: receipt.patient.demographics.name.text,
            dateOfBirth: receipt.patient.demographics.dateOfBirth.description,
            match: receipt.match.rawValue,
            repeatScan: receipt.isRepeatScan,
            outcome: receipt.coverageOutcome?.summary,
            resultCode: receipt.coverageOutcome?.resultCode?.rawValue,
            coverage: coverage,
            warnings: receipt.warnings.map { ReceiptJSON.WarningJSON(code: $0.code.name, message: $0.message) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func text(_ receipt: CheckInReceipt) -> String {
        let patient = receipt.patient
        let time = VietnamTime.components(of: receipt.visit.admittedAt)
        let found: String =
            switch receipt.match {
            case .registered: "new patient registered"
            case .personalID: "found by personal ID"
            case .legacyID: "found by old CMND, now linked to the personal ID"
            case .socialInsuranceNumber: "found by insurance number"
            case .passport: "found by passport"
            }
        var lines = [
            receipt.isRepeatScan ? "ALREADY CHECKED IN (repeat scan)" : "CHECKED IN",
            "  visit      \(receipt.visit.key) at \(pad(time.hour)):\(pad(time.minute)) \(time.date.slashed)",
            "  patient    \(patient.demographics.name.text), \(patient.demographics.sex.vietnamese), born \(patient.demographics.dateOfBirth.portalText)",
            "             ID \(patient.personalID?.digits ?? "—") — \(found)",
        ]
        if let coverage = receipt.coverage {
            let share = receipt.benefitSharePercent.map { ", fund pays \($0)%" } ?? ""
            let status = receipt.coverageUnverified ? "NOT VERIFIED (insurer unreachable)" : "verified"
            lines.append("  insurance  \(coverage.cardCode.value), \(status)\(share)")
        } else if let outcome = receipt.coverageOutcome {
            lines.append("  insurance  none applies: \(outcome.summary) — self-pay")
        } else if !receipt.isRepeatScan {
            lines.append("  insurance  not checked")
        }
        for warning in receipt.warnings {
            lines.append("  ! \(warning.message)")
        }
        // What comes from the records is shown, never obeyed: control characters escaped.
        return lines.map(TerminalText.escaped).joined(separator: "\n")
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
