import ArgumentParser
import ChipChart
import ChipChartArchive
import ChipChartClaims
import ChipChartPortal
import ChipChartSignatures
import ExampleSupport
import Foundation

extension Records {
    /// `records submit`: each closed visit's signed claims file, uploaded to the insurer's
    /// portal, and every receipt kept.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload each closed visit's signed claims file (--from to --to) to the insurer's portal.",
            discussion: """
                Each closed insured visit admitted in the days given gets its own claims file, \
                signed with --sign (or --sign-token), uploaded to the portal (loaiHoSo 130), and the \
                portal's receipt kept in the records as an audit event of the visit, by --staff. A \
                visit whose file the portal already accepted is never sent again; one refused (123 \
                unsigned, 125 changed after signing, or any other code) is signed and sent again by \
                the next run. One line per file on standard output: MA_LK, the result code and the \
                transaction number (maGiaoDich, - when none); the counts on standard error (in the \
                error line on a failure). An upload \
                is sent once: when no answer comes, the command stops, since the file may have been \
                received. Exit status: 0 every file sent was accepted (or nothing was left to send); \
                64; 65 invalid input, a certificate refused for signing, or a file the portal refused \
                (naming visit); 66 no such database, key file or password file; 74 the portal could \
                not be reached or the records could not be read or written.
                """
        )

        @OptionGroup var options: CommonOptions

        @Option(help: "The first day, yyyy-MM-dd.")
        var from: String

        @Option(help: "The last day (included), yyyy-MM-dd.")
        var to: String

        @OptionGroup var signing: SigningOptions

        @OptionGroup var portal: PortalOptions

        @Option(help: "The facility's code (MA_CSKCB) on the files and the uploads.")
        var facility = "01001"

        func validate() throws {
            guard portal.url != nil else { throw ArgumentParser.ValidationError("--portal-url is required.") }
            guard signing.sign != nil || signing.signToken != nil else {
                throw ArgumentParser.ValidationError(
                    "--sign or --sign-token is required: the portal takes signed files."
                )
            }
        }

        func run() async throws {
            let first = try CalendarDate.iso(from, field: "from")
            let last = try CalendarDate.iso(to, field: "to")
            guard first <= last else { throw Failure.invalid("to", "the last day is before the first") }
            let code = try FacilityCode(facility, field: "facility")
            let envelope = ClaimEnvelope(facility: code, createdOn: CalendarDate(containing: Date()))
            let access = Access(by: try options.actor(role: .claimsOfficer), purpose: "claims upload")
            guard let signer = try signing.signer(), let client = try portal.client(timeout: .seconds(30)) else {
                throw Failure.invalid("sign", "no signer or portal")
            }
            let tally: Uploads
            do {
                tally = try await options.withStore { store in
                    var uploads = Uploads(store: store, access: access, client: client, facility: code)
                    try await uploads.run(envelope: envelope, signer: signer, from: first, to: last)
                    return uploads
                }
            } catch let error as ClaimsError {
                throw Failure.invalid(error.violations.first?.field ?? "visit", "\(error)")
            } catch let error as ArchiveError {
                throw Failure.unwritable("sign", "the file to sign cannot be written: \(error)")
            }
            if let refused = tally.firstRefused {
                throw Failure.invalid("visit", "\(tally.summary); the first refused: \(refused)")
            }
            FileHandle.standardError.write(Data((tally.summary + "\n").utf8))
        }
    }
}
