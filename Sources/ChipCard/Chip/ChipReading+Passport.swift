internal import ChipChart

extension ChipReading {
    /// The reading of a chip's data groups: DG1 cross-checked against DG13 when the chip holds
    /// DG13 (the ID card), else DG1's MRZ alone (a passport), as ``ChipChart/CardReading/init(mrz:)``
    /// reads it, with `source` `.chip`.
    ///
    /// - Throws: `ValidationError` as ``ChipChart/CardReading/init(dg1:dg13:)`` does, or, without
    ///   DG13, as ``ChipChart/CardReading/init(mrz:)`` does (fields `mrz.…`).
    static func reading(dg1: DataGroup1, optionalDG13 dg13: DataGroup13?) throws(ValidationError) -> CardReading {
        if let dg13 { return try make(dg1: dg1, dg13: dg13) }
        var reading = try CardReading(mrz: dg1.mrz)
        reading.source = .chip
        return reading
    }
}
