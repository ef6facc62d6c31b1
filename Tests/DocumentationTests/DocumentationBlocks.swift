// swift-format-ignore-file
// Generated from the Swift code blocks of README.md, Examples/README.md, the DocC catalogues and
// the doc comments of the modules DocumentationBlockTests.documentedModules names, by
// Tests/DocumentationTests/generate.sh: do not edit. DocumentationBlockTests checks that it is
// current.

import ChipCard
import ChipCardTesting
import ChipChart
import ChipChartArchive
import ChipChartClaims
import ChipChartFHIR
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Logging
import Testing
#if PostgreSQL
import ChipChartPostgres
import PostgresNIO
#endif

// README.md, Swift block 1: not compiled (a manifest: the newcomer check builds it).

extension NoContext {
    /// README.md, Swift block 2.
    fileprivate func readmeBlock2() async throws {
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))

        // The insurer: in production, your client of the insurer's web service (an `InsurancePortal`).
        // Here, the simulator. It answers only staff registered with it (anyone else gets 054, "staff
        // ID not registered"), and knows no card until one is enrolled (`.enrol(holder, card)`).
        let insurer = SimulatedInsurancePortal(clock: SimulatedClock(start: Date()))
        insurer.apply(.registerStaff(staff))

        let store = try SQLiteStore(path: "clinic.sqlite")
        let desk = Reception(store: store, portal: insurer, facility: try FacilityCode("01001"))
        let scannedLine = "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hà Nội|15042021"
        let reading = try CardReading(qrCode: scannedLine)  // or an MRZ, or the chip
        let receipt = try await desk.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: staff)
        print(receipt.visit.key, receipt.coverageOutcome?.summary ?? "", receipt.warnings)
        _ = staff
        _ = insurer
        _ = store
        _ = desk
        _ = scannedLine
        _ = reading
        _ = receipt
    }
}

extension StoreConformance {
    @Suite("README.md, Swift block 3") struct ReadmeBlock3 {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { try MyStore(temporary: true) }
        }
    }
}

extension Clinic {
    /// README.md, Swift block 4.
    fileprivate func readmeBlock4() async throws {
        let store = try SQLiteStore(path: "chipchart.sqlite")
        try await store.commit(changes)
        let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = patient
    }
}

extension NoContext {
    /// README.md, Swift block 5.
    fileprivate func readmeBlock5() async throws {
        let pki = try SimulatedPKI()                                       // a test CSCA and document signer
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let reading = try await reader.read()                              // BAC, DG1, DG13, EF.SOD
        print(reading.name.text, reading.chipExtras?.ethnicity ?? "", reading.authentication?.chainsToTrustedCSCA == true)
        _ = pki
        _ = chip
        _ = reader
        _ = reading
    }
}

extension Clinic {
    /// README.md, Swift block 6.
    fileprivate func readmeBlock6() async throws {
        let access = Access(by: staff, purpose: "claims export")
        let today = CalendarDate(containing: Date())  // Vietnam time
        let visitsOfTheDay = AsyncThrowingStream<ClaimInput, any Error> { continuation in
            let reading = Task {
                do {
                    var after: VisitID?
                    repeat {
                        let page = try await store.visits(
                            admittedFrom: today.startInstant, until: today.endInstant, after: after, limit: 200)
                        for visit in page where visit.status == .closed && !visit.appliedCoverages.isEmpty {
                            guard let patient = try await store.patient(visit.patientID, for: access) else { continue }
                            let coverages = try await store.coverages(ofPatient: patient.id, for: access)
                            continuation.yield(ClaimInput(patient: patient, visit: visit, coverages: coverages))
                        }
                        after = page.count == 200 ? page.last?.id : nil
                    } while after != nil
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reading.cancel() }
        }
        let url = URL(fileURLWithPath: "claims.xml")
        try Data().write(to: url)
        let file = try FileHandle(forWritingTo: url)
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: try FacilityCode("01001"), createdOn: today))
        let summary = try await exporter.export(visitsOfTheDay, to: file)
        try file.close()
        print("\(summary.claimCount) claims")
        _ = access
        _ = today
        _ = visitsOfTheDay
        _ = url
        _ = file
        _ = exporter
        _ = summary
    }
}

