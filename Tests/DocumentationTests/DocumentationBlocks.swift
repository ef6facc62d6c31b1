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
import ChipChartPortal
import ChipChartSQLite
import ChipChartSignatures
import ChipChartTesting
import Foundation
import Logging
import Testing
#if PCSC
import ChipCardPCSC
#endif
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

extension NoContext {
    /// README.md, Swift block 3.
    fileprivate func readmeBlock3() async throws {
        let password = "from the facility's secret store"
        let portal = HTTPInsurancePortal(
            configuration: PortalConfiguration(
                baseURL: PortalConfiguration.productionBaseURL,   // or a provincial hub's
                account: PortalAccount(username: "01001_BV", password: password),
                paths: .decision4750,                              // .decision3176 for the 3176 upload paths
                cardCheckBody: .json,                              // .form, as many production clients send
                timeLimits: PortalTimeLimits(perCall: .seconds(5)),
                retry: PortalRetryPolicy(attempts: 3, firstBackoff: .milliseconds(200)),
                breaker: PortalBreakerPolicy(failureThreshold: 3, openFor: .seconds(30))
            )
        )
        let reception = Reception(store: InMemoryStore(), portal: portal, facility: try FacilityCode("01001"))
        _ = password
        _ = portal
        _ = reception
    }
}

extension StoreConformance {
    @Suite("README.md, Swift block 4") struct ReadmeBlock4 {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { try MyStore(temporary: true) }
        }
    }
}

extension Clinic {
    /// README.md, Swift block 5.
    fileprivate func readmeBlock5() async throws {
        let store = try SQLiteStore(path: "chipchart.sqlite")
        try await store.commit(changes)
        let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = patient
    }
}

extension NoContext {
    /// README.md, Swift block 6.
    fileprivate func readmeBlock6() async throws {
        let pki = try SimulatedPKI()                                       // a test CSCA and document signer
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let reading = try await reader.read()                              // PACE, DG1, DG13, EF.SOD
        print(reading.name.text, reading.chipExtras?.ethnicity ?? "", reading.authentication?.chainsToTrustedCSCA == true)
        _ = pki
        _ = chip
        _ = reader
        _ = reading
    }
}

extension Ward {
    /// README.md, Swift block 7.
    fileprivate func readmeBlock7() async throws {
        // Check-in at the desk: the patient, an insured outpatient visit.
        let receipt = try await reception.checkIn(reading, for: VisitRequest(reason: "Sốt, ho"), by: receptionist)
        let charting = Charting(store: store, catalogue: catalogue)  // catalogue: Catalogue(csv: …)
        var visit = receipt.visit

        // Examination: each call is a new, audited version of the visit.
        visit = try await charting.record(
            try VitalSigns(pulse: 96, systolicPressure: 118, diastolicPressure: 76, temperature: 38.6, weight: 58),
            on: visit, by: nurse)
        visit = try await charting.record(try ClinicalNote(.complaint, "Sốt, ho có đờm 4 ngày"), on: visit, by: doctor)
        visit = try await charting.order("02.1896", on: visit, by: doctor)  // consultation, priced by the catalogue
        visit = try await charting.order("18.0071.0028", on: visit, by: doctor)  // chest X-ray
        visit = try await charting.record(
            try ParaclinicalResult(
                serviceCode: "18.0071.0028", name: "X-quang ngực thẳng", value: "Tăng đậm rốn phổi hai bên",
                performer: technician, performedAt: Date(), reportedAt: Date()),
            on: visit, by: technician)
        visit = try await charting.diagnose(
            try Diagnosis(main: try ICD10Code("J20.9"), dischargeText: "Viêm phế quản cấp"), on: visit, by: doctor)
        visit = try await charting.order("40.48", quantity: 15, on: visit, by: doctor)  // amoxicillin

        // Discharge: the outcome (KET_QUA_DTRI), how the patient left (MA_LOAI_RV), a follow-up in a week.
        let today = CalendarDate(containing: Date())
        visit = try await charting.discharge(
            try Discharge(outcome: .improved, type: .discharged, followUp: Discharge.FollowUp(on: today.adding(days: 7))),
            on: visit, by: doctor)
        print(visit.status, visit.chart.orders.count, visit.lineItems.count)  // closed 3 3
        _ = receipt
        _ = charting
        _ = visit
        _ = today
    }
}

extension Ward {
    /// README.md, Swift block 8.
    fileprivate func readmeBlock8() async throws {
        let policed = PolicedStore(wrapping: store)  // DefaultAccessPolicy unless given another
        let charting = Charting(store: policed, catalogue: catalogue)
        var visit = try await charting.record(try VitalSigns(pulse: 88), on: receipt.visit, by: nurse)
        do {
            visit = try await charting.record(try VitalSigns(pulse: 90), on: visit, by: receptionist)
        } catch let denied as AccessDenied {
            print(denied)  // receptionist write vitalSigns: a receptionist may not write vitalSigns
        }

        // Break-the-glass: the same discharge, with a stated emergency, allowed and flagged for review.
        let emergency = Access(by: nurse, purpose: "transfer", emergencyReason: "doctor in theatre, ambulance waiting")
        var discharged = visit
        discharged.chart.discharge = ChartEntry(try Discharge(outcome: .improved), by: nurse, at: Date())
        var changes = ChangeSet(emergency)
        changes.save(discharged)
        try await policed.commit(changes)
        for event in try await store.eventsForReview() { print(event.staff, event.detail ?? "") }
        _ = policed
        _ = charting
        _ = visit
        _ = emergency
        _ = discharged
        _ = changes
    }
}

extension Clinic {
    /// README.md, Swift block 9.
    fileprivate func readmeBlock9() async throws {
        let access = Access(by: staff, purpose: "claims export")
        let today = CalendarDate(containing: Date())  // Vietnam time
        let visitsOfTheDay = StoredClaims(store: store, access: access, from: today.startInstant, until: today.endInstant)
        let url = URL(fileURLWithPath: "claims.xml")
        try Data().write(to: url)
        let file = try FileHandle(forWritingTo: url)
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: try FacilityCode("01001"), createdOn: today))
        let summary = try await exporter.export(visitsOfTheDay, to: file)
        try file.close()
        print("\(summary.claimCount) claims, fund \(summary.totals.fund) đ; pending:", visitsOfTheDay.tally.pendingKeys)
        _ = access
        _ = today
        _ = visitsOfTheDay
        _ = url
        _ = file
        _ = exporter
        _ = summary
    }
}

extension Clinic {
    /// README.md, Swift block 10.
    fileprivate func readmeBlock10() async throws {
        var input = ClaimInput(patient: patient, visit: visit, coverages: coverages)
        input.coPaymentStanding = try CoPaymentStanding(
            fiveYearDate: coverage.fiveYearDate,
            year: today.year,
            cumulativeCoPayment: Money(dong: 14_500_000)
        )
        let claim = try Claim(input)
        print(visit.benefitSplits(standing: input.coPaymentStanding).map(\.patientCoPays))
        _ = input
        _ = claim
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
        let id = try PersonalID("001099012345")
        var patient = Patient(demographics: Demographics(name: reading.name, dateOfBirth: reading.dateOfBirth, sex: reading.sex))
        patient.addIdentifier(.personalID(id))
        var changes = ChangeSet(access)
        changes.save(patient)
        try await store.commit(changes)
        let found = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = access
        _ = id
        _ = patient
        _ = changes
        _ = found
    }
}

