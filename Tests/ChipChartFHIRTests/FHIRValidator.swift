import Foundation

/// An independent check: the `fhir.resources` package (R4B models) parses our JSON in Python.
/// `.ci/run` installs it; without python3 or the package the tests that need it are skipped.
enum FHIRValidator {
    static let python = ["/usr/bin/env", "python3"]

    static let isAvailable: Bool = (try? run(script: "import fhir.resources.R4B.bundle", input: Data())) == 0

    /// Validates a JSON resource of a type; returns the validator's complaint, or `nil` when valid.
    static func complaint(aboutResource json: String) throws -> String? {
        let script = """
            import json, sys, importlib
            data = json.load(sys.stdin)
            kind = data["resourceType"]
            module = importlib.import_module("fhir.resources.R4B." + kind.lower())
            getattr(module, kind).model_validate(data)
            """
        let (status, output) = try runCapturing(script: script, input: Data(json.utf8))
        return status == 0 ? nil : output
    }

    static func run(script: String, input: Data) throws -> Int32 {
        try runCapturing(script: script, input: input).0
    }

    static func runCapturing(script: String, input: Data) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python[0])
        process.arguments = Array(python.dropFirst()) + ["-c", script]
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