extension NoContext {
    /// Sources/ChipCard/Documentation.docc/ChipCard.md, Swift block 1.
    fileprivate func chipCardBlock1() async throws {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let reading = try await reader.read()
        print(reading.authentication?.chainsToTrustedCSCA == true)   // true
        _ = pki
        _ = chip
        _ = reader
        _ = reading
    }
}

extension Clinic {
    /// Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 1.
    fileprivate func chipChartBlock1() async throws {
        let desk = Reception(store: store, portal: insurer, facility: facility)
        let receipt = try await desk.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: receptionist)
        print(receipt.match, receipt.coverageOutcome?.summary ?? "self-pay", receipt.warnings)
        _ = desk
        _ = receipt
    }
}

extension Clinic {
    /// Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 2.
    fileprivate func chipChartBlock2() async throws {
        let store: any RecordStore = InMemoryStore()
        let access = Access(by: receptionist, purpose: "check-in")
        var patient = Patient(demographics: Demographics(name: reading.name, dateOfBirth: reading.dateOfBirth, sex: reading.sex))
        patient.addIdentifier(.personalID(reading.personalID))
        var changes = ChangeSet(access)
        changes.save(patient)
        try await store.commit(changes)
        let found = try await store.patient(identifiedBy: .personalID(reading.personalID), for: access)
        _ = store
        _ = access
        _ = patient
        _ = changes
        _ = found
    }
}

extension Clinic {
    /// Sources/ChipChart/Documentation.docc/InsuranceLinkage.md, Swift block 1.
    fileprivate func chipChartInsuranceLinkageBlock1() async throws {
        let verifier = CoverageVerifier(portal: portal, timeout: .seconds(8), logger: logger)
        let stored = try await store.coverages(ofPatient: patient.id, for: access)
        let check = await verifier.check(query, coverages: stored, patient: patient.id, at: now)

        var visit = try Visit(key: key, patientID: patient.id, facility: facility, admittedAt: now)
        visit.apply(check)                       // the card(s) the visit carries
        var changes = ChangeSet(access)
        check.save(into: &changes)               // new and changed coverages
        changes.save(visit)
        try await store.commit(changes)          // one atomic, audited write
        _ = verifier
        _ = stored
        _ = check
        _ = visit
        _ = changes
    }
}

extension Clinic {
    /// Sources/ChipChart/Documentation.docc/InsuranceLinkage.md, Swift block 2.
    fileprivate func chipChartInsuranceLinkageBlock2() async throws {
        let recheck = try await reception.recheckCoverage(of: stay.id, by: nurse)
        print(recheck.check.outcome.summary)
        for period in recheck.visit.appliedCoverages {  // after a replacement: the old card, then the new
            print(period.cardCode, period.from, period.until.map { "\($0)" } ?? "open")
        }
        _ = recheck
    }
}

extension Clinic {
    /// Sources/ChipChartArchive/Documentation.docc/ChipChartArchive.md, Swift block 1.
    fileprivate func chipChartArchiveBlock1() async throws {
        try ArchiveWriter.write(ArchiveContents(patients: patients, coverages: coverages, visits: visits,
                                                auditEvents: events), to: url)
        let restored = try ArchiveReader.read(from: url)   // equal to what was written
        _ = restored
    }
}

