import ChipChart
import Testing

@testable import ChipCard

@Suite("Data groups and BER-TLV")
struct DataGroupTests {
    static let syntheticDG13 = hex(
        "6D7B3079020101060628D316010008316C30110201010C0C30303130393930313233343530140201020C0F4E677579E1BB856E2056C4836E2041300F0201030C0A30312F30312F3139393930080201040C034E616D302602010D30210C0F4E677579E1BB856E2056C4836E20420C0E5472E1BAA76E205468E1BB8B2043"
    )

    @Test func syntheticDG13() throws {
        let dg13 = try DataGroup13(bytes: Self.syntheticDG13)
        #expect(dg13.text(1) == "001099012345")
        #expect(dg13.text(2) == "Nguyễn Văn A")
        #expect(dg13.text(3) == "01/01/1999")
        #expect(dg13.text(4) == "Nam")
        #expect(dg13.fatherName == "Nguyễn Văn B")
        #expect(dg13.motherName == "Trần Thị C")
        #expect(dg13.fields.count == 5)
    }

    @Test func fieldsAreFoundByNumberInAnyOrder() throws {
        let entries: [(Int, DataGroup13.Value)] = [
            (9, .text("Hà Nội")), (2, .text("Lê Thị D")), (1, .text("001199012345")),
        ]
        let dg13 = try DataGroup13(bytes: DataGroup13.encode(entries))
        #expect(dg13.text(2) == "Lê Thị D")
        #expect(dg13.text(9) == "Hà Nội")
        #expect(dg13.text(3) == nil)
    }

    @Test func bmpStringAndUnknownFields() throws {
        let name = Array("Phạm".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let bmp = BERTLV.encode(tag: 0x1E, value: name)
        let unknown = BERTLV.encode(tag: 0x04, value: [1, 2, 3])
        let dg13 = try DataGroup13(
            bytes: DataGroup13.encode([(2, .raw(bmp)), (20, .raw(unknown)), (16, .text("ABC123"))])
        )
        #expect(dg13.text(2) == "Phạm")
        #expect(dg13.fields[20] == .raw(unknown))
        #expect(dg13.text(16) == "ABC123")
    }

    @Test(arguments: [
        ("", "empty"),
        ("6D", "no length"),
        ("6D05300302", "length past the end"),
        ("6D8400000001", "4 length octets"),
        ("6D80", "indefinite length"),
        ("610100", "wrong tag"),
    ])
    func malformedDG13IsRejected(hexText: String, reason: String) {
        #expect(throws: ChipCardError.self, "\(reason)") { try DataGroup13(bytes: hex(hexText)) }
    }

    @Test func tlvHeaderAndLengthForms() throws {
        #expect(try BERTLV.header(of: hex("60145F01")) == (0x60, 2, 0x14))
        #expect(try BERTLV.header(of: hex("77820123")) == (0x77, 4, 0x123))
        #expect(BERTLV.encodeLength(0x7F) == [0x7F])
        #expect(BERTLV.encodeLength(0x80) == [0x81, 0x80])
        #expect(BERTLV.encodeLength(0x1234) == [0x82, 0x12, 0x34])
        let element = try BERTLV(parsing: hex("5F1F0141"))
        #expect(element.tag == 0x5F1F)
        #expect(element.value == [0x41])
        #expect(throws: ChipCardError.self) { try BERTLV(parsing: hex("5F1F014100")) }
    }

    @Test func dg1RoundTrip() throws {
        let mrz = try MRZ(lines: MRZTests.vietnamese)
        let dg1 = try DataGroup1(bytes: DataGroup1.encode(mrz))
        #expect(dg1.mrz == mrz)
        #expect(throws: ChipCardError.self) { try DataGroup1(bytes: hex("61055F1F024142")) }
    }

    @Test func chipReadingCrossChecksDG1AgainstDG13() throws {
        let dg1 = try DataGroup1(bytes: DataGroup1.encode(try MRZ(lines: MRZTests.vietnamese)))
        let reading = try CardReading(dg1: dg1, dg13: try DataGroup13(bytes: Self.syntheticDG13))
        #expect(reading.name.text == "Nguyễn Văn A")
        #expect(reading.chipExtras?.fatherName == "Nguyễn Văn B")
        #expect(reading.documentNumber == "099012345")
        let otherName = DataGroup13(fields: [1: .text("001099012345"), 2: .text("Lê Văn A")])
        let error = #expect(throws: ValidationError.self) { try CardReading(dg1: dg1, dg13: otherName) }
        #expect(error?.field == "chip.name")
        let otherID = DataGroup13(fields: [1: .text("001099012346")])
        #expect(
            (#expect(throws: ValidationError.self) { try CardReading(dg1: dg1, dg13: otherID) })?.field
                == "chip.personalID"
        )
    }
}
