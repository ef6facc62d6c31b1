import ChipChart
import ChipChartPortal
import Foundation

/// The account, staff member and query the portal tests share.
enum PortalFixtures {
    static let account = PortalAccount(username: "01001_BV", password: "secret")
    static let secretHash = "5EBE2294ECD0E0F08EAB7690D2A6EE69"

    static func staff() throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
    }

    static func query(_ card: String = "DN4010123456789") throws -> PortalQuery {
        PortalQuery(
            cardNumber: .cardCode(try InsuranceCardCode(card)),
            fullName: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: "01/01/1990"),
            staff: try staff()
        )
    }

    static let token = PortalToken(
        accessToken: "T K",
        idToken: "I/D",
        username: "01001_BV",
        expiresAt: Date(timeIntervalSince1970: 2_000_000_000)
    )
}
