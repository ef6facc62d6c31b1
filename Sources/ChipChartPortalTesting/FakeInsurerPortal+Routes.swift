import ChipChart
public import ChipChartPortal
import ChipChartTesting
import Foundation
import Synchronization

extension FakeInsurerPortal {
    /// The response to one request, as the portal gives it, and how long to hold it back (the
    /// simulator answering slowly): what the HTTP server sends. It runs on the server's event
    /// loop and never waits, so a busy process cannot starve it.
    public func response(to request: PortalRequest) -> (response: PortalHTTPResponse, delay: Duration?) {
        state.withLock { state in
            state.requests.append(request)
            if state.requests.count > 10_000 { state.requests.removeFirst() }
        }
        switch simulator.connectivity {
        case .offline: return (PortalHTTPResponse(status: 503, body: Data()), nil)
        case .slow(let delay): return (route(request), delay)
        case .online: return (route(request), nil)
        }
    }

    private func route(_ request: PortalRequest) -> PortalHTTPResponse {
        switch request.path {
        case paths.token: return logIn(request)
        case paths.cardCheck: return authorized(request) { self.cardCheck(request, fields: $0, account: $1) }
        case paths.visitHistory: return authorized(request) { fields, _ in self.visitHistory(request, fields: fields) }
        case paths.coPayment: return authorized(request) { fields, _ in self.coPayment(request, fields: fields) }
        case paths.checkInUpload:
            return authorized(request) { fields, _ in self.upload(request, fields: fields, kind: .checkIn) }
        case paths.claimUpload:
            return authorized(request) { fields, _ in self.upload(request, fields: fields, kind: .claims130) }
        default: return PortalHTTPResponse(status: 404, body: Data())
        }
    }

    private func logIn(_ request: PortalRequest) -> PortalHTTPResponse {
        let fields = Self.fields(of: request)
        let now = simulator.clock.now
        let issued = state.withLock { state -> (String, String, String)? in
            guard let username = fields["username"], let password = fields["password"]?.uppercased(),
                state.acceptsAnyPassword || state.accounts[username] == password
            else { return nil }
            let access = UUID().uuidString
            let id = UUID().uuidString
            state.tokens[access] = IssuedToken(
                idToken: id,
                account: username,
                passwordHash: password,
                expiresAt: now.addingTimeInterval(Double(tokenLifetime.components.seconds))
            )
            state.logins += 1
            return (access, id, username)
        }
        guard let (access, id, username) = issued else {
            return Self.json(401, ["maKetQua": "401", "ghiChu": "wrong account or password"])
        }
        let expiry = ISO8601DateFormatter().string(
            from: now.addingTimeInterval(Double(tokenLifetime.components.seconds))
        )
        return Self.json(
            200,
            [
                "maKetQua": "200",
                "APIKey": [
                    "access_token": access, "id_token": id, "token_type": "Bearer", "username": username,
                    "expires_in": expiry,
                ],
            ]
        )
    }

    /// Runs `handle` when the query carries a live token of the account it names.
    private func authorized(
        _ request: PortalRequest,
        _ handle: ([String: String], String) -> PortalHTTPResponse
    ) -> PortalHTTPResponse {
        // The token in the query string, or (the co-payment lookup) in headers and the body.
        let fields = Self.fields(of: request)
        var query = Dictionary(request.query.map { ($0.name, $0.value) }) { first, _ in first }
        query["token"] = query["token"] ?? request.header("accessToken")
        query["id_token"] = query["id_token"] ?? request.header("tokenId")
        query["password"] = query["password"] ?? request.header("passwordHash")
        query["username"] = query["username"] ?? fields["username"]
        let now = simulator.clock.now
        let verdict = state.withLock { state -> PortalHTTPResponse? in
            if state.emptyUnauthorized > 0 {
                state.emptyUnauthorized -= 1
                return PortalHTTPResponse(status: 401, body: Data())
            }
            guard let access = query["token"], let token = state.tokens[access], token.idToken == query["id_token"],
                token.account == query["username"], token.passwordHash == query["password"]?.uppercased(),
                now < token.expiresAt
            else { return Self.json(401, ["maKetQua": "401", "ghiChu": "token expired or not valid"]) }
            return nil
        }
        return verdict ?? handle(fields, query["username"] ?? "")
    }

