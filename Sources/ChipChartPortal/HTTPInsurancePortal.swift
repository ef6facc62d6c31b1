public import ChipChart
public import Foundation
public import Logging

/// The insurer's portal over HTTP: the production ``ChipChart/InsurancePortal``.
///
/// Each call logs in when it has no usable token (`api/token/take`, the password as its
/// uppercase MD5), carries the token in the query string, and is renewed once when the portal
/// answers 401 — with a JSON body or an empty one — before the answer is given as it is. A call
/// that is safe to repeat is retried after a pause when it cannot be sent or gets a 5xx status
/// (``PortalRetryPolicy``); each exchange is bounded by ``PortalTimeLimits/perCall``. After
/// several calls in a row that could not reach the portal, a ``PortalCircuitBreaker`` makes
/// calls fail at once with ``ChipChart/PortalUnavailable``, so the desk applies the offline rule
/// instead of waiting.
///
/// Logs carry the masked card number, the account name, the call and the result code: never the
/// password, its hash or a token.
///
/// <!-- snippet: context=Clinic mode=compile-only because=it-connects-to-the-insurer -->
/// ```swift
/// let password = try String(contentsOfFile: "/etc/clinic/portal-password", encoding: .utf8)
/// let portal = HTTPInsurancePortal(configuration: PortalConfiguration(
///     baseURL: PortalConfiguration.productionBaseURL,
///     account: PortalAccount(username: "01001_BV", password: password)))
/// let reception = Reception(store: store, portal: portal, facility: try FacilityCode("01001"))
/// ```
public final class HTTPInsurancePortal: InsurancePortal, Sendable {
    /// The configuration.
    public let configuration: PortalConfiguration
    /// The breaker in front of every call.
    public let breaker: PortalCircuitBreaker
    let transport: any PortalTransport
    let tokens: PortalTokenCache
    let logger: Logger
    let now: @Sendable () -> Date

