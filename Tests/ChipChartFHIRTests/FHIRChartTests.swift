import ChipChart
import ChipChartFHIR
import Foundation
import Testing

@Suite("FHIR R4 resources of a visit's chart")
struct FHIRChartTests {
    /// The resources of a Bundle's entries.
    static func resources(_ bundle: FHIRJSON) -> [FHIRJSON] {
        bundle["entry"]?.elements.compactMap { $0["resource"] } ?? []
    }

    /// The resources of a type in a Bundle.
    static func resources(_ type: String, in bundle: FHIRJSON) -> [FHIRJSON] {
        resources(bundle).filter { $0["resourceType"]?.stringValue == type }
    }

    /// The first code of a resource's (or a component's) `code`.
    static func code(_ resource: FHIRJSON) -> String? {
        resource["code"]?["coding"]?.elements.first?["code"]?.stringValue
    }

    /// Every `reference` anywhere in a value.
    static func references(in value: FHIRJSON) -> [String] {
        switch value {
        case .object(let members):
            let own = members["reference"]?.stringValue.map { [$0] } ?? []
            return own + members.values.flatMap(references)
        case .array(let elements): return elements.flatMap(references)
        default: return []
        }
    }

    @Test(
        .enabled(if: FHIRValidator.isAvailable, "python3 with fhir.resources is not installed"),
        arguments: ChartedRecord.Kind.allCases
    )
    func anIndependentValidatorAcceptsTheBundleAndEveryResource(_ kind: ChartedRecord.Kind) async throws {
        let bundle = try await ChartedRecord.make(kind).bundle
        for resource in [bundle] + Self.resources(bundle) {
            let complaint = try FHIRValidator.complaint(aboutResource: resource.text())
            #expect(complaint == nil, "\(resource["resourceType"]?.stringValue ?? ""): \(complaint ?? "")")
        }
    }

    @Test(arguments: ChartedRecord.Kind.allCases)
    func everyReferenceResolvesInsideTheBundle(_ kind: ChartedRecord.Kind) async throws {
        let bundle = try await ChartedRecord.make(kind).bundle
        let entries = bundle["entry"]?.elements ?? []
        let urls = Set(entries.compactMap { $0["fullUrl"]?.stringValue })
        #expect(urls.count == entries.count)
        for resource in Self.resources(bundle) {
            let contained = Set(resource["contained"]?.elements.compactMap { $0["id"]?.stringValue } ?? [])
            for reference in Self.references(in: resource) {
                let resolves =
                    reference.hasPrefix("#")
                    ? contained.contains(String(reference.dropFirst())) : urls.contains(reference)
                #expect(resolves, "\(resource["resourceType"]?.stringValue ?? ""): \(reference)")
            }
        }
        let chart = Self.resources(bundle).filter {
            ["Observation", "Condition"].contains($0["resourceType"]?.stringValue)
        }
        #expect(!chart.isEmpty)
        let encounter = try #require(Self.resources("Encounter", in: bundle).first)
        let encounterURL = "urn:uuid:\(encounter["id"]?.stringValue ?? "")"
        #expect(chart.allSatisfy { $0["encounter"]?["reference"]?.stringValue == encounterURL })
    }

    @Test func vitalSignsCarryLOINCCodesAndUCUMUnits() async throws {
        let bundle = try await ChartedRecord.make(.inpatientStay).bundle
        let observations = Self.resources("Observation", in: bundle).filter {
            $0["category"]?.elements.first?["coding"]?.elements.first?["code"] == "vital-signs"
        }
        let units = Dictionary(
            uniqueKeysWithValues: observations.compactMap { observation -> (String, FHIRJSON)? in
                guard let code = Self.code(observation), let value = observation["valueQuantity"] else { return nil }
                return (code, value)
            }
        )
        #expect(units["8867-4"]?["value"] == .decimal(104))
        #expect(units["8867-4"]?["code"] == "/min")
        #expect(units["8310-5"]?["value"] == .decimal(Decimal(string: "39.2") ?? 0))
        #expect(units["8310-5"]?["code"] == "Cel")
        #expect(units["9279-1"]?["value"] == .decimal(24))
        #expect(units["2708-6"]?["code"] == "%")
        #expect(units["29463-7"]?["code"] == "kg")
        #expect(units["8302-2"]?["code"] == "cm")
        #expect(units.values.allSatisfy { $0["system"]?.stringValue == FHIRSystem.ucum })
        let panel = try #require(observations.first { Self.code($0) == "85354-9" })
        let components = panel["component"]?.elements ?? []
        #expect(components.map(Self.code) == ["8480-6", "8462-4"])
        #expect(components.map { $0["valueQuantity"]?["value"] } == [.decimal(110), .decimal(70)])
        #expect(components.allSatisfy { $0["valueQuantity"]?["code"] == "mm[Hg]" })
        #expect(panel["effectiveDateTime"] == "2026-03-02T07:40:00+07:00")
        #expect(panel["performer"]?.elements.first?["display"] == "Vũ Thị Điều Dưỡng")
        #expect(observations.count == 7)
    }

    @Test func conditionsAreTheDiagnosesInForce() async throws {
        let bundle = try await ChartedRecord.make(.inpatientStay).bundle
        let conditions = Self.resources("Condition", in: bundle)
        #expect(conditions.map(Self.code) == ["J18.9", "I10"])
        #expect(conditions.first?["code"]?["text"] == "Viêm phổi thùy dưới phải")
        #expect(conditions.allSatisfy { $0["clinicalStatus"]?["coding"]?.elements.first?["code"] == "inactive" })
        #expect(conditions.first?["recordedDate"] == "2026-03-04T08:30:00+07:00")
        let encounter = try #require(Self.resources("Encounter", in: bundle).first)
        #expect(encounter["contained"] == nil)
        let ranked = encounter["diagnosis"]?.elements.compactMap { $0["condition"]?["reference"]?.stringValue }
        #expect(ranked == conditions.compactMap { $0["id"]?.stringValue.map { "urn:uuid:\($0)" } })
    }

    @Test func theStayMatchesTheGoldenFile() async throws {
        let text = try await ChartedRecord.make(.inpatientStay).bundle.text()
        let url = FHIRTests.goldenDirectory.appendingPathComponent("charted-stay-bundle.json")
        if ProcessInfo.processInfo.environment["CHIPCHART_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)))
    }
}
