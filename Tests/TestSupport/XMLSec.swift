public import Foundation

/// `xmlsec1 --verify` (Debian `xmlsec1`), an XML signature implementation independent of ours.
public enum XMLSec {
    /// Verifies a signed file against a trust store: whether `xmlsec1` accepted it, and what it said.
    ///
    /// `--enabled-reference-uris empty` allows only `URI=""`, the whole document.
    public static func verify(file: URL, trusting authority: URL) throws -> (ok: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "xmlsec1", "--verify", "--enabled-reference-uris", "empty", "--trusted-pem", authority.path, file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus == 0, String(decoding: output, as: UTF8.self))
    }

    /// Verifies signed bytes against PEM trust-store bytes, through files in a fresh folder.
    public static func verify(_ document: [UInt8], trusting authorityPEM: [UInt8]) throws -> (ok: Bool, output: String)
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmlsec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("signed.xml")
        let authority = folder.appendingPathComponent("ca.pem")
        try Data(document).write(to: file)
        try Data(authorityPEM).write(to: authority)
        return try verify(file: file, trusting: authority)
    }
}
