import ChipChart
import Foundation

/// What a lookup answers: read from the portal's body, or made from its refusal of the login or
/// the token.
protocol PortalLookupAnswer {
    /// The answer in a body; `nil` when the body is not one.
    init?(lookupBody: Data)
    /// The portal's refusal, as an answer with its code.
    init(refusal code: PortalResultCode, message: String)
    /// The result code, for the log.
    var resultText: String { get }
}

extension PortalAnswer: PortalLookupAnswer {
    init?(lookupBody: Data) { self.init(cardCheckBody: lookupBody) }
    init(refusal code: PortalResultCode, message: String) { self.init(result: code, message: message) }
    var resultText: String { result.rawValue }
}

extension PortalVisitHistory: PortalLookupAnswer {
    init?(lookupBody: Data) { self.init(body: lookupBody) }
    init(refusal code: PortalResultCode, message: String) { self.init(result: code, message: message) }
    var resultText: String { result.rawValue }
}

extension PortalCoPayment: PortalLookupAnswer {
    init?(lookupBody: Data) { self.init(body: lookupBody) }
    init(refusal code: PortalResultCode, message: String) { self.init(result: code.rawValue, message: message) }
    var resultText: String { result }
}
