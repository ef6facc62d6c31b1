public import Foundation

extension Charting {
    /// A clinician signs a document of the visit as it is now: the SHA-256 of its canonical
    /// bytes (``VisitChart/canonicalBytes(of:)``) signed with `signer`, stored in
    /// ``VisitChart/signatures`` as a new version of the visit, audited under `staff` for the
    /// purpose `sign: DOCUMENT`. The access policy decides as for writing the document's section.
    ///
    /// A visit may be signed after it is closed (a discharge summary is).
    ///
    /// - Throws: ``ValidationError`` naming `signature.document` (no such document), what the
    ///   signer throws (a certificate not fit to sign), or ``StoreError`` (`versionConflict` for
    ///   a stale visit, `accessDenied`).
    public func sign(
        _ document: DocumentSignature.Document,
        of visit: Visit,
        by staff: Staff,
        with signer: any DocumentSigner,
        at: Date? = nil
    ) async throws -> Visit {
        let digest = try visit.chart.digest(of: document)
        let signature = try await signer.sign(digest: digest)
        let method = DocumentSignature.Method.digitalSignature(certificate: signer.certificate, signature: signature)
        return try await add(document, method, .clinician, digest, to: visit, by: staff, at: at)
    }

    /// Records the patient's confirmation of a document of the visit as it is now, and what
    /// confirmed it (`chip card reading`, `PIN pad`), taken by `staff`: stored and audited as
    /// ``sign(_:of:by:with:at:)`` stores a signature.
    ///
    /// - Throws: ``ValidationError`` naming `signature.document` or `signature.confirmation`
    ///   (empty), or ``StoreError``.
    public func confirm(
        _ document: DocumentSignature.Document,
        of visit: Visit,
        confirmedBy means: String,
        takenBy staff: Staff,
        at: Date? = nil
    ) async throws -> Visit {
        guard let means = means.trimmingASCIIWhitespace().nonEmpty else {
            throw ValidationError.missing("signature.confirmation", "say what confirmed it")
        }
        let digest = try visit.chart.digest(of: document)
        return try await add(document, .confirmation(means), .patient, digest, to: visit, by: staff, at: at)
    }

    /// The visit's signatures, each with whether it covers its document as the visit is now:
    /// ``DocumentSignatureStatus/contentChanged`` when the document changed after signing
    /// (or is gone), else what `verifier` says of a digital signature; a confirmation whose
    /// document is unchanged is ``DocumentSignatureStatus/valid``.
    public func signatures(
        of visit: Visit,
        verifier: any DocumentSignatureVerifier
    ) -> [(entry: ChartEntry<DocumentSignature>, status: DocumentSignatureStatus)] {
        visit.chart.signatures.map { entry in
            let signed = entry.content
            guard let digest = try? visit.chart.digest(of: signed.document), Self.hex(digest) == signed.digest else {
                return (entry, .contentChanged)
            }
            guard case .digitalSignature(let certificate, let signature) = signed.method else { return (entry, .valid) }
            return (
                entry, verifier.verify(signature: signature, over: digest, certificate: certificate, signedAt: entry.at)
            )
        }
    }

    private func add(
        _ document: DocumentSignature.Document,
        _ method: DocumentSignature.Method,
        _ signatory: DocumentSignature.Signatory,
        _ digest: [UInt8],
        to visit: Visit,
        by staff: Staff,
        at: Date?
    ) async throws -> Visit {
        var written = visit
        let signature = DocumentSignature(
            document: document,
            method: method,
            signatory: signatory,
            digest: Self.hex(digest),
            visitVersion: visit.version
        )
        written.chart.signatures.append(ChartEntry(signature, by: staff, at: at ?? now()))
        var changes = ChangeSet(Access(by: staff, purpose: "sign: \(document)"))
        changes.save(written)
        let receipt = try await store.commit(changes)
        written.version += 1
        return receipt.visits.first ?? written
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
