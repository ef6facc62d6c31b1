import ChipChart
import Testing

@testable import ChipCard

/// The 7-field layout parsed exactly; whatever follows it kept raw, never guessed at.
extension QRCodeTests {
    @Test func theSevenFieldLayoutGivesTheOldCMNDAsThePreviousID() throws {
        let reading = try CardReading(qrCode: Self.payload)
        #expect(reading.previousIDs == [.legacyID(try LegacyIDNumber("012345678"))])
        #expect(reading.cancelledIDs.isEmpty)
        #expect(reading.rawFields.isEmpty)
        #expect(reading.documentType == .idCard)
    }

    @Test(arguments: [
        "|Nguyễn Văn B|001201012345|001099054321",
        "|001099054321",
        "|Trần Thị C|||",
    ])
    func fieldsAfterTheSeventhAreKeptRawAndNeverTakenForNumbers(_ tail: String) throws {
        let reading = try CardReading(qrCode: Self.payload + tail)
        let plain = try CardReading(qrCode: Self.payload)
        #expect(reading == plain.with(rawFields: reading.rawFields))
        #expect(reading.cancelledIDs.isEmpty, "the layout of the 2024 card's extra fields is not published")
        let extra = tail.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map(String.init)
        #expect(reading.rawFields.count == extra.count)
        for (offset, field) in extra.enumerated() {
            #expect(reading.rawFields["qr.\(offset + 8)"] == field)
        }
    }

    @Test(arguments: [
        "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Hà Nội",
        "Nguyễn Văn A|001099012345|01011999|Nam|Hà Nội|15042021|012345678",
    ])
    func anotherLayoutIsRefusedNotGuessed(_ payload: String) {
        let error = #expect(throws: ValidationError.self) { try CardReading(qrCode: payload) }
        #expect(error?.field.hasPrefix("qr") == true)
    }
}

extension CardReading {
    fileprivate func with(rawFields: [String: String]) -> CardReading {
        var copy = self
        copy.rawFields = rawFields
        return copy
    }
}
