public import Foundation

/// `xmlsec1 --verify` (Debian `xmlsec1`), an XML signature implementation independent of ours.
public enum XMLSec {
    /// Verifies a signed file against a trust store: whether `xmlsec1` accepted it, and what it said.
    ///
    /// `--enabled-reference-uris empty` allows only `URI=""`, the whole document.
    public static func verify(file: URL, trusting authority: URL) throws -> (ok: Bool, output: String) {
        try run(["--verify", "--enabled-reference-uris", "empty", "--trusted-pem", authority.path, file.path])
    }

    /// The enveloped signature template `xmlsec1 --sign` fills: the insurer's algorithms, the
    /// certificate in `KeyInfo`.
    public static let template =
        "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
        + "<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>"
        + "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
        + "<Reference URI=\"\"><Transforms>"
        + "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/></Transforms>"
        + "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue/></Reference>"
        + "</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>"

    /// Signs a document holding ``template`` with the key of PKCS#12 bytes, as `xmlsec1 --sign` does.
    public static func sign(_ document: [UInt8], pkcs12: [UInt8], password: String) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmlsec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("template.xml")
        let key = folder.appendingPathComponent("key.p12")
        let output = folder.appendingPathComponent("signed.xml")
        try Data(document).write(to: input)
        try Data(pkcs12).write(to: key)
        let result = try run(["--sign", "--pkcs12", key.path, "--pwd", password, "--output", output.path, input.path])
        guard result.ok else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.output])
        }
        return Array(try Data(contentsOf: output))
    }

    private static func run(_ arguments: [String]) throws -> (ok: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmlsec1"] + arguments
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
