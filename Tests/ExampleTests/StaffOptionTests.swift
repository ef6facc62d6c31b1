import ChipChart
import ExampleSupport
import Testing

/// The examples' `--staff NAME|PERSONAL_ID` option.
@Suite("The --staff option")
struct StaffOptionTests {
    @Test func aNameAndAPersonalIDMakeAStaffMember() throws {
        let staff = try Staff(commandLine: "Trần Thị Lễ Tân|001185000001", role: .physician)
        #expect(staff.name.text == "Trần Thị Lễ Tân")
        #expect(staff.personalID == (try PersonalID("001185000001")))
        #expect(staff.role == .physician)
    }

    @Test(arguments: [
        ("no separator", "staff"),
        ("Tân|003185000001", "staff.personalID"),
        ("|001185000001", "staff.name"),
        ("Tân|001185000001|x", "staff"),
    ])
    func aMalformedOptionNamesTheField(_ text: String, _ field: String) {
        #expect {
            try Staff(commandLine: text)
        } throws: { ($0 as? ValidationError)?.field == field }
    }
}
