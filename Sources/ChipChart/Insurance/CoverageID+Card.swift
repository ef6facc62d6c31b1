import Foundation

extension RecordID where Record == Coverage {
    /// The id of the coverage linking a patient to one card code from a start day.
    ///
    /// The id is derived from its parts (a name-based UUID, version 8, over SHA-256), so two desks
    /// that record the same new card for the same patient at the same moment produce the same id:
    /// the store accepts the first and rejects the second with
    /// ``StoreError/Code/versionConflict``, and exactly one coverage is recorded. A renewal that
    /// keeps the same 15 characters starts on another day, so it gets its own id.
    public init(patient: PatientID, cardCode: InsuranceCardCode, validFrom: CalendarDate?) {
        let text = "chipchart.coverage|\(patient.description)|\(cardCode.value)|\(validFrom?.description ?? "-")"
        var bytes = Array(SHA256.hash(Array(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
        self.init(uuid)
    }
}
