import ChipChart
import Foundation

extension SimulatedInsurancePortal {
    /// The portal's checks, in the real portal's order, on the fields as sent.
    static func answer(
        maThe: String,
        hoTen: String,
        ngaySinh: String,
        hoTenCb: String,
        cccdCb: String,
        state: inout State,
        now: Date
    ) -> PortalAnswer {
        runScheduled(&state, now: now)
        let today = CalendarDate(containing: now)
        if state.authenticationFails { return reply(.authenticationError) }

        // 205: every field present, the birth date in dd/MM/yyyy or yyyy.
        let fields = [maThe, hoTen, ngaySinh, hoTenCb, cccdCb].map { $0.trimmingCharacters(in: .whitespaces) }
        guard !fields.contains(where: \.isEmpty), let name = try? PersonName(hoTen),
            let birth = try? DateOfBirth(parsing: ngaySinh), ngaySinh.count == 10 || ngaySinh.count == 4
        else {
            return reply(.parameterFormatError)
        }

        // 054 / 055: the staff member looking up must be registered, under that name.
        guard let staffID = try? PersonalID(cccdCb), let registered = state.staff[staffID.digits] else {
            return reply(.staffNotRegistered)
        }
        guard let staffName = try? PersonName(hoTenCb), staffName.matches(registered) else {
            return reply(.staffNameMismatch)
        }

        // 051–053 and 050: the card number.
        let found: (person: Person, index: Int)
        switch lookUp(maThe.trimmingCharacters(in: .whitespaces), in: state) {
        case .rejected(let code): return reply(code)
        case .found(let person, let index): found = (person, index)
        }
        let person = found.person
        let record = person.cards[found.index]

        // 001 / 002: cards the Defence or Public Security offices manage.
        switch record.card.code.group.code {
        case "QN", "CY": return reply(.managedByDefence)
        case "CA": return reply(.managedByPublicSecurity)
        default: break
        }

        // 060 / 061 / 070: the holder.
        if let forced = person.forced { return reply(forced) }
        if !name.matches(person.holder.name) {
            let sameInitial = name.searchKey.first == person.holder.name.searchKey.first
            return reply(sameInitial ? .wrongNameFirstLetterRight : .wrongName)
        }
        guard birth.isCompatible(with: person.holder.dateOfBirth) else { return reply(.wrongDateOfBirth) }

        // The card's state.
        var answer = reply(.valid, person: person, card: record.card)
        if record.revoked {
            answer.result = .revoked
        } else if let ended = record.ended {
            answer.result = ended
        } else if record.replacedBy != nil, let successor = person.cards.last {
            let stillValid = record.oldStaysValid && record.card.validity.contains(today)
            answer.result = stillValid ? .replacedOldStillValid : .replacedOldExpired
            answer.newCard = successor.card.portalCard
            answer.rawFields.merge(newCardFields(successor.card, old: record.card)) { $1 }
        } else if let end = record.card.validity.end, end < today {
            answer.result = .expired
        }
        answer.message = answer.result.meaning
        answer.rawFields["maKetQua"] = answer.result.rawValue
        answer.rawFields["ghiChu"] = answer.message
        return answer
    }

    /// Finds the card a `maThe` names: an exact code (old or current), or the current card of a
    /// social insurance number or personal ID.
    static func lookUp(_ text: String, in state: State) -> LookUp {
        let number: String
        var exactCode: InsuranceCardCode?
        switch text.count {
        case 15:
            do {
                let code = try InsuranceCardCode(text)
                exactCode = code
                number = code.socialInsuranceNumber.digits
            } catch {
                if error.field.hasSuffix(".province") { return .rejected(.wrongProvince) }
                if error.field.hasSuffix(".benefitLevel") { return .rejected(.wrongBenefitLevel) }
                return .rejected(.wrongCardCode)
            }
        case 10:
            guard let parsed = try? SocialInsuranceNumber(text) else { return .rejected(.wrongCardCode) }
            number = parsed.digits
        case 12:
            guard let id = try? PersonalID(text) else { return .rejected(.wrongCardCode) }
            guard let linked = state.numberByPersonalID[id.digits] else { return .rejected(.noCard) }
            number = linked
        default:
            return .rejected(.wrongCardCode)
        }
        guard let person = state.people[number], !person.cards.isEmpty else { return .rejected(.noCard) }
        guard let exactCode else { return .found(person, person.cards.count - 1) }
        guard let index = person.cards.lastIndex(where: { $0.card.code == exactCode }) else {
            return .rejected(.wrongCardCode)
        }
        return .found(person, index)
    }

    enum LookUp {
        case found(Person, Int)
        case rejected(PortalResultCode)
    }

    static func reply(_ code: PortalResultCode, person: Person? = nil, card: Card? = nil) -> PortalAnswer {
        var raw = ["maKetQua": code.rawValue, "ghiChu": code.meaning]
        if let person {
            raw["hoTen"] = person.holder.name.text
            raw["ngaySinh"] = person.holder.dateOfBirth.portalText
        }
        if let card {
            raw["maThe"] = card.code.value
            raw["maSoBHXH"] = card.code.socialInsuranceNumber.digits
            raw["gtTheTu"] = card.validity.start?.slashed ?? ""
            raw["gtTheDen"] = card.validity.end?.slashed ?? ""
            raw["maDKBD"] = card.registeredFacility?.value ?? ""
            raw["maKV"] = card.region?.rawValue ?? ""
            raw["ngayDu5Nam"] = card.fiveYearDate?.slashed ?? ""
        }
        return PortalAnswer(
            result: code,
            message: code.meaning,
            card: card?.portalCard,
            holderName: person?.holder.name,
            holderDateOfBirth: person?.holder.dateOfBirth,
            holderSex: person?.holder.sex,
            holderAddress: person?.holder.address,
            rawFields: raw
        )
    }

    static func newCardFields(_ card: Card, old: Card) -> [String: String] {
        [
            "maTheCu": old.code.value,
            "maTheMoi": card.code.value,
            "gtTheTuMoi": card.validity.start?.slashed ?? "",
            "gtTheDenMoi": card.validity.end?.slashed ?? "",
            "maDKBDMoi": card.registeredFacility?.value ?? "",
            "tenDKBDMoi": card.registeredFacilityName ?? "",
        ]
    }
}
