import ChipChartPortal
import Foundation
import Synchronization

/// A transport that answers from a script, in order, and records what it was sent.
final class ScriptedTransport: PortalTransport {
    enum Step: Sendable {
        case respond(Int, String)
        case fail
        /// Waits until cancelled.
        case hang
    }

    struct Unreachable: Error {}

    private let state: Mutex<(steps: [Step], sent: [PortalRequest])>

    init(_ steps: [Step]) { state = Mutex((steps, [])) }

    var sent: [PortalRequest] { state.withLock { $0.sent } }

    func send(_ request: PortalRequest, baseURL: String, timeout: Duration) async throws -> PortalHTTPResponse {
        let step = state.withLock { state -> Step in
            state.sent.append(request)
            return state.steps.isEmpty ? .fail : state.steps.removeFirst()
        }
        switch step {
        case .respond(let status, let body): return PortalHTTPResponse(status: status, body: Data(body.utf8))
        case .fail: throw Unreachable()
        case .hang:
            try await Task.sleep(for: .seconds(60))
            throw Unreachable()
        }
    }

    static let login = Step.respond(
        200,
        #"{"maKetQua":"200","APIKey":{"access_token":"A1","id_token":"I1","token_type":"Bearer","username":"01001_BV","expires_in":"600"}}"#
    )
    static let secondLogin = Step.respond(
        200,
        #"{"maKetQua":"200","APIKey":{"access_token":"A2","id_token":"I2","username":"01001_BV","expires_in":"600"}}"#
    )
    static let valid = Step.respond(200, #"{"maKetQua":"000","ghiChu":"ok","maThe":"DN4010123456789"}"#)
}
