/// Where the insurer's portal is, which account the facility uses, and how long and how often
/// to try: everything ``HTTPInsurancePortal`` needs that differs between facilities and hubs.
///
/// ```swift
/// let configuration = PortalConfiguration(
///     baseURL: PortalConfiguration.productionBaseURL,
///     account: PortalAccount(username: "01001_BV", password: "secret"))
/// print(configuration.paths.cardCheck)   // /api/egw/KQNhanLichSuKCB2024
/// ```
public struct PortalConfiguration: Hashable, Sendable {
    /// The insurer's API host.
    public static let productionBaseURL = "https://egw.baohiemxahoi.gov.vn"
    /// The insurer's training host, for a facility's first tests.
    public static let trainingBaseURL = "https://daotaoegw.baohiemxahoi.gov.vn"

    /// The scheme, host and optional path prefix every path is appended to (a provincial hub
    /// has its own).
    public var baseURL: String
    /// The facility's account.
    public var account: PortalAccount
    /// The paths of the calls.
    public var paths: PortalPaths
    /// How the card check's body is encoded (JSON by the published specification; many
    /// production clients send a form).
    public var cardCheckBody: PortalBodyEncoding
    /// Time limits.
    public var timeLimits: PortalTimeLimits
    /// Retries of calls that are safe to repeat.
    public var retry: PortalRetryPolicy
    /// When to stop calling a portal that does not answer.
    public var breaker: PortalBreakerPolicy
    /// How uploads are sent and their answers read.
    public var uploads: PortalUploadSettings

    /// A configuration; every part but the host and account has a default.
    public init(
        baseURL: String,
        account: PortalAccount,
        paths: PortalPaths = .decision4750,
        cardCheckBody: PortalBodyEncoding = .json,
        timeLimits: PortalTimeLimits = PortalTimeLimits(),
        retry: PortalRetryPolicy = PortalRetryPolicy(),
        breaker: PortalBreakerPolicy = PortalBreakerPolicy(),
        uploads: PortalUploadSettings = PortalUploadSettings()
    ) {
        self.baseURL = baseURL
        self.account = account
        self.paths = paths
        self.cardCheckBody = cardCheckBody
        self.timeLimits = timeLimits
        self.retry = retry
        self.breaker = breaker
        self.uploads = uploads
    }
}

/// How a request body is encoded.
public enum PortalBodyEncoding: String, Hashable, Sendable, CaseIterable {
    /// `application/json; charset=utf-8`.
    case json
    /// `application/x-www-form-urlencoded`.
    case form
}

/// The path of each call, relative to the base URL.
public struct PortalPaths: Hashable, Sendable {
    /// The login (`api/token/take`).
    public var token: String
    /// The card check (`KQNhanLichSuKCB2024`).
    public var cardCheck: String
    /// The visit history (`Lskcb2025`).
    public var visitHistory: String
    /// The co-payment lookup (`TraCuuTienMCCT`).
    public var coPayment: String
    /// The check-in upload (`loaiHoSo` 0).
    public var checkInUpload: String
    /// The claim upload (`loaiHoSo` 130).
    public var claimUpload: String

    /// Paths; each defaults to the Decision 4750 path.
    public init(
        token: String = "/api/token/take",
        cardCheck: String = "/api/egw/KQNhanLichSuKCB2024",
        visitHistory: String = "/api/egw/Lskcb2025",
        coPayment: String = "/api/TraCuuCCT/TraCuuTienMCCT",
        checkInUpload: String = "/api/qd130/checkInKcbQd4750",
        claimUpload: String = "/api/qd130/guiHoSoXmlQD4750"
    ) {
        self.token = token
        self.cardCheck = cardCheck
        self.visitHistory = visitHistory
        self.coPayment = coPayment
        self.checkInUpload = checkInUpload
        self.claimUpload = claimUpload
    }

    /// The paths of the Decision 4750 data-exchange guide.
    public static let decision4750 = PortalPaths()

    /// The same, with the Decision 3176 upload paths.
    public static let decision3176 = PortalPaths(
        checkInUpload: "/api/qd130/checkInKcbQd3176",
        claimUpload: "/api/qd130/guiHoSoXmlQD3176"
    )
}

/// How long a call may take, and how long a token is trusted.
public struct PortalTimeLimits: Hashable, Sendable {
    /// One HTTP exchange, connection included.
    public var perCall: Duration
    /// A token is renewed this long before the expiry the portal gave.
    public var tokenRenewalMargin: Duration
    /// The lifetime assumed when the portal's expiry cannot be read.
    public var assumedTokenLifetime: Duration

    /// Limits: 5 s a call, renewal a minute before expiry, 10 minutes assumed.
    public init(
        perCall: Duration = .seconds(5),
        tokenRenewalMargin: Duration = .seconds(60),
        assumedTokenLifetime: Duration = .seconds(600)
    ) {
        self.perCall = perCall
        self.tokenRenewalMargin = tokenRenewalMargin
        self.assumedTokenLifetime = assumedTokenLifetime
    }
}

/// Retries of a call that is safe to repeat (the login, the card check, the visit history): a
/// call that could not be sent or got a 5xx status is tried again after a doubling pause.
public struct PortalRetryPolicy: Hashable, Sendable {
    /// Tries in all (1: no retry).
    public var attempts: Int
    /// The pause before the second try; it doubles for each further one.
    public var firstBackoff: Duration
    /// The longest pause.
    public var maximumBackoff: Duration

    /// Three tries, 200 ms then 400 ms apart, never more than 2 s.
    public init(attempts: Int = 3, firstBackoff: Duration = .milliseconds(200), maximumBackoff: Duration = .seconds(2))
    {
        self.attempts = max(1, attempts)
        self.firstBackoff = firstBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The pause after failed try `attempt` (1-based).
    public func backoff(after attempt: Int) -> Duration {
        var pause = firstBackoff
        for _ in 1..<max(1, attempt) where pause < maximumBackoff { pause *= 2 }
        return min(pause, maximumBackoff)
    }
}

/// The circuit breaker: after `failureThreshold` calls in a row that could not reach the portal,
/// calls fail at once for `openFor` (the desk goes offline), then one trial call is let through.
public struct PortalBreakerPolicy: Hashable, Sendable {
    /// Failed calls in a row that open the breaker.
    public var failureThreshold: Int
    /// How long the breaker stays open before a trial call.
    public var openFor: Duration

    /// Three failures, then 30 seconds offline.
    public init(failureThreshold: Int = 3, openFor: Duration = .seconds(30)) {
        self.failureThreshold = max(1, failureThreshold)
        self.openFor = openFor
    }
}
