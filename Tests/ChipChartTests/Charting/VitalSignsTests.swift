import ChipChart
import Foundation
import Testing

/// Vital signs outside what a patient can show are refused, naming the field.
@Suite("Vital signs")
struct VitalSignsTests {
    struct Case: Sendable, CustomStringConvertible {
        let field: String
        let make: @Sendable () throws -> VitalSigns
        var description: String { field }
    }

    static let outOfRange: [Case] = [
        Case(field: "vitalSigns.pulse") { try VitalSigns(pulse: 400) },
        Case(field: "vitalSigns.systolicPressure") { try VitalSigns(systolicPressure: 20, diastolicPressure: 10) },
        Case(field: "vitalSigns.diastolicPressure") { try VitalSigns(systolicPressure: 120, diastolicPressure: 130) },
        Case(field: "vitalSigns.diastolicPressure") { try VitalSigns(systolicPressure: 120) },
        Case(field: "vitalSigns.temperature") { try VitalSigns(temperature: 47) },
        Case(field: "vitalSigns.respiratoryRate") { try VitalSigns(respiratoryRate: 2) },
        Case(field: "vitalSigns.oxygenSaturation") { try VitalSigns(oxygenSaturation: 101) },
        Case(field: "vitalSigns.weight") { try VitalSigns(weight: Decimal(string: "0.1") ?? 0) },
        Case(field: "vitalSigns.height") { try VitalSigns(height: 300) },
        Case(field: "vitalSigns") { try VitalSigns() },
    ]

    @Test("a value out of range names its field", arguments: outOfRange)
    func refused(_ check: Case) {
        #expect { try check.make() } throws: { ($0 as? ValidationError)?.field == check.field }
    }

    @Test("values at the edges of the ranges are accepted")
    func edges() throws {
        let signs = try VitalSigns(
            pulse: 20,
            systolicPressure: 300,
            diastolicPressure: 200,
            temperature: 30,
            respiratoryRate: 80,
            oxygenSaturation: 100,
            weight: Decimal(string: "0.3") ?? 0,
            height: 250
        )
        #expect(signs.pulse == 20)
    }
}
