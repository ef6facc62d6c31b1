public import Foundation
public import Logging

/// The check-in service: from a card reading to an open, insured, audited visit.
///
/// ``checkIn(_:for:by:)`` reads and asks first, then decides once, then writes once: it finds the
/// patient (by personal ID, else by the old CMND, under the matching rules of
/// <doc:MatchingRules> — never a duplicate, never another person's record), returns the visit
/// already open when there is one (one open visit per patient and slot, ``Visit/openSlot``), asks
/// the insurer within a bounded time, finds a patient still unknown by the social insurance
/// number the insurer names, and then decides — which record, brought in line with the card; the
/// insurer's answer applied to that record's coverages; the visit with the coverage that
/// applies; the warnings — and commits it all as one audited ``ChangeSet``. When two desks race
/// on the same person, the store's optimistic versions and unique identifiers reject one commit,
/// and the check-in is retried from a fresh read (logged at debug level).
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let reception = Reception(store: store, portal: portal, facility: try FacilityCode("01001"))
/// let receipt = try await reception.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: receptionist)
/// print(receipt.visit.key, receipt.coverageOutcome?.summary ?? "no insurance check")
/// ```
///
/// ## Topics
///
/// ### Checking in
/// - ``Configuration``
/// - ``init(store:portal:configuration:logger:now:)``
/// - ``init(store:portal:facility:logger:)``
/// - ``checkIn(_:for:by:)``
/// - ``checkIn(typed:for:by:)``
/// - ``registerUnidentified(_:for:by:)``
/// - ``identify(_:as:by:)``
///
/// ### Re-checking coverage
/// - ``recheckCoverage(of:by:)``
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
        /// A second scan of the same person within this time returns the visit already open
        /// instead of opening another; 10 minutes by default.
        public var repeatScanWindow: Duration
        /// Warn when the insurance card expires within this many calendar days.
        public var expiryWarningDays: Int
        /// How long to wait for the insurer before the offline rule applies; 10 seconds by default.
        public var portalTimeout: Duration
        /// How many times a check-in that lost a race with another desk is tried in all.
        public var maximumAttempts: Int

        /// A configuration for a facility.
        public init(
            facility: FacilityCode,
            repeatScanWindow: Duration = .seconds(600),
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

        /// A configuration with the repeat-scan window in seconds.
        @available(*, deprecated, message: "pass repeatScanWindow as a Duration, such as .seconds(600)")
        public init(
            facility: FacilityCode,
            repeatScanWindow: TimeInterval,
            expiryWarningDays: Int = 30,
            portalTimeout: Duration = .seconds(10),
            maximumAttempts: Int = 5
        ) {
            self.init(
                facility: facility,
                repeatScanWindow: .milliseconds(Int64((repeatScanWindow * 1000).rounded())),
                expiryWarningDays: expiryWarningDays,
                portalTimeout: portalTimeout,
                maximumAttempts: maximumAttempts
            )
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

    /// The logger used when the caller gives none: it discards everything.
    @usableFromInline static let silentLogger = Logger(
        label: "chipchart.reception",
        factory: { _ in SwiftLogNoOpLogHandler() }
    )

    /// A reception desk over a store and the insurer's portal.
    ///
    /// - Parameters:
    ///   - store: where records live.
    ///   - portal: the insurer's portal.
    ///   - configuration: how the desk behaves.
    ///   - policy: who may read and write what; the store is wrapped in a ``PolicedStore``
    ///     consulting it, unless it is one already.
    ///   - logger: where the desk and its ``verifier`` log (masked identifiers only; a race
    ///     retried and won is a debug message); silent by default.
    ///   - now: the clock.
    public init(
        store: any RecordStore,
        portal: any InsurancePortal,
        configuration: Configuration,
        policy: any AccessPolicy = DefaultAccessPolicy(),
        logger: Logger = Reception.silentLogger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store as? PolicedStore ?? PolicedStore(wrapping: store, policy: policy)
        self.verifier = CoverageVerifier(portal: portal, timeout: configuration.portalTimeout, logger: logger)
        self.configuration = configuration
        self.logger = logger
        self.now = now
    }

    /// A reception desk for a facility with the default configuration.
    public init(
        store: any RecordStore,
        portal: any InsurancePortal,
        facility: FacilityCode,
        logger: Logger = Reception.silentLogger
    ) {
        self.init(store: store, portal: portal, configuration: Configuration(facility: facility), logger: logger)
    }

    /// Checks a patient in from a card reading.
    ///
    /// A passport or a foreign identity card without a personal ID finds or registers the patient
    /// by its document number, as a typed passport does (``checkIn(typed:for:by:)``); a passport
    /// that carries the personal ID finds the citizen's record by it, as a card does.
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
    public func checkIn(
        _ reading: CardReading,
        for request: VisitRequest,
        by staff: Staff
    ) async throws -> CheckInReceipt {
        try reading.validate(today: CalendarDate(containing: now()))
        guard let personalID = reading.personalID else {
            return try await checkIn(travelDocument: reading, for: request, by: staff)
        }
        return try await retryingRaces {
            try await attemptCheckIn(.card(reading, personalID), for: request, by: staff)
        }
    }

    /// Validates `reading` against the desk's today (nothing is written when it fails), then runs
    /// `body` as ``retryingRaces(_:)`` does.
    func retryingRaces<Result>(
        validating reading: CardReading,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try reading.validate(today: CalendarDate(containing: now()))
        return try await retryingRaces(body)
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

    /// One attempt: gather the facts, decide once (``CheckInDecision``), commit once.
    ///
    /// Find the patient by the numbers presented → ask the insurer → when still unknown, find
    /// them by the insurance number to link (the insurer's, else the one typed) → decide →
    /// commit. A patient found with a visit already open in the slot gets that visit back, and
    /// nothing is written.
    func attemptCheckIn(
        _ presentation: CheckInDecision.Presentation,
        for request: VisitRequest,
        by staff: Staff
    ) async throws
        -> CheckInReceipt
    {
        let access = Access(by: staff, purpose: "check-in")
        let instant = now()
        var findingWarnings: [CheckInWarning] = []
        let presented = presentation.presented

        // 1. Find the patient by the numbers presented, under the matching rules.
        var found = try await findPatient(for: presentation, access: access, warnings: &findingWarnings)
        if let found, let open = try await openVisit(of: found, kind: request.kind, at: instant, access: access) {
            return open
        }

        // 2. Ask the insurer.
        let query = presentation.query(for: request, by: staff)
        let response = await verifier.ask(query)

        // 3. The record holding the insurance number to link; when the patient is still unknown,
        //    it is the patient if the matching rules say so.
        var numberHolder: Patient?
        if let number = presentation.numberToLink(response),
            found.map({ !$0.patient.holds(.socialInsuranceNumber(number)) }) ?? true
        {
            numberHolder = try await store.patient(identifiedBy: .socialInsuranceNumber(number), for: access)
            if found == nil, let holder = numberHolder {
                let patient = try await survivor(of: holder, access: access)
                if PatientMatching.judge(patient, foundBy: .socialInsuranceNumber, presented: presented)
                    == .samePerson
                {
                    let byNumber = CheckInDecision.Found(patient: patient, match: .socialInsuranceNumber)
                    if let open = try await openVisit(of: byNumber, kind: request.kind, at: instant, access: access) {
                        return open
                    }
                    found = byNumber
                } else {
                    findingWarnings.append(.possibleDuplicate(foundBy: .socialInsuranceNumber))
                }
            }
        }

        // 4. Decide once, from the facts.
        var coverages: [Coverage] = []
        if let found { coverages = try await store.coverages(ofPatient: found.patient.id, for: access) }
        let hasNamesakes = found == nil ? try await hasUnconfirmedNamesakes(presented, access: access) : false
        let decision = try CheckInDecision(
            CheckInDecision.Facts(
                presentation: presentation,
                request: request,
                query: query,
                response: response,
                instant: instant,
                configuration: configuration,
                found: found,
                coverages: coverages,
                numberHolder: numberHolder,
                findingWarnings: findingWarnings,
                hasUnconfirmedNamesakes: hasNamesakes,
                newPatientID: PatientID(),
                visitID: VisitID(),
                visitKey: request.key ?? Self.visitKey(facility: configuration.facility, at: instant)
            )
        )

        // 5. Commit once.
        let receipt = try await store.commit(decision.changes(for: access))
        return self.receipt(
            for: decision.patient,
            visit: decision.visit,
            match: decision.match,
            check: decision.check,
            warnings: decision.warnings,
            committed: receipt
        )
    }

    /// The receipt of a committed check-in, with the patient and visit as stored.
    func receipt(
        for patient: Patient,
        visit: Visit,
        match: CheckInReceipt.Match,
        check: CoverageCheck?,
        warnings: [CheckInWarning],
        committed: CommitReceipt
    ) -> CheckInReceipt {
        let storedVisit = committed.visits.first { $0.id == visit.id } ?? visit
        logger.debug(
            "checked in",
            metadata: ["match": "\(match.rawValue)", "visit": "\(storedVisit.id)", "patient": "\(patient.id)"]
        )
        return CheckInReceipt(
            patient: committed.patients.first { $0.id == patient.id } ?? patient,
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

    /// Opens the visit, applies the coverage check, commits patient, coverages and visit as one
    /// change set, and makes the receipt.
    func openVisit(
        for patient: Patient,
        storedAs stored: Patient?,
        match: CheckInReceipt.Match,
        check: CoverageCheck?,
        request: VisitRequest,
        at instant: Date,
        access: Access,
        warnings: [CheckInWarning]
    ) async throws -> CheckInReceipt {
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
        let committed = try await store.commit(changes)
        return receipt(for: patient, visit: visit, match: match, check: check, warnings: warnings, committed: committed)
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
