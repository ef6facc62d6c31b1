public import ChipChart
public import ChipChartPortal
import ChipChartSignatures
public import ChipChartTesting
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A faithful fake of the insurer's portal over HTTP, on loopback, answering from a
/// ``ChipChartTesting/SimulatedInsurancePortal``'s state: the same paths, the login with the
/// uppercase MD5 password, tokens in the query string that expire on the simulator's clock, a
/// card check with a JSON or form body, a visit history that takes a form body only, the
/// co-payment lookup with its token in headers and a JSON body, the check-in and claim uploads
/// whose files' signatures it verifies (123 unsigned, 125 changed after signing), and 401 —
/// with a JSON body for a stale token, or an empty one when told to.
///
/// While the simulator is offline every call answers 503; while slow, after the delay.
///
/// ```swift
/// let fake = FakeInsurerPortal(simulator: insurer, accounts: [account])
/// let port = try await fake.start()
/// let portal = HTTPInsurancePortal(configuration: PortalConfiguration(
///     baseURL: "http://127.0.0.1:\(port)", account: account))
/// ```
public final class FakeInsurerPortal: Sendable {
    struct IssuedToken: Sendable {
        var idToken: String
        var account: String
        var passwordHash: String
        var expiresAt: Date
    }

    struct State: Sendable {
        var accounts: [String: String] = [:]
        var tokens: [String: IssuedToken] = [:]
        var emptyUnauthorized = 0
        var history: [String: [PortalVisitHistory.Visit]] = [:]
        var coPayments: [String: [PortalCoPayment.Entry]] = [:]
        var lookupLog: [String: [PortalLookupLogEntry]] = [:]
        var requests: [PortalRequest] = []
        var logins = 0
        var acceptsAnyPassword = false
        var serving = false
        var uploads: [ReceivedUpload] = []
        var signingTrust: CertificatePolicy?
        var duplicateRule = DuplicateUploadRule.acceptAgain
        var reformatUploads = 0
    }

    /// The insurer's state.
    public let simulator: SimulatedInsurancePortal
    /// How long a token lives, on the simulator's clock.
    public let tokenLifetime: Duration
    /// The paths served.
    public let paths: PortalPaths
    let state = Mutex(State())
    let channel = Mutex<(any Channel)?>(nil)

    /// A fake over `simulator`, accepting the `accounts` given (any account and password when
    /// `accounts` is empty).
    public init(
        simulator: SimulatedInsurancePortal,
        accounts: [PortalAccount],
        tokenLifetime: Duration = .seconds(600),
        paths: PortalPaths = .decision4750
    ) {
        self.simulator = simulator
        self.tokenLifetime = tokenLifetime
        self.paths = paths
        state.withLock { state in
            for account in accounts { state.accounts[account.username] = account.passwordHash }
            state.acceptsAnyPassword = accounts.isEmpty
        }
    }

    /// Starts serving on `host` and `port` (0: a free port the system chooses).
    ///
    /// - Returns: the port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakePortalHandler(portal: self))
                }
            }
        let bound = try await bootstrap.bind(host: host, port: port).get()
        channel.withLock { $0 = bound }
        state.withLock { $0.serving = true }
        return bound.localAddress?.port ?? port
    }

    /// Whether the fake is serving: once stopped, connections still open are closed unanswered.
    public var isServing: Bool { state.withLock { $0.serving } }

    /// Stops serving: new connections are refused, requests on open ones are closed unanswered.
    public func stop() async throws {
        state.withLock { $0.serving = false }
        let bound = channel.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try await bound?.close()
    }

    /// Every token issued so far stops being accepted (as when the portal restarts, or the
    /// token was bound to another address).
    public func revokeTokens() { state.withLock { $0.tokens = [:] } }

    /// The next `count` calls (login excluded) answer 401 with an empty body.
    public func answerUnauthorizedWithEmptyBody(times count: Int) {
        state.withLock { $0.emptyUnauthorized = count }
    }

    /// Adds a visit to the history of the person with this social insurance number.
    public func recordVisit(_ visit: PortalVisitHistory.Visit, for number: SocialInsuranceNumber) {
        state.withLock { $0.history[number.digits, default: []].append(visit) }
    }

    /// Adds a co-payment to the record of the person with this social insurance number (looked
    /// up by the 15-character card code or the 10-digit number).
    public func recordCoPayment(_ entry: PortalCoPayment.Entry, for number: SocialInsuranceNumber) {
        state.withLock { $0.coPayments[number.digits, default: []].append(entry) }
    }

    /// The requests received, in order.
    public var requests: [PortalRequest] { state.withLock { $0.requests } }

    /// How many logins were accepted.
    public var loginCount: Int { state.withLock { $0.logins } }
}
