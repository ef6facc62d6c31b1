import ArgumentParser
import ChipChartArchive
import ChipChartSignatures
import Foundation

/// `--sign` (or `--sign-token`), `--sign-password-file` and `--trusted-pem` of `records claims`:
/// the key that signs each file written, and the CAs its certificate must chain to.
struct SigningOptions: ParsableArguments {
    @Option(help: "Sign each claims file with the key and certificate of this PKCS#12 file.")
    var sign: String?

    @Option(
        help: """
            Sign each claims file on a PKCS#11 token instead: the path of the token's module (the \
            .so its CA ships, such as /usr/lib/softhsm/libsofthsm2.so).
            """
    )
    var signToken: String?

    @Option(help: "The label of the token to use with --sign-token (without it: the first token).")
    var signTokenLabel: String?

    @Option(help: "A file whose first line is the PKCS#12 password or the token's PIN (without it: empty).")
    var signPasswordFile: String?

    @Option(
        help: """
            The CA certificates (PEM) the signing certificate must chain to (without it: the CA \
            certificates of the PKCS#12 file).
            """
    )
    var trustedPem: String?

    /// The signer `--sign` or `--sign-token` names, its certificate checked now; `nil` without either.
    func signer() throws -> XMLSigner? {
        guard sign == nil || signToken == nil else {
            throw Failure.invalid("sign", "give --sign or --sign-token, not both")
        }
        guard sign != nil || signToken != nil else {
            guard signPasswordFile == nil, trustedPem == nil, signTokenLabel == nil else {
                throw Failure.invalid("sign", "--sign-password-file, --sign-token-label and --trusted-pem need --sign")
            }
            return nil
        }
        let field = sign != nil ? "sign" : "sign-token"
        guard FileManager.default.fileExists(atPath: sign ?? signToken ?? "") else {
            throw Failure.missing(field, sign != nil ? "no such PKCS#12 file" : "no such PKCS#11 module")
        }
        let password = try password()
        let signer: any Signer
        do {
            if let sign {
                signer = try PKCS12Signer(contentsOf: URL(fileURLWithPath: sign), password: password)
            } else {
                signer = try PKCS11Signer(module: signToken ?? "", token: signTokenLabel, pin: password)
            }
        } catch {
            throw Failure.invalid(field, "\(error)")
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
            throw Failure.invalid(field, "\(error)")
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
