#if PostgreSQL
    import ChipChart
    import ChipChartArchive
    import Foundation
    import PostgresNIO

    /// A record a table keeps as its JSON document.
    protocol StoredDocument: Codable & VersionedRecord {
        /// The record, as an archive line holds it.
        var archived: ArchiveRecord { get }
        /// The instants the record holds (those under ``DocumentForm/instantKeys``).
        var instants: [Date] { get }
    }

    extension StoredDocument {
        /// Whether every instant is the one its seconds since 1970 give back, as for any record
        /// read from an archive: only then is the archive's form of the record exact.
        var archivesExactly: Bool {
            instants.allSatisfy { Date(timeIntervalSince1970: $0.timeIntervalSince1970) == $0 }
        }
    }

    extension Patient: StoredDocument {
        var archived: ArchiveRecord { .patient(self) }
        var instants: [Date] { [] }
    }

    extension Coverage: StoredDocument {
        var archived: ArchiveRecord { .coverage(self) }
        var instants: [Date] {
            if case .verified(let at, _, _) = verification { [at] } else { [] }
        }
    }

    extension Visit: StoredDocument {
        var archived: ArchiveRecord { .visit(self) }
        var instants: [Date] {
            [admittedAt] + [dischargedAt].compactMap { $0 }
                + appliedCoverages.flatMap { [$0.from] + [$0.until].compactMap { $0 } }
                + lineItems.compactMap(\.orderedAt)
        }
    }

    /// The two forms of a record's JSON: the document a table keeps, as `JSONEncoder` writes it
    /// by default (instants as seconds since 2001), and the object an archive line holds
    /// (instants as seconds since 1970, keys sorted, no spaces). A restore writes documents from
    /// the archive's form and an export reads the archive's form from documents, each without a
    /// `JSONEncoder` or `JSONDecoder` per record.
    ///
    /// Only numbers under ``instantKeys`` differ between the two forms, for a patient, a coverage
    /// and a visit without a chart (a chart is left to `JSONEncoder` and `JSONDecoder`); tests
    /// compare both ways on samples of every kind.
    enum DocumentForm {
        /// The names of the members that hold an instant: a visit's admission and discharge, an
        /// applied coverage's `from` and `until`, a line item's `orderedAt`, a verification's `at`.
        static let instantKeys: [[UInt8]] = ["admittedAt", "dischargedAt", "from", "until", "orderedAt", "at"].map {
            Array($0.utf8)
        }

        /// An instant as seconds since 2001 from seconds since 1970, as `Date` converts it.
        static func toDocument(_ seconds: Double) -> Double? {
            Date(timeIntervalSince1970: seconds).timeIntervalSinceReferenceDate
        }

        /// An instant as seconds since 1970 from seconds since 2001; `nil` when the number read
        /// back as seconds since 1970 is not the same instant (one bit of a fraction lost).
        static func toArchive(_ seconds: Double) -> Double? {
            let instant = Date(timeIntervalSinceReferenceDate: seconds)
            let archived = instant.timeIntervalSince1970
            return Date(timeIntervalSince1970: archived) == instant ? archived : nil
        }

        /// Copies a JSON object to `output` without the spaces between its tokens, each number
        /// under one of ``instantKeys`` converted by `convert`; `false` when such a number does
        /// not parse or convert, or a string is left open.
        static func rewrite(
            _ json: UnsafeBufferPointer<UInt8>,
            into output: inout [UInt8],
            instants convert: (Double) -> Double?
        ) -> Bool {
            var index = 0
            while index < json.count {
                let byte = json[index]
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                    continue
                case UInt8(ascii: "\""): break
                default:
                    output.append(byte)
                    index += 1
                    continue
                }
                // A string, to its closing quote: a backslash escapes the byte after it.
                var end = index + 1
                while end < json.count, json[end] != UInt8(ascii: "\"") {
                    end += json[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard end < json.count else { return false }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: json[index...end]))
                let name = UnsafeBufferPointer(rebasing: json[(index + 1)..<end])
                index = end + 1
                while index < json.count, json[index] == UInt8(ascii: " ") { index += 1 }
                // A member's name is followed by its colon, a string value never is.
                guard index < json.count, json[index] == UInt8(ascii: ":"),
                    instantKeys.contains(where: { $0.elementsEqual(name) })
                else { continue }
                output.append(UInt8(ascii: ":"))
                index += 1
                while index < json.count, json[index] == UInt8(ascii: " ") { index += 1 }
                var numberEnd = index
                while numberEnd < json.count, isNumberByte(json[numberEnd]) { numberEnd += 1 }
                guard numberEnd > index else { continue }
                let text = String(decoding: UnsafeBufferPointer(rebasing: json[index..<numberEnd]), as: UTF8.self)
                guard let seconds = Double(text), let converted = convert(seconds) else { return false }
                appendSeconds(converted, to: &output)
                index = numberEnd
            }
            return true
        }

        /// Seconds as the archive writes them: whole seconds without a fraction.
        private static func appendSeconds(_ seconds: Double, to output: inout [UInt8]) {
            if seconds == seconds.rounded(), abs(seconds) < 1e15 {
                output.append(contentsOf: String(Int64(seconds)).utf8)
            } else {
                output.append(contentsOf: seconds.description.utf8)
            }
        }

        private static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                true
            default: false
            }
        }
    }

    /// Writes the JSON documents a restore stores from the records' archive form
    /// (``ChipChartArchive/RecordJSONWriter``), and `JSONEncoder` what that writer leaves (a visit
    /// with a chart) or what the archive's form does not hold exactly (an instant that seconds
    /// since 1970 do not give back, never one read from an archive). The document is not `JSONEncoder`'s text but the same `jsonb` value, which
    /// is what the table keeps.
    struct StoredDocumentWriter {
        private var archive = RecordJSONWriter()
        private var document: [UInt8] = []

        /// The document of `record` (UTF-8), the writer's own until its next call.
        mutating func document(of record: some StoredDocument, encoder: JSONEncoder) throws -> [UInt8] {
            document.removeAll(keepingCapacity: true)
            guard record.archivesExactly, let object = archive.object(of: record.archived),
                object.withUnsafeBufferPointer({
                    DocumentForm.rewrite($0, into: &document, instants: DocumentForm.toDocument)
                })
            else { return Array(try encoder.encode(record)) }
            return document
        }
    }

    /// Reads the records of stored documents, as PostgreSQL writes `jsonb` as text, through the
    /// archive's direct reader (``ChipChartArchive/RecordJSONReader``) once in the archive's form,
    /// and with `JSONDecoder` when that reader leaves one (a chart, an escape in a string).
    struct StoredDocumentReader {
        private var archive = RecordJSONReader()
        private var object: [UInt8] = []
        private let decoder = JSONDecoder()

        /// The record `text` holds; `corruptStorage` when it does not parse.
        mutating func record<Record: StoredDocument>(_ type: Record.Type, from text: String) throws -> Record {
            object.removeAll(keepingCapacity: true)
            var text = text
            let rewritten = text.withUTF8 {
                DocumentForm.rewrite($0, into: &object, instants: DocumentForm.toArchive)
            }
            if rewritten, let record = archive.record(Record.self, from: object) { return record }
            do {
                return try decoder.decode(Record.self, from: Data(text.utf8))
            } catch {
                let kind = "\(Swift.type(of: error))"
                throw StoreError(.corruptStorage, "a stored record does not parse", underlying: kind)
            }
        }

        /// The records of rows of `version, document::text`, each at the version its row holds.
        mutating func records<Record: StoredDocument>(
            _ recordType: Record.Type,
            from rows: PostgresRowSequence
        ) async throws -> [Record] {
            var records: [Record] = []
            for try await (version, text) in rows.decode((Int, String).self) {
                var record = try self.record(recordType, from: text)
                record.version = version
                records.append(record)
            }
            return records
        }
    }
#endif
