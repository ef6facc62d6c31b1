public import ChipChart

extension Staff {
    /// The staff member a `--staff NAME|PERSONAL_ID` option names.
    ///
    /// - Throws: `ValidationError` naming `staff` (no `|`), `staff.name` or `staff.personalID`.
    public init(commandLine text: String, role: Role = .receptionist) throws(ValidationError) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ValidationError(field: "staff", reason: .invalidFormat, message: "expected NAME|PERSONAL_ID")
        }
        self.init(
            name: try PersonName(parts[0], field: "staff.name"),
            personalID: try PersonalID(parts[1], field: "staff.personalID"),
            role: role
        )
    }
}
