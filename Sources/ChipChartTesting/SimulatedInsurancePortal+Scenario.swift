import ChipChart
public import Foundation

extension SimulatedInsurancePortal {
    /// Loads a JSON scenario: registered staff, enrolled people, and events applied at once or
    /// scheduled for an instant.
    ///
    /// The format (every field named as below; dates as the portal writes them, `dd/MM/yyyy`;
    /// instants in ISO 8601 with their offset, such as `2026-03-10T08:00:00+07:00`):
    ///
    /// ```json
    /// {
    ///   "staff": [ { "name": "Trần Thị Lễ Tân", "personalID": "001185000001" } ],
    ///   "people": [ {
    ///     "name": "Nguyễn Văn A", "dateOfBirth": "01/01/1990", "sex": "Nam",
    ///     "personalID": "001090012345", "address": "Số 1 Phố Huế, Hà Nội",
    ///     "card": { "code": "DN4010123456789", "validFrom": "01/01/2026", "validTo": "31/12/2026",
    ///               "registeredFacility": "01001", "registeredFacilityName": "Trạm y tế",
    ///               "region": "K1", "fiveYearDate": "01/01/2024" }
    ///   } ],
    ///   "events": [
    ///     { "at": "2026-03-10T00:00:00+07:00", "action": "replaceCard",
    ///       "socialInsuranceNumber": "0123456789", "reason": "groupChange", "oldStaysValid": true,
    ///       "card": { "code": "HC4010123456789", "validFrom": "10/03/2026", "validTo": "31/12/2026" } },
    ///     { "action": "goOffline" }
    ///   ]
    /// }
    /// ```
    ///
    /// Actions: `registerStaff` (`staff`), `enrol` (`person`), `replaceCard` (`card`, `reason`:
    /// `groupChange`, `facilityChange`, `renewal` or `loss`; `oldStaysValid`), `expire`, `revoke`,
    /// `reportEnded` (`result`: 120–124), `answerWrongName`, `answerWrongBirthDate`,
    /// `forceResult` (`result`), `clearForcedResult` — each with `socialInsuranceNumber` —
    /// and `goOffline`, `comeOnline`, `answerSlowly` (`milliseconds`), `failAuthentication`
    /// (`fails`). Only `person`, `sex`, `address`, `personalID` and the card's facility, region
    /// and five-year fields are optional. An event without `at` applies at once.
    ///
    /// - Throws: `DecodingError` for malformed JSON, ``ChipChart/ValidationError`` naming the
    ///   failing field (`scenario.people[0].card.code`) for a value that does not validate.
    public func load(scenario json: Data) throws {
        let file = try JSONDecoder().decode(ScenarioFile.self, from: json)
        for (index, staff) in (file.staff ?? []).enumerated() {
            apply(.registerStaff(try staff.staff(field: "scenario.staff[\(index)]")))
        }
        for (index, person) in (file.people ?? []).enumerated() {
            let (holder, card) = try person.enrolment(field: "scenario.people[\(index)]")
            apply(.enrol(holder, card))
        }
        for (index, entry) in (file.events ?? []).enumerated() {
            let field = "scenario.events[\(index)]"
            let event = try entry.event(field: field)
            if let at = entry.at {
                guard let instant = ISO8601DateFormatter().date(from: at) else {
                    throw ValidationError.invalidFormat("\(field).at", "expected an ISO 8601 instant")
                }
                schedule(event, at: instant)
            } else {
                apply(event)
            }
        }
    }

    /// Loads a JSON scenario file (see ``load(scenario:)``).
    ///
    /// - Throws: the file's read error, or ``load(scenario:)``'s errors.
    public func load(scenarioFile url: URL) throws {
        try load(scenario: Data(contentsOf: url))
    }
}

private struct ScenarioFile: Decodable {
    var staff: [StaffEntry]?
    var people: [PersonEntry]?
    var events: [EventEntry]?
}

private struct StaffEntry: Decodable {
    var name: String
    var personalID: String

    func staff(field: String) throws(ValidationError) -> Staff {
        Staff(
            name: try PersonName(name, field: "\(field).name"),
            personalID: try PersonalID(personalID, field: "\(field).personalID")
        )
    }
}

private struct CardEntry: Decodable {
    var code: String
    var validFrom: String
    var validTo: String
    var registeredFacility: String?
    var registeredFacilityName: String?
    var region: String?
    var fiveYearDate: String?