    private func cardCheck(_ request: PortalRequest, fields: [String: String], account: String) -> PortalHTTPResponse {
        guard fields["hoTenCb"] != nil else {
            return Self.json(200, ["maKetQua": "205", "ghiChu": "hoTenCb is required"])
        }
        let answer = simulatorAnswer(fields)
        let time = Self.stamp(simulator.clock.now)
        let log = state.withLock { state -> [PortalLookupLogEntry] in
            guard let number = answer.rawFields["maSoBHXH"] else { return [] }
            let earlier = state.lookupLog[number, default: []]
            state.lookupLog[number, default: []].append(
                PortalLookupLogEntry(
                    user: account,
                    time: time,
                    message: answer.result.meaning,
                    errorCode: answer.result.rawValue
                )
            )
            return earlier
        }
        return Self.json(200, Self.body(of: answer, lookupLog: log))
    }

    private func visitHistory(_ request: PortalRequest, fields: [String: String]) -> PortalHTTPResponse {
        guard request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return Self.json(400, ["maKetQua": "205", "ghiChu": "the body must be a form"])
        }
        let answer = simulatorAnswer(fields)
        let found: Set<PortalResultCode> = [.valid, .replacedOldExpired, .replacedOldStillValid, .expired]
        guard found.contains(answer.result), let number = answer.rawFields["maSoBHXH"] else {
            return Self.json(200, ["maKetQua": answer.result.rawValue, "ghiChu": answer.message])
        }
        let visits = state.withLock { $0.history[number] ?? [] }
        return Self.json(
            200,
            [
                "maKetQua": PortalResultCode.valid.rawValue, "ghiChu": "",
                "dsLichSuKCB2025": visits.isEmpty ? NSNull() as Any : visits.map(\.fields) as Any,
            ]
        )
    }

    private func coPayment(_ request: PortalRequest, fields: [String: String]) -> PortalHTTPResponse {
        guard request.header("Content-Type")?.hasPrefix("application/json") == true, let card = fields["maThe"] else {
            return Self.json(400, ["MaKetQua": "400", "GhiChu": "a JSON body with maThe is required"])
        }
        let number = card.count == 15 ? String(card.suffix(10)) : card
        let entries = state.withLock { $0.coPayments[number] ?? [] }
        return Self.json(
            200,
            [
                "MaKetQua": entries.isEmpty ? "204" : "200", "GhiChu": "", "DataCCT": entries.map(\.fields),
                "ThongTinSoThe": NSNull(),
            ]
        )
    }

    private func simulatorAnswer(_ fields: [String: String]) -> PortalAnswer {
        simulator.answer(
            maThe: fields["maThe"] ?? "",
            hoTen: fields["hoTen"] ?? "",
            ngaySinh: fields["ngaySinh"] ?? "",
            hoTenCb: fields["hoTenCb"] ?? "",
            cccdCb: fields["cccdCb"] ?? ""
        )
    }

    /// The body's fields: a JSON object when the body is one, else a form.
    static func fields(of request: PortalRequest) -> [String: String] {
        if let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] {
            return object.compactMapValues { $0 as? String }
        }
        let form = FormEncoding.decode(String(decoding: request.body, as: UTF8.self))
        return Dictionary(form.map { ($0.name, $0.value) }) { first, _ in first }
    }

    static func json(_ status: Int, _ object: [String: Any]) -> PortalHTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return PortalHTTPResponse(status: status, body: data)
    }

    /// `yyyyMMddHHmm` (or another format) in Vietnam time.
    static func stamp(_ instant: Date, format: String = "yyyyMMddHHmm") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = format
        return formatter.string(from: instant)
    }
}
