import ChipChart
import ChipChartFHIR
import Foundation
import Testing

@Suite("FHIR R4 resources")
struct FHIRTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    @Test func bundleMatchesTheGoldenFile() throws {
        let record = try FHIRFixtures()
        let text = FHIRMapper(facility: record.facility)
            .bundle(patient: record.patient, coverages: record.coverages, visits: record.visits)
            .text()
        let url = Self.goldenDirectory.appendingPathComponent("patient-bundle.json")
        if ProcessInfo.processInfo.environment["CHIPCHART_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test func identifiersCarrySystemsUseAndPeriods() throws {
        let record = try FHIRFixtures()
        let patient = FHIRMapper(facility: record.facility).patient(record.patient, coverages: record.coverages)
        let identifiers = patient["identifier"]?.elements ?? []
        let cccd = identifiers.filter { $0["system"]?.stringValue == FHIRSystem.personalID }
        #expect(cccd.count == 2)
        let old = try #require(cccd.first { $0["value"]?.stringValue == "001158000001" })
        #expect(old["use"] == "old")
        #expect(old["period"]?["end"] == "2024-06-30")
        let current = try #require(cccd.first { $0["value"]?.stringValue == "001158004321" })
        #expect(current["use"] == "official")
        #expect(identifiers.contains { $0["system"]?.stringValue == FHIRSystem.legacyID && $0["use"] == "old" })
        #expect(identifiers.contains { $0["system"]?.stringValue == FHIRSystem.socialInsuranceNumber })
        #expect(
            identifiers.contains {
                $0["system"]?.stringValue == "http://fhir.hl7.org.vn/core/sid/ma-bn/01001" && $0["value"] == "BN000456"
            }
        )
        let cards = identifiers.filter { $0["system"]?.stringValue == FHIRSystem.insuranceCard }
        #expect(cards.map { $0["use"] } == ["old", "usual"])
        #expect(patient["birthDate"] == "1958")
        #expect(patient["gender"] == "female")
    }

    @Test func mergedRecordsLinkBothWays() throws {
        let record = try FHIRFixtures()
        let mapper = FHIRMapper(facility: record.facility)
        let merged = mapper.patient(record.duplicate)
        #expect(merged["active"] == false)
        #expect(merged["link"]?.elements.first?["type"] == "replaced-by")
        #expect(merged["link"]?.elements.first?["other"]?["reference"]?.stringValue == "Patient/\(record.patient.id)")
        let survivor = mapper.patient(record.patient, mergedFrom: [record.duplicate.id])
        #expect(survivor["active"] == true)
        #expect(survivor["link"]?.elements.first?["type"] == "replaces")
    }

    @Test func aReplacementIsANewLinkedCoverage() throws {
        let record = try FHIRFixtures()
        let mapper = FHIRMapper(facility: record.facility)
        let old = mapper.coverage(record.coverages[0])
        let new = mapper.coverage(record.coverages[1])
        #expect(old["id"] != new["id"])
        #expect(old["subscriberId"] == "GD4010000012345")
        #expect(new["class"]?.elements.first?["value"] == "HT")
        #expect(new["period"]?["start"] == "2026-03-05")
        let replaces = new["extension"]?.elements.first {
            $0["url"]?.stringValue == FHIRSystem.replacesCoverageExtension
        }
        #expect(replaces?["valueReference"]?["reference"]?.stringValue == "Coverage/\(record.coverages[0].id)")
        let replacedBy = old["extension"]?.elements.first {
            $0["url"]?.stringValue == FHIRSystem.replacedByCoverageExtension
        }
        #expect(replacedBy?["valueReference"]?["reference"]?.stringValue == "Coverage/\(record.coverages[1].id)")
    }

    @Test(arguments: [
        (0, "IMP", "2026-03-03T14:20:00+07:00", "finished"), (1, "AMB", "2026-03-20T08:00:00+07:00", "arrived"),
    ])
    func encountersHaveClassPeriodAndDiagnoses(
        _ index: Int,
        _ classCode: String,
        _ start: String,
        _ status: String
    ) throws {
        let record = try FHIRFixtures()
        let encounter = FHIRMapper(facility: record.facility).encounter(record.visits[index])
        #expect(encounter["class"]?["code"]?.stringValue == classCode)
        #expect(encounter["period"]?["start"]?.stringValue == start)
        #expect(encounter["status"]?.stringValue == status)
        #expect(encounter["diagnosis"]?.elements.first?["rank"] == .integer(1))
        #expect(encounter["serviceProvider"]?["identifier"]?["value"] == "01001")
        let codes = encounter["contained"]?.elements.compactMap {
            $0["code"]?["coding"]?.elements.first?["code"]?.stringValue
        }
        #expect(codes == record.visits[index].diagnoses.map(\.value))
    }

    @Test func jsonIsDeterministicAndEscaped() {
        let value: FHIRJSON = .object(["b": "x\"y\\z\n\u{1}", "a": .array([.integer(1), true]), "c": .object([:])])
        #expect(value.text(pretty: false) == #"{"a":[1,true],"b":"x\"y\\z\n\u0001","c":{}}"#)
        #expect(value.text() == value.text())
    }

    @Test(.enabled(if: FHIRValidator.isAvailable, "python3 with fhir.resources is not installed"))
    func anIndependentValidatorAcceptsEveryResource() throws {
        let record = try FHIRFixtures()
        let mapper = FHIRMapper(facility: record.facility)
        var resources = [
            mapper.patient(record.patient, coverages: record.coverages, mergedFrom: [record.duplicate.id]),
            mapper.patient(record.duplicate),
            mapper.bundle(patient: record.patient, coverages: record.coverages, visits: record.visits),
        ]
        resources += record.coverages.map(mapper.coverage)
        resources += record.visits.map(mapper.encounter)
        for resource in resources {
            let complaint = try FHIRValidator.complaint(aboutResource: resource.text())
            #expect(complaint == nil, "\(resource["resourceType"]?.stringValue ?? ""): \(complaint ?? "")")
        }
    }

    @Test(.enabled(if: FHIRValidator.isAvailable, "python3 with fhir.resources is not installed"))
    func theIndependentValidatorCanFail() throws {
        // An element R4 does not define, and an Encounter without its required class.
        let unknownElement: FHIRJSON = .object(["resourceType": "Patient", "id": "x", "colour": "blue"])
        let missingClass: FHIRJSON = .object(["resourceType": "Encounter", "id": "x", "status": "finished"])
        #expect(try FHIRValidator.complaint(aboutResource: unknownElement.text()) != nil)
        #expect(try FHIRValidator.complaint(aboutResource: missingClass.text()) != nil)
    }
}
