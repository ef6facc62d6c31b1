import ArgumentParser
import ChipChartSignatures
import ExampleSupport
import Foundation

extension Records {
    /// `records verify`: the signatures and certificates of signed claims files.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the signatures and certificates of signed claims files.",
            discussion: """
                Each file's enveloped XML signature is checked as the insurer's portal checks it: \
                the signature's place (inside CHUKYDONVI), the digest of the file without its \
                signature (a file changed after signing fails), \
                the signature value, the certificate's subject name, validity dates and key usage, \
                and its chain to the CA certificates of --trusted-pem. One line per file: on \
                standard output for a good one (who signed it), on standard error for a bad one, \
                naming the file and the reason. Exit status: 0 all good, 64, 65 a file that fails \
                a check or is not signed, 66 no such file or trust store.
                """
        )

        @Option(help: "The CA certificates (PEM) a signing certificate must chain to.")
        var trustedPem: String

        @Argument(help: "The signed claims files.")
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ArgumentParser.ValidationError("name at least one file to verify") }
        }

        func run() async throws {
            let verifier = SignatureVerifier(policy: try CertificatePolicy.trusting(pemFile: trustedPem))
            var status: Int32 = 0
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    Self.report(file, "no such file")
                    status = 66
                    continue
                }
                do {
                    let verified = try verifier.verify(Array(data), placement: .claimsFile)
                    let line = "\(file): signed by \(verified.signer.subjectName)"
                    FileHandle.standardOutput.write(Data((TerminalText.escaped(line) + "\n").utf8))
                } catch {
                    Self.report(file, "\(error)")
                    status = max(status, 65)
                }
            }
            guard status == 0 else { throw ExitCode(status) }
        }

        /// One line on standard error naming the file and the reason.
        private static func report(_ file: String, _ message: String) {
            FileHandle.standardError.write(Data("error: \(TerminalText.escaped("\(file): \(message)"))\n".utf8))
        }
    }
}
