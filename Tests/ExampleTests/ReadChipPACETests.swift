import Foundation
import TestSupport
import Testing

/// `reception read --chip simulated --can NNNNNN`: PACE with the card access number, no MRZ.
extension ReceptionExampleTests {
    @Test func simulatedChipWithTheCAN() throws {
        let result = try run("read", "--chip", "simulated", "--can", "012345", "--json")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["personalID"] as? String == "001099012345")
        #expect((object?["passiveAuthentication"] as? [String: Bool])?["chainsToTrustedCSCA"] == true)
    }

    @Test(arguments: [
        (["--chip", "simulated", "--can", "111111"], 65, "error: chip: "),
        (["--chip", "simulated", "--can", "12ab56"], 65, "error: can: "),
        (["--can", "012345"], 64, "error: "),
    ])
    func badCANs(arguments: [String], status: Int32, prefix: String) throws {
        let result = try run(["read"] + arguments)
        #expect(result.status == status)
        #expect(result.standardError.hasPrefix(prefix))
    }
}
