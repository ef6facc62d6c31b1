#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore: events sealed in the commit or after it, of every shape, are the events the library seals",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresSealShapeTests {
        /// Drafts of one shape, to be sealed by the store and by the library alone.
        struct Shape: Sendable, CustomStringConvertible {
            let description: String
            let drafts: @Sendable () throws -> [AuditEvent.Draft]
        }

        static func staff(_ name: String, role: Staff.Role = .receptionist) throws -> Staff {
            Staff(name: try PersonName(name), personalID: try PersonalID("001190000001"), role: role)
        }

        static let shapes: [Shape] = [
            Shape(description: "no optional field") {
                [
                    AuditEvent.Draft(
                        at: Date(timeIntervalSince1970: 1_764_400_000.123_9),
                        staff: try staff("Lan"),
                        action: .search,
                        purpose: "check-in"
                    )
                ]
            },
            Shape(description: "every field, an embedder's own role and action") {
                [
                    AuditEvent.Draft(
                        at: Date(timeIntervalSince1970: 1_764_400_001),
                        staff: try staff("Lan", role: Staff.Role(rawValue: "ward-clerk")),
                        action: AuditEvent.Action(rawValue: "print-wristband"),
                        recordKind: .visit,
                        recordID: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF"),
                        patientID: PatientID(UUID(uuidString: "0190A7C2-1B3D-7E4F-8A5B-6C7D8E9FA0B1") ?? UUID()),
                        purpose: "admission",
                        detail: "bed 12"
                    )
                ]
            },
            Shape(description: "Vietnamese text in every text field, and a time before 1970") {
                [
                    AuditEvent.Draft(
                        at: Date(timeIntervalSince1970: -1.5),
                        staff: try staff("Nguyễn Thị Ánh Tuyết"),
                        action: .read,
                        recordKind: .patient,
                        recordID: UUID(),
                        patientID: PatientID(UUID()),
                        purpose: "khám bệnh ngoại trú",
                        detail: "đã xác minh thẻ CCCD — 1 kết quả"
                    ),
                    AuditEvent.Draft(
                        at: Date(timeIntervalSince1970: 1_764_400_002.5),
                        staff: try staff("Đặng Quốc Bảo", role: .physician),
                        action: .update,
                        recordKind: .coverage,
                        purpose: "cập nhật bảo hiểm y tế",
                        detail: ""
                    ),
                ]
            },
            Shape(description: "more events than one sealing chains") {
                try (0..<(PostgresStore.sealBatchSize * 2 + 7)).map { index in
                    AuditEvent.Draft(
                        at: Date(timeIntervalSince1970: 1_764_400_000 + Double(index) / 7),
                        staff: try staff(index.isMultiple(of: 2) ? "Lê Văn Tám" : "Hoa"),
                        action: index.isMultiple(of: 3) ? .create : .read,
                        recordKind: index.isMultiple(of: 5) ? nil : .patient,
                        recordID: index.isMultiple(of: 4) ? nil : UUID(),
                        patientID: index.isMultiple(of: 6) ? nil : PatientID(UUID()),
                        purpose: "nhập viện \(index)",
                        detail: index.isMultiple(of: 2) ? nil : "\(index) kết quả"
                    )
                }
            },
        ]

        /// Appends `drafts` in a transaction of their own, sealed at once when `alone`, else left
        /// pending and sealed by ``PostgresStore/sealedEvents(pending:)``.
        static func append(
            _ drafts: [AuditEvent.Draft],
            alone: Bool,
            to store: PostgresStore
        ) async throws
            -> [AuditEvent]
        {
            let tables = store.tables
            let logger = store.logger
            let appended = try await store.inTransaction("test") { connection in
                try await PostgresStore.appendAudit(drafts, alone: alone, to: tables, on: connection, logger: logger)
            }
            if alone, case .pending = appended { Issue.record("a lone append left its events pending") }
            return try await store.sealed(appended, committing: "the test events")
        }

        @Test(
            "events sealed in the commit or after it are the events the library seals",
            arguments: shapes
        )
        func storeMatchesLibrary(_ shape: Shape) async throws {
            let store = try await PostgresTestServer.freshStore("serverseal")
            let drafts = try shape.drafts()
            var expected: [AuditEvent] = []
            for draft in drafts + drafts { expected.append(draft.sealed(after: expected.last)) }

            let sealedInCommit = try await Self.append(drafts, alone: true, to: store)
            #expect(sealedInCommit == Array(expected.prefix(drafts.count)))
            let sealedAfter = try await Self.append(drafts, alone: false, to: store)
            #expect(sealedAfter == Array(expected.suffix(drafts.count)))

            var stored: [AuditEvent] = []
            while stored.count < expected.count {
                let page = try await store.auditEvents(after: stored.last?.sequence ?? 0, limit: 1000)
                guard !page.isEmpty else { break }
                stored += page
            }
            #expect(stored == expected, "the trail holds exactly what the library would have sealed")
            #expect(stored.allSatisfy { $0.hash == $0.computedHash })
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == expected.count, "\(verification)")
        }

        @Test("a pending event removed before it was sealed is reported, not waited for")
        func vanishedPendingEvent() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await PostgresTestServer.freshStore("vanished")
            let draft = AuditEvent.Draft(at: Date(), staff: try Self.staff("Lan"), action: .read, purpose: "check-in")
            let tables = store.tables
            let logger = store.logger
            let appended = try await store.inTransaction("test") { connection in
                try await PostgresStore.appendAudit([draft], alone: false, to: tables, on: connection, logger: logger)
            }
            guard case .pending(let ids) = appended else {
                Issue.record("the event was not left pending")
                return
            }
            try await client.query("DELETE FROM \(unescaped: tables.auditPending)")
            await #expect(throws: StoreError.self) { try await store.sealedEvents(pending: ids) }
        }
    }
#endif
