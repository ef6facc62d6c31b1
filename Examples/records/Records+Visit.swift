import ArgumentParser
import ChipChart
import ChipChartSignatures
import ExampleSupport
import Foundation

extension Records {
    /// `records visit`: one visit's full record — check-in, chart, discharge — as text or JSON.
    struct Visit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "visit",
            abstract: "Print one visit's full record: vital signs, notes, diagnoses, orders, results, discharge.",
            discussion: """
                The visit is found by its key (MA_LK); the read is audited under --staff. Staff are \
                shown masked in the text; --json prints the visit as stored (JSON, the chart under \
                "chart") with its checked signatures under "signatureChecks". Each document \
                signature is listed with whether it verifies: the document unchanged since, and a \
                clinician's certificate chaining to the CAs of --trusted-pem (without it, none is \
                trusted). Exit status: 0, 64, 65, 66 no such visit, database or trust store, 74.
                """
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "The visit's key (MA_LK), such as 01001-20260302081500-1A2B3C4D.")
        var visitKey: String

        @Flag(help: "Print the visit as JSON.")
        var json = false

        @Option(help: "The CA certificates (PEM) a clinician's signing certificate must chain to.")
        var trustedPem: String?

        /// Failures not reported here (bad --staff, no database, a store error) are reported by
        /// `mainReportingOneLine` with their statuses.
        func run() async throws {
            let access = Access(by: try options.actor(), purpose: "visit record")
            let policy = try trustedPem.map(CertificatePolicy.trusting(pemFile:)) ?? CertificatePolicy(trusted: [])
            let visit = try await options.withStore { store in
                guard let found = try await Self.find(visitKey, in: store),
                    let visit = try await store.visit(found, for: access)
                else { throw Failure.missing("visitKey", "no visit with this key") }
                return visit
            }
            let signatures = try SignatureCheck.all(of: visit, trusting: policy)
            let text =
                json
                ? TerminalText.escapedJSON(try Self.json(visit, signatures: signatures))
                : VisitText(visit, signatures: signatures).text.split(separator: "\n")
                    .map { TerminalText.escaped(String($0)) }.joined(separator: "\n")
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }

        /// The id of the visit with a key: the visits admitted on the day the key names (the
        /// desk's keys `FACILITY-yyyyMMddHHmmss-TAIL`), else all visits, page by page.
        static func find(_ key: String, in store: any ArchivableStore) async throws -> VisitID? {
            let parts = key.split(separator: "-")
            var start = Date.distantPast
            var end = Date.distantFuture
            if parts.count >= 2, parts[1].count == 14, let day = try? CalendarDate.compact(String(parts[1].prefix(8))) {
                start = day.startInstant
                end = day.endInstant
            }
            var last: VisitID?
            while true {
                let page = try await store.visits(admittedFrom: start, until: end, after: last, limit: 500)
                if let visit = page.first(where: { $0.key == key }) { return visit.id }
                guard page.count == 500 else { return nil }
                last = page.last?.id
            }
        }

        /// The visit as stored, with `signatureChecks` beside its keys.
        static func json(_ visit: ChipChart.Visit, signatures: [SignatureCheck]) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return String(
                decoding: try encoder.encode(CheckedVisit(visit: visit, signatureChecks: signatures)),
                as: UTF8.self
            )
        }

        /// A visit's keys and `signatureChecks`, in one object.
        private struct CheckedVisit: Encodable {
            let visit: ChipChart.Visit
            let signatureChecks: [SignatureCheck]

            enum Key: String, CodingKey { case signatureChecks }

            func encode(to encoder: any Encoder) throws {
                try visit.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(signatureChecks, forKey: .signatureChecks)
            }
        }
    }
}

extension CalendarDate {
    /// Parses `yyyyMMdd`.
    static func compact(_ text: String) throws -> CalendarDate {
        let digits = Array(text)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw ChipChart.ValidationError(field: "date", reason: .invalidFormat, message: "expected yyyyMMdd")
        }
        return try CalendarDate(
            year: Int(String(digits[0..<4])) ?? 0,
            month: Int(String(digits[4..<6])) ?? 0,
            day: Int(String(digits[6..<8])) ?? 0
        )
    }
}