extension Clinic {
    /// Sources/ChipChartArchive/Documentation.docc/ChipChartArchive.md, Swift block 2.
    fileprivate func chipChartArchiveBlock2() async throws {
        try await ArchiveWriter.export(sqliteStore, to: url, by: Access(by: admin, purpose: "backup"))
        try await ArchiveReader.restore(from: url, into: emptyStore)   // refused unless empty; all or nothing
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/Documentation.docc/ChipChartClaims.md, Swift block 1.
    fileprivate func chipChartClaimsBlock1() async throws {
        let claim = try Claim(ClaimInput(patient: patient, visit: visit))
        guard claim.violations.isEmpty else {
            throw ClaimsError(code: .invalidClaim, visitKey: visit.key, violations: claim.violations, message: "not claimable")
        }
        let envelope = ClaimEnvelope(facility: facility, createdOn: today)
        let xml = envelope.xml(for: [claim])
        _ = claim
        _ = envelope
        _ = xml
    }
}

extension Clinic {
    /// Sources/ChipChartFHIR/Documentation.docc/ChipChartFHIR.md, Swift block 1.
    fileprivate func chipChartFHIRBlock1() async throws {
        let fhir = FHIRMapper(facility: try FacilityCode("01001"))
        let json = fhir.bundle(patient: patient, coverages: coverages, visits: visits).text()
        _ = fhir
        _ = json
    }
}

#if PostgreSQL
extension Clinic {
    /// Sources/ChipChartPostgres/ChipChartPostgres.docc/ChipChartPostgres.md, Swift block 1: compiled, not run (it needs a PostgreSQL server).
    fileprivate func chipChartPostgresBlock1() async throws {
        let configuration = try PostgresStore.clientConfiguration(
            url: "postgres://chipchart@db.hospital.local/records?sslmode=require"
        )
        let client = PostgresClient(configuration: configuration)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            let store = try await PostgresStore.open(client: client)
            let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
            print(patient.map { "\($0.id)" } ?? "no such patient")
            group.cancelAll()
        }
        _ = configuration
        _ = client
    }
}
#endif

extension Clinic {
    /// Sources/ChipChartSQLite/ChipChartSQLite.docc/ChipChartSQLite.md, Swift block 1.
    fileprivate func chipChartSQLiteBlock1() async throws {
        let store = try SQLiteStore(path: "chipchart.sqlite")
        try await store.commit(changes)
        let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = patient
    }
}

extension StoreConformance {
    @Suite("Sources/ChipChartTesting/Documentation.docc/ChipChartTesting.md, Swift block 1") struct ChipChartTestingBlock1 {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { try MyStore(temporary: true) }
        }
    }
}

/// The code blocks that run; one at a time, since each runs in a folder of its own as the working
/// directory.
@Suite("The documentation's code blocks", .serialized)
struct DocumentationBlocks {
    @Test("README.md, Swift block 2") func readmeBlock2() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.readmeBlock2() }
    }

    @Test("README.md, Swift block 4") func readmeBlock4() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.readmeBlock4() }
    }

    @Test("README.md, Swift block 5") func readmeBlock5() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.readmeBlock5() }
    }

    @Test("README.md, Swift block 6") func readmeBlock6() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.readmeBlock6() }
    }

    @Test("Sources/ChipCard/Documentation.docc/ChipCard.md, Swift block 1") func chipCardBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardBlock1() }
    }

    @Test("Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 1") func chipChartBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartBlock1() }
    }

    @Test("Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 2") func chipChartBlock2() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartBlock2() }
    }

    @Test("Sources/ChipChart/Documentation.docc/InsuranceLinkage.md, Swift block 1") func chipChartInsuranceLinkageBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceLinkageBlock1() }
    }

    @Test("Sources/ChipChart/Documentation.docc/InsuranceLinkage.md, Swift block 2") func chipChartInsuranceLinkageBlock2() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceLinkageBlock2() }
    }

    @Test("Sources/ChipChartArchive/Documentation.docc/ChipChartArchive.md, Swift block 1") func chipChartArchiveBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartArchiveBlock1() }
    }

    @Test("Sources/ChipChartArchive/Documentation.docc/ChipChartArchive.md, Swift block 2") func chipChartArchiveBlock2() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartArchiveBlock2() }
    }

    @Test("Sources/ChipChartClaims/Documentation.docc/ChipChartClaims.md, Swift block 1") func chipChartClaimsBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsBlock1() }
    }

    @Test("Sources/ChipChartFHIR/Documentation.docc/ChipChartFHIR.md, Swift block 1") func chipChartFHIRBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartFHIRBlock1() }
    }

    @Test("Sources/ChipChartSQLite/ChipChartSQLite.docc/ChipChartSQLite.md, Swift block 1") func chipChartSQLiteBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteBlock1() }
    }
}
