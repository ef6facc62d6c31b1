public import ChipChart
internal import Crypto

/// The card access number (CAN) printed on the card: six digits, a PACE password (ICAO 9303-11
/// §4.4.1) that needs no MRZ. Its text never appears in logs or descriptions.
public struct CardAccessNumber: Hashable, Sendable, CustomStringConvertible {
    /// The six digits.
    public let digits: String

    /// A CAN from its digits.
    ///
    /// - Throws: `ValidationError` for the field `can`: `wrongLength` unless 6 characters,
    ///   `invalidCharacter` for anything but the digits 0–9.
    public init(_ text: String) throws(ValidationError) {
        guard text.utf8.count == 6 else {
            throw ValidationError.wrongLength("can", "a card access number has 6 digits")
        }
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ValidationError.invalidCharacter("can", "a card access number is digits only")
        }
        self.digits = text
    }

    /// Masked: `••••••`.
    public var description: String { "••••••" }
}

/// The password of a PACE run: the MRZ (reference 1) or the CAN (reference 2).
package enum PACEPassword: Hashable, Sendable {
    /// The MRZ's document number and dates, as for BAC.
    case mrz(BACKey)
    /// The card access number.
    case can(CardAccessNumber)

    /// The password reference of MSE:Set AT (ICAO 9303-11 §4.4.4.1).
    package var reference: UInt8 {
        switch self {
        case .mrz: 1
        case .can: 2
        }
    }

    /// `K`: SHA-1 of the MRZ information (all 20 bytes), or the CAN's characters.
    package var secret: [UInt8] {
        switch self {
        case .mrz(let key): Array(Insecure.SHA1.hash(data: Array(key.mrzInformation.utf8)))
        case .can(let number): Array(number.digits.utf8)
        }
    }

    /// `K_π = KDF(K, 3)` for a cipher.
    package func key(for cipher: SymmetricAlgorithm) -> [UInt8] { cipher.deriveKey(secret, counter: 3) }
}
