import ChipChart
import ChipChartSignatures
import ExampleSupport
import Foundation

/// The day's signed checkpoints of the audit trail, with `--sign`: one when the morning starts,
/// one every 1,000 events or minute while it runs, and one once the claims file is written,
/// appended to `clinic-day.checkpoints` beside the claims file.
struct DayCheckpoints {
    let running: Task<Int, any Error>
    let checkpointer: AuditCheckpointer
    let file: AuditCheckpointFile

    /// `clinic-day.checkpoints` beside the claims file `clinic-day.xml`.
    static func path(besideClaims claims: String) -> String {
        URL(fileURLWithPath: claims).deletingPathExtension().appendingPathExtension("checkpoints").path
    }

    /// Starts the schedule on `store`, signing with the claims file's signer.
    static func start(on store: any RecordStore, signer: XMLSigner, path: String) -> DayCheckpoints {
        let checkpointer = AuditCheckpointer(signer: signer.signer, policy: signer.policy)
        let file = AuditCheckpointFile(url: URL(fileURLWithPath: path))
        let schedule = AuditCheckpointSchedule(
            checkpointer: checkpointer,
            file: file,
            everyEvents: 1_000,
            interval: .seconds(60)
        )
        return DayCheckpoints(running: schedule.start(on: store), checkpointer: checkpointer, file: file)
    }

    /// Stops the schedule and signs the day's last checkpoint: the trail as it ends now.
    ///
    /// - Returns: the last checkpoint and how many the day appended.
    func finish(on store: any RecordStore) async throws -> (last: AuditCheckpoint, count: Int) {
        running.cancel()
        let count = try await running.value
        let last = try await checkpointer.checkpoint(of: store)
        try file.append(last)
        return (last, count + 1)
    }
}
