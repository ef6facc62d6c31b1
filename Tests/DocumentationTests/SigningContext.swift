import ChipChartSignatures
import Foundation
import TestSupport

/// A facility's signing material, as the signatures module's doc comments take it: a throwaway
/// CA (its PEM and a file of it), a PKCS#12 file it issued with its password, the certificate in
/// it, a claims file to sign and that file signed.
struct Signing: DocumentationContext {
    /// The CA certificate, PEM.
    let caPEM: [UInt8]
    /// The same, as a file: the trust store.
    let caFile: URL
    /// The facility's PKCS#12 file.
    let keyFile: URL
    /// Its password.
    let password: String
    /// A token's PIN (the PKCS#11 block only compiles).
    let pin = "1234"
    /// The facility's signing certificate.
    let leaf: Certificate
    /// The trust store as a policy.
    let policy: CertificatePolicy
    /// A claims file, unsigned.
    let claimsFile: Data
    /// The same file, signed.
    let fileBytes: [UInt8]

    static func make(in folder: URL) async throws -> Signing {
        let pki = try TestPKI()
        let password = "facility-password"
        let keyFile = folder.appendingPathComponent("facility.p12")
        try Data(try pki.issue(.current("Bệnh viện Mẫu"), password: password)).write(to: keyFile)
        let caFile = folder.appendingPathComponent("ca.pem")
        try Data(pki.authorityPEM).write(to: caFile)
        let signer = try PKCS12Signer(contentsOf: keyFile, password: password)
        let policy = CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
        let claimsFile = Data(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <GIAMDINHHS><THONGTINDONVI><MACSKCB>79001</MACSKCB></THONGTINDONVI>\
            <THONGTINHOSO><NGAYLAP>20261129</NGAYLAP><SOLUONGHOSO>0</SOLUONGHOSO><DANHSACHHOSO>\
            </DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI></CHUKYDONVI></GIAMDINHHS>
            """.utf8
        )
        let signed = try await XMLSigner(signer: signer, policy: policy)
            .sign(Array(claimsFile), placement: .claimsFile)
        return Signing(
            caPEM: pki.authorityPEM,
            caFile: caFile,
            keyFile: keyFile,
            password: password,
            leaf: signer.certificateChain[0],
            policy: policy,
            claimsFile: claimsFile,
            fileBytes: signed
        )
    }
}
