import ChipChart
import ExampleSupport
import Foundation

/// How `reception read` prints a reading: JSON with fixed keys, or aligned text for a person.
enum ReadingOutput {
    private struct ReadingJSON: Encodable {
        let reading: CardReading

        enum Key: String, CodingKey {
            case personalID, legacyID, fullName, dateOfBirth, sex, address, issueDate, expiryDate, documentNumber,
                source
            case passiveAuthentication
            case documentType, nationality, previousIDs, chipAuthentication, activeAuthentication
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(reading.personalID?.digits, forKey: .personalID)
            try container.encode(reading.legacyID?.digits, forKey: .legacyID)
            try container.encode(reading.name.text, forKey: .fullName)
            try container.encode(reading.dateOfBirth.description, forKey: .dateOfBirth)
            try container.encode(reading.sex.rawValue, forKey: .sex)
            try container.encode(reading.address, forKey: .address)
            try container.encode(reading.issueDate?.description, forKey: .issueDate)
            try container.encode(reading.expiryDate?.description, forKey: .expiryDate)
            try container.encode(reading.documentNumber, forKey: .documentNumber)
            try container.encode(reading.source.rawValue, forKey: .source)
            if reading.source == .chip {
                try container.encode(reading.authentication, forKey: .passiveAuthentication)
            }
            try container.encode(reading.documentType.rawValue, forKey: .documentType)
            try container.encode(reading.nationality, forKey: .nationality)
            try container.encode(reading.previousIDs.map(PreviousIDJSON.init), forKey: .previousIDs)
            // Only a chip can authenticate itself: other sources say null.
            let isChip = reading.source == .chip
            for (outcome, key) in [
                (reading.chipAuthentication, Key.chipAuthentication),
                (reading.activeAuthentication, .activeAuthentication),
            ] {
                try container.encode(isChip ? (outcome ?? .notOffered).rawValue : nil, forKey: key)
            }
        }
    }

    /// A previous number: `{"kind": "legacyID", "value": "012345678"}`.
    private struct PreviousIDJSON: Encodable {
        let kind: String
        let value: String

        init(_ key: PatientIdentifier.Key) {
            kind = key.kind.rawValue
            value = key.value
        }
    }

    private struct InsuranceJSON: Encodable {
        let cardCode: String
        let group: String
        let benefitLevel: Int
        let province: String
        let socialInsuranceNumber: String
    }

    static func json(_ reading: CardReading) throws -> String {
        try encode(ReadingJSON(reading: reading))
    }

    static func json(_ code: InsuranceCardCode) throws -> String {
        try encode(
            InsuranceJSON(
                cardCode: code.value,
                group: code.group.code,
                benefitLevel: code.level.digit,
                province: code.province.twoDigitCode,
                socialInsuranceNumber: code.socialInsuranceNumber.digits
            )
        )
    }

    static func text(_ reading: CardReading) -> String {
        var rows: [(String, String)] = [
            ("Source", reading.source.rawValue),
            ("Personal ID", reading.personalID?.digits ?? "-"),
            ("Old ID (CMND)", reading.legacyID?.digits ?? "-"),
            ("Full name", reading.name.text),
            ("Date of birth", reading.dateOfBirth.description),
            ("Sex", reading.sex.rawValue),
            ("Address", reading.address ?? "-"),
            ("Issued", reading.issueDate?.description ?? "-"),
            ("Expires", reading.hasNoExpiry ? "never" : reading.expiryDate?.description ?? "-"),
            ("Document number", reading.documentNumber ?? "-"),
            ("Document", reading.documentType.rawValue),
            ("Issuing state", reading.issuingState ?? "-"),
            ("Nationality", reading.nationality ?? "-"),
            (
                "Previous IDs",
                reading.previousIDs.isEmpty ? "-" : reading.previousIDs.map(\.value).joined(separator: ", ")
            ),
        ]
        if let authentication = reading.authentication {
            rows.append(("Data-group hashes", authentication.dataGroupHashesMatch ? "match" : "DO NOT MATCH"))
            rows.append(("SOD signature", authentication.signatureVerified ? "verified" : "NOT VERIFIED"))
            rows.append(("Chain to CSCA", authentication.chainsToTrustedCSCA ? "trusted" : "not established"))
        }
        if let chipAuthentication = reading.chipAuthentication {
            rows.append(("Chip authentication", chipAuthentication.rawValue))
        }
        if let activeAuthentication = reading.activeAuthentication {
            rows.append(("Active authentication", activeAuthentication.rawValue))
        }
        return table(rows)
    }

    static func text(_ code: InsuranceCardCode) -> String {
        table([
            ("Card code", code.value),
            ("Group", "\(code.group.code) (\(code.group.meaning))"),
            ("Benefit level", "\(code.level.digit) (fund pays \(code.level.fundSharePercent)%)"),
            ("Province", code.province.description),
            ("Social insurance number", code.socialInsuranceNumber.digits),
        ])
    }

    /// Aligned `label: value` lines; a value's control and format characters are shown escaped.
    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map {
            $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + TerminalText.escaped($0.1)
        }
        .joined(separator: "\n")
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
