public import ArgumentParser
public import ChipChartArchive
public import ChipChartSignatures
import Foundation

/// `--sign` (or `--sign-token`), `--sign-password-file` and `--trusted-pem`: the key that signs
/// each claims file written (`records claims`, `clinic-day`), and the CAs its certificate must
/// chain to.
public struct SigningOptions: ParsableArguments {
    /// The PKCS#12 file holding the signing key and certificate.
    @Option(help: "Sign each claims file with the key and certificate of this PKCS#12 file.")
    public var sign: String?

    /// The PKCS#11 module of the token holding the signing key.
    @Option(
        help: """
            Sign each claims file on a PKCS#11 token instead: the path of the token's module (the \
            .so its CA ships, such as /usr/lib/softhsm/libsofthsm2.so).
            """
    )
    public var signToken: String?

    /// The label of the token to use.
    @Option(help: "The label of the token to use with --sign-token (without it: the first token).")
    public var signTokenLabel: String?

    /// The file whose first line is the password or PIN.
    @Option(help: "A file whose first line is the PKCS#12 password or the token's PIN (without it: empty).")
    public var signPasswordFile: String?

    /// The CA certificates the signing certificate must chain to.
    @Option(
        help: """
            The CA certificates (PEM) the signing certificate must chain to (without it: the CA \
            certificates of the PKCS#12 file).
            """
    )
    public var trustedPem: String?

    /// No signing.
    public init() {}

    /// True when `--sign` or `--sign-token` is given.
    public var signs: Bool { sign != nil || signToken != nil }

    /// The signer `--sign` or `--sign-token` names, its certificate checked now; `nil` without either.
    ///
    /// - Throws: an `ExitCode` after reporting one line: 65 naming the option (options that
    ///   do not go together, a key or certificate that cannot sign), 66 a file that does not exist.
    public func signer() throws -> XMLSigner? {
        guard sign == nil || signToken == nil else {
            throw Self.invalid("sign", "give --sign or --sign-token, not both")
        }
        guard signs else {
            guard signPasswordFile == nil, trustedPem == nil, signTokenLabel == nil else {
                throw Self.invalid("sign", "--sign-password-file, --sign-token-label and --trusted-pem need --sign")
            }
            return nil
        }
        let field = sign != nil ? "sign" : "sign-token"
        guard FileManager.default.fileExists(atPath: sign ?? signToken ?? "") else {
            throw Self.missing(field, sign != nil ? "no such PKCS#12 file" : "no such PKCS#11 module")
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
            throw Self.invalid(field, "\(error)")
        }
        var trusted = Array(signer.certificateChain.dropFirst())
        if let trustedPem {
            guard FileManager.default.fileExists(atPath: trustedPem) else {
                throw Self.missing("trusted-pem", "no such file")
            }
            do {
                trusted = try CertificatePolicy(trustedPEMFile: URL(fileURLWithPath: trustedPem)).trusted
            } catch {
                throw Self.invalid("trusted-pem", "\(error)")
            }
        }
        let xmlSigner = XMLSigner(signer: signer, policy: CertificatePolicy(trusted: trusted))
        do {
            try xmlSigner.policy.check(signer.certificateChain, at: Date())
        } catch {
            throw Self.invalid(field, "\(error)")
        }
        return xmlSigner
    }

    private func password() throws -> String {
        guard let signPasswordFile else { return "" }
        guard let data = FileManager.default.contents(atPath: signPasswordFile) else {
            throw Self.missing("sign-password-file", "no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    static func invalid(_ field: String, _ message: String) -> ExitCode {
        CommandFailure.report(field, message)
        return ExitCode(CommandFailure.invalidInput)
    }

    static func missing(_ field: String, _ message: String) -> ExitCode {
        CommandFailure.report(field, message)
        return ExitCode(CommandFailure.missingInput)
    }
}

extension XMLSigner {
    /// Signs the claims file a stage has written, in place: the signature goes into
    /// `CHUKYDONVI` and every other byte stays as written.
    ///
    /// - Parameter field: the option naming the file, for the one line of a failure (74 when
    ///   the file cannot be read back or written, 65 naming `sign` when it cannot be signed).
    public func sign(_ staged: StagedFile, field: String = "out") async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: staged.temporary))
        } catch {
            throw Self.unwritable(field, "the claims file cannot be read back to sign it")
        }
        let insertion: Insertion
        do {
            insertion = try await self.insertion(for: bytes, placement: .claimsFile)
        } catch {
            throw SigningOptions.invalid("sign", "\(error)")
        }
        do {
            try staged.handle.seek(toOffset: UInt64(insertion.offset))
            try staged.handle.write(contentsOf: insertion.bytes + bytes[insertion.offset...])
        } catch {
            throw Self.unwritable(field, "the signature cannot be written")
        }
    }

    private static func unwritable(_ field: String, _ message: String) -> ExitCode {
        CommandFailure.report(field, message)
        return ExitCode(CommandFailure.ioFailure)
    }
}
