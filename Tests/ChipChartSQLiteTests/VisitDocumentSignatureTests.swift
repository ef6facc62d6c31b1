import ChipChart
import ChipChartSQLite
import ChipChartSignatures
import ChipChartTesting
import Foundation
import TestSupport
import Testing

@Suite("A visit's documents are signed, stored and checked on read")
struct VisitDocumentSignatureTests {
    static let password = "test-only"

    /// A clinician's document signer and the verifier trusting its CA.
    static func keys(
        _ profile: TestPKI.Profile = .current("BS. Trần Văn Bác Sĩ")
    ) throws -> (XMLSigner, CertificateDocumentVerifier) {
        let pki = try SQLiteStoreCheckpointTests.facility.get()
        let policy = try SQLiteStoreCheckpointTests.trust(pki)
        let signer = try PKCS12Signer(pkcs12: pki.issue(profile, password: password), password: password)
        return (XMLSigner(signer: signer, policy: policy), CertificateDocumentVerifier(policy: policy))
    }

    /// A charted, discharged stay in a fresh SQLite file, and the charting service over it.
    static func stay() async throws -> (SQLiteStore, Charting, Visit, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("signed-\(UUID().uuidString).sqlite")
        let store = try SQLiteStore(path: url.path)
        let visit = try await ChartSamples.chartedStay(in: store)
        return (store, Charting(store: store, catalogue: try SampleCatalogue.load()), visit, url)
    }

    @Test func aSignedDischargeSummaryReadsBackValidFromTheFile() async throws {
        let (store, charting, visit, url) = try await Self.stay()
        defer { try? FileManager.default.removeItem(at: url) }
        let (signer, verifier) = try Self.keys()
        let signed = try await charting.sign(.dischargeSummary, of: visit, by: try ChartSamples.doctor(), with: signer)
        #expect(signed.version == visit.version + 1)
        let reopened = try SQLiteStore(path: url.path)
        let read = try #require(
            try await Charting(store: reopened, catalogue: try SampleCatalogue.load())
                .visit(visit.id, by: try ChartSamples.doctor())
        )
        #expect(read.chart.signatures == signed.chart.signatures)
        let checked = charting.signatures(of: read, verifier: verifier)
        #expect(checked.map(\.status) == [.valid])
        let signature = try #require(checked.first?.entry.content)
        #expect(signature.visitVersion == visit.version && signature.signatory == .clinician)
        #expect(signature.digest.count == 64)
        let events = try await store.auditEvents(after: 0, limit: 10_000)
        #expect(events.last?.purpose == "sign: discharge summary")
    }

    @Test func aLaterChangeToTheSignedContentIsReportedNeverSilentlyValid() async throws {
        let (store, charting, visit, url) = try await Self.stay()
        defer { try? FileManager.default.removeItem(at: url) }
        let (signer, verifier) = try Self.keys()
        let doctor = try ChartSamples.doctor()
        var signed = try await charting.sign(.dischargeSummary, of: visit, by: doctor, with: signer)
        signed = try await charting.sign(.result(0), of: signed, by: doctor, with: signer)
        // A note added to the closed visit afterwards, written straight to the store.
        var changed = signed
        changed.chart.notes.append(ChartEntry(try ClinicalNote(.progress, "Bổ sung sau ký"), by: doctor, at: Date()))
        var changes = ChangeSet(Access(by: doctor, purpose: "correction"))
        changes.save(changed)
        let stored = try #require(try await store.commit(changes).visits.first)
        #expect(charting.signatures(of: stored, verifier: verifier).map(\.status) == [.contentChanged, .valid])

        var discharge = signed
        discharge.chart.discharge?.content.outcome = .worse
        #expect(charting.signatures(of: discharge, verifier: verifier).map(\.status) == [.contentChanged, .valid])
        var result = signed
        result.chart.results[0].content.value = "99"
        // The discharge summary covers the whole chart, the results too.
        #expect(
            charting.signatures(of: result, verifier: verifier).map(\.status) == [.contentChanged, .contentChanged]
        )
    }

    @Test func aForgedSignatureIsInvalidAndAnUntrustedKeyACertificateProblem() async throws {
        let (_, charting, visit, url) = try await Self.stay()
        defer { try? FileManager.default.removeItem(at: url) }
        let (signer, verifier) = try Self.keys()
        let signed = try await charting.sign(.dischargeSummary, of: visit, by: try ChartSamples.doctor(), with: signer)
        var tampered = signed
        guard case .digitalSignature(let certificate, var signature) = signed.chart.signatures[0].content.method else {
            Issue.record("not a digital signature")
            return
        }
        signature[signature.startIndex + 10] ^= 0x01
        tampered.chart.signatures[0].content.method = .digitalSignature(certificate: certificate, signature: signature)
        #expect(charting.signatures(of: tampered, verifier: verifier).map(\.status) == [.signatureInvalid])

        let stranger = try SQLiteStoreCheckpointTests.stranger.get()
        let foreign = try PKCS12Signer(
            pkcs12: stranger.issue(.current("Someone"), password: Self.password),
            password: Self.password
        )
        let forged = try await charting.sign(
            .dischargeSummary,
            of: signed,
            by: try ChartSamples.doctor(),
            with: XMLSigner(
                signer: foreign,
                policy: try SQLiteStoreCheckpointTests.trust(stranger)
            )
        )
        let status = charting.signatures(of: forged, verifier: verifier).map(\.status)
        #expect(status.count == 2 && status.first == .valid)
        guard case .certificateProblem(let why) = status.last else {
            Issue.record("\(status)")
            return
        }
        #expect(why.contains("untrustedChain"))
    }

    @Test func thePatientConfirmsADocumentByTheirChipCard() async throws {
        let (_, charting, visit, url) = try await Self.stay()
        defer { try? FileManager.default.removeItem(at: url) }
        let (_, verifier) = try Self.keys()
        let doctor = try ChartSamples.doctor()
        await #expect(throws: (any Error).self, "a nurse may not write the discharge section") {
            _ = try await charting.confirm(
                .dischargeSummary,
                of: visit,
                confirmedBy: "chip card reading",
                takenBy: try ChartSamples.nurse()
            )
        }
        let confirmed = try await charting.confirm(
            .dischargeSummary,
            of: visit,
            confirmedBy: "chip card reading",
            takenBy: doctor
        )
        let entry = try #require(confirmed.chart.signatures.first)
        #expect(entry.content.method == .confirmation("chip card reading"))
        #expect(entry.content.signatory == .patient && entry.author == doctor)
        #expect(charting.signatures(of: confirmed, verifier: verifier).map(\.status) == [.valid])
        await #expect(throws: ValidationError.self) {
            _ = try await charting.confirm(.dischargeSummary, of: confirmed, confirmedBy: " ", takenBy: doctor)
        }
        await #expect(throws: ValidationError.self) {
            _ = try await charting.confirm(.result(99), of: confirmed, confirmedBy: "PIN pad", takenBy: doctor)
        }
    }

    @Test func aChartWithoutSignaturesStoresNoSignaturesKey() throws {
        let encoded = String(decoding: try JSONEncoder().encode(VisitChart()), as: UTF8.self)
        #expect(!encoded.contains("signatures"))
    }
}
