import Foundation
import TestSupport
import Testing

/// `reception read --chip simulated-passport`: a passport's chip, DG1 without DG13.
extension ReceptionExampleTests {
    @Test(arguments: [[], ["--can", "123456"]])
    func simulatedPassportChip(access: [String]) throws {
        let result = try run(["read", "--chip", "simulated-passport", "--json"] + access)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["personalID"] is NSNull)
        #expect(object?["documentType"] as? String == "passport")
        #expect(object?["documentNumber"] as? String == "L898902C3")
        #expect(object?["nationality"] as? String == "UTO")
        #expect(object?["source"] as? String == "chip")
        #expect((object?["passiveAuthentication"] as? [String: Bool])?["chainsToTrustedCSCA"] == true)
    }
}