extension Ward {
    /// Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 3.
    fileprivate func chipChartBlock3() async throws {
        let policed = PolicedStore(wrapping: store)
        let emergency = Access(by: nurse, purpose: "resuscitation", emergencyReason: "cardiac arrest")
        let visit = try await policed.visit(receipt.visit.id, for: emergency)
        let flagged = try await policed.eventsForReview()
        _ = policed
        _ = emergency
        _ = visit
        _ = flagged
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

extension NoContext {
    /// Sources/ChipChartPortal/Documentation.docc/ConnectingToTheInsurer.md, Swift block 1.
    fileprivate func chipChartPortalConnectingToTheInsurerBlock1() async throws {
        let password = "from the facility's secret store"
        let configuration = PortalConfiguration(
            baseURL: PortalConfiguration.trainingBaseURL,
            account: PortalAccount(username: "01001_BV", password: password),
            paths: .decision4750,
            cardCheckBody: .json,
            timeLimits: PortalTimeLimits(perCall: .seconds(5), tokenRenewalMargin: .seconds(60)),
            retry: PortalRetryPolicy(attempts: 3, firstBackoff: .milliseconds(200)),
            breaker: PortalBreakerPolicy(failureThreshold: 3, openFor: .seconds(30))
        )
        let portal = HTTPInsurancePortal(configuration: configuration)
        let reception = Reception(store: InMemoryStore(), portal: portal, facility: try FacilityCode("01001"))
        print(configuration.account)   // 01001_BV (password withheld)
        _ = password
        _ = configuration
        _ = portal
        _ = reception
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

extension ChipCardContext {
    /// Sources/ChipCard/Chip/APDU.swift, Swift block 1.
    fileprivate func chipCardChipAPDUBlock1() async throws {
        let reply = try await transport.transmit([0x00, 0x84, 0x00, 0x00, 0x08])   // GET CHALLENGE
        _ = reply
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Chip/BACKey.swift, Swift block 1.
    fileprivate func chipCardChipBACKeyBlock1() async throws {
        let key = try BACKey(mrz: MRZ(lines: scanned))
        print(key.mrzInformation)    // "099012345999010183901016"
        _ = key
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Chip/BasicAccessControl.swift, Swift block 1.
    fileprivate func chipCardChipBasicAccessControlBlock1() async throws {
        let control = BasicAccessControl(key: try BACKey(mrz: mrz))
        let session = try await control.authenticate(over: transport)
        _ = control
        _ = session
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Chip/ChipCardReader.swift, Swift block 1.
    fileprivate func chipCardChipChipCardReaderBlock1() async throws {
        let key = try BACKey(mrz: MRZ(lines: scannedLines))
        let reader = ChipCardReader(transport: pcscReader, key: key, trustAnchors: anchors)
        let reading = try await reader.read()
        print(reading.authentication?.chainsToTrustedCSCA == true)   // true
        _ = key
        _ = reader
        _ = reading
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Chip/SecureChannel.swift, Swift block 1.
    fileprivate func chipCardChipSecureChannelBlock1() async throws {
        var channel = SecureChannel(transport: transport, session: session)
        let dg1 = try await channel.readFile(LDSFile.dg1)
        _ = channel
        _ = dg1
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/LDS/DataGroup13.swift, Swift block 1.
    fileprivate func chipCardLDSDataGroup13Block1() async throws {
        let dg13 = try DataGroup13(bytes: bytes)
        print(dg13.text(2) ?? "")        // "Nguyễn Văn A"
        print(dg13.fatherName ?? "")     // "Nguyễn Văn B"
        _ = dg13
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/LDS/PassiveAuthentication.swift, Swift block 1.
    fileprivate func chipCardLDSPassiveAuthenticationBlock1() async throws {
        let result = PassiveAuthentication.verify(sod, dataGroups: [1: dg1, 13: dg13], trustAnchors: anchors)
        print(result.outcome.dataGroupHashesMatch)   // true
        _ = result
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/LDS/SecurityObject.swift, Swift block 1.
    fileprivate func chipCardLDSSecurityObjectBlock1() async throws {
        let sod = try SecurityObject(bytes: efSOD)
        print(sod.hashAlgorithm)                        // SHA-256
        print(sod.dataGroupHashes[13]?.count ?? 0)      // 32 bytes
        _ = sod
    }
}

extension NoContext {
    /// Sources/ChipCard/MRZ/MRZ.swift, Swift block 1.
    fileprivate func chipCardMRZBlock1() async throws {
        let mrz = try MRZ(lines: [
            "IDVNM0990123459001099012345<<0",
            "9901018M3901016VNM<<<<<<<<<<<0",
            "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
        ])
        print(mrz.personalID?.birthYear ?? 0)   // 1999
        let reading = try CardReading(mrz: mrz)
        _ = mrz
        _ = reading
    }
}

extension NoContext {
    /// Sources/ChipCard/QR/QRCode.swift, Swift block 1.
    fileprivate func chipCardQRQRCodeBlock1() async throws {
        let reading = try CardReading(
            qrCode: "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hà Nội|15042021"
        )
        print(reading.name.text)   // "Nguyễn Văn A"
        _ = reading
    }
}

extension NoContext {
    /// Sources/ChipCard/QR/QRCodeReader.swift, Swift block 1: compiled, not run (it reads a scanner on standard input).
    fileprivate func chipCardQRQRCodeReaderBlock1() async throws {
        let reader = QRCodeReader(lines: StandardInputLines())
        let reading = try await reader.read()
        _ = reader
        _ = reading
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Support/BERTLV.swift, Swift block 1.
    fileprivate func chipCardSupportBERTLVBlock1() async throws {
        let element = try BERTLV(parsing: dg1)     // 61 …
        let mrz = try element.child(tag: 0x5F1F)    // the MRZ text
        _ = element
        _ = mrz
    }
}

extension ChipCardContext {
    /// Sources/ChipCard/Support/ChipCardError.swift, Swift block 1.
    fileprivate func chipCardSupportChipCardErrorBlock1() async throws {
        do {
            let reading = try await reader.read()
            print(reading.name)
        } catch let error as ChipCardError where error.code == .accessControlFailed {
            // the MRZ key is wrong: ask staff to rescan the card's back
        }
    }
}

#if PCSC
extension ChipCardContext {
    /// Sources/ChipCardPCSC/PCSCTransport.swift, Swift block 1: compiled, not run (it needs a contactless reader).
    fileprivate func chipCardPCSCPCSCTransportBlock1() async throws {
        let transport = try PCSCTransport(readerName: PCSCTransport.readerNames().first)
        let reading = try await ChipCardReader(transport: transport, key: try BACKey(mrz: mrz)).read()
        _ = transport
        _ = reading
    }
}
#endif

extension NoContext {
    /// Sources/ChipCardTesting/ParserFuzzer.swift, Swift block 1.
    fileprivate func chipCardTestingParserFuzzerBlock1() async throws {
        let report = try ParserFuzzer.run(.dg13, iterations: 100_000, seed: 1)
        _ = report
    }
}

extension NoContext {
    /// Sources/ChipCardTesting/SimulatedActiveAuthenticationKey.swift, Swift block 1.
    fileprivate func chipCardTestingSimulatedActiveAuthenticationKeyBlock1() async throws {
        let key = try SimulatedActiveAuthenticationKey(.rsa(bits: 1024))
        let challenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]
        let signature = try key.sign(challenge: challenge)
        _ = key
        _ = challenge
        _ = signature
    }
}

extension NoContext {
    /// Sources/ChipCardTesting/SimulatedCard.swift, Swift block 1.
    fileprivate func chipCardTestingSimulatedCardBlock1() async throws {
        var card = try SimulatedCard.sample
        card.religion = "Phật giáo"
        let chip = try SimulatedChip(card: card, pki: SimulatedPKI())
        _ = card
        _ = chip
    }
}

extension NoContext {
    /// Sources/ChipCardTesting/SimulatedChip.swift, Swift block 1.
    fileprivate func chipCardTestingSimulatedChipBlock1() async throws {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(card: .sample, pki: pki)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let reading = try await reader.read()
        _ = pki
        _ = chip
        _ = reader
        _ = reading
    }
}

extension NoContext {
    /// Sources/ChipCardTesting/SimulatedPKI.swift, Swift block 1.
    fileprivate func chipCardTestingSimulatedPKIBlock1() async throws {
        let pki = try SimulatedPKI()
        let anchors = try TrustAnchors(derCertificates: [pki.cscaCertificate])
        _ = pki
        _ = anchors
    }
}

extension NoContext {
    /// Sources/ChipCardTesting/SimulatedPassport.swift, Swift block 1.
    fileprivate func chipCardTestingSimulatedPassportBlock1() async throws {
        var passport = try SimulatedPassport.specimen
        passport.expiryDate = try CalendarDate(year: 2030, month: 4, day: 15)
        let chip = try SimulatedChip(passport: passport, pki: SimulatedPKI())
        _ = passport
        _ = chip
    }
}

extension Clinic {
    /// Sources/ChipChart/Audit/AuditChainVerifier.swift, Swift block 1.
    fileprivate func chipChartAuditAuditChainVerifierBlock1() async throws {
        var verifier = AuditChainVerifier()
        for event in events { verifier.consume(event) }
        let result = verifier.result   // result.firstBrokenLink == nil when intact
        _ = verifier
        _ = result
    }
}

extension Clinic {
    /// Sources/ChipChart/Card/CardReader.swift, Swift block 1.
    fileprivate func chipChartCardCardReaderBlock1() async throws {
        let reading = try await reader.read()
        let receipt = try await reception.checkIn(reading, for: visitRequest, by: staff)
        _ = reading
        _ = receipt
    }
}

extension Ward {
    /// Sources/ChipChart/Charting/Charting+Emergency.swift, Swift block 1.
    fileprivate func chipChartChartingEmergencyBlock1() async throws {
        let charting = Charting(store: store, catalogue: catalogue)
        var visit = try await charting.diagnose(try Diagnosis(main: try ICD10Code("J06.9")), on: receipt.visit, by: doctor)
        visit = try await charting.order("02.1896", on: visit, by: doctor)
        visit = try await charting.inEmergency(reason: "doctor in theatre, ambulance waiting")
            .discharge(try Discharge(outcome: .improved), on: visit, by: nurse)
        let flagged = try await store.eventsForReview()  // the nurse's discharge, with the reason
        _ = charting
        _ = visit
        _ = flagged
    }
}

extension Ward {
    /// Sources/ChipChart/Charting/Charting.swift, Swift block 1.
    fileprivate func chipChartChartingBlock1() async throws {
        let charting = Charting(store: store, catalogue: catalogue)
        var visit = receipt.visit
        visit = try await charting.record(try ClinicalNote(.complaint, "Sốt, ho 3 ngày"), on: visit, by: doctor)
        visit = try await charting.record(try VitalSigns(pulse: 88, temperature: 38.2), on: visit, by: nurse)
        visit = try await charting.diagnose(try Diagnosis(main: try ICD10Code("J06.9")), on: visit, by: doctor)
        visit = try await charting.order("02.1896", on: visit, by: doctor)
        visit = try await charting.discharge(try Discharge(outcome: .improved), on: visit, by: doctor)
        _ = charting
        _ = visit
    }
}

extension Ward {
    /// Sources/ChipChart/Charting/Charting.swift, Swift block 2.
    fileprivate func chipChartChartingBlock2() async throws {
        let charting = Charting(store: store, catalogue: catalogue)
        var visit = receipt.visit
        visit = try await charting.chart(visit, by: doctor) { session in
            session.record(try ClinicalNote(.complaint, "Đau đầu, chóng mặt"))
            session.diagnose(try Diagnosis(main: try ICD10Code("I10")))
            try session.order("02.1896")
            try session.discharge(try Discharge(outcome: .improved))
        }
        _ = charting
        _ = visit
    }
}

extension NoContext {
    /// Sources/ChipChart/Identity/DateOfBirth.swift, Swift block 1.
    fileprivate func chipChartIdentityDateOfBirthBlock1() async throws {
        print(try DateOfBirth(parsing: "01011999"))     // .full(1999-01-01)
        print(try DateOfBirth(parsing: "01/01/1999"))   // .full(1999-01-01)
        print(try DateOfBirth(parsing: "1999"))         // .year(1999)
    }
}

extension NoContext {
    /// Sources/ChipChart/Identity/PersonName.swift, Swift block 1.
    fileprivate func chipChartIdentityPersonNameBlock1() async throws {
        let name = try PersonName("Nguyễn Văn A")
        print(name.matches(try PersonName("NGUYEN VAN A")))   // true
        print(name.searchKey)                                 // "nguyen van a"
        _ = name
    }
}

extension NoContext {
    /// Sources/ChipChart/Identity/PersonalID.swift, Swift block 1.
    fileprivate func chipChartIdentityPersonalIDBlock1() async throws {
        let id = try PersonalID("001099012345")
        print(id.birthYear)     // 1999
        print(id.sex)           // .male
        print(id.masked)        // "001*******45"
        print("\(id)")          // "001*******45": interpolation never leaks the number
        _ = id
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/BaseSalarySchedule.swift, Swift block 1.
    fileprivate func chipChartInsuranceBaseSalaryScheduleBlock1() async throws {
        let salaries = BaseSalarySchedule.vietnam.adding(
            BaseSalary(from: try CalendarDate(year: 2027, month: 7, day: 1), monthly: Money(dong: 2_600_000), decree: "…")
        )
        print(salaries.monthly(on: try CalendarDate(year: 2025, month: 3, day: 2))?.decree ?? "")  // 73/2024/NĐ-CP
        _ = salaries
    }
}

extension NoContext {
    /// Sources/ChipChart/Insurance/BeneficiaryGroup.swift, Swift block 1.
    fileprivate func chipChartInsuranceBeneficiaryGroupBlock1() async throws {
        let group = try BeneficiaryGroup("DN")   // company employee
        print(group.level.digit)                  // 4
        _ = group
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/BenefitSplit.swift, Swift block 1.
    fileprivate func chipChartInsuranceBenefitSplitBlock1() async throws {
        let split = BenefitSplit(line, fundSharePercent: coverage.cardCode.level.fundSharePercent)
        print(split.fundPays.claimsText)     // "T_BHTT"
        _ = split
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoPaymentStanding.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoPaymentStandingBlock1() async throws {
        let standing = try CoPaymentStanding(
            fiveYearDate: coverage.fiveYearDate, year: 2026, cumulativeCoPayment: Money(dong: 13_500_000))
        _ = standing
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoverageCheck.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoverageCheckBlock1() async throws {
        let check = await verifier.check(query, coverages: coverages, patient: patient.id, at: now)
        var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
        check.save(into: &changes)
        var visit = stay
        visit.apply(check)
        changes.save(visit)
        try await store.commit(changes)
        _ = check
        _ = changes
        _ = visit
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoverageOutcome.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoverageOutcomeBlock1() async throws {
        switch check.outcome {
        case .confirmed, .replaced: showInsured(check.coverage)
        case .identityMismatch(let field): askToCorrect(field)
        default: showWarning(check.outcome.summary)
        }
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoverageReverifier.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoverageReverifierBlock1() async throws {
        var queue = ReverificationQueue()   // filled at check-in, or by catchUp(with:for:)
        let reverifier = CoverageReverifier(store: store, verifier: verifier, staff: claimsOfficer)
        let results = await reverifier.run(&queue, at: clock.now)
        _ = queue
        _ = reverifier
        _ = results
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoverageTimeline.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoverageTimelineBlock1() async throws {
        let timeline = CoverageTimeline(try await store.coverages(ofPatient: patient.id, for: access))
        print(timeline.coverage(at: now)?.cardCode as Any)
        print(timeline.appliedCoverages(admittedAt: stay.admittedAt, dischargedAt: stay.dischargedAt))   // both cards of a stay
        _ = timeline
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/CoverageVerifier.swift, Swift block 1.
    fileprivate func chipChartInsuranceCoverageVerifierBlock1() async throws {
        let verifier = CoverageVerifier(portal: portal, timeout: .seconds(8), logger: logger)
        let check = await verifier.check(query, coverages: coverages, patient: patient.id, at: now)
        print(check.outcome.summary)   // for the desk's screen
        _ = verifier
        _ = check
    }
}

extension NoContext {
    /// Sources/ChipChart/Insurance/InsuranceCardCode.swift, Swift block 1.
    fileprivate func chipChartInsuranceInsuranceCardCodeBlock1() async throws {
        let code = try InsuranceCardCode("DN4010123456789")
        print(code.group.code)                       // "DN"
        print(code.level.digit)                      // 4
        print(code.province.name)                    // "Hà Nội"
        print(code.socialInsuranceNumber.digits)     // "0123456789"
        _ = code
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/InsurancePortal.swift, Swift block 1.
    fileprivate func chipChartInsuranceInsurancePortalBlock1() async throws {
        let answer = try await portal.verify(PortalQuery(
            cardNumber: .personalID(id), fullName: name, dateOfBirth: dob, staff: receptionist))
        if answer.result == .replacedOldStillValid { print(answer.newCard?.code as Any) }
        _ = answer
    }
}

extension NoContext {
    /// Sources/ChipChart/Insurance/PortalResultCode.swift, Swift block 1.
    fileprivate func chipChartInsurancePortalResultCodeBlock1() async throws {
        let code = PortalResultCode("003")
        print(code == .replacedOldExpired)   // true
        print(code.meaning)                  // "old card expired; a new card has been issued"
        _ = code
    }
}

extension Clinic {
    /// Sources/ChipChart/Insurance/ReverificationQueue.swift, Swift block 1.
    fileprivate func chipChartInsuranceReverificationQueueBlock1() async throws {
        var queue = ReverificationQueue()
        queue.enqueue(visit, at: now)                              // right after an offline check-in
        try await queue.catchUp(with: store, for: access)          // after a restart
        let results = await reverifier.run(&queue, at: now)        // when the portal is back
        _ = queue
        _ = results
    }
}

extension Clinic {
    /// Sources/ChipChart/Policy/PolicedStore.swift, Swift block 1.
    fileprivate func chipChartPolicyPolicedStoreBlock1() async throws {
        let policed = PolicedStore(wrapping: store)
        let patient = try await policed.patient(identifiedBy: .personalID(id), for: Access(by: receptionist, purpose: "check-in"))
        _ = policed
        _ = patient
    }
}

extension Clinic {
    /// Sources/ChipChart/Reception/Reception+Recheck.swift, Swift block 1.
    fileprivate func chipChartReceptionRecheckBlock1() async throws {
        let recheck = try await reception.recheckCoverage(of: stay.id, by: nurse)
        print(recheck.check.outcome.summary)    // "A new insurance card has been issued; …"
        print(recheck.visit.appliedCoverages)   // the old card, then the new one from its first day
        _ = recheck
    }
}

extension Clinic {
    /// Sources/ChipChart/Reception/Reception.swift, Swift block 1.
    fileprivate func chipChartReceptionBlock1() async throws {
        let reception = Reception(store: store, portal: portal, facility: try FacilityCode("01001"))
        let receipt = try await reception.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: receptionist)
        print(receipt.visit.key, receipt.coverageOutcome?.summary ?? "no insurance check")
        _ = reception
        _ = receipt
    }
}

extension NoContext {
    /// Sources/ChipChart/Records/Money+Product.swift, Swift block 1.
    fileprivate func chipChartRecordsMoneyProductBlock1() async throws {
        let price = Money(dong: 12_345)
        let amount = Money(quantity: Decimal(string: "1.5") ?? 1, times: price, percent: 80)
        print(amount.claimsText)   // "14814.00"
        _ = price
        _ = amount
    }
}

extension NoContext {
    /// Sources/ChipChart/Records/Money.swift, Swift block 1.
    fileprivate func chipChartRecordsMoneyBlock1() async throws {
        let price = try Money(parsing: "12500.50")
        print(price.minorUnits)   // 1250050
        print(price.claimsText)   // "12500.50"
        _ = price
    }
}

extension Clinic {
    /// Sources/ChipChart/Records/Patient.swift, Swift block 1.
    fileprivate func chipChartRecordsPatientBlock1() async throws {
        var patient = Patient(demographics: Demographics(name: name, dateOfBirth: dob, sex: .male))
        patient.addIdentifier(.personalID(id))
        var changes = ChangeSet(Access(by: staff, purpose: "registration"))
        changes.save(patient)
        try await store.commit(changes)
        _ = patient
        _ = changes
    }
}

extension Clinic {
    /// Sources/ChipChart/Storage/Access.swift, Swift block 1.
    fileprivate func chipChartStorageAccessBlock1() async throws {
        let access = Access(by: receptionist, purpose: "check-in")
        let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = access
        _ = patient
    }
}

extension Clinic {
    /// Sources/ChipChart/Storage/ArchivableStore.swift, Swift block 1.
    fileprivate func chipChartStorageArchivableStoreBlock1() async throws {
        let patients = try await store.withSnapshot { listing in
            try await listing.allPatients(after: nil, limit: 1000)
        }
        var records = patients.map(ArchiveRecord.patient).makeIterator()
        try await emptyStore.restore { records.next() }
        _ = patients
        _ = records
    }
}

extension Clinic {
    /// Sources/ChipChart/Storage/ChangeSet.swift, Swift block 1.
    fileprivate func chipChartStorageChangeSetBlock1() async throws {
        var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        let receipt = try await store.commit(changes)
        _ = changes
        _ = receipt
    }
}

extension Clinic {
    /// Sources/ChipChart/Storage/InMemoryStore.swift, Swift block 1.
    fileprivate func chipChartStorageInMemoryStoreBlock1() async throws {
        let store = InMemoryStore()
        try await store.commit(changes)
        let found = await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = found
    }
}

extension StoreConformance {
    @Suite("Sources/ChipChart/Storage/RecordStore.swift, Swift block 1") struct ChipChartStorageRecordStoreBlock1 {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { try MyStore(temporary: true) }
        }
    }
}

extension Clinic {
    /// Sources/ChipChart/Storage/StoreError.swift, Swift block 1.
    fileprivate func chipChartStorageStoreErrorBlock1() async throws {
        do {
            try await store.commit(changes)
        } catch let error as StoreError where error.code == .versionConflict {
            // re-read and try again
        }
    }
}

extension NoContext {
    /// Sources/ChipChart/Support/CalendarDate.swift, Swift block 1.
    fileprivate func chipChartSupportCalendarDateBlock1() async throws {
        let validTo = try CalendarDate(year: 2025, month: 12, day: 31)
        print(CalendarDate(containing: Date()) == validTo)   // is now within that Vietnamese day?
        _ = validTo
    }
}

extension NoContext {
    /// Sources/ChipChart/Support/ValidationError.swift, Swift block 1.
    fileprivate func chipChartSupportValidationErrorBlock1() async throws {
        do {
            _ = try PersonalID("003099012345")
        } catch {
            print(error.field, error.reason)   // "personalID", .unknownCode
        }
    }
}

extension Clinic {
    /// Sources/ChipChartArchive/ArchiveWriter.swift, Swift block 1.
    fileprivate func chipChartArchiveArchiveWriterBlock1() async throws {
        try await ArchiveWriter.export(store, to: URL(fileURLWithPath: "backup.gz"), by: access)
        try await ArchiveReader.restore(from: URL(fileURLWithPath: "backup.gz"), into: emptyStore)
    }
}

extension Clinic {
    /// Sources/ChipChartArchive/StagedFile.swift, Swift block 1.
    fileprivate func chipChartArchiveStagedFileBlock1() async throws {
        let staged = try StagedFile(target: URL(fileURLWithPath: "claims.xml"))
        try staged.handle.write(contentsOf: bytes)
        try staged.commit(replacing: false)   // fileExists if claims.xml appeared meanwhile
        _ = staged
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/Claim.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimBlock1() async throws {
        let claim = try Claim(ClaimInput(patient: patient, visit: visit))
        print(claim.summary.xml)      // XML1 text
        print(claim.violations)       // [] when every table meets Schemas/claims/
        _ = claim
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/ClaimExporter.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimExporterBlock1() async throws {
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: today))
        try Data().write(to: url)   // FileHandle(forWritingTo:) opens a file that exists
        let handle = try FileHandle(forWritingTo: url)
        // visitsOfTheDay: any AsyncSequence of ClaimInput, such as the rows of a store query
        let summary = try await exporter.export(visitsOfTheDay, to: handle)
        _ = exporter
        _ = handle
        _ = summary
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/ClaimInput.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimInputBlock1() async throws {
        let input = ClaimInput(patient: patient, visit: visit)
        let claim = try Claim(input)
        _ = input
        _ = claim
    }
}

extension NoContext {
    /// Sources/ChipChartClaims/ClaimTable.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimTableBlock1() async throws {
        print(ClaimTable.summary.fileType)                  // "XML1"
        print(ClaimTable.summary.fields.first?.name ?? "")  // "MA_LK"
    }
}

extension NoContext {
    /// Sources/ChipChartClaims/ClaimTableVersions.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimTableVersionsBlock1() async throws {
        let day = try CalendarDate(year: 2025, month: 3, day: 1)
        print(ClaimTableVersions.referral.table(on: day).schemaName)   // "xml13-3176"
        _ = day
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/ClaimValidator.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimValidatorBlock1() async throws {
        for violation in ClaimValidator.violations(in: claim.summary) {
            logger.warning("\(violation)")   // "XML1 row 1 MA_BENH_CHINH: required but empty (missing)"
        }
    }
}

extension NoContext {
    /// Sources/ChipChartClaims/ClaimXML.swift, Swift block 1.
    fileprivate func chipChartClaimsClaimXMLBlock1() async throws {
        print(ClaimXML.escape("A & B <1>"))   // "A &amp; B &lt;1&gt;"
    }
}

extension Clinic {
    /// Sources/ChipChartClaims/StoredClaims.swift, Swift block 1.
    fileprivate func chipChartClaimsStoredClaimsBlock1() async throws {
        let claims = StoredClaims(store: store, access: access, from: today.startInstant, until: today.endInstant)
        let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: today))
        try Data().write(to: url)
        let summary = try await exporter.export(claims, to: try FileHandle(forWritingTo: url))
        print(summary.claimCount, claims.tally.pendingKeys)   // closed visits claimed, open ones pending
        _ = claims
        _ = exporter
        _ = summary
    }
}

extension NoContext {
    /// Sources/ChipChartFHIR/FHIRJSON.swift, Swift block 1.
    fileprivate func chipChartFHIRFHIRJSONBlock1() async throws {
        let value: FHIRJSON = .object(["resourceType": "Patient", "active": true])
        print(value.text())   // "{\n  \"active\" : true,\n  \"resourceType\" : \"Patient\"\n}\n"
        _ = value
    }
}

extension Clinic {
    /// Sources/ChipChartFHIR/FHIRMapper.swift, Swift block 1.
    fileprivate func chipChartFHIRFHIRMapperBlock1() async throws {
        let fhir = FHIRMapper(facility: try FacilityCode("01001"))
        let bundle = fhir.bundle(patient: patient, coverages: coverages, visits: visits)
        try bundle.text().write(to: url, atomically: true, encoding: .utf8)
        _ = fhir
        _ = bundle
    }
}

extension Clinic {
    /// Sources/ChipChartPortal/HTTPInsurancePortal+Upload.swift, Swift block 1: compiled, not run (it connects to the insurer).
    fileprivate func chipChartPortalHTTPInsurancePortalUploadBlock1() async throws {
        let portal = HTTPInsurancePortal(configuration: PortalConfiguration(
            baseURL: PortalConfiguration.productionBaseURL,
            account: PortalAccount(username: "01001_BV", password: "secret"),
            paths: .decision3176))
        let signed = try Data(contentsOf: URL(fileURLWithPath: "01001.1.xml"))
        let receipt = try await portal.upload(
            PortalUploadFile(bytes: signed), kind: .claims130, facility: try FacilityCode("01001"))
        if receipt.outcome.isSignatureProblem { print("sign the file again:", receipt.message) }
        _ = portal
        _ = signed
        _ = receipt
    }
}

extension Clinic {
    /// Sources/ChipChartPortal/HTTPInsurancePortal.swift, Swift block 1: compiled, not run (it connects to the insurer).
    fileprivate func chipChartPortalHTTPInsurancePortalBlock1() async throws {
        let password = try String(contentsOfFile: "/etc/clinic/portal-password", encoding: .utf8)
        let portal = HTTPInsurancePortal(configuration: PortalConfiguration(
            baseURL: PortalConfiguration.productionBaseURL,
            account: PortalAccount(username: "01001_BV", password: password)))
        let reception = Reception(store: store, portal: portal, facility: try FacilityCode("01001"))
        _ = password
        _ = portal
        _ = reception
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalAccount.swift, Swift block 1.
    fileprivate func chipChartPortalPortalAccountBlock1() async throws {
        let account = PortalAccount(username: "01001_BV", password: "secret")
        print(account)   // 01001_BV (password withheld)
        _ = account
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalConfiguration.swift, Swift block 1.
    fileprivate func chipChartPortalPortalConfigurationBlock1() async throws {
        let configuration = PortalConfiguration(
            baseURL: PortalConfiguration.productionBaseURL,
            account: PortalAccount(username: "01001_BV", password: "secret"))
        print(configuration.paths.cardCheck)   // /api/egw/KQNhanLichSuKCB2024
        _ = configuration
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalRequests+Upload.swift, Swift block 1.
    fileprivate func chipChartPortalPortalRequestsUploadBlock1() async throws {
        let account = PortalAccount(username: "01001_BV", password: "secret")
        let token = PortalToken(accessToken: "a", idToken: "i", username: "01001_BV", expiresAt: Date())
        let request = PortalRequests.upload(
            PortalUploadFile(bytes: Data("<GIAMDINHHS/>".utf8)), kind: .claims130, facility: "01001",
            province: "01", token: token, account: account, paths: .decision3176)
        print(request.path)   // /api/qd130/guiHoSoXmlQD3176
        _ = account
        _ = token
        _ = request
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalRequests.swift, Swift block 1.
    fileprivate func chipChartPortalPortalRequestsBlock1() async throws {
        let account = PortalAccount(username: "01001_BV", password: "secret")
        let login = PortalRequests.token(account: account, paths: .decision4750)
        print(String(decoding: login.body, as: UTF8.self))   // username=01001_BV&password=5EBE…
        _ = account
        _ = login
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalUploadFile.swift, Swift block 1.
    fileprivate func chipChartPortalPortalUploadFileBlock1() async throws {
        let signed = Data("<GIAMDINHHS><MA_LK>01001.1</MA_LK></GIAMDINHHS>".utf8)
        let file = PortalUploadFile(bytes: signed)
        print(file.key)   // 01001.1
        _ = signed
        _ = file
    }
}

extension Clinic {
    /// Sources/ChipChartPortal/PortalUploadReceipt+Audit.swift, Swift block 1.
    fileprivate func chipChartPortalPortalUploadReceiptAuditBlock1() async throws {
        let receipt = PortalUploadReceipt(
            key: visit.key, kind: .claims130, sha256: "9f86d081", result: "200", outcome: .accepted,
            transactionID: "GD-1", receivedAt: "20260302101500", message: "", answeredAt: Date())
        try await store.keepUploadReceipt(receipt, for: visit, by: access)
        let kept = try await store.uploadReceipts()
        print(kept.last?.receipt.transactionID ?? "", kept.last?.visitID == visit.id)   // GD-1 true
        _ = receipt
        _ = kept
    }
}

extension NoContext {
    /// Sources/ChipChartPortal/PortalUploadReceipt.swift, Swift block 1.
    fileprivate func chipChartPortalPortalUploadReceiptBlock1() async throws {
        let receipt = PortalUploadReceipt(
            key: "01001.1", kind: .claims130, sha256: "ab12", result: "125", outcome: .signatureInvalid,
            transactionID: "", receivedAt: "", message: "file changed after signing", answeredAt: Date())
        print(receipt.outcome.isSignatureProblem)   // true
        _ = receipt
    }
}

#if PostgreSQL
extension NoContext {
    /// Sources/ChipChartPostgres/PostgresStore+Configuration.swift, Swift block 1: compiled, not run (it needs a PostgreSQL server).
    fileprivate func chipChartPostgresPostgresStoreConfigurationBlock1() async throws {
        let configuration = try PostgresStore.clientConfiguration(
            url: "postgres://chipchart:secret@127.0.0.1:5432/clinic?sslmode=disable"
        )
        let client = PostgresClient(configuration: configuration)
        _ = configuration
        _ = client
    }
}
#endif

#if PostgreSQL
extension Clinic {
    /// Sources/ChipChartPostgres/PostgresStore.swift, Swift block 1: compiled, not run (it needs a PostgreSQL server).
    fileprivate func chipChartPostgresPostgresStoreBlock1() async throws {
        let configuration = try PostgresStore.clientConfiguration(url: "postgres://chipchart@db.local/clinic")
        let client = PostgresClient(configuration: configuration)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            let store = try await PostgresStore.open(client: client)
            try await store.commit(changes)
            group.cancelAll()
        }
        _ = configuration
        _ = client
    }
}
#endif

// Sources/ChipChartSQLite/SQLite/SQLiteError.swift, Swift block 1: not compiled (a fragment of a catch clause on an internal type).

extension Clinic {
    /// Sources/ChipChartSQLite/SQLiteStore+Configuration.swift, Swift block 1.
    fileprivate func chipChartSQLiteSQLiteStoreConfigurationBlock1() async throws {
        var configuration = SQLiteStore.Configuration()
        configuration.busyTimeout = .seconds(30)
        let store = try SQLiteStore(path: "chipchart.sqlite", configuration: configuration)
        _ = configuration
        _ = store
    }
}

extension Clinic {
    /// Sources/ChipChartSQLite/SQLiteStore+Create.swift, Swift block 1.
    fileprivate func chipChartSQLiteSQLiteStoreCreateBlock1() async throws {
        let moved = url.path + ".sqlite"  // no file there yet
        let loaded = try await SQLiteStore.create(path: moved, loading: [changes])
        let store = try SQLiteStore(path: moved)
        print(loaded)  // 1
        _ = moved
        _ = loaded
        _ = store
    }
}

extension Clinic {
    /// Sources/ChipChartSQLite/SQLiteStore+Load.swift, Swift block 1.
    fileprivate func chipChartSQLiteSQLiteStoreLoadBlock1() async throws {
        let registrations = [changes]  // the old system's patients, one ChangeSet each, made lazily
        let loaded = try await store.load(registrations.lazy.map { $0 })
        print(loaded)  // 1
        _ = registrations
        _ = loaded
    }
}

extension Clinic {
    /// Sources/ChipChartSQLite/SQLiteStore.swift, Swift block 1.
    fileprivate func chipChartSQLiteSQLiteStoreBlock1() async throws {
        let store = try SQLiteStore(path: "chipchart.sqlite")  // in production: /var/lib/clinic/…
        try await store.commit(changes)
        let patient = try await store.patient(identifiedBy: .personalID(id), for: access)
        _ = store
        _ = patient
    }
}

extension Checkpoints {
    /// Sources/ChipChartSignatures/AuditCheckpointFile.swift, Swift block 1.
    fileprivate func chipChartSignaturesAuditCheckpointFileBlock1() async throws {
        let file = AuditCheckpointFile(url: checkpointsURL)
        try file.append(checkpoint)
        let latest = try file.latest()   // nil when the file is empty or absent
        _ = file
        _ = latest
    }
}

extension Checkpoints {
    /// Sources/ChipChartSignatures/AuditCheckpointSchedule.swift, Swift block 1.
    fileprivate func chipChartSignaturesAuditCheckpointScheduleBlock1() async throws {
        let schedule = AuditCheckpointSchedule(
            checkpointer: AuditCheckpointer(signer: signer, policy: policy),
            file: AuditCheckpointFile(url: checkpointsURL),
            everyEvents: 1000,
            interval: .seconds(300)
        )
        let running = schedule.start(on: store)
        // … the day's work …
        running.cancel()
        let signed = try await running.value   // how many checkpoints it appended
        _ = schedule
        _ = running
        _ = signed
    }
}

extension Checkpoints {
    /// Sources/ChipChartSignatures/AuditCheckpointer.swift, Swift block 1.
    fileprivate func chipChartSignaturesAuditCheckpointerBlock1() async throws {
        let checkpointer = AuditCheckpointer(signer: signer, policy: policy)
        let checkpoint = try await checkpointer.checkpoint(of: store)
        try AuditCheckpointFile(url: checkpointsURL).append(checkpoint)
        let verdict = try await checkpoint.verifyTrail(of: store, policy: policy)
        // verdict.isIntact is false when events were edited, recomputed, reordered or cut off
        _ = checkpointer
        _ = checkpoint
        _ = verdict
    }
}

extension NoContext {
    /// Sources/ChipChartSignatures/CanonicalXML.swift, Swift block 1.
    fileprivate func chipChartSignaturesCanonicalXMLBlock1() async throws {
        let canonical = try CanonicalXML.canonicalize(Array("<a b='1'/>".utf8))
        print(String(decoding: canonical, as: UTF8.self))   // <a b="1"></a>
        _ = canonical
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/CertificatePolicy.swift, Swift block 1.
    fileprivate func chipChartSignaturesCertificatePolicyBlock1() async throws {
        let policy = CertificatePolicy(trusted: try Certificate.pem(caPEM))
        try policy.check([leaf], at: Date())   // throws SignatureError naming the reason
        _ = policy
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/PKCS11Signer.swift, Swift block 1: compiled, not run (it needs the facility's own key file or token).
    fileprivate func chipChartSignaturesPKCS11SignerBlock1() async throws {
        let signer = try PKCS11Signer(module: "/usr/lib/softhsm/libsofthsm2.so", token: "facility", pin: pin)
        print(signer.certificateChain[0].subjectName)
        _ = signer
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/PKCS12Signer.swift, Swift block 1: compiled, not run (it needs the facility's own key file or token).
    fileprivate func chipChartSignaturesPKCS12SignerBlock1() async throws {
        let signer = try PKCS12Signer(contentsOf: URL(fileURLWithPath: "facility.p12"), password: "…")
        print(signer.certificateChain[0].subjectName)
        _ = signer
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/SignatureError.swift, Swift block 1.
    fileprivate func chipChartSignaturesSignatureErrorBlock1() async throws {
        do {
            _ = try SignatureVerifier(policy: policy).verify(fileBytes)
        } catch {
            print(error.reason, error.message)   // digestMismatch, "the signed content changed …"
        }
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/SignatureVerifier.swift, Swift block 1.
    fileprivate func chipChartSignaturesSignatureVerifierBlock1() async throws {
        let verifier = SignatureVerifier(policy: try CertificatePolicy(trustedPEMFile: caFile))
        let verified = try verifier.verify(Array(fileBytes))
        print(verified.signer.subjectName)
        _ = verifier
        _ = verified
    }
}

extension Signing {
    /// Sources/ChipChartSignatures/XMLSigner.swift, Swift block 1.
    fileprivate func chipChartSignaturesXMLSignerBlock1() async throws {
        let signer = try PKCS12Signer(contentsOf: keyFile, password: password)
        let xmlSigner = XMLSigner(signer: signer, policy: try CertificatePolicy(trustedPEMFile: caFile))
        let signed = try await xmlSigner.sign(Array(claimsFile), placement: .claimsFile)
        _ = signer
        _ = xmlSigner
        _ = signed
    }
}

extension NoContext {
    @Suite("Sources/ChipChartTesting/ArchivableStoreConformance.swift, Swift block 1") struct ChipChartTestingArchivableStoreConformanceBlock1 {
        @Test(arguments: ArchivableStoreConformance.cases)
        func archivable(_ check: ArchivableStoreConformance.Case) async throws {
            try await check.run { InMemoryStore() }
        }
    }
}

extension NoContext {
    @Suite("Sources/ChipChartTesting/RecordStoreConformance.swift, Swift block 1") struct ChipChartTestingRecordStoreConformanceBlock1 {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { InMemoryStore() }
        }
    }
}

extension NoContext {
    /// Sources/ChipChartTesting/SimulatedClock.swift, Swift block 1.
    fileprivate func chipChartTestingSimulatedClockBlock1() async throws {
        let clock = SimulatedClock(start: Date())
        let store = InMemoryStore(now: { clock.now })
        clock.advance(by: 60)
        _ = clock
        _ = store
    }
}

extension Clinic {
    /// Sources/ChipChartTesting/SimulatedInsurancePortal.swift, Swift block 1.
    fileprivate func chipChartTestingSimulatedInsurancePortalBlock1() async throws {
        let portal = SimulatedInsurancePortal(clock: clock)
        portal.apply(.registerStaff(receptionist))
        portal.apply(.enrol(holder, card))
        portal.apply(.replaceCard(number, with: newCard, reason: .groupChange, oldStaysValid: true))
        portal.schedule(.goOffline, at: tenOClock)
        _ = portal
    }
}

extension NoContext {
    /// Sources/ChipChartTesting/SyntheticPopulation+Patient.swift, Swift block 1.
    fileprivate func chipChartTestingSyntheticPopulationPatientBlock1() async throws {
        let person = try SyntheticPopulation(seed: 7).person(at: 0)
        let patient = person.newPatient()
        print(patient.identifiers == [.personalID(person.personalID)])  // true
        _ = person
        _ = patient
    }
}

extension NoContext {
    /// Sources/ChipChartTesting/SyntheticPopulation.swift, Swift block 1.
    fileprivate func chipChartTestingSyntheticPopulationBlock1() async throws {
        let population = SyntheticPopulation(seed: 7)
        for person in try population.people(count: 10) { print(person.personalID) }
        _ = population
    }
}

/// The code blocks that run; one at a time, since each runs in a folder of its own as the working
/// directory.
@Suite("The documentation's code blocks", .serialized)
struct DocumentationBlocks {
    @Test("README.md, Swift block 2") func readmeBlock2() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.readmeBlock2() }
    }

    @Test("README.md, Swift block 3") func readmeBlock3() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.readmeBlock3() }
    }

    @Test("README.md, Swift block 5") func readmeBlock5() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.readmeBlock5() }
    }

    @Test("README.md, Swift block 6") func readmeBlock6() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.readmeBlock6() }
    }

    @Test("README.md, Swift block 7") func readmeBlock7() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.readmeBlock7() }
    }

    @Test("README.md, Swift block 8") func readmeBlock8() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.readmeBlock8() }
    }

    @Test("README.md, Swift block 9") func readmeBlock9() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.readmeBlock9() }
    }

    @Test("README.md, Swift block 10") func readmeBlock10() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.readmeBlock10() }
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

    @Test("Sources/ChipChart/Documentation.docc/ChipChart.md, Swift block 3") func chipChartBlock3() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.chipChartBlock3() }
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

    @Test("Sources/ChipChartPortal/Documentation.docc/ConnectingToTheInsurer.md, Swift block 1") func chipChartPortalConnectingToTheInsurerBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalConnectingToTheInsurerBlock1() }
    }

    @Test("Sources/ChipChartSQLite/ChipChartSQLite.docc/ChipChartSQLite.md, Swift block 1") func chipChartSQLiteBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteBlock1() }
    }

    @Test("Sources/ChipCard/Chip/APDU.swift, Swift block 1") func chipCardChipAPDUBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardChipAPDUBlock1() }
    }

    @Test("Sources/ChipCard/Chip/BACKey.swift, Swift block 1") func chipCardChipBACKeyBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardChipBACKeyBlock1() }
    }

    @Test("Sources/ChipCard/Chip/BasicAccessControl.swift, Swift block 1") func chipCardChipBasicAccessControlBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardChipBasicAccessControlBlock1() }
    }

