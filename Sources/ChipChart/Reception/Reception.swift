public import Foundation
public import Logging

/// The check-in service: from a card reading to an open, insured, audited visit.
///
/// ``checkIn(_:for:by:)`` follows the flow of the design: find the patient (by personal ID, else
/// by the old CMND, else by the social insurance number the insurer returns, under the matching
/// rules of <doc:MatchingRules> — never a duplicate, never another person's record), return the
/// visit already open when there is one (one open visit of a kind per patient and facility),
/// reconcile the record with the card, verify insurance within a bounded time, open the visit
/// with the coverage that applies, and commit everything as one audited ``ChangeSet``. When two
/// desks race on the same person, the store's optimistic versions and unique identifiers reject
/// one commit, and the check-in is retried from a fresh read.
///
/// ```swift
/// let reception = Reception(store: store, portal: portal, facility: try FacilityCode("01001"))
/// let receipt = try await reception.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: receptionist)
/// print(receipt.visit.key, receipt.coverageOutcome?.summary ?? "no insurance check")
/// ```
///
/// ## Topics
///
/// ### Checking in
/// - ``checkIn(_:for:by:)``
/// - ``checkIn(typed:for:by:)``
/// - ``registerUnidentified(_:for:by:)``
/// - ``identify(_:as:by:)``
///
/// ### Finding and merging
/// - ``search(_:by:)``
/// - ``merge(_:into:by:)``
/// - ``undo(_:by:)``
public struct Reception: Sendable {
    /// How the desk behaves.
    public struct Configuration: Hashable, Sendable {
        /// The facility the desk belongs to (`MA_CSKCB`).
        public var facility: FacilityCode
        /// A second scan of the same person within this many seconds returns the visit already
        /// open instead of opening another.
        public var repeatScanWindow: TimeInterval
        /// Warn when the insurance card expires within this many days.
        public var expiryWarningDays: Int
        /// How long to wait for the insurer before the offline rule applies.
        public var portalTimeout: Duration
        /// How many times a check-in that lost a race with another desk is retried.
        public var maximumAttempts: Int

        /// A configuration for a facility.
        public init(
            facility: FacilityCode,
            repeatScanWindow: TimeInterval = 600,
            expiryWarningDays: Int = 30,
            portalTimeout: Duration = .seconds(10),
            maximumAttempts: Int = 5
        ) {
            self.facility = facility
            self.repeatScanWindow = repeatScanWindow
            self.expiryWarningDays = expiryWarningDays
            self.portalTimeout = portalTimeout
            self.maximumAttempts = maximumAttempts
        }
    }

    /// Where records live.
    public let store: any RecordStore
    /// Asks the insurer, with the offline rule.
    public let verifier: CoverageVerifier
    /// How the desk behaves.
    public let configuration: Configuration
    /// The clock.
    let now: @Sendable () -> Date
    /// Where the service logs: masked identifiers only.
    let logger: Logger

