public import ChipChart

/// Passive authentication (ICAO 9303-11 §5.1), reported as three separate facts: the data-group
/// hashes match EF.SOD, EF.SOD's signature verifies with its document-signer certificate, and
/// that certificate chains to a CSCA the deployer trusts.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let result = PassiveAuthentication.verify(sod, dataGroups: [1: dg1, 13: dg13], trustAnchors: anchors)
/// print(result.outcome.dataGroupHashesMatch)   // true
/// ```
public enum PassiveAuthentication {
    /// The outcome and what went wrong with the hashes.
    public struct Result: Hashable, Sendable {
        /// The three facts.
        public let outcome: CardReading.ChipAuthentication
        /// Data groups whose hash differs from EF.SOD's.
        public let mismatchedDataGroups: [Int]
        /// Data groups read that EF.SOD does not hash.
        public let unhashedDataGroups: [Int]
    }

    /// Checks data groups (their bytes exactly as read, tag and length included) against EF.SOD.
    ///
    /// The hashes match only when every data group given has a hash in EF.SOD and it is equal.
    public static func verify(_ sod: SecurityObject, dataGroups: [Int: [UInt8]], trustAnchors: TrustAnchors) -> Result {
        var mismatched: [Int] = []
        var unhashed: [Int] = []
        for number in dataGroups.keys.sorted() {
            guard let expected = sod.dataGroupHashes[number] else {
                unhashed.append(number)
                continue
            }
            if sod.hashAlgorithm.hash(dataGroups[number] ?? []) != expected {
                mismatched.append(number)
            }
        }
        let signature = CMSSignedData.verify(sod.signedData, trustAnchors: trustAnchors)
        let outcome = CardReading.ChipAuthentication(
            dataGroupHashesMatch: mismatched.isEmpty && unhashed.isEmpty && !dataGroups.isEmpty,
            signatureVerified: signature.signatureVerified,
            chainsToTrustedCSCA: signature.chainsToTrustedCSCA
        )
        return Result(outcome: outcome, mismatchedDataGroups: mismatched, unhashedDataGroups: unhashed)
    }
}