    /// A portal client.
    ///
    /// - Parameters:
    ///   - configuration: host, account, paths and limits.
    ///   - transport: how requests are sent; AsyncHTTPClient's shared client by default.
    ///   - tokens: the token cache, shared between clients of one account if wanted.
    ///   - logger: where calls are logged (masked identifiers only).
    ///   - now: the clock that token expiry and the breaker read.
    public init(
        configuration: PortalConfiguration,
        transport: any PortalTransport = HTTPClientPortalTransport(),
        tokens: PortalTokenCache = PortalTokenCache(),
        logger: Logger = Logger(label: "chipchart.portal", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.tokens = tokens
        self.logger = logger
        self.now = now
        self.breaker = PortalCircuitBreaker(policy: configuration.breaker)
    }

    /// The card check (`KQNhanLichSuKCB2024`).
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` when the portal cannot be reached, does not
    ///   answer in time, answers with something that is not an answer, or the breaker is open.
    public func verify(_ query: PortalQuery) async throws -> PortalAnswer {
        let (account, paths, encoding) = (configuration.account, configuration.paths, configuration.cardCheckBody)
        return try await lookUp("card check", query) {
            PortalRequests.cardCheck(query, token: $0, account: account, paths: paths, encoding: encoding)
        }
    }

    /// The visit history (`Lskcb2025`): where this person was treated lately.
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` as ``verify(_:)`` does.
    public func visitHistory(_ query: PortalQuery) async throws -> PortalVisitHistory {
        let (account, paths) = (configuration.account, configuration.paths)
        return try await lookUp("visit history", query) {
            PortalRequests.visitHistory(query, token: $0, account: account, paths: paths)
        }
    }

    /// The co-payment lookup (`TraCuuTienMCCT`): what the holder paid themselves, visit by visit
    /// and in total.
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` as ``verify(_:)`` does.
    public func coPayment(_ query: PortalQuery) async throws -> PortalCoPayment {
        let (account, paths) = (configuration.account, configuration.paths)
        return try await lookUp("co-payment", query) {
            PortalRequests.coPayment(query, token: $0, account: account, paths: paths)
        }
    }

    /// A lookup: the call, then its answer read from the body — or the portal's refusal of the
    /// login or of the token (twice) as an answer with that code.
    private func lookUp<Answer: PortalLookupAnswer>(
        _ name: String,
        _ query: PortalQuery,
        request: @escaping @Sendable (PortalToken) -> PortalRequest
    ) async throws -> Answer {
        let response: PortalHTTPResponse
        do {
            response = try await call(name, about: ["card": "\(query.cardNumber)"], request: request)
        } catch let login as LoginRefused {
            return Answer(refusal: login.result, message: login.message)
        }
        if Self.isUnauthorized(response) {
            return Answer(refusal: .authenticationError, message: "the portal refused the token twice")
        }
        guard let answer = Answer(lookupBody: response.body) else {
            throw PortalUnavailable(reason: "the portal answered HTTP \(response.status) with no \(name) in it")
        }
        log(name, card: query.cardNumber, result: answer.resultText)
        return answer
    }

    /// One call: the breaker, a token, the request (retried when safe), and once more with a
    /// new token after a 401 (the portal refused the token, so it took nothing: safe for an
    /// upload too). `subject` is logged when the portal cannot be reached (masked identifiers only).
    func call(
        _ name: String,
        about subject: Logger.Metadata,
        request: @escaping @Sendable (PortalToken) -> PortalRequest
    ) async throws -> PortalHTTPResponse {
        try breaker.admit(at: now())
        do {
            let username = configuration.account.username
            let login: @Sendable () async throws -> PortalToken = { try await self.logIn() }
            var token = try await tokens.token(
                for: username,
                now: now(),
                margin: configuration.timeLimits.tokenRenewalMargin,
                login: login
            )
            var response = try await send(request(token))
            if Self.isUnauthorized(response) {
                logger.info("portal token refused; logging in again", metadata: ["account": "\(username)"])
                token = try await tokens.renew(for: username, replacing: token, login: login)
                response = try await send(request(token))
            }
            breaker.recordSuccess()
            return response
        } catch let error as PortalUnavailable {
            breaker.recordFailure(at: now())
            logger.notice(
                "portal unreachable",
                metadata: subject.merging(["call": "\(name)", "reason": "\(error.reason)"]) { _, new in new }
            )
            throw error
        } catch let refused as LoginRefused {
            breaker.recordSuccess()
            throw refused
        } catch {
            // Cancelled (the desk stopped waiting): counted as a call that got no answer, which
            // also ends a trial call, so the breaker is never left waiting for it.
            breaker.recordFailure(at: now())
            throw error
        }
    }

    /// `api/token/take`.
    func logIn() async throws -> PortalToken {
        let account = configuration.account
        let response = try await send(PortalRequests.token(account: account, paths: configuration.paths))
        let json = PortalJSON(data: response.body)
        let key = json?.object("APIKey") ?? json
        guard response.status / 100 == 2, let key, let access = key.text("access_token") else {
            let code = json?.resultCode ?? (response.status == 401 ? "401" : String(response.status))
            throw LoginRefused(
                result: PortalResultCode(code),
                message: json?["ghiChu"] ?? json?["message"] ?? "the portal refused the login"
            )
        }
        let issued = now()
        let expiry =
            key.text("expires_in").flatMap { PortalToken.expiry($0, now: issued) }
            ?? issued.addingTimeInterval(configuration.timeLimits.assumedTokenLifetime.timeInterval)
        logger.info("portal login", metadata: ["account": "\(account.username)"])
        return PortalToken(
            accessToken: access,
            idToken: key.text("id_token") ?? "",
            username: key.text("username") ?? account.username,
            expiresAt: expiry
        )
    }

    /// Sends a request within the time limit, retrying a request that is safe to repeat.
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` when no try got a response below 500.
    func send(_ request: PortalRequest) async throws -> PortalHTTPResponse {
        let attempts = request.isSafeToRepeat ? configuration.retry.attempts : 1
        var reason = "no attempt"
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: configuration.retry.backoff(after: attempt - 1)) }
            do {
                let response = try await transport.send(
                    request,
                    baseURL: configuration.baseURL,
                    timeout: configuration.timeLimits.perCall
                )
                guard response.status >= 500 else { return response }
                reason = "HTTP \(response.status)"
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                reason = "\(type(of: error))"
            }
        }
        throw PortalUnavailable(reason: "\(reason) after \(attempts) tries")
    }

    private func log(_ call: String, card: PortalQuery.CardNumber, result: String) {
        logger.debug("portal answered", metadata: ["call": "\(call)", "card": "\(card)", "result": "\(result)"])
    }

    /// HTTP 401 (any body), or a body whose `maKetQua` is 401.
    static func isUnauthorized(_ response: PortalHTTPResponse) -> Bool {
        response.status == 401
            || PortalJSON(data: response.body)?.resultCode == PortalResultCode.authenticationError.rawValue
    }
}

/// The portal refused the facility's login: the call is answered with the portal's code.
struct LoginRefused: Error {
    var result: PortalResultCode
    var message: String
}
