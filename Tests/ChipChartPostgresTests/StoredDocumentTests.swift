#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    /// The documents a restore writes without `JSONEncoder` are the records `JSONEncoder`'s
    /// documents are.
    @Suite("A restore's documents written directly")
    struct StoredDocumentTests {
        /// Samples of every kind: the sample records, changed to hold fractional and negative
        /// instants, absent optionals, a verified coverage and a visit with a chart, and a
        /// sample store's records.
        /// The sample coverage, verified at `at` with result 000.
        static func verifiedCoverage(at: Date) throws -> Coverage {
            var verified = try RecordSamples.coverage()
            verified.verification = .verified(at: at, by: try RecordSamples.staff(), result: PortalResultCode("000"))
            return verified
        }

        static func records() async throws -> [ArchiveRecord] {
            let verified = try verifiedCoverage(at: Date(timeIntervalSince1970: 1_767_574_800.123_456_7))
            var early = try RecordSamples.visit()
            early.admittedAt = Date(timeIntervalSince1970: -12.75)
            early.dischargedAt = Date(timeIntervalSinceReferenceDate: 0.1)
            early.appliedCoverages[0].until = nil
            early.lineItems[0].orderedAt = Date(timeIntervalSince1970: 978_307_200.000_001)
            var patient = try RecordSamples.patient()
            patient.demographics.address = "\"at\":1, \\ from/until \u{01}\n đường"
            let store = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(store, patients: 12)
            let charted = try await ChartSamples.chartedStay(in: store)
            let samples: [ArchiveRecord] = [
                .patient(patient), .coverage(try RecordSamples.coverage()), .coverage(verified),
                .visit(try RecordSamples.visit()), .visit(early), .visit(charted),
            ]
            return samples + (try await ArchivableStoreConformance.allRecords(of: store))
        }

        /// The document written directly and the one `JSONEncoder` writes, of a record kept as a
        /// document (not an audit event).
        static func documents(_ record: ArchiveRecord) throws -> (direct: [UInt8], encoded: Data)? {
            var writer = StoredDocumentWriter()
            let encoder = JSONEncoder()
            switch record {
            case .patient(let patient):
                return (try writer.document(of: patient, encoder: encoder), try encoder.encode(patient))
            case .coverage(let coverage):
                return (try writer.document(of: coverage, encoder: encoder), try encoder.encode(coverage))
            case .visit(let visit): return (try writer.document(of: visit, encoder: encoder), try encoder.encode(visit))
            case .auditEvent: return nil
            }
        }

        /// The record a document holds, read as the store reads a record (`JSONDecoder`) or as an
        /// export lists it (`direct`).
        static func read(_ text: String, as record: ArchiveRecord, direct: Bool) throws -> ArchiveRecord? {
            var reader = StoredDocumentReader()
            func decode<Record: StoredDocument>(_ type: Record.Type) throws -> Record {
                direct ? try reader.record(type, from: text) : try Documents.decode(type, from: text)
            }
            return switch record {
            case .patient: .patient(try decode(Patient.self))
            case .coverage: .coverage(try decode(Coverage.self))
            case .visit: .visit(try decode(Visit.self))
            case .auditEvent: nil
            }
        }

        @Test("a document written directly reads back as the very record, field by field")
        func readsBackAsTheRecord() async throws {
            var checked = 0
            for record in try await Self.records() {
                guard let (direct, _) = try Self.documents(record) else { continue }
                let text = String(decoding: direct, as: UTF8.self)
                #expect(try Self.read(text, as: record, direct: false) == record, "\(text)")
                checked += 1
            }
            #expect(checked > 30)
        }

        /// `json` rewritten with `convert`, or `nil` when refused.
        static func rewritten(_ json: String, _ convert: (Double) -> Double?) -> String? {
            var output: [UInt8] = []
            var json = json
            let done = json.withUTF8 { DocumentForm.rewrite($0, into: &output, instants: convert) }
            return done ? String(decoding: output, as: UTF8.self) : nil
        }

        @Test(
            "instants move from 1970 to 2001 in members of their names only, not in strings",
            arguments: [
                (#"{"at":-12.75,"x":{"from":0}}"#, #"{"at":-978307212.75,"x":{"from":-978307200}}"#),
                (#"{"a":"\"at\":5","at":978307200}"#, #"{"a":"\"at\":5","at":0}"#),
                (#"{"until":"x","admitted":1,"orderedAt":[1]}"#, #"{"until":"x","admitted":1,"orderedAt":[1]}"#),
            ]
        )
        func instantsToDocument(json: String, expected: String) {
            #expect(Self.rewritten(json, DocumentForm.toDocument) == expected)
        }

        @Test(
            "jsonb text loses its spaces and its instants move back to 1970",
            arguments: [
                (
                    #"{"at": 0.5, "id": "a b", "x": [1, {"from": -978307212.75}]}"#,
                    #"{"at":978307200.5,"id":"a b","x":[1,{"from":-12.75}]}"#
                ),
                (#"{"key": "\": 1", "until": 1}"#, #"{"key":"\": 1","until":978307201}"#),
            ]
        )
        func instantsToArchive(json: String, expected: String) {
            #expect(Self.rewritten(json, DocumentForm.toArchive) == expected)
        }

        @Test(
            "an instant that does not parse, or would not come back the same, or a string left open, is refused",
            arguments: [#"{"at":1e}"#, #"{"at": 1e-10}"#, #"{"a":"x"#]
        )
        func refused(json: String) {
            #expect(Self.rewritten(json, DocumentForm.toArchive) == nil)
        }

        @Test("JSONEncoder's document reads through the direct reader or JSONDecoder as the record")
        func encodedReadsBack() async throws {
            for record in try await Self.records() {
                guard let (_, encoded) = try Self.documents(record) else { continue }
                let text = String(decoding: encoded, as: UTF8.self)
                #expect(try Self.read(text, as: record, direct: true) == record, "\(text)")
            }
        }

        @Test(
            "PostgreSQL keeps a document written directly as JSONEncoder's, and its text reads back as the record",
            .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun)
        )
        func sameJSONB() async throws {
            let client = try #require(PostgresTestServer.shared)
            for record in try await Self.records() {
                guard let (direct, encoded) = try Self.documents(record) else { continue }
                let directText = String(decoding: direct, as: UTF8.self)
                let encodedText = String(decoding: encoded, as: UTF8.self)
                let rows = try await client.query(
                    "SELECT \(directText)::jsonb = \(encodedText)::jsonb, \(encodedText)::jsonb::text"
                )
                for try await (same, stored) in rows.decode((Bool, String).self) {
                    #expect(same, "\(directText)")
                    // What an export lists: PostgreSQL's text of the document, read directly.
                    #expect(try Self.read(stored, as: record, direct: true) == record, "\(stored)")
                }
            }
        }
    }
#endif
