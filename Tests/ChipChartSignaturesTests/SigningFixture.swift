import ChipChartSignatures
import Foundation
import TestSupport

/// A throwaway CA, its trust store, and signers it issues, for the signature tests.
struct SigningFixture {
    /// The CA every test trusts.
    static let pki = Result { try TestPKI() }
    static let password = "test-only"

    let pki: TestPKI
    let policy: CertificatePolicy

    init() throws {
        pki = try Self.pki.get()
        policy = CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
    }

    /// A signer with a certificate of a profile from this CA (or another).
    func signer(
        _ profile: TestPKI.Profile = .current("Phòng khám Đa khoa 01001"),
        from other: TestPKI? = nil
    )
        throws -> PKCS12Signer
    {
        try PKCS12Signer(pkcs12: (other ?? pki).issue(profile, password: Self.password), password: Self.password)
    }

    /// The hand-checked claims file of the claims tests.
    static func envelope() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ChipChartClaimsTests/Golden/envelope.xml")
        return Array(try Data(contentsOf: url))
    }

    /// The envelope signed by a current certificate of this CA.
    func signedEnvelope() async throws -> [UInt8] {
        try await XMLSigner(signer: signer(), policy: policy).sign(Self.envelope(), placement: .claimsFile)
    }
}
