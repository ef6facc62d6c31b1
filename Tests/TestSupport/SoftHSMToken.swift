public import Foundation

/// A SoftHSM2 token (Debian `softhsm2`) made for a test in a fresh folder: the key and
/// certificate of a PKCS#12 file, imported with `softhsm2-util` and `pkcs11-tool` (`opensc`)
/// under the label `signer` and ID `01`, on the token labelled `chipchart` with PIN ``pin``.
public enum SoftHSMToken {
    /// SoftHSM2's PKCS#11 module.
    public static let module = "/usr/lib/softhsm/libsofthsm2.so"
    /// The user PIN.
    public static let pin = "1234"
    /// The token's label.
    public static let label = "chipchart"

    /// Makes the token; returns its folder, whose `softhsm2.conf` the module must be pointed at
    /// (`SOFTHSM2_CONF`).
    public static func make(holding pkcs12: [UInt8], password: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("softhsm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("tokens"),
            withIntermediateDirectories: true
        )
        try "directories.tokendir = \(folder.path)/tokens\nobjectstore.backend = file\n".write(
            to: folder.appendingPathComponent("softhsm2.conf"),
            atomically: true,
            encoding: .utf8
        )
        try Data(pkcs12).write(to: folder.appendingPathComponent("key.p12"))
        let pass = "pass:\(password)"
        let steps = [
            ["openssl", "pkcs12", "-in", "key.p12", "-passin", pass, "-nocerts", "-nodes", "-out", "key.pem"],
            ["openssl", "pkcs12", "-in", "key.p12", "-passin", pass, "-clcerts", "-nokeys", "-out", "cert.pem"],
            ["openssl", "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"],
            ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "5678"],
            [
                "softhsm2-util", "--import", "key.pem", "--token", label, "--label", "signer", "--id", "01", "--pin",
                pin,
            ],
            [
                "pkcs11-tool", "--module", module, "--token-label", label, "--login", "--pin", pin,
                "--write-object", "cert.der", "--type", "cert", "--id", "01", "--label", "signer",
            ],
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SOFTHSM2_CONF"] = folder.appendingPathComponent("softhsm2.conf").path
        for step in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = step
            process.environment = environment
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [NSLocalizedDescriptionKey: "\(step[0]) \(step[1]) failed"]
                )
            }
        }
        for file in ["key.pem", "key.p12"] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        }
        return folder
    }
}
