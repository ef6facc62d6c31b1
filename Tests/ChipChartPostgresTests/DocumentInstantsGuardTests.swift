#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Testing

    @testable import ChipChartPostgres

    /// The direct documents convert every instant a record holds: a `Date` property added to a
    /// patient, a coverage or a visit (or to a value they hold) without being listed in
    /// `DocumentForm.instantKeys` and the record's `instants` fails here, naming the property.
    @Suite("The direct documents know every instant a record holds")
    struct DocumentInstantsGuardTests {
        /// A `Date` a record holds, found by reflection: the member's name and whether it is set.
        struct FoundInstant: Equatable {
            let path: String
            let name: String
        }

        /// Members not written by the direct path: a chart goes through `JSONEncoder`, and unknown
        /// fields are kept as they came.
        static let skipped: Set<String> = ["storedChart", "unknownFields"]

        /// Every member of `value`, at any depth, that is declared as an instant (`Date`, `Date?`,
        /// `[Date]`), with the dates it holds now.
        static func instants(in value: Any, path: String = "") -> (declared: [FoundInstant], held: [Date]) {
            var declared: [FoundInstant] = []
            var held: [Date] = []
            for child in Mirror(reflecting: value).children {
                let name = child.label ?? "[]"
                guard !skipped.contains(name) else { continue }
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                let type = Swift.type(of: child.value)
                if type == Date.self || type == Date?.self || type == [Date].self {
                    declared.append(FoundInstant(path: childPath, name: name))
                }
                if let date = child.value as? Date {
                    held.append(date)
                } else {
                    let inner = instants(in: child.value, path: childPath)
                    declared += inner.declared
                    held += inner.held
                }
            }
            return (declared, held)
        }

        /// Records with every optional instant set: a verified coverage and a discharged visit whose
        /// applied coverage has an end and whose line items were ordered.
        static func records() throws -> [any StoredDocument] {
            let coverage = try StoredDocumentTests.verifiedCoverage(at: Date(timeIntervalSince1970: 1_767_574_800))
            let visit = try RecordSamples.visit()
            return [try RecordSamples.patient(), coverage, visit]
        }

        @Test("every member that holds an instant is under DocumentForm.instantKeys")
        func everyInstantMemberIsListed() throws {
            let listed = Set(DocumentForm.instantKeys.map { String(decoding: $0, as: UTF8.self) })
            for record in try Self.records() {
                for found in Self.instants(in: record).declared where !listed.contains(found.name) {
                    Issue.record(
                        """
                        \(type(of: record)).\(found.path) holds an instant, but DocumentForm.instantKeys \
                        (Sources/ChipChartPostgres/StoredDocument.swift) does not list \(found.name): \
                        a restore would write it in the wrong time base. List it there and in the \
                        record's `instants`
                        """
                    )
                }
            }
        }

        @Test("a record's `instants` are every instant it holds")
        func instantsAreEveryDateHeld() throws {
            for record in try Self.records() {
                let held = Self.instants(in: record).held
                #expect(!(record is Visit) || held.count >= 4, "the sample visit sets every optional instant")
                #expect(
                    record.instants.sorted() == held.sorted(),
                    "\(type(of: record)).instants lists \(record.instants.count) instants; it holds \(held.count)"
                )
            }
        }
    }
#endif
