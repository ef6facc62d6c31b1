import ChipChartSignatures
import Foundation

extension CertificatePolicy {
    /// The policy trusting the CA certificates of a `--trusted-pem` file.
    ///
    /// - Throws: an `ExitCode` after reporting one line naming `trusted-pem`: 66 no such file,
    ///   65 a file that holds no certificate.
    static func trusting(pemFile path: String) throws -> CertificatePolicy {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure.missing("trusted-pem", "no such file")
        }
        do {
            return try CertificatePolicy(trustedPEMFile: URL(fileURLWithPath: path))
        } catch {
            throw Failure.invalid("trusted-pem", "\(error)")
        }
    }
}
