import ArgumentParser
import ChipChartArchive
import ChipChartSignatures
import Foundation

/// `--sign`, `--sign-password-file` and `--trusted-pem` of `records claims`: the key that signs
/// each file written, and the CAs its certificate must chain to.
struct SigningOptions: ParsableArguments {
    @Option(help: "Sign each claims file with the key and certificate of this PKCS#12 file.")
    var sign: String?

    @Option(help: "A file whose first line is the PKCS#12 password (without it: an empty password).")
    var signPasswordFile: String?

    @Option(
        help: """
            The CA certificates (PEM) the signing certificate must chain to (without it: the CA \
            certificates of the PKCS#12 file).
            """
    )
    var trustedPem: String?

    /// The signer `--sign` names, its certificate checked now; `nil` without `--sign`.
    func signer() throws -> XMLSigner? {
        guard let sign else {
            guard signPasswordFile == nil, trustedPem == nil else {
                throw Failure.invalid("sign", "--sign-password-file and --trusted-pem need --sign")
            }
            return nil
        }
        guard FileManager.default.fileExists(atPath: sign) else {
            throw Failure.missing("sign", "no such PKCS#12 file")
        }
        let password = try password()
        let signer: PKCS12Signer
        do {
            signer = try PKCS12Signer(contentsOf: URL(fileURLWithPath: sign), password: password)
        } catch {
            throw Failure.invalid("sign", "\(error)")
        }
        var trusted = Array(signer.certificateChain.dropFirst())
        if let trustedPem {
            guard FileManager.default.fileExists(atPath: trustedPem) else {
                throw Failure.missing("trusted-pem", "no such file")
            }
            do {
                trusted = try CertificatePolicy(trustedPEMFile: URL(fileURLWithPath: trustedPem)).trusted
            } catch {
                throw Failure.invalid("trusted-pem", "\(error)")
            }
        }
        let xmlSigner = XMLSigner(signer: signer, policy: CertificatePolicy(trusted: trusted))
        do {
            try xmlSigner.policy.check(signer.certificateChain, at: Date())
        } catch {
            throw Failure.invalid("sign", "\(error)")
        }
        return xmlSigner
    }

    private func password() throws -> String {
        guard let signPasswordFile else { return "" }
        guard let data = FileManager.default.contents(atPath: signPasswordFile) else {
            throw Failure.missing("sign-password-file", "no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}

extension XMLSigner {
    /// Signs the claims file a stage has written, in place: the signature goes into
    /// `CHUKYDONVI` and every other byte stays as written.
    func sign(_ staged: StagedFile) async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: staged.temporary))
        } catch {
            throw Failure.unwritable("out", "the claims file cannot be read back to sign it")
        }
        let insertion: Insertion
        do {
            insertion = try await self.insertion(for: bytes, placement: .claimsFile)
        } catch {
            throw Failure.invalid("sign", "\(error)")
        }
        do {
            try staged.handle.seek(toOffset: UInt64(insertion.offset))
            try staged.handle.write(contentsOf: insertion.bytes + bytes[insertion.offset...])
        } catch {
            throw Failure.unwritable("out", "the signature cannot be written")
        }
    }
}
