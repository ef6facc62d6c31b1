public import ArgumentParser
public import ChipChart
public import ChipChartPortal
import Foundation

/// `--portal-url URL --portal-user USER --portal-password-file FILE`: the insurer's portal over
/// HTTP instead of the in-process simulator.
public struct PortalOptions: ParsableArguments {
    /// The portal's base URL.
    @Option(name: .customLong("portal-url"), help: "The insurer's portal over HTTP (base URL).")
    public var url: String?

    /// The facility account.
    @Option(name: .customLong("portal-user"), help: "With --portal-url: the facility account, such as 01001_BV.")
    public var user: String?

    /// The file holding the account's password.
    @Option(
        name: .customLong("portal-password-file"),
        help: "With --portal-url: a file holding the account's password (one line)."
    )
    public var passwordFile: String?

    /// No portal over HTTP.
    public init() {}

    /// The three options go together; the URL is http or https.
    public func validate() throws {
        guard let url else {
            if user != nil || passwordFile != nil {
                throw ArgumentParser.ValidationError("--portal-user and --portal-password-file go with --portal-url.")
            }
            return
        }
        guard user != nil, passwordFile != nil else {
            throw ArgumentParser.ValidationError("--portal-url needs --portal-user and --portal-password-file.")
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ArgumentParser.ValidationError("--portal-url must start with http:// or https://.")
        }
    }

    /// The portal over HTTP, or `nil` without `--portal-url`.
    ///
    /// - Throws: ``MissingInput`` (`portal-password-file`) for a password file that cannot be
    ///   read; `ValidationError` (`portal-password-file`) for an empty one.
    public func httpPortal(timeout: Duration = .seconds(5)) throws -> (any InsurancePortal)? {
        try client(timeout: timeout)
    }

    /// The portal client, for the calls beyond a card check (uploads), or `nil` without
    /// `--portal-url`.
    ///
    /// - Throws: as ``httpPortal(timeout:)``.
    public func client(timeout: Duration = .seconds(5)) throws -> HTTPInsurancePortal? {
        guard let url, let user, let passwordFile else { return nil }
        guard let data = FileManager.default.contents(atPath: passwordFile) else {
            throw MissingInput(field: "portal-password-file", message: "no such file")
        }
        let password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !password.isEmpty else {
            throw ChipChart.ValidationError(
                field: "portal-password-file",
                reason: .missing,
                message: "the file is empty"
            )
        }
        return HTTPInsurancePortal(
            configuration: PortalConfiguration(
                baseURL: url,
                account: PortalAccount(username: user, password: password),
                timeLimits: PortalTimeLimits(perCall: timeout)
            )
        )
    }
}
