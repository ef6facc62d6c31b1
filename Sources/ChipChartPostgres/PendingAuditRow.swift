#if PostgreSQL
    import ChipChart
    import Foundation

    /// An audit event waiting in `audit_pending`: a draft, in JSON, with the row's id once stored.
    struct PendingAuditRow: Codable {
        var id: Int64?
        let content: AuditRowContent

        private enum CodingKeys: String, CodingKey { case id }

        init(_ draft: AuditEvent.Draft) {
            id = nil
            content = AuditRowContent(draft)
        }

        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Int64.self, forKey: .id)
            content = try AuditRowContent(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(id, forKey: .id)
            try content.encode(to: encoder)
        }

        /// A stored row, from its `to_jsonb` text.
        init(json text: String) throws(StoreError) {
            do {
                self = try JSONDecoder().decode(PendingAuditRow.self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The rows of a JSON array of them (`jsonb_agg`).
        static func rows(fromJSONArray text: String) throws(StoreError) -> [PendingAuditRow] {
            do {
                return try JSONDecoder().decode([PendingAuditRow].self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The draft, its time exactly the stored millisecond.
        func draft() throws(StoreError) -> AuditEvent.Draft {
            do {
                return try content.draft()
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }
    }
#endif
