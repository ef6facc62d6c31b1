import Foundation
import TestSupport
import Testing

/// A check-in on a full disk: one line on standard error and status 74, nothing written. The
/// disk is a small tmpfs, which needs root (`mount`); elsewhere the test does not run, and the
/// one-line message is checked by `OutputEscapingTests.aFailureIsOneLine`.
@Suite("A full disk, run as built", .enabled(if: getuid() == 0))
struct FullDiskCommandTests {
    static let staff = "Trần Thị Lễ Tân|001185000001"

    /// Runs a system tool, returning its status.
    static func tool(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func aCheckInOnAFullDiskIsOneLineAnd74() async throws {
        let folder = try makeTemporaryFolder()
        guard try Self.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", folder.path]) == 0 else {
            return  // no tmpfs here (a container without the capability)
        }
        defer { _ = try? Self.tool("/bin/umount", [folder.path]) }
        let first = try await ExitStatusCommandTests.run(
            "reception",
            ["check-in", "--qr", "001099012345||Nguyễn Văn A|01011999|Nam|Hà Nội|15042021", "--staff", Self.staff],
            in: folder
        )
        try #require(first.status == 0, "\(first.standardError)")
        // No room left: neither for the commit nor, depending on what the first run left behind,
        // for the write-ahead log and its index.
        let free = try FileManager.default.attributesOfFileSystem(forPath: folder.path)[.systemFreeSize] as? Int ?? 0
        try Data(count: max(0, free)).write(to: folder.appendingPathComponent("filler"))
        let second = try await ExitStatusCommandTests.run(
            "reception",
            ["check-in", "--qr", "001099012346||Nguyễn Văn B|01011999|Nam|Hà Nội|15042021", "--staff", Self.staff],
            in: folder
        )
        ExitStatusCommandTests.expectFailure(second, 74, "records: storageFailure:")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("filler"))
        let patient = try await ExitStatusCommandTests.run("reception", ["patient", "001099012346"], in: folder)
        #expect(patient.status == 66, "nothing was written: \(patient.standardError)")
    }
}
