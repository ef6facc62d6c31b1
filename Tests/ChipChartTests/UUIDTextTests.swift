import Foundation
import Testing

@testable import ChipChart

/// A UUID's text written without `uuidString` must be the very text `uuidString` gives: archive
/// lines, restored rows and audit hashes are built from it.
@Suite("A UUID's text without uuidString")
struct UUIDTextTests {
    static let fixed: [UUID] = [
        UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        UUID(uuid: (0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10)),
    ]

    @Test("uppercase is uuidString, lowercase its lowercased form", arguments: fixed + (0..<200).map { _ in UUID() })
    func sameText(_ uuid: UUID) {
        let upper = uuid.withText(uppercase: true) { String(decoding: $0, as: UTF8.self) }
        let lower = uuid.withText(uppercase: false) { String(decoding: $0, as: UTF8.self) }
        #expect(upper == uuid.uuidString)
        #expect(lower == uuid.uuidString.lowercased())
    }
}
