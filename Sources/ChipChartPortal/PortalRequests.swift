public import ChipChart
import Foundation

/// The requests of the portal's calls, built exactly as they are sent.
///
/// ```swift
/// let account = PortalAccount(username: "01001_BV", password: "secret")
/// let login = PortalRequests.token(account: account, paths: .decision4750)
/// print(String(decoding: login.body, as: UTF8.self))   // username=01001_BV&password=5EBE…
/// ```
public enum PortalRequests {
    /// `POST api/token/take`, a form with `username` and the uppercase MD5 `password`.
    public static func token(account: PortalAccount, paths: PortalPaths) -> PortalRequest {
        form(paths.token, query: [], [.init("username", account.username), .init("password", account.passwordHash)])
    }

    /// `POST …/KQNhanLichSuKCB2024?token=…&id_token=…&username=…&password=…`, the card, holder
    /// and staff member in the body (JSON or a form).
    public static func cardCheck(
        _ query: PortalQuery,
        token: PortalToken,
        account: PortalAccount,
        paths: PortalPaths,
        encoding: PortalBodyEncoding
    ) -> PortalRequest {
        let fields = lookupFields(query)
        let items = tokenQuery(token, account: account)
        switch encoding {
        case .form: return form(paths.cardCheck, query: items, fields)
        case .json:
            return PortalRequest(
                path: paths.cardCheck,
                query: items,
                headers: headers(jsonType),
                body: Data(json(fields).utf8),
                isSafeToRepeat: true
            )
        }
    }

    /// `POST …/Lskcb2025?token=…`, the same fields as a card check, as a form (the portal
    /// refuses JSON there).
    public static func visitHistory(
        _ query: PortalQuery,
        token: PortalToken,
        account: PortalAccount,
        paths: PortalPaths
    ) -> PortalRequest {
        form(paths.visitHistory, query: tokenQuery(token, account: account), lookupFields(query))
    }

    /// `POST …/TraCuuTienMCCT`, the token in the `accessToken`, `tokenId` and `passwordHash`
    /// headers, a JSON body `username`, `maThe`, `hoTen`, `ngaySinh`.
    public static func coPayment(
        _ query: PortalQuery,
        token: PortalToken,
        account: PortalAccount,
        paths: PortalPaths
    ) -> PortalRequest {
        PortalRequest(
            path: paths.coPayment,
            headers: headers(jsonType, signedBy: (token, account)),
            body: Data(json([.init("username", account.username)] + lookupFields(query).prefix(3)).utf8),
            isSafeToRepeat: true
        )
    }

    /// `maThe`, `hoTen`, `ngaySinh`, `hoTenCb`, `cccdCb`, in that order.
    public static func lookupFields(_ query: PortalQuery) -> [PortalRequest.Field] {
        [
            .init("maThe", query.cardNumber.text), .init("hoTen", query.fullName.text),
            .init("ngaySinh", query.dateOfBirth.portalText), .init("hoTenCb", query.staff.name.text),
            .init("cccdCb", query.staff.personalID.digits),
        ]
    }

    /// A JSON object of string fields, in order, UTF-8 unescaped but for `"`, `\` and controls.
    public static func json(_ fields: [PortalRequest.Field]) -> String {
        "{" + fields.map { quoted($0.name) + ":" + quoted($0.value) }.joined(separator: ",") + "}"
    }

    private static func tokenQuery(_ token: PortalToken, account: PortalAccount) -> [PortalRequest.Field] {
        [
            .init("token", token.accessToken), .init("id_token", token.idToken), .init("username", account.username),
            .init("password", account.passwordHash),
        ]
    }

    /// A `POST` of `fields` as a form under `path`, with the ``headers(_:signedBy:)`` of a form.
    static func form(
        _ path: String,
        query: [PortalRequest.Field],
        _ fields: [PortalRequest.Field],
        signedBy credentials: (token: PortalToken, account: PortalAccount)? = nil,
        isSafeToRepeat: Bool = true
    ) -> PortalRequest {
        PortalRequest(
            path: path,
            query: query,
            headers: headers(formType, signedBy: credentials),
            body: Data(FormEncoding.encode(fields).utf8),
            isSafeToRepeat: isSafeToRepeat
        )
    }

    /// The content type of a JSON body.
    static let jsonType = "application/json; charset=utf-8"
    /// The content type of a form body.
    static let formType = "application/x-www-form-urlencoded"

    /// `Content-Type` and `Accept: application/json`, then, when `credentials` are given, the
    /// token in the `accessToken`, `tokenId` and `passwordHash` headers.
    static func headers(
        _ contentType: String,
        signedBy credentials: (token: PortalToken, account: PortalAccount)? = nil
    ) -> [PortalRequest.Field] {
        var headers: [PortalRequest.Field] = [.init("Content-Type", contentType), .init("Accept", "application/json")]
        if let (token, account) = credentials {
            headers += [
                .init("accessToken", token.accessToken), .init("tokenId", token.idToken),
                .init("passwordHash", account.passwordHash),
            ]
        }
        return headers
    }

    /// A JSON string: Foundation's escaping, slashes and non-ASCII letters left as they are.
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
