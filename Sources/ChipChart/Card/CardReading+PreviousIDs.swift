extension CardReading {
    /// The numbers the holder held before this document, as it states them: the old CMND
    /// (``legacyID``), then the cancelled personal IDs (``cancelledIDs``).
    ///
    /// ``Reception`` records each in the patient's identifier history as superseded, and finds
    /// the record held under any of them instead of registering the person again.
    public var previousIDs: [PatientIdentifier.Key] {
        (legacyID.map { [PatientIdentifier.Key.legacyID($0)] } ?? []) + cancelledIDs.map { .personalID($0) }
    }
}
