#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore: events of every shape appended to a chain are the events the library seals",
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
            Shape(description: "more events than one checkpoint interval") {
                try (0..<(Int(PostgresStore.checkpointEvents) + 7)).map { index in
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

        /// Appends `drafts` to a chain in a transaction of their own (no checkpoint after it).
        static func append(_ drafts: [AuditEvent.Draft], to store: PostgresStore) async throws -> [AuditEvent] {
            let tables = store.tables
            let logger = store.logger
            return try await store.inTransaction("test") { connection in
                try await PostgresStore.appendAudit(drafts, to: tables, on: connection, logger: logger, at: Date())
            }.events
        }

        @Test(
            "events appended to a chain are the events the library seals",
            arguments: shapes
        )
        func storeMatchesLibrary(_ shape: Shape) async throws {
            let store = try await PostgresTestServer.freshStore("serverseal")
            let drafts = try shape.drafts()
            var expected: [AuditEvent] = []
            for draft in drafts + drafts { expected.append(draft.sealed(after: expected.last)) }

            let first = try await Self.append(drafts, to: store)
            #expect(first == Array(expected.prefix(drafts.count)))
            let second = try await Self.append(drafts, to: store)
            #expect(second == Array(expected.suffix(drafts.count)))

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
    }
#endif
