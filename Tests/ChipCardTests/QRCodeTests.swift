import ChipChart
import Foundation
import Testing

@testable import ChipCard

@Suite("QR code")
struct QRCodeTests {
    static let payload = "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|15042021"

    @Test func syntheticExample() throws {
        let reading = try CardReading(qrCode: Self.payload)
        #expect(reading.source == .qr)
        #expect(reading.personalID?.digits == "001099012345")
        #expect(reading.legacyID?.digits == "012345678")
        #expect(reading.name.text == "Nguyễn Văn A")
        #expect(reading.dateOfBirth == .full(try CalendarDate(year: 1999, month: 1, day: 1)))
        #expect(reading.sex == .male)
        #expect(reading.address == "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội")
        #expect(reading.issueDate == (try CalendarDate(year: 2021, month: 4, day: 15)))
        #expect(reading.rawFields.isEmpty)
    }

    @Test func emptyLegacyFieldKeepsPositions() throws {
        let reading = try CardReading(qrCode: "001099012345||Nguyễn Văn A|01011999|Nam|Hà Nội|15042021")
        #expect(reading.legacyID == nil)
        #expect(reading.name.text == "Nguyễn Văn A")
        #expect(reading.issueDate?.year == 2021)
    }

    @Test func extraTrailingFieldsAreKeptRaw() throws {
        let reading = try CardReading(qrCode: Self.payload + "|Nguyễn Văn B|001070012345||")
        #expect(reading.rawFields["qr.8"] == "Nguyễn Văn B")
        #expect(reading.rawFields["qr.9"] == "001070012345")
        #expect(reading.rawFields["qr.10"] == "")
    }

    @Test func decomposedTextIsNormalisedAndLineEndsStripped() throws {
        let decomposed = Self.payload.decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count != Self.payload.unicodeScalars.count)
        let reading = try CardReading(qrCode: decomposed + "\r\n")
        #expect(reading.name.text.unicodeScalars.elementsEqual("Nguyễn Văn A".unicodeScalars))
        #expect(reading.issueDate?.day == 15)
    }

    @Test(arguments: [
        ("00109901234|012345678|Nguyễn Văn A|01011999|Nam|Hà Nội|15042021", "qr.personalID"),
        ("001099012345|01234|Nguyễn Văn A|01011999|Nam|Hà Nội|15042021", "qr.legacyID"),
        ("001099012345|012345678||01011999|Nam|Hà Nội|15042021", "qr.name"),
        ("001099012345|012345678|Nguyễn Văn A|31021999|Nam|Hà Nội|15042021", "qr.dateOfBirth"),
        ("001099012345|012345678|Nguyễn Văn A|01011999|X|Hà Nội|15042021", "qr.sex"),
        ("001099012345|012345678|Nguyễn Văn A|01011999|Nam|Hà Nội|1504202", "qr.issueDate"),
        ("001099012345|012345678|Nguyễn Văn A|01011999|Nữ|Hà Nội|15042021", "qr.personalID"),
        ("001099012345|012345678|Nguyễn Văn A|01011998|Nam|Hà Nội|15042021", "qr.personalID"),
        ("001099012345|012345678|Nguyễn Văn A|01011999|Nam", "qr"),
    ])
    func invalidFieldIsNamed(payload: String, field: String) {
        let error = #expect(throws: ValidationError.self) { try CardReading(qrCode: payload) }
        #expect(error?.field == field)
    }

    @Test func readerSkipsBlankLinesAndEndsCleanly() async throws {
        let reader = QRCodeReader(lines: ScriptedLines(["", "  ", Self.payload]))
        let reading = try await reader.read()
        #expect(reading.personalID?.digits == "001099012345")
        await #expect(throws: ValidationError.self) { try await reader.read() }
    }
}
