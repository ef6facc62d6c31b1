public import ChipChart
internal import Crypto

/// The basic-access-control key of a chip, from three MRZ fields (ICAO 9303-11 §4.3).
///
/// `MRZ_information` is the 9-character document number with its check digit, the birth date
/// `YYMMDD` with its check digit and the expiry date with its check digit. The key seed is the
/// first 16 bytes of its SHA-1; the encryption and MAC keys are derived from the seed.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let key = try BACKey(mrz: MRZ(lines: scanned))
/// print(key.mrzInformation)    // "099012345999010183901016"
/// ```
public struct BACKey: Hashable, Sendable {
    /// Document number, birth date and expiry date, each followed by its check digit.
    public let mrzInformation: String

    /// A key from the document number and the two dates (`YYMMDD`), as printed in the MRZ.
    ///
    /// A document number shorter than 9 characters is padded with `<`.
    ///
    /// - Throws: `ValidationError` naming the field whose characters are not MRZ characters.
    public init(documentNumber: String, dateOfBirth: String, dateOfExpiry: String) throws(ValidationError) {
        var number = documentNumber.uppercased()
        while number.utf8.count < 9 { number += "<" }
        let fields = [("documentNumber", number), ("dateOfBirth", dateOfBirth), ("dateOfExpiry", dateOfExpiry)]
        var information = ""
        for (field, text) in fields {
            guard let digit = MRZCheckDigit.compute(text) else {
                throw ValidationError.invalidCharacter("bac.\(field)", "not MRZ characters")
            }
            information += text + String(digit)
        }
        self.mrzInformation = information
    }

    /// The key of a parsed MRZ.
    public init(mrz: MRZ) throws(ValidationError) {
        try self.init(
            documentNumber: mrz.documentNumber,
            dateOfBirth: mrz.birthDateText,
            dateOfExpiry: mrz.expiryDateText
        )
    }

    /// `K_seed`: the first 16 bytes of SHA-1 of ``mrzInformation``.
    package var keySeed: [UInt8] {
        Array(Insecure.SHA1.hash(data: Array(mrzInformation.utf8))).prefix(16).map { $0 }
    }

    /// `Kenc` and `Kmac` from the seed.
    package var keys: SessionKeys { SessionKeys(seed: keySeed) }
}

/// A pair of 2-key 3DES keys for encryption and MAC, derived from a 16-byte seed.
package struct SessionKeys: Hashable, Sendable {
    /// The 16-byte encryption key (`Kenc` / `KSenc`).
    package let encryption: [UInt8]
    /// The 16-byte MAC key (`Kmac` / `KSmac`).
    package let mac: [UInt8]

    /// Derives both keys: the first 16 bytes of SHA-1(seed ‖ counter), counter 1 for encryption
    /// and 2 for MAC, with DES odd parity set on every byte.
    package init(seed: [UInt8]) {
        self.encryption = SessionKeys.derive(seed: seed, counter: 1)
        self.mac = SessionKeys.derive(seed: seed, counter: 2)
    }

    static func derive(seed: [UInt8], counter: UInt8) -> [UInt8] {
        let digest = Insecure.SHA1.hash(data: seed + [0, 0, 0, counter])
        return digest.prefix(16).map { byte in
            let ones = (byte >> 1).nonzeroBitCount
            return (byte & 0xFE) | (ones % 2 == 0 ? 1 : 0)
        }
    }
}
