import Foundation

extension PortalRequests {
    /// `POST …/checkInKcbQd4750` (``PortalUploadKind/checkIn``) or `POST …/guiHoSoXmlQD4750`
    /// (``PortalUploadKind/claims130``) — or the paths configured instead, such as the Decision
    /// 3176 ones — with the token in the `accessToken`, `tokenId` and `passwordHash` headers and
    /// a form body `username`, `loaiHoSo`, `maTinh`, `maCSKCB`, `fileHSBase64` (the base64 of the
    /// file's bytes as written). Not safe to repeat: it is never retried.
    ///
    /// ```swift
    /// let account = PortalAccount(username: "01001_BV", password: "secret")
    /// let token = PortalToken(accessToken: "a", idToken: "i", username: "01001_BV", expiresAt: Date())
    /// let request = PortalRequests.upload(
    ///     PortalUploadFile(bytes: Data("<GIAMDINHHS/>".utf8)), kind: .claims130, facility: "01001",
    ///     province: "01", token: token, account: account, paths: .decision3176)
    /// print(request.path)   // /api/qd130/guiHoSoXmlQD3176
    /// ```
    public static func upload(
        _ file: PortalUploadFile,
        kind: PortalUploadKind,
        facility: String,
        province: String,
        token: PortalToken,
        account: PortalAccount,
        paths: PortalPaths
    ) -> PortalRequest {
        let fields: [PortalRequest.Field] = [
            .init("username", account.username), .init("loaiHoSo", kind.documentType), .init("maTinh", province),
            .init("maCSKCB", facility), .init("fileHSBase64", file.bytes.base64EncodedString()),
        ]
        return form(kind.path(in: paths), query: [], fields, signedBy: (token, account), isSafeToRepeat: false)
    }
}
