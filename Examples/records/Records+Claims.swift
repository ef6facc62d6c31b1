import ArgumentParser
import ChipChart
import ChipChartArchive
import ChipChartClaims
import ChipChartSignatures
import ExampleSupport
import Foundation

extension Records {
    /// `records claims`: the claims file (Decision 130/4750 XML) of the visits admitted in a
    /// range of days, Vietnam time.
    struct Claims: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the claims XML of the visits admitted from --from to --to (Vietnam time).",
            discussion: """
                Closed visits are claimed; open ones are listed as pending (on standard output) and \
                left for a later export; cancelled visits are left out, and so are self-pay visits \
                (no insurance card applied: nothing to claim from the insurer) unless --health-book \
                is given: then every closed visit is written, self-pay ones too, each with its \
                record summary (XML8), for the citizen's electronic health book; a claim that breaks \
                a field rule stops the export. The export \
                is one audit event; each patient and coverage read for a claim is audited too. The \
                file is written beside --out and moved into place only when complete. \
                --split writes one file per visit instead, <MA_LK>.xml, as the portal takes them; \
                --sign (a PKCS#12 file) or --sign-token (a PKCS#11 token's module) signs each file \
                written (enveloped XMLDSig inside CHUKYDONVI). \
                Exit status: 0, 64, 65 invalid input, a claim that breaks a rule (naming the field), \
                an existing --out without --replace or --out naming the database, a certificate \
                refused for signing (naming sign and the reason); 66 no such database, --split \
                folder or key file; 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The first day, yyyy-MM-dd.")
        var from: String

        @Option(help: "The last day (included), yyyy-MM-dd.")
        var to: String

        @Option(help: "The claims file to write (or --split).")
        var out: String?

        @Option(help: "Write one file per visit, <MA_LK>.xml, into this folder (instead of --out).")
        var split: String?

        @OptionGroup var signing: SigningOptions

        @Flag(help: "Replace --out if it exists.")
        var replace = false

        @Flag(help: "Write the health book's files: self-pay visits too, each with its record summary (XML8).")
        var healthBook = false

        @Option(help: "The facility's code (MA_CSKCB) on the envelope.")
        var facility = "01001"

        @Flag(help: "No progress on standard error (shown only when it is a terminal).")
        var quiet = false

        func validate() throws {
            guard (out == nil) != (split == nil) else {
                throw ArgumentParser.ValidationError("give one of --out and --split")
            }
        }

        func run() async throws {
            do {
                let first = try CalendarDate.iso(from, field: "from")
                let last = try CalendarDate.iso(to, field: "to")
                guard first <= last else { throw Failure.invalid("to", "the last day is before the first") }
                let envelope = ClaimEnvelope(
                    facility: try FacilityCode(facility, field: "facility"),
                    createdOn: CalendarDate(containing: Date())
                )
                let access = Access(by: try options.actor(role: .claimsOfficer), purpose: "claims export")
                let output = out.map { OutputFile(path: $0, replace: replace) }
                try output?.check(against: options.location)
                if let split, !Self.isFolder(split) { throw Failure.missing("split", "no such folder") }
                let signer = try signing.signer()
                let tally = StoredClaims.Tally()
                let progress = ProgressBar(
                    total: nil,
                    enabled: ProgressBar.onTerminal(quiet: quiet),
                    label: "visits read:"
                )
                defer { progress.finish() }
                let count = try await options.withStore { store in
                    try await store.recordExport(by: access, detail: "claims \(first)…\(last)")
                    var claims = StoredClaims(
                        store: store,
                        access: access,
                        from: first.startInstant,
                        until: last.endInstant,
                        tally: tally
                    )
                    claims.isForHealthBook = healthBook
                    let counted = claims.map { input in
                        progress.update(to: tally.visitsRead)
                        return input
                    }
                    guard let output else {
                        let split = SplitClaims(folder: split ?? ".", replace: replace, database: options.location)
                        return try await split.write(counted, envelope: envelope, signedBy: signer)
                    }
                    var count = 0
                    try await output.write(signedBy: signer) { handle in
                        count = try await ClaimExporter(envelope: envelope).export(counted, to: handle).claimCount
                    }
                    return count
                }
                progress.finish()
                var line = "\(count) claims written to \(TerminalText.escaped(out ?? split ?? ""))"
                if split != nil { line += ", one file each" }
                if let signer {
                    line += ", signed by \(TerminalText.escaped(signer.signer.certificateChain[0].subjectName))"
                }
                if tally.selfPayCount > 0 {
                    line += "; \(tally.selfPayCount) self-pay visits left out (no insurance card applied)"
                }
                let pending = tally.pendingKeys
                if !pending.isEmpty {
                    line += "; \(pending.count) open visits pending: "
                    line += pending.prefix(20).map(TerminalText.escaped).joined(separator: ", ")
                    if pending.count > 20 { line += ", …" }
                }
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            } catch let error as ChipChart.ValidationError {
                throw Failure.invalid(error)
            } catch let error as ArchiveError {
                throw OutputFile.failure(error)
            } catch let error as ClaimsError where error.code == .writeFailed {
                throw Failure.invalid("out", error.message)
            } catch let error as ClaimsError {
                throw Failure.invalid(error.violations.first?.field ?? "visit", "\(error)")
            } catch let error as MissingInput {
                throw Failure.missing(error)
            } catch let error as StoreError {
                throw Failure.storage(error)
            }
        }
    }
}

extension Records.Claims {
    /// Whether a path names a folder.
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
