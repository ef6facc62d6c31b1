import ArgumentParser
import ChipChart
import ChipChartPortal
import ExampleSupport
import Foundation

extension Records {
    /// `records receipts`: every receipt the portal gave for an upload, as kept in the records.
    struct Receipts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the portal's upload receipts kept in the records, oldest first.",
            discussion: """
                One line per receipt: MA_LK, the result code, the transaction number (maGiaoDich, - \
                when none), the outcome (accepted, unsigned, signatureInvalid, refused), when it was \
                answered (UTC) and who sent the file. --json prints one array of objects with the \
                keys visitKey, kind, result, outcome, transactionID, receivedAt, message, sha256, \
                answeredAt, visitID, staff and auditSequence. Exit status: 0, 64, 66 no such \
                database, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let receipts = try await options.withStore { try await $0.uploadReceipts() }
            let time = ISO8601DateFormatter()
            guard json else {
                for stored in receipts {
                    let receipt = stored.receipt
                    let fields = [
                        receipt.key, receipt.result, receipt.transactionID.isEmpty ? "-" : receipt.transactionID,
                        receipt.outcome.rawValue, time.string(from: receipt.answeredAt), stored.staff.name.text,
                    ]
                    let line = fields.map(TerminalText.escaped).joined(separator: " ")
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                }
                return
            }
            let objects: [[String: Any]] = receipts.map { stored in
                let receipt = stored.receipt
                return [
                    "visitKey": receipt.key, "kind": receipt.kind.rawValue, "result": receipt.result,
                    "outcome": receipt.outcome.rawValue, "transactionID": receipt.transactionID,
                    "receivedAt": receipt.receivedAt, "message": receipt.message, "sha256": receipt.sha256,
                    "answeredAt": time.string(from: receipt.answeredAt), "visitID": stored.visitID?.description ?? "",
                    "staff": stored.staff.name.text, "auditSequence": stored.event.sequence,
                ]
            }
            let data = try JSONSerialization.data(
                withJSONObject: objects,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
