import ChipChart

/// What the desk's screen shows, for the blocks that hand an outcome to it: here each prints a
/// line.
extension Clinic {
    /// Shows the patient as insured under `coverage`.
    func showInsured(_ coverage: Coverage?) {
        print("insured:", coverage?.cardCode.description ?? "no card")
    }

    /// Asks the receptionist to correct the detail of the holder the insurer did not recognise.
    func askToCorrect(_ field: CoverageOutcome.MismatchedField) {
        print("correct:", field.rawValue)
    }

    /// Shows a warning the receptionist reads before going on.
    func showWarning(_ text: String) {
        print("warning:", text)
    }
}