    /// A reception desk over a store and the insurer's portal.
    public init(
        store: any RecordStore,
        portal: any InsurancePortal,
        configuration: Configuration,
        logger: Logger = Logger(label: "chipchart.reception", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.verifier = CoverageVerifier(portal: portal, timeout: configuration.portalTimeout, logger: logger)
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    /// A reception desk for a facility with the default configuration.
    public init(store: any RecordStore, portal: any InsurancePortal, facility: FacilityCode) {
        self.init(store: store, portal: portal, configuration: Configuration(facility: facility))
    }

    /// Checks a patient in from a card reading.
    ///
    /// - Parameters:
    ///   - reading: what the card said (QR, MRZ, chip, or typed).
    ///   - request: the visit to open.
    ///   - staff: the receptionist; named in the audit trail and in the insurer's lookup.
    /// - Returns: the receipt: patient, visit, coverage outcome, warnings.
    /// - Throws: ``ValidationError`` when the reading contradicts itself, or states a birth or
    ///   issue date after the desk's today (``CardReading/validate(today:)``; nothing is written);
    ///   ``StoreError`` when the store fails or a race could not be resolved in
    ///   ``Configuration/maximumAttempts``.
    public func checkIn(_ reading: CardReading, for request: VisitRequest, by staff: Staff) async throws -> CheckIn {
        try reading.validate(today: CalendarDate(containing: now()))
        return try await retryingRaces {
            try await attemptCheckIn(reading, for: request, by: staff)
        }
    }

    /// Runs `body` again when it lost a race with another desk (a version conflict or an
    /// identifier registered meanwhile), up to the configured number of attempts.
    func retryingRaces<Result>(_ body: () async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as StoreError
                where [.versionConflict, .duplicateIdentifier, .openVisitExists].contains(error.code)
                && attempt < configuration.maximumAttempts
            {
                logger.debug(
                    "check-in lost a race; retrying",
                    metadata: ["attempt": "\(attempt)", "code": "\(error.code)"]
                )
                attempt += 1
            }
        }
    }

    private func attemptCheckIn(
        _ reading: CardReading,
        for request: VisitRequest,
        by staff: Staff
    ) async throws
        -> CheckIn
    {
        let access = Access(by: staff, purpose: "check-in")
        let instant = now()
        var warnings: [CheckInWarning] = []
        // 1. Find the patient by the card's numbers, under the matching rules.
        var found = try await findPatient(for: reading, access: access, warnings: &warnings)
        if let existing = found,
            let open = try await openVisit(
                of: existing.patient,
                kind: request.kind,
                at: instant,
                match: existing.match,
                access: access
            )
        {
            return open
        }

        // 2. Ask the insurer, with what the record already holds.
        let cardNumber: PortalQuery.CardNumber =
            if let card = request.insuranceCard { .cardCode(card) } else { .personalID(reading.personalID) }
        let query = PortalQuery(
            cardNumber: cardNumber,
            fullName: reading.name,
            dateOfBirth: reading.dateOfBirth,
            staff: staff
        )
        var coverages: [Coverage] = []
        if let found { coverages = try await store.coverages(ofPatient: found.patient.id, for: access) }
        let provisionalID = found?.patient.id ?? PatientID()
        var check = await verifier.check(query, coverages: coverages, patient: provisionalID, at: instant)

        // 3. Still unknown: the insurer's social insurance number may name a known patient.
        if found == nil, let number = check.answer?.card?.code.socialInsuranceNumber,
            let patient = try await patient(
                holding: number,
                presented: reading.presented,
                access: access,
                warnings: &warnings
            )
        {
            if let open = try await openVisit(
                of: patient,
                kind: request.kind,
                at: instant,
                match: .socialInsuranceNumber,
                access: access
            ) {
                return open
            }
            found = (patient, .socialInsuranceNumber)
            coverages = try await store.coverages(ofPatient: patient.id, for: access)
            if let answer = check.answer {
                check = CoverageTimeline(coverages).applying(answer, for: query, patient: patient.id, at: instant)
            }
        }

        // 4. Decide: the record as the card has it now, or a new one.
        var patient: Patient
        let match: CheckIn.Match
        if let (existing, how) = found {
            patient = existing
            match = how
            reconcile(&patient, with: reading, on: CalendarDate(containing: instant), warnings: &warnings)
        } else {
            patient = Self.newPatient(from: reading, id: provisionalID)
            match = .registered
            warnings += try await unconfirmedNamesakes(of: reading, access: access)
        }
        if let number = check.coverage?.socialInsuranceNumber ?? check.answer?.card?.code.socialInsuranceNumber {
            try await link(number, to: &patient, presented: reading.presented, access: access, warnings: &warnings)
        }

        // 5. Commit once.
        return try await openVisit(
            for: patient,
            storedAs: found?.patient,
            match: match,
            check: check,
            request: request,
            at: instant,
            access: access,
            warnings: warnings
                + coverageWarnings(
                    check,
                    holderName: reading.name,
                    idCardExpiry: reading.hasNoExpiry ? nil : reading.expiryDate,
                    at: instant
                )
        )
    }

    /// Opens the visit, applies the coverage check, commits patient, coverages and visit as one
    /// change set, and makes the receipt.
    func openVisit(
        for patient: Patient,
        storedAs stored: Patient?,
        match: CheckIn.Match,
        check: CoverageCheck?,
        request: VisitRequest,
        at instant: Date,
        access: Access,
        warnings: [CheckInWarning]
    ) async throws -> CheckIn {
        var visit = try Visit(
            key: request.key ?? Self.visitKey(facility: configuration.facility, at: instant),
            patientID: patient.id,
            facility: configuration.facility,
            kind: request.kind,
            route: request.route,
            admittedAt: instant,
            reason: request.reason
        )
        var changes = ChangeSet(access)
        if patient != stored { changes.save(patient) }
        if let check {
            visit.apply(check)
            check.save(into: &changes)
        }
        changes.save(visit)
        let receipt = try await store.commit(changes)
        let storedVisit = receipt.visits.first { $0.id == visit.id } ?? visit
        logger.debug(
            "checked in",
            metadata: ["match": "\(match.rawValue)", "visit": "\(storedVisit.id)", "patient": "\(patient.id)"]
        )
        return CheckIn(
            patient: receipt.patients.first { $0.id == patient.id } ?? patient,
            visit: storedVisit,
            match: match,
            coverageOutcome: check?.outcome,
            coverage: check?.coverage,
            coverageUnverified: check?.isUnverified ?? false,
            benefitSharePercent: check?.coverage?.cardCode.level.fundSharePercent,
            warnings: warnings.reduce(into: []) { unique, warning in
                if !unique.contains(warning) { unique.append(warning) }
            },
            isRepeatScan: false
        )
    }

    /// A unique encounter key (`MA_LK`): facility, Vietnam time to the second, and a random tail.
    static func visitKey(facility: FacilityCode, at instant: Date) -> String {
        let parts = VietnamTime.components(of: instant)
        let time =
            parts.date.compact + CalendarDate.pad(parts.hour) + CalendarDate.pad(parts.minute)
            + CalendarDate.pad(parts.second)
        let tail = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)
        return "\(facility.value)-\(time)-\(tail)"
    }
}
