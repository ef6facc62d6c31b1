public import Foundation
public import Logging

/// Checks a patient's insurance with the insurer's portal within a bounded time, and turns the
/// answer into a ``CoverageCheck``: the service a check-in calls.
///
/// The offline rule (docs/VIETNAM-RULES.md §4, rule 4): when the portal does not answer within ``timeout``
/// (or fails, or answers with an error that says nothing about the card), the last verified
/// coverage applies, marked unverified; the visit then needs re-verification
/// (``Visit/needsCoverageReverification``), which ``CoverageReverifier`` performs later.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let verifier = CoverageVerifier(portal: portal, timeout: .seconds(8), logger: logger)
/// let check = await verifier.check(query, coverages: coverages, patient: patient.id, at: now)
/// print(check.outcome.summary)   // for the desk's screen
/// ```
///
/// ``check(_:coverages:patient:at:)`` is ``ask(_:)`` followed by
/// ``CoverageTimeline/coverageCheck(_:for:patient:at:)``; a caller that learns only from the
/// answer which patient it is about asks first and applies the answer later.
///
/// Logs carry the masked card number and the result code only.
public struct CoverageVerifier: Sendable {
    /// The insurer's portal.
    public var portal: any InsurancePortal
    /// How long to wait for an answer before the offline rule applies.
    public var timeout: Duration
    /// Where the verifier logs (masked identifiers only).
    public var logger: Logger

    /// A verifier over a portal; the default timeout is 10 seconds.
    public init(
        portal: any InsurancePortal,
        timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "chipchart.insurance", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.portal = portal
        self.timeout = timeout
        self.logger = logger
    }

    /// Asks the portal about a query, within ``timeout``.
    ///
    /// - Returns: the answer, or ``PortalResponse/unavailable(reason:)`` when the portal did not
    ///   answer in time, failed, or the task was cancelled; it never throws.
    public func ask(_ query: PortalQuery) async -> PortalResponse {
        let response: PortalResponse
        do {
            response = .answered(try await portal.verify(query, timeout: timeout))
        } catch let error as PortalUnavailable {
            response = .unavailable(reason: error.reason)
        } catch {
            response = .unavailable(reason: "cancelled")
        }
        logger.debug(
            "insurer asked",
            metadata: [
                "card": "\(query.cardNumber)",
                "result": "\(response.answer?.result.rawValue ?? "unreachable")",
            ]
        )
        return response
    }

    /// Asks the portal about a query and applies the answer to the patient's coverages.
    ///
    /// - Parameters:
    ///   - query: the lookup (card number, holder, staff member).
    ///   - coverages: the patient's stored coverages, as read (with their versions).
    ///   - patient: the patient.
    ///   - instant: the moment of the check (the answer is dated by it).
    /// - Returns: the check; it never throws: an unreachable portal is an outcome.
    public func check(
        _ query: PortalQuery,
        coverages: [Coverage],
        patient: PatientID,
        at instant: Date
    ) async
        -> CoverageCheck
    {
        let response = await ask(query)
        return CoverageTimeline(coverages).coverageCheck(response, for: query, patient: patient, at: instant)
    }
}
