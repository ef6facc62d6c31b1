import ArgumentParser
import ChipChart
import ChipChartSignatures
import ExampleSupport
import Foundation

extension Records {
    /// `records checkpoint`: a signed checkpoint of the audit trail, appended to a file.
    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint of the audit trail's head and append it to a file.",
            discussion: """
                The checkpoint (the last event's sequence and hash, the time, the signing \
                certificate and the signature) is appended to --out as one JSON line and flushed \
                to disk; the store is not changed. A copy of the database whose trail was edited \
                and rehashed, reordered or cut short no longer matches it (records verify-trail). \
                Prints the sequence and hash. Exit status: 0, 64, 65 (a key or certificate that \
                cannot sign), 66 no such database or key file, 74.
                """
        )

        @OptionGroup var options: CommonOptions
        @OptionGroup var signing: SigningOptions

        @Option(help: "The checkpoint file to append to (created if absent).")
        var out: String

        func validate() throws {
            guard signing.signs else {
                throw ArgumentParser.ValidationError("give --sign or --sign-token: a checkpoint is signed")
            }
        }

        func run() async throws {
            guard let xmlSigner = try signing.signer() else { throw Failure.invalid("sign", "no signer") }
            let checkpointer = AuditCheckpointer(signer: xmlSigner.signer, policy: xmlSigner.policy)
            let checkpoint: AuditCheckpoint
            do {
                checkpoint = try await options.withStore { try await checkpointer.checkpoint(of: $0) }
            } catch let error as SignatureError {
                throw Failure.invalid("sign", "\(error)")
            } catch let error as StoreError {
                throw Failure.storage(error)
            }
            do {
                try AuditCheckpointFile(url: URL(fileURLWithPath: out)).append(checkpoint)
            } catch {
                throw Failure.unwritable("out", "\(error)")
            }
            let line = "checkpoint at event \(checkpoint.sequence) \(checkpoint.headHash) appended to \(out)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// `records verify-trail`: the audit trail checked against the latest signed checkpoint.
    struct VerifyTrail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail against the latest signed checkpoint of a file.",
            discussion: """
                The checkpoint's signature and certificate chain (to --trusted-pem) are checked, \
                then every link of the trail, and that the trail holds, at the checkpoint's \
                sequence, the hash that was signed: events edited and rehashed, reordered, or cut \
                off the end are reported. Exit status: 0 intact, 64, 65 (a checkpoint that does \
                not verify, or a trail that does not match it, naming the first event and the \
                reason), 66 no such database, checkpoint file or trust store, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The checkpoint file (records checkpoint --out).")
        var checkpoints: String

        @Option(help: "The CA certificates (PEM) the checkpoint's signing certificate must chain to.")
        var trustedPem: String

        func run() async throws {
            for (field, path) in [("checkpoints", checkpoints), ("trusted-pem", trustedPem)]
            where !FileManager.default.fileExists(atPath: path) {
                throw Failure.missing(field, "no such file")
            }
            let policy: CertificatePolicy
            let latest: AuditCheckpoint?
            do {
                policy = try CertificatePolicy(trustedPEMFile: URL(fileURLWithPath: trustedPem))
                latest = try AuditCheckpointFile(url: URL(fileURLWithPath: checkpoints)).latest()
            } catch {
                throw Failure.invalid(error.reason == .malformedCertificate ? "trusted-pem" : "checkpoints", "\(error)")
            }
            guard let latest else { throw Failure.invalid("checkpoints", "the file holds no checkpoint") }
            let verdict: AuditVerification
            do {
                verdict = try await options.withStore { try await latest.verifyTrail(of: $0, policy: policy) }
            } catch let error as SignatureError {
                throw Failure.invalid("checkpoints", "\(error)")
            } catch let error as StoreError {
                throw Failure.storage(error)
            }
            if let broken = verdict.firstBrokenLink {
                throw Failure.invalid("audit", "event \(broken.sequence): \(broken.reason)")
            }
            let line = "\(verdict.eventCount) events intact, checkpoint at event \(latest.sequence) matches\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
