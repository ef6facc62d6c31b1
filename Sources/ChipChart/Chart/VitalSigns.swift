public import Foundation

/// One set of vital signs and body measurements; every value is optional, and a value outside
/// what a living patient can show is refused, naming the field.
///
/// | value | unit | accepted |
/// |---|---|---|
/// | ``pulse`` | beats per minute | 20–300 |
/// | ``systolicPressure`` / ``diastolicPressure`` | mmHg | 40–300 / 20–200, diastolic below systolic |
/// | ``temperature`` | °C | 30–45 |
/// | ``respiratoryRate`` | breaths per minute | 4–80 |
/// | ``oxygenSaturation`` | SpO₂, % | 50–100 |
/// | ``weight`` | kg | 0.3–400 (`CAN_NANG`) |
/// | ``height`` | cm | 20–250 |
public struct VitalSigns: Hashable, Sendable, Codable {
    /// The pulse, beats per minute.
    public var pulse: Int?
    /// The systolic blood pressure, mmHg.
    public var systolicPressure: Int?
    /// The diastolic blood pressure, mmHg.
    public var diastolicPressure: Int?
    /// The body temperature, °C.
    public var temperature: Decimal?
    /// The respiratory rate, breaths per minute.
    public var respiratoryRate: Int?
    /// The peripheral oxygen saturation (SpO₂), percent.
    public var oxygenSaturation: Int?
    /// The body weight, kg.
    public var weight: Decimal?
    /// The height, cm.
    public var height: Decimal?

    /// Checks a set of measurements.
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`, `inconsistent`, `missing`) naming
    ///   `vitalSigns.pulse`, `vitalSigns.systolicPressure`, `vitalSigns.diastolicPressure`,
    ///   `vitalSigns.temperature`, `vitalSigns.respiratoryRate`, `vitalSigns.oxygenSaturation`,
    ///   `vitalSigns.weight` or `vitalSigns.height`; `vitalSigns` when nothing was measured.
    public init(
        pulse: Int? = nil,
        systolicPressure: Int? = nil,
        diastolicPressure: Int? = nil,
        temperature: Decimal? = nil,
        respiratoryRate: Int? = nil,
        oxygenSaturation: Int? = nil,
        weight: Decimal? = nil,
        height: Decimal? = nil
    ) throws(ValidationError) {
        try Self.check(pulse.map { Decimal($0) }, 20...300, "pulse", "beats per minute")
        try Self.check(systolicPressure.map { Decimal($0) }, 40...300, "systolicPressure", "mmHg")
        try Self.check(diastolicPressure.map { Decimal($0) }, 20...200, "diastolicPressure", "mmHg")
        try Self.check(temperature, 30...45, "temperature", "°C")
        try Self.check(respiratoryRate.map { Decimal($0) }, 4...80, "respiratoryRate", "breaths per minute")
        try Self.check(oxygenSaturation.map { Decimal($0) }, 50...100, "oxygenSaturation", "%")
        try Self.check(weight, Decimal(3) / 10...400, "weight", "kg")
        try Self.check(height, 20...250, "height", "cm")
        if (systolicPressure == nil) != (diastolicPressure == nil) {
            throw ValidationError.missing(
                systolicPressure == nil ? "vitalSigns.systolicPressure" : "vitalSigns.diastolicPressure",
                "a blood pressure has both a systolic and a diastolic value"
            )
        }
        if let systolicPressure, let diastolicPressure, diastolicPressure >= systolicPressure {
            throw ValidationError.inconsistent(
                "vitalSigns.diastolicPressure",
                "the diastolic pressure is below the systolic"
            )
        }
        self.pulse = pulse
        self.systolicPressure = systolicPressure
        self.diastolicPressure = diastolicPressure
        self.temperature = temperature
        self.respiratoryRate = respiratoryRate
        self.oxygenSaturation = oxygenSaturation
        self.weight = weight
        self.height = height
        guard self != VitalSigns.empty else {
            throw ValidationError.missing("vitalSigns", "no value was measured")
        }
    }

    private init() {}

    private static let empty = VitalSigns()

    private static func check(
        _ value: Decimal?,
        _ range: ClosedRange<Decimal>,
        _ name: String,
        _ unit: String
    ) throws(ValidationError) {
        guard let value, !range.contains(value) else { return }
        throw ValidationError.outOfRange(
            "vitalSigns.\(name)",
            "\(name) is \(range.lowerBound)–\(range.upperBound) \(unit)"
        )
    }
}
