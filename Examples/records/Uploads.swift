import ChipChart
import ChipChartArchive
import ChipChartClaims
import ChipChartPortal
import ChipChartSignatures
import ExampleSupport
import Foundation

/// One run of `records submit`: what was sent, what came back.
struct Uploads {
    let store: any ArchivableStore
    let access: Access
    let client: HTTPInsurancePortal
    let facility: FacilityCode
    private(set) var sent = 0
    private(set) var refused = 0
    private(set) var skipped = 0
    private(set) var firstRefused: String?

    init(store: any ArchivableStore, access: Access, client: HTTPInsurancePortal, facility: FacilityCode) {
        self.store = store
        self.access = access
        self.client = client
        self.facility = facility
    }

    /// `N sent, M refused, K already accepted (not sent again)`.
    var summary: String { "\(sent) sent, \(refused) refused, \(skipped) already accepted (not sent again)" }

    /// Signs and sends each closed visit's file not yet accepted, keeping each receipt.
    mutating func run(
        envelope: ClaimEnvelope,
        signer: XMLSigner,
        from first: CalendarDate,
        to last: CalendarDate
    )
        async throws
    {
        let accepted = Set(
            try await store.uploadReceipts().filter { $0.receipt.kind == .claims130 && $0.receipt.outcome == .accepted }
                .map(\.receipt.key)
        )
        let claims = StoredClaims(
            store: store,
            access: access,
            from: first.startInstant,
            until: last.endInstant,
            tally: StoredClaims.Tally()
        )
        for try await input in claims {
            let key = input.visit.key
            guard !accepted.contains(key) else {
                skipped += 1
                continue
            }
            let file = PortalUploadFile(
                bytes: try await Self.signedFile(input, envelope: envelope, signer: signer),
                key: key
            )
            let receipt: PortalUploadReceipt
            do {
                receipt = try await client.upload(file, kind: .claims130, facility: facility)
            } catch let error as PortalUnavailable {
                throw Failure.unwritable(
                    "portal-url",
                    "\(key) not answered, it may have been received (\(error.reason)); \(summary)"
                )
            }
            try await store.keepUploadReceipt(receipt, for: input.visit, by: access)
            sent += 1
            if receipt.outcome != .accepted {
                refused += 1
                if firstRefused == nil { firstRefused = "\(key): \(receipt.result) \(receipt.message)" }
            }
            let transaction = receipt.transactionID.isEmpty ? "-" : receipt.transactionID
            let line = [key, receipt.result, transaction].map(TerminalText.escaped).joined(separator: " ")
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// The visit's claims file, signed, as the bytes written (staged in the temporary folder).
    static func signedFile(_ input: ClaimInput, envelope: ClaimEnvelope, signer: XMLSigner) async throws -> Data {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("chipchart-\(UUID().uuidString).xml")
        let staged = try StagedFile(target: target)
        defer { staged.discard() }
        try await SplitClaims.export(input, envelope: envelope, to: staged.handle)
        try await signer.sign(staged)
        do {
            return try Data(contentsOf: staged.temporary)
        } catch {
            throw Failure.unwritable("sign", "the signed file cannot be read back")
        }
    }
}
