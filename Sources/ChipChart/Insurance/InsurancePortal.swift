import Foundation

/// The insurer's verification portal (BHXH "cổng giám định"): what a reception desk asks on every
/// insured visit.
///
/// A real implementation calls the insurer's web service; `SimulatedInsurancePortal` (module
/// `ChipChartTesting`) is a faithful simulator for tests and examples. The portal needs the
/// looking-up staff member on every query, so every lookup is attributable to a person.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let answer = try await portal.verify(PortalQuery(
///     cardNumber: .personalID(id), fullName: name, dateOfBirth: dob, staff: receptionist))
/// if answer.result == .replacedOldStillValid { print(answer.newCard?.code as Any) }
/// ```
///
/// An implementation throws ``PortalUnavailable`` when the insurer cannot be reached; every
/// answer the portal gives, including its own error codes, is a ``PortalAnswer``.
public protocol InsurancePortal: Sendable {
    /// Asks the portal about one card.
    ///
    /// - Throws: ``PortalUnavailable`` when the portal cannot be reached or does not answer.
    func verify(_ query: PortalQuery) async throws -> PortalAnswer
}

/// The portal could not be reached or did not answer in time: check-in goes on with the last
/// verified coverage, marked unverified, and a later re-verification.
public struct PortalUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why, for a person.
    public var reason: String

    /// Creates the error.
    public init(reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { "insurance portal unavailable: \(reason)" }
}