    func card(field: String) throws(ValidationError) -> SimulatedInsurancePortal.Card {
        SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode(code, field: "\(field).code"),
            validity: try DatePeriod(
                start: try CalendarDate(parsing: validFrom, field: "\(field).validFrom"),
                end: try CalendarDate(parsing: validTo, field: "\(field).validTo"),
                field: "\(field).validTo"
            ),
            registeredFacility: try registeredFacility.map { value throws(ValidationError) in
                try FacilityCode(value, field: "\(field).registeredFacility")
            },
            registeredFacilityName: registeredFacilityName,
            region: try region.map { value throws(ValidationError) in
                try Region(parsing: value, field: "\(field).region")
            },
            fiveYearDate: try fiveYearDate.map { value throws(ValidationError) in
                try CalendarDate(parsing: value, field: "\(field).fiveYearDate")
            }
        )
    }
}

private struct PersonEntry: Decodable {
    var name: String
    var dateOfBirth: String
    var sex: String?
    var address: String?
    var personalID: String?
    var card: CardEntry

    func enrolment(
        field: String
    ) throws(ValidationError) -> (SimulatedInsurancePortal.Holder, SimulatedInsurancePortal.Card) {
        let holder = SimulatedInsurancePortal.Holder(
            name: try PersonName(name, field: "\(field).name"),
            dateOfBirth: try DateOfBirth(parsing: dateOfBirth, field: "\(field).dateOfBirth"),
            sex: try sex.map { value throws(ValidationError) in try Sex(parsing: value, field: "\(field).sex") },
            address: address,
            personalID: try personalID.map { value throws(ValidationError) in
                try PersonalID(value, field: "\(field).personalID")
            }
        )
        return (holder, try card.card(field: "\(field).card"))
    }
}

private struct EventEntry: Decodable {
    var at: String?
    var action: String
    var socialInsuranceNumber: String?
    var card: CardEntry?
    var reason: String?
    var oldStaysValid: Bool?
    var result: String?
    var milliseconds: Int?
    var fails: Bool?
    var staff: StaffEntry?
    var person: PersonEntry?

    func event(field: String) throws(ValidationError) -> SimulatedInsurancePortal.Event {
        func missing(_ name: String) -> ValidationError {
            ValidationError(field: "\(field).\(name)", reason: .missing, message: "\(action) needs \(name)")
        }
        func number() throws(ValidationError) -> SocialInsuranceNumber {
            guard let socialInsuranceNumber else { throw missing("socialInsuranceNumber") }
            return try SocialInsuranceNumber(socialInsuranceNumber, field: "\(field).socialInsuranceNumber")
        }
        func code() throws(ValidationError) -> PortalResultCode {
            guard let result else { throw missing("result") }
            return PortalResultCode(result)
        }
        switch action {
        case "registerStaff":
            guard let staff else { throw missing("staff") }
            return .registerStaff(try staff.staff(field: "\(field).staff"))
        case "enrol":
            guard let person else { throw missing("person") }
            let (holder, card) = try person.enrolment(field: "\(field).person")
            return .enrol(holder, card)
        case "replaceCard":
            guard let card else { throw missing("card") }
            guard let reasonText = reason, let reason = SimulatedInsurancePortal.ReplacementReason(rawValue: reasonText)
            else {
                throw ValidationError.unknownCode(
                    "\(field).reason",
                    "a reason is groupChange, facilityChange, renewal or loss"
                )
            }
            return .replaceCard(
                try number(),
                with: try card.card(field: "\(field).card"),
                reason: reason,
                oldStaysValid: oldStaysValid ?? false
            )
        case "expire": return .expire(try number())
        case "revoke": return .revoke(try number())
        case "reportEnded": return .reportEnded(try number(), try code())
        case "answerWrongName": return .answerWrongName(try number())
        case "answerWrongBirthDate": return .answerWrongBirthDate(try number())
        case "forceResult": return .forceResult(try number(), try code())
        case "clearForcedResult": return .clearForcedResult(try number())
        case "goOffline": return .goOffline
        case "comeOnline": return .comeOnline
        case "answerSlowly":
            guard let milliseconds else { throw missing("milliseconds") }
            return .answerSlowly(.milliseconds(milliseconds))
        case "failAuthentication": return .failAuthentication(fails ?? true)
        default:
            throw ValidationError.unknownCode("\(field).action", "unknown action \(action)")
        }
    }
}
