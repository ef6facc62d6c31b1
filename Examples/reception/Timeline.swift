import ChipChart
import ExampleSupport
import Foundation

/// A patient's whole record as `reception patient` prints it.
struct Timeline {
    let patient: ChipChart.Patient
    let coverages: [Coverage]
    let visits: [Visit]

    private struct JSONForm: Encodable {
        struct Identifier: Encodable {
            let kind: String
            let value: String
            let status: String
            let validFrom: String?
            let validTo: String?
        }

        struct Card: Encodable {
            let personalID: String
            let issueDate: String?
            let expiryDate: String?
            let noExpiry: Bool
        }

        struct CoverageForm: Encodable {
            let id: String
            let cardCode: String
            let status: String
            let validFrom: String?
            let validTo: String?
            let registeredFacility: String?
            let replaces: String?
            let replacedBy: String?
            let verifiedResult: String?
        }

        struct VisitForm: Encodable {
            let id: String
            let key: String
            let kind: String
            let status: String
            let admittedAt: String
            let dischargedAt: String?
            let cardCodes: [String]
            let unverified: Bool
        }

        let patientID: String
        let personalID: String?
        let fullName: String
        let dateOfBirth: String
        let sex: String
        let mergedInto: String?
        let identifiers: [Identifier]
        let cards: [Card]
        let coverages: [CoverageForm]
        let visits: [VisitForm]
    }

    func json() throws -> String {
        let iso = ISO8601DateFormatter()
        let form = JSONForm(
            patientID: patient.id.description,
            personalID: patient.personalID?.digits,
            fullName: patient.demographics.name.text,
            dateOfBirth: patient.demographics.dateOfBirth.description,
            sex: patient.demographics.sex.rawValue,
            mergedInto: patient.mergedInto?.description,
            identifiers: patient.identifiers.map {
                .init(
                    kind: $0.kind.rawValue,
                    value: $0.value,
                    status: $0.status.rawValue,
                    validFrom: $0.validity.start?.description,
                    validTo: $0.validity.end?.description
                )
            },
            cards: patient.idCards.map {
                .init(
                    personalID: $0.personalID.digits,
                    issueDate: $0.issueDate?.description,
                    expiryDate: $0.expiryDate?.description,
                    noExpiry: $0.hasNoExpiry
                )
            },
            coverages: coverages.map {
                .init(
                    id: $0.id.description,
                    cardCode: $0.cardCode.value,
                    status: $0.status.rawValue,
                    validFrom: $0.validity.start?.description,
                    validTo: $0.validity.end?.description,
                    registeredFacility: $0.registeredFacility?.value,
                    replaces: $0.replaces?.description,
                    replacedBy: $0.replacedBy?.description,
                    verifiedResult: $0.verification.result?.rawValue
                )
            },
            visits: visits.map {
                .init(
                    id: $0.id.description,
                    key: $0.key,
                    kind: $0.kind.code,
                    status: $0.status.rawValue,
                    admittedAt: iso.string(from: $0.admittedAt),
                    dischargedAt: $0.dischargedAt.map { iso.string(from: $0) },
                    cardCodes: $0.appliedCoverages.map(\.cardCode.value),
                    unverified: $0.appliedCoverages.contains { $0.unverified }
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(form), as: UTF8.self)
    }

    func text() -> String {
        let demographics = patient.demographics
        var lines = [
            "\(demographics.name.text) — \(demographics.sex.vietnamese), born \(demographics.dateOfBirth.portalText)",
            "identifiers:",
        ]
        for identifier in patient.identifiers {
            lines.append(
                "  \(identifier.kind.rawValue) \(identifier.value) (\(identifier.status.rawValue)) \(identifier.validity)"
            )
        }
        lines.append("ID cards:")
        for card in patient.idCards {
            let expiry = card.hasNoExpiry ? "no expiry" : card.expiryDate.map { "expires \($0.slashed)" } ?? ""
            lines.append("  issued \(card.issueDate?.slashed ?? "?") \(expiry)")
        }
        lines.append("coverages:")
        for coverage in coverages {
            var line = "  \(coverage.cardCode.value) \(coverage.validity) \(coverage.status.rawValue)"
            if coverage.replacedBy != nil { line += ", replaced by a newer card" }
            if coverage.replaces != nil { line += ", replaces an older card" }
            lines.append(line)
        }
        lines.append("visits:")
        for visit in visits {
            let time = VietnamTime.components(of: visit.admittedAt)
            let cards = visit.appliedCoverages.map(\.cardCode.value).joined(separator: "; ")
            lines.append(
                "  \(time.date.slashed) \(visit.key) \(visit.status.rawValue) \(cards.isEmpty ? "self-pay" : cards)"
            )
        }
        // What comes from the records is shown, never obeyed: control characters escaped.
        return lines.map(TerminalText.escaped).joined(separator: "\n")
    }
}