    @Test("Sources/ChipCard/Chip/ChipCardReader.swift, Swift block 1") func chipCardChipChipCardReaderBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardChipChipCardReaderBlock1() }
    }

    @Test("Sources/ChipCard/Chip/SecureChannel.swift, Swift block 1") func chipCardChipSecureChannelBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardChipSecureChannelBlock1() }
    }

    @Test("Sources/ChipCard/LDS/DataGroup13.swift, Swift block 1") func chipCardLDSDataGroup13Block1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardLDSDataGroup13Block1() }
    }

    @Test("Sources/ChipCard/LDS/PassiveAuthentication.swift, Swift block 1") func chipCardLDSPassiveAuthenticationBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardLDSPassiveAuthenticationBlock1() }
    }

    @Test("Sources/ChipCard/LDS/SecurityObject.swift, Swift block 1") func chipCardLDSSecurityObjectBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardLDSSecurityObjectBlock1() }
    }

    @Test("Sources/ChipCard/MRZ/MRZ.swift, Swift block 1") func chipCardMRZBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardMRZBlock1() }
    }

    @Test("Sources/ChipCard/QR/QRCode.swift, Swift block 1") func chipCardQRQRCodeBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardQRQRCodeBlock1() }
    }

    @Test("Sources/ChipCard/Support/BERTLV.swift, Swift block 1") func chipCardSupportBERTLVBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardSupportBERTLVBlock1() }
    }

    @Test("Sources/ChipCard/Support/ChipCardError.swift, Swift block 1") func chipCardSupportChipCardErrorBlock1() async throws {
        try await runDocumentationBlock(in: ChipCardContext.self) { try await $0.chipCardSupportChipCardErrorBlock1() }
    }

    @Test("Sources/ChipCardTesting/ParserFuzzer.swift, Swift block 1") func chipCardTestingParserFuzzerBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingParserFuzzerBlock1() }
    }

    @Test("Sources/ChipCardTesting/SimulatedActiveAuthenticationKey.swift, Swift block 1") func chipCardTestingSimulatedActiveAuthenticationKeyBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingSimulatedActiveAuthenticationKeyBlock1() }
    }

    @Test("Sources/ChipCardTesting/SimulatedCard.swift, Swift block 1") func chipCardTestingSimulatedCardBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingSimulatedCardBlock1() }
    }

    @Test("Sources/ChipCardTesting/SimulatedChip.swift, Swift block 1") func chipCardTestingSimulatedChipBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingSimulatedChipBlock1() }
    }

    @Test("Sources/ChipCardTesting/SimulatedPKI.swift, Swift block 1") func chipCardTestingSimulatedPKIBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingSimulatedPKIBlock1() }
    }

    @Test("Sources/ChipCardTesting/SimulatedPassport.swift, Swift block 1") func chipCardTestingSimulatedPassportBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipCardTestingSimulatedPassportBlock1() }
    }

    @Test("Sources/ChipChart/Audit/AuditChainVerifier.swift, Swift block 1") func chipChartAuditAuditChainVerifierBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartAuditAuditChainVerifierBlock1() }
    }

    @Test("Sources/ChipChart/Card/CardReader.swift, Swift block 1") func chipChartCardCardReaderBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartCardCardReaderBlock1() }
    }

    @Test("Sources/ChipChart/Charting/Charting+Emergency.swift, Swift block 1") func chipChartChartingEmergencyBlock1() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.chipChartChartingEmergencyBlock1() }
    }

    @Test("Sources/ChipChart/Charting/Charting.swift, Swift block 1") func chipChartChartingBlock1() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.chipChartChartingBlock1() }
    }

    @Test("Sources/ChipChart/Charting/Charting.swift, Swift block 2") func chipChartChartingBlock2() async throws {
        try await runDocumentationBlock(in: Ward.self) { try await $0.chipChartChartingBlock2() }
    }

    @Test("Sources/ChipChart/Identity/DateOfBirth.swift, Swift block 1") func chipChartIdentityDateOfBirthBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartIdentityDateOfBirthBlock1() }
    }

    @Test("Sources/ChipChart/Identity/PersonName.swift, Swift block 1") func chipChartIdentityPersonNameBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartIdentityPersonNameBlock1() }
    }

    @Test("Sources/ChipChart/Identity/PersonalID.swift, Swift block 1") func chipChartIdentityPersonalIDBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartIdentityPersonalIDBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/BaseSalarySchedule.swift, Swift block 1") func chipChartInsuranceBaseSalaryScheduleBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceBaseSalaryScheduleBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/BeneficiaryGroup.swift, Swift block 1") func chipChartInsuranceBeneficiaryGroupBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartInsuranceBeneficiaryGroupBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/BenefitSplit.swift, Swift block 1") func chipChartInsuranceBenefitSplitBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceBenefitSplitBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoPaymentStanding.swift, Swift block 1") func chipChartInsuranceCoPaymentStandingBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoPaymentStandingBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoverageCheck.swift, Swift block 1") func chipChartInsuranceCoverageCheckBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoverageCheckBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoverageOutcome.swift, Swift block 1") func chipChartInsuranceCoverageOutcomeBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoverageOutcomeBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoverageReverifier.swift, Swift block 1") func chipChartInsuranceCoverageReverifierBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoverageReverifierBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoverageTimeline.swift, Swift block 1") func chipChartInsuranceCoverageTimelineBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoverageTimelineBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/CoverageVerifier.swift, Swift block 1") func chipChartInsuranceCoverageVerifierBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceCoverageVerifierBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/InsuranceCardCode.swift, Swift block 1") func chipChartInsuranceInsuranceCardCodeBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartInsuranceInsuranceCardCodeBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/InsurancePortal.swift, Swift block 1") func chipChartInsuranceInsurancePortalBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceInsurancePortalBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/PortalResultCode.swift, Swift block 1") func chipChartInsurancePortalResultCodeBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartInsurancePortalResultCodeBlock1() }
    }

    @Test("Sources/ChipChart/Insurance/ReverificationQueue.swift, Swift block 1") func chipChartInsuranceReverificationQueueBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartInsuranceReverificationQueueBlock1() }
    }

    @Test("Sources/ChipChart/Policy/PolicedStore.swift, Swift block 1") func chipChartPolicyPolicedStoreBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartPolicyPolicedStoreBlock1() }
    }

    @Test("Sources/ChipChart/Reception/Reception+Recheck.swift, Swift block 1") func chipChartReceptionRecheckBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartReceptionRecheckBlock1() }
    }

    @Test("Sources/ChipChart/Reception/Reception.swift, Swift block 1") func chipChartReceptionBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartReceptionBlock1() }
    }

    @Test("Sources/ChipChart/Records/Money+Product.swift, Swift block 1") func chipChartRecordsMoneyProductBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartRecordsMoneyProductBlock1() }
    }

    @Test("Sources/ChipChart/Records/Money.swift, Swift block 1") func chipChartRecordsMoneyBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartRecordsMoneyBlock1() }
    }

    @Test("Sources/ChipChart/Records/Patient.swift, Swift block 1") func chipChartRecordsPatientBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartRecordsPatientBlock1() }
    }

    @Test("Sources/ChipChart/Storage/Access.swift, Swift block 1") func chipChartStorageAccessBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartStorageAccessBlock1() }
    }

    @Test("Sources/ChipChart/Storage/ArchivableStore.swift, Swift block 1") func chipChartStorageArchivableStoreBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartStorageArchivableStoreBlock1() }
    }

    @Test("Sources/ChipChart/Storage/ChangeSet.swift, Swift block 1") func chipChartStorageChangeSetBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartStorageChangeSetBlock1() }
    }

    @Test("Sources/ChipChart/Storage/InMemoryStore.swift, Swift block 1") func chipChartStorageInMemoryStoreBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartStorageInMemoryStoreBlock1() }
    }

    @Test("Sources/ChipChart/Storage/StoreError.swift, Swift block 1") func chipChartStorageStoreErrorBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartStorageStoreErrorBlock1() }
    }

    @Test("Sources/ChipChart/Support/CalendarDate.swift, Swift block 1") func chipChartSupportCalendarDateBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartSupportCalendarDateBlock1() }
    }

    @Test("Sources/ChipChart/Support/ValidationError.swift, Swift block 1") func chipChartSupportValidationErrorBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartSupportValidationErrorBlock1() }
    }

    @Test("Sources/ChipChartArchive/ArchiveWriter.swift, Swift block 1") func chipChartArchiveArchiveWriterBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartArchiveArchiveWriterBlock1() }
    }

    @Test("Sources/ChipChartArchive/StagedFile.swift, Swift block 1") func chipChartArchiveStagedFileBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartArchiveStagedFileBlock1() }
    }

    @Test("Sources/ChipChartClaims/Claim.swift, Swift block 1") func chipChartClaimsClaimBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsClaimBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimExporter.swift, Swift block 1") func chipChartClaimsClaimExporterBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsClaimExporterBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimInput.swift, Swift block 1") func chipChartClaimsClaimInputBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsClaimInputBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimTable.swift, Swift block 1") func chipChartClaimsClaimTableBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartClaimsClaimTableBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimTableVersions.swift, Swift block 1") func chipChartClaimsClaimTableVersionsBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartClaimsClaimTableVersionsBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimValidator.swift, Swift block 1") func chipChartClaimsClaimValidatorBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsClaimValidatorBlock1() }
    }

    @Test("Sources/ChipChartClaims/ClaimXML.swift, Swift block 1") func chipChartClaimsClaimXMLBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartClaimsClaimXMLBlock1() }
    }

    @Test("Sources/ChipChartClaims/StoredClaims.swift, Swift block 1") func chipChartClaimsStoredClaimsBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartClaimsStoredClaimsBlock1() }
    }

    @Test("Sources/ChipChartFHIR/FHIRJSON.swift, Swift block 1") func chipChartFHIRFHIRJSONBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartFHIRFHIRJSONBlock1() }
    }

    @Test("Sources/ChipChartFHIR/FHIRMapper.swift, Swift block 1") func chipChartFHIRFHIRMapperBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartFHIRFHIRMapperBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalAccount.swift, Swift block 1") func chipChartPortalPortalAccountBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalAccountBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalConfiguration.swift, Swift block 1") func chipChartPortalPortalConfigurationBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalConfigurationBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalRequests+Upload.swift, Swift block 1") func chipChartPortalPortalRequestsUploadBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalRequestsUploadBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalRequests.swift, Swift block 1") func chipChartPortalPortalRequestsBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalRequestsBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalUploadFile.swift, Swift block 1") func chipChartPortalPortalUploadFileBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalUploadFileBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalUploadReceipt+Audit.swift, Swift block 1") func chipChartPortalPortalUploadReceiptAuditBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartPortalPortalUploadReceiptAuditBlock1() }
    }

    @Test("Sources/ChipChartPortal/PortalUploadReceipt.swift, Swift block 1") func chipChartPortalPortalUploadReceiptBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartPortalPortalUploadReceiptBlock1() }
    }

    @Test("Sources/ChipChartSQLite/SQLiteStore+Configuration.swift, Swift block 1") func chipChartSQLiteSQLiteStoreConfigurationBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteSQLiteStoreConfigurationBlock1() }
    }

    @Test("Sources/ChipChartSQLite/SQLiteStore+Create.swift, Swift block 1") func chipChartSQLiteSQLiteStoreCreateBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteSQLiteStoreCreateBlock1() }
    }

    @Test("Sources/ChipChartSQLite/SQLiteStore+Load.swift, Swift block 1") func chipChartSQLiteSQLiteStoreLoadBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteSQLiteStoreLoadBlock1() }
    }

    @Test("Sources/ChipChartSQLite/SQLiteStore.swift, Swift block 1") func chipChartSQLiteSQLiteStoreBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartSQLiteSQLiteStoreBlock1() }
    }

    @Test("Sources/ChipChartSignatures/AuditCheckpointFile.swift, Swift block 1") func chipChartSignaturesAuditCheckpointFileBlock1() async throws {
        try await runDocumentationBlock(in: Checkpoints.self) { try await $0.chipChartSignaturesAuditCheckpointFileBlock1() }
    }

    @Test("Sources/ChipChartSignatures/AuditCheckpointSchedule.swift, Swift block 1") func chipChartSignaturesAuditCheckpointScheduleBlock1() async throws {
        try await runDocumentationBlock(in: Checkpoints.self) { try await $0.chipChartSignaturesAuditCheckpointScheduleBlock1() }
    }

    @Test("Sources/ChipChartSignatures/AuditCheckpointer.swift, Swift block 1") func chipChartSignaturesAuditCheckpointerBlock1() async throws {
        try await runDocumentationBlock(in: Checkpoints.self) { try await $0.chipChartSignaturesAuditCheckpointerBlock1() }
    }

    @Test("Sources/ChipChartSignatures/CanonicalXML.swift, Swift block 1") func chipChartSignaturesCanonicalXMLBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartSignaturesCanonicalXMLBlock1() }
    }

    @Test("Sources/ChipChartSignatures/CertificatePolicy.swift, Swift block 1") func chipChartSignaturesCertificatePolicyBlock1() async throws {
        try await runDocumentationBlock(in: Signing.self) { try await $0.chipChartSignaturesCertificatePolicyBlock1() }
    }

    @Test("Sources/ChipChartSignatures/SignatureError.swift, Swift block 1") func chipChartSignaturesSignatureErrorBlock1() async throws {
        try await runDocumentationBlock(in: Signing.self) { try await $0.chipChartSignaturesSignatureErrorBlock1() }
    }

    @Test("Sources/ChipChartSignatures/SignatureVerifier.swift, Swift block 1") func chipChartSignaturesSignatureVerifierBlock1() async throws {
        try await runDocumentationBlock(in: Signing.self) { try await $0.chipChartSignaturesSignatureVerifierBlock1() }
    }

    @Test("Sources/ChipChartSignatures/XMLSigner.swift, Swift block 1") func chipChartSignaturesXMLSignerBlock1() async throws {
        try await runDocumentationBlock(in: Signing.self) { try await $0.chipChartSignaturesXMLSignerBlock1() }
    }

    @Test("Sources/ChipChartTesting/SimulatedClock.swift, Swift block 1") func chipChartTestingSimulatedClockBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartTestingSimulatedClockBlock1() }
    }

    @Test("Sources/ChipChartTesting/SimulatedInsurancePortal.swift, Swift block 1") func chipChartTestingSimulatedInsurancePortalBlock1() async throws {
        try await runDocumentationBlock(in: Clinic.self) { try await $0.chipChartTestingSimulatedInsurancePortalBlock1() }
    }

    @Test("Sources/ChipChartTesting/SyntheticPopulation+Patient.swift, Swift block 1") func chipChartTestingSyntheticPopulationPatientBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartTestingSyntheticPopulationPatientBlock1() }
    }

    @Test("Sources/ChipChartTesting/SyntheticPopulation.swift, Swift block 1") func chipChartTestingSyntheticPopulationBlock1() async throws {
        try await runDocumentationBlock(in: NoContext.self) { try await $0.chipChartTestingSyntheticPopulationBlock1() }
    }
}
