public import ChipChart
import Foundation
import Logging

extension HTTPInsurancePortal {
    /// Uploads a signed file (`loaiHoSo` 0 or 130) and returns the portal's receipt.
    ///
    /// An upload is not safe to repeat blindly: it is sent **once**. It is sent again only after
    /// the portal refused the token (HTTP 401 or `maKetQua` 401, with or without a body), when
    /// the portal took nothing. When the request may have reached the portal but no answer
    /// came — a lost connection, a timeout, a 5xx status, a body that is not an answer — the
    /// call throws ``ChipChart/PortalUnavailable`` and the caller decides, knowing the file may
    /// have been received; keep every receipt and send again only what was not accepted.
    ///
    /// <!-- snippet: context=Clinic mode=compile-only because=it-connects-to-the-insurer -->
    /// ```swift
    /// let portal = HTTPInsurancePortal(configuration: PortalConfiguration(
    ///     baseURL: PortalConfiguration.productionBaseURL,
    ///     account: PortalAccount(username: "01001_BV", password: "secret"),
    ///     paths: .decision3176))
    /// let signed = try Data(contentsOf: URL(fileURLWithPath: "01001.1.xml"))
    /// let receipt = try await portal.upload(
    ///     PortalUploadFile(bytes: signed), kind: .claims130, facility: try FacilityCode("01001"))
    /// if receipt.outcome.isSignatureProblem { print("sign the file again:", receipt.message) }
    /// ```
    ///
    /// - Returns: the receipt: accepted, unsigned (123), signature invalid (125), or refused
    ///   with the portal's code — a refused login or token included.
    /// - Throws: ``ChipChart/PortalUnavailable`` when no answer came (the breaker open
    ///   included), or the answer holds no result code.
    public func upload(
        _ file: PortalUploadFile,
        kind: PortalUploadKind,
        facility: FacilityCode
    ) async throws -> PortalUploadReceipt {
        let (account, paths, settings) = (configuration.account, configuration.paths, configuration.uploads)
        let province = settings.province ?? String(facility.value.prefix(2))
        func receipt(_ result: String, _ message: String, _ json: PortalJSON? = nil) -> PortalUploadReceipt {
            PortalUploadReceipt(
                key: file.key,
                kind: kind,
                sha256: file.sha256,
                result: result,
                outcome: settings.outcome(of: result),
                transactionID: json?.text("maGiaoDich") ?? "",
                receivedAt: json?.text("thoiGianTiepNhan") ?? "",
                message: message,
                answeredAt: now()
            )
        }
        let response: PortalHTTPResponse
        do {
            response = try await call("upload", about: ["visit": "\(file.key)", "kind": "\(kind.rawValue)"]) {
                PortalRequests.upload(
                    file,
                    kind: kind,
                    facility: facility.value,
                    province: province,
                    token: $0,
                    account: account,
                    paths: paths
                )
            }
        } catch let login as LoginRefused {
            return receipt(login.result.rawValue, login.message)
        }
        let json = PortalJSON(data: response.body)
        if Self.isUnauthorized(response) {
            return receipt(PortalResultCode.authenticationError.rawValue, "the portal refused the token twice", json)
        }
        guard let json, let code = json.resultCode else {
            throw PortalUnavailable(
                reason:
                    "the portal answered HTTP \(response.status) with no upload result; the file may have been received"
            )
        }
        let answer = receipt(code, json.text("thongDiep") ?? json.text("ghiChu") ?? "", json)
        logger.info(
            "portal upload answered",
            metadata: ["visit": "\(file.key)", "kind": "\(kind.rawValue)", "result": "\(code)"]
        )
        return answer
    }
}
