public import ChipChart
public import Foundation
import Synchronization

/// A faithful, deterministic simulator of the insurer's verification portal, for tests and the
/// examples.
///
/// It keeps the insurer's side: enrolled people and their cards, replacements (003/004),
/// expiries (010), revocations (110), reported ends (120–124), and the network (online, offline,
/// slow). It checks each query as the real portal does, in the same order: login (401), request
/// format (205), staff member present and registered (054) with the registered name (055), card
/// number well formed (051 code, 052 province digits, 053 benefit digit), card found (050),
/// Defence- or Police-managed card (001/002), holder's name (060, or 061 with the first letter
/// right) and birth date (070), then the card's state. A lookup by the 15-character code, the
/// 10-digit social insurance number or the 12-digit personal ID finds the same card; a lookup by
/// an old card's code reports its replacement, a lookup by number answers about the current card.
///
/// Time comes from an injected ``SimulatedClock``: "today" (for validity) is the clock's day in
/// Vietnam, and scheduled events happen when the clock reaches them.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let portal = SimulatedInsurancePortal(clock: clock)
/// portal.apply(.registerStaff(receptionist))
/// portal.apply(.enrol(holder, card))
/// portal.apply(.replaceCard(number, with: newCard, reason: .groupChange, oldStaysValid: true))
/// portal.schedule(.goOffline, at: tenOClock)
/// ```
///
/// A scenario can also be loaded from JSON (``load(scenario:)``).
public final class SimulatedInsurancePortal: InsurancePortal, Sendable {
    struct CardRecord: Hashable, Sendable {
        var card: Card
        var revoked = false
        var ended: PortalResultCode?
        var replacedBy: Int?
        var oldStaysValid = false
    }

    struct Person: Hashable, Sendable {
        var holder: Holder
        var cards: [CardRecord]
        var forced: PortalResultCode?
    }

    struct Scheduled: Hashable, Sendable {
        var at: Date
        var order: Int
        var event: Event
    }

    struct State: Sendable {
        var staff: [String: PersonName] = [:]
        var people: [String: Person] = [:]
        var numberByPersonalID: [String: String] = [:]
        var connectivity: Connectivity = .online
        var authenticationFails = false
        var scheduled: [Scheduled] = []
        var nextOrder = 0
        var lookups = 0
    }

    /// The clock the simulator reads "today" from.
    public let clock: SimulatedClock
    let state = Mutex(State())

    /// An empty insurer: nobody enrolled, no staff registered, online.
    public init(clock: SimulatedClock) { self.clock = clock }

    /// Applies a scripted event now.
    public func apply(_ event: Event) {
        let today = CalendarDate(containing: clock.now)
        state.withLock { Self.apply(event, to: &$0, today: today) }
    }

    /// Schedules an event for when the clock reaches `instant` (applied before the next lookup
    /// at or after it, in the order scheduled).
    public func schedule(_ event: Event, at instant: Date) {
        state.withLock { state in
            state.scheduled.append(Scheduled(at: instant, order: state.nextOrder, event: event))
            state.nextOrder += 1
        }
    }

    /// How many lookups reached the simulator (answered, offline or slow).
    public var lookupCount: Int { state.withLock { $0.lookups } }

    /// The current network behaviour.
    public var connectivity: Connectivity { state.withLock { $0.connectivity } }

    /// Answers a query as the real portal would, after the network behaviour.
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` while offline; `CancellationError` when a slow
    ///   answer is cancelled.
    public func verify(_ query: PortalQuery) async throws -> PortalAnswer {
        let (answer, connectivity) = state.withLock { state in
            state.lookups += 1
            return (
                Self.answer(
                    maThe: query.cardNumber.text,
                    hoTen: query.fullName.text,
                    ngaySinh: query.dateOfBirth.portalText,
                    hoTenCb: query.staff.name.text,
                    cccdCb: query.staff.personalID.digits,
                    state: &state,
                    now: clock.now
                ),
                state.connectivity
            )
        }
        switch connectivity {
        case .online: return answer
        case .offline: throw PortalUnavailable(reason: "the simulated portal is offline")
        case .slow(let delay):
            try await Task.sleep(for: delay)
            return answer
        }
    }

    /// Answers the request fields as sent on the wire (`maThe`, `hoTen`, `ngaySinh`, `hoTenCb`,
    /// `cccdCb`), ignoring the network: for tests of malformed requests (205, 051–053).
    public func answer(maThe: String, hoTen: String, ngaySinh: String, hoTenCb: String, cccdCb: String) -> PortalAnswer
    {
        state.withLock { state in
            Self.answer(
                maThe: maThe,
                hoTen: hoTen,
                ngaySinh: ngaySinh,
                hoTenCb: hoTenCb,
                cccdCb: cccdCb,
                state: &state,
                now: clock.now
            )
        }
    }

    static func apply(_ event: Event, to state: inout State, today: CalendarDate) {
        switch event {
        case .registerStaff(let staff):
            state.staff[staff.personalID.digits] = staff.name
        case .enrol(let holder, let card):
            let number = card.code.socialInsuranceNumber.digits
            state.people[number] = Person(holder: holder, cards: [CardRecord(card: card)])
            if let id = holder.personalID { state.numberByPersonalID[id.digits] = number }
        case .replaceCard(let number, let card, _, let oldStaysValid):
            guard var person = state.people[number.digits], let current = person.cards.indices.last else { return }
            person.cards[current].replacedBy = current + 1
            person.cards[current].oldStaysValid = oldStaysValid
            if !oldStaysValid, let start = card.validity.start {
                person.cards[current].card.validity = person.cards[current].card.validity.closed(before: start)
            }
            person.cards.append(CardRecord(card: card))
            state.people[number.digits] = person
        case .expire(let number):
            state.updateCurrentCard(number) { $0.card.validity = $0.card.validity.closed(before: today) }
        case .revoke(let number):
            state.updateCurrentCard(number) { $0.revoked = true }
        case .reportEnded(let number, let code):
            state.updateCurrentCard(number) { $0.ended = code }
        case .answerWrongName(let number):
            state.people[number.digits]?.forced = .wrongName
        case .answerWrongBirthDate(let number):
            state.people[number.digits]?.forced = .wrongDateOfBirth
        case .forceResult(let number, let code):
            state.people[number.digits]?.forced = code
        case .clearForcedResult(let number):
            state.people[number.digits]?.forced = nil
        case .goOffline:
            state.connectivity = .offline
        case .comeOnline:
            state.connectivity = .online
        case .answerSlowly(let delay):
            state.connectivity = .slow(delay)
        case .failAuthentication(let fails):
            state.authenticationFails = fails
        }
    }

    static func runScheduled(_ state: inout State, now: Date) {
        let due = state.scheduled.filter { $0.at <= now }.sorted { ($0.at, $0.order) < ($1.at, $1.order) }
        guard !due.isEmpty else { return }
        state.scheduled.removeAll { $0.at <= now }
        for item in due { apply(item.event, to: &state, today: CalendarDate(containing: item.at)) }
    }
}

extension SimulatedInsurancePortal.State {
    mutating func updateCurrentCard(
        _ number: SocialInsuranceNumber,
        _ change: (inout SimulatedInsurancePortal.CardRecord) -> Void
    ) {
        guard var person = people[number.digits], let last = person.cards.indices.last else { return }
        change(&person.cards[last])
        people[number.digits] = person
    }
}
