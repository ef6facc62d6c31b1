import ChipChart
import ChipChartClaims
import Foundation
import Testing

@Suite("Streaming claims export")
struct ClaimExporterTests {
    static func inputs() throws -> [ClaimInput] {
        [try ClaimFixtures.outpatient(), try ClaimFixtures.inpatientAcrossReplacement()]
    }

    static func stream(_ inputs: [ClaimInput]) -> AsyncStream<ClaimInput> {
        AsyncStream { continuation in
            for input in inputs { continuation.yield(input) }
            continuation.finish()
        }
    }

    static func temporaryFile() throws -> (URL, FileHandle) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString).xml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        return (url, try FileHandle(forWritingTo: url))
    }

    var envelope: ClaimEnvelope {
        get throws { ClaimEnvelope(facility: ClaimFixtures.facility, createdOn: try ClaimFixtures.date(3, 8)) }
    }

    @Test func withAKnownCountTheFileIsTheEnvelopeByteForByte() async throws {
        let (url, handle) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let summary = try await ClaimExporter(envelope: envelope, bufferSize: 4096)
            .export(Self.stream(try Self.inputs()), to: handle, expectedCount: 2)
        try handle.close()
        let written = try String(contentsOf: url, encoding: .utf8)
        let claims = try Self.inputs().enumerated().map { try Claim($0.element, sequence: $0.offset + 1) }
        #expect(written == (try envelope).xml(for: claims))
        #expect(summary.claimCount == 2)
        #expect(summary.byteCount == written.utf8.count)
    }

    @Test func withAKnownCountAPipeWillDo() async throws {
        let pipe = Pipe()
        let reader = Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }
        _ = try await ClaimExporter(envelope: envelope)
            .export(Self.stream(try Self.inputs()), to: pipe.fileHandleForWriting, expectedCount: 2)
        try pipe.fileHandleForWriting.close()
        let root = try #require(XMLNode.parse(await reader.value))
        #expect(root.child("THONGTINHOSO")?.child("SOLUONGHOSO")?.text == "2")
    }

    @Test func withoutACountAPipeIsRefused() async throws {
        let pipe = Pipe()
        await #expect {
            try await ClaimExporter(envelope: envelope).export(
                Self.stream(try Self.inputs()),
                to: pipe.fileHandleForWriting
            )
        } throws: { ($0 as? ClaimsError)?.code == .writeFailed }
        try pipe.fileHandleForWriting.close()
    }

    @Test func withoutACountTheCountIsPatchedIn() async throws {
        let (url, handle) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let many = Array(repeating: try Self.inputs(), count: 30).flatMap { $0 }
        _ = try await ClaimExporter(envelope: envelope, bufferSize: 4096).export(Self.stream(many), to: handle)
        try handle.close()
        let root = try #require(XMLNode.parse(try Data(contentsOf: url)))
        let info = try #require(root.child("THONGTINHOSO"))
        #expect(info.child("SOLUONGHOSO")?.text == "60")
        #expect(info.child("DANHSACHHOSO")?.children.count == 60)
    }

    @Test func anInvalidClaimStopsTheExportNamingVisitAndField() async throws {
        let (url, handle) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        var open = try ClaimFixtures.outpatient()
        open.visit.dischargedAt = nil
        await #expect {
            try await ClaimExporter(envelope: envelope).export(Self.stream([open]), to: handle)
        } throws: { error in
            guard let error = error as? ClaimsError else { return false }
            return error.code == .invalidClaim && error.visitKey == "01001.20260302.0001"
                && error.violations.contains { $0.field == "NGAY_RA" }
        }
    }

    @Test func aWrongAnnouncedCountIsReported() async throws {
        let (url, handle) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        await #expect {
            try await ClaimExporter(envelope: envelope).export(
                Self.stream(try Self.inputs()),
                to: handle,
                expectedCount: 3
            )
        } throws: { ($0 as? ClaimsError)?.code == .countMismatch }
    }
}
