import Testing

@testable import ChipCard

/// ICAO Doc 9303 part 11 (8th edition), Appendix G.2: PACE with DH generic mapping (1024-bit
/// group of RFC 5114, AES-128), the same MRZ password as G.1. This library runs the ECDH mapping
/// only; the symmetric half of the example — the nonce, the session keys from the shared secret
/// and the terminal's token — is the same code and is checked byte for byte.
@Suite("ICAO 9303-11 Appendix G.2 (PACE, DH generic mapping: symmetric steps)")
struct PACEDHVectorTests {
    static let sharedSecret =
        "6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E3"
        + "8B834B6A9E9CD7184BA8834AFF5043D436950C4C1E7832367C10CB8C314D40E5"
        + "990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E"
        + "465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD"
    static let chipPublicKey =
        "075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152B"
        + "D8B3A213F53820C42ADC79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC"
        + "71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064"
        + "386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1"

    @Test func nonceSessionKeysAndTerminalToken() throws {
        let key = try BACKey(documentNumber: "T22000129", dateOfBirth: "640812", dateOfExpiry: "101031")
        let passwordKey = PACEPassword.mrz(key).key(for: .aes128)
        let nonce = try SymmetricAlgorithm.aes128.decryptNonce(
            hex("854D8DF5827FA6852D1A4FA701CDDDCA"),
            key: passwordKey
        )
        #expect(Hex.string(nonce) == "FA5B7E3E49753A0DB9178B7B9BD898C8")
        let secret = hex(Self.sharedSecret)
        #expect(
            Hex.string(SymmetricAlgorithm.aes128.deriveKey(secret, counter: 1)) == "2F7F46ADCC9E7E521B45D192FAFA9126"
        )
        #expect(
            Hex.string(SymmetricAlgorithm.aes128.deriveKey(secret, counter: 2)) == "805A1D27D45A5116F73C54469462B7D8"
        )
        // The DH public-key data object carries the public value in tag 84 (ICAO 9303-11 §9.4.2).
        let object = BERTLV.encode(
            tag: 0x7F49,
            value: BERTLV.encode(tag: 0x06, value: hex("04007F00070202040102"))
                + BERTLV.encode(tag: 0x84, value: hex(Self.chipPublicKey))
        )
        let token = try SymmetricAlgorithm.aes128.cipher(sharedSecret: secret).authenticationToken(object)
        #expect(Hex.string(token) == "B46DD9BD4D98381F")
    }
}
