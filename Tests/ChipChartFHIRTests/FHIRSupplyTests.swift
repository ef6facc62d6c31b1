import ChipChart
import ChipChartFHIR
import Foundation
import Testing

@Suite("Medical supplies on the chart as FHIR R4 ChargeItems")
struct FHIRSupplyTests {
    @Test func aSupplyIsAChargeItemWithItsCatalogueCode() async throws {
        let bundle = try await ChartedRecord.make(.outpatientVisit).bundle
        let charges = FHIRChartTests.resources("ChargeItem", in: bundle)
        let charge = try #require(charges.first)
        #expect(charges.count == 1)
        let coding = charge["code"]?["coding"]?.elements.first
        #expect(coding?["system"]?.stringValue == FHIRSystem.supplyCode)
        #expect(coding?["code"] == "N03.05.070")
        #expect(charge["code"]?["text"] == "Bơm tiêm nhựa 5 ml")
        #expect(charge["quantity"]?["value"] == .decimal(2))
        #expect(charge["quantity"]?["unit"] == "Cái")
        #expect(charge["status"] == "billable")
        #expect(charge["occurrenceDateTime"] == "2026-03-02T08:20:00+07:00")
        #expect(charge["encounter"] == nil)
        let encounter = try #require(FHIRChartTests.resources("Encounter", in: bundle).first)
        #expect(charge["context"]?["reference"]?.stringValue == "urn:uuid:\(encounter["id"]?.stringValue ?? "")")
        let patient = try #require(FHIRChartTests.resources("Patient", in: bundle).first)
        #expect(charge["subject"]?["reference"]?.stringValue == "urn:uuid:\(patient["id"]?.stringValue ?? "")")
        // The supply is not also a request.
        let requested =
            FHIRChartTests.resources("ServiceRequest", in: bundle)
            + FHIRChartTests.resources(
                "MedicationRequest",
                in: bundle
            )
        #expect(!requested.contains { FHIRChartTests.code($0) == "N03.05.070" })
    }

    @Test(.enabled(if: FHIRValidator.isAvailable, "python3 with fhir.resources is not installed"))
    func anIndependentValidatorAcceptsTheChargeItem() async throws {
        let bundle = try await ChartedRecord.make(.outpatientVisit).bundle
        let charge = try #require(FHIRChartTests.resources("ChargeItem", in: bundle).first)
        #expect(try FHIRValidator.complaint(aboutResource: charge.text()) == nil)
    }
}
