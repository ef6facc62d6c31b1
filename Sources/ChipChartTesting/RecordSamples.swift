public import ChipChart
public import Foundation

/// One record of each kind with every field set, the same on every run.
///
/// The SQLite store's golden bodies are these records as each format version wrote them, so
/// they never change: a record kind that gains a field leaves it unset here.
public enum RecordSamples {
    /// A fixed id.
    public static let patientID = PatientID(UUID(uuidString: "0D6E3F0A-5B1C-4C55-9A3B-6E2F1D0C9B01") ?? UUID())
    /// A fixed id.
    public static let survivorID = PatientID(UUID(uuidString: "0D6E3F0A-5B1C-4C55-9A3B-6E2F1D0C9B02") ?? UUID())
    /// A fixed id.
    public static let coverageID = CoverageID(UUID(uuidString: "1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C01") ?? UUID())
    /// A fixed id.
    public static let replacedID = CoverageID(UUID(uuidString: "1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C02") ?? UUID())
    /// A fixed id.
    public static let visitID = VisitID(UUID(uuidString: "2B3C4D5E-6F7A-4B2C-9D3E-4F5A6B7C8D01") ?? UUID())
    /// The admission instant.
    public static let admitted = Date(timeIntervalSince1970: 1_772_409_600.5)

    /// The receptionist who verified the coverage.
    public static func staff() throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"), role: .receptionist)
    }

    /// A merged patient with four identifiers, a card record and every demographic field.
    public static func patient() throws -> Patient {
        let personalID = try PersonalID("001099012345")
        return Patient(
            id: patientID,
            identifiers: [
                .personalID(personalID, since: try CalendarDate(year: 2021, month: 4, day: 15)),
                .legacyID(try LegacyIDNumber("012345678")),
                .socialInsuranceNumber(try SocialInsuranceNumber("0123456789")),
                try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-1998-0042", status: .merged),
            ],
            idCards: [
                IDCardRecord(
                    personalID: personalID,
                    issueDate: try CalendarDate(year: 2021, month: 4, day: 15),
                    expiryDate: try CalendarDate(year: 2039, month: 1, day: 1),
                    source: .chip
                )
            ],
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: try DateOfBirth(parsing: "01011999"),
                sex: .male,
                address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                nationality: "VNM",
                ethnicity: "Kinh",
                phone: "0912345678"
            ),
            mergedInto: survivorID,
            version: 3
        )
    }

    /// A verified coverage that replaces another.
    public static func coverage() throws -> Coverage {
        Coverage(
            id: coverageID,
            patientID: patientID,
            cardCode: try InsuranceCardCode("HC4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            region: .k1,
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 3, day: 10),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            fiveYearDate: try CalendarDate(year: 2024, month: 1, day: 1),
            status: .active,
            replaces: replacedID,
            replacedBy: nil,
            verification: .verified(at: admitted, by: try staff(), result: PortalResultCode("004")),
            version: 2
        )
    }

    /// A closed inpatient stay with two diagnoses, an applied coverage and two lines.
    public static func visit() throws -> Visit {
        try closedStay(
            id: visitID,
            key: "01001-20260302-0001",
            patientID: patientID,
            appliedCoverages: [
                Visit.AppliedCoverage(try coverage(), from: admitted, until: admitted.addingTimeInterval(86_400))
            ],
            serviceInScope: false,
            version: 4
        )
    }

    /// A three-day inpatient stay at facility 01001 from ``admitted``, closed, with two
    /// diagnoses and the two ``lineItems(orderedAt:serviceInScope:)``.
    static func closedStay(
        id: VisitID = VisitID(),
        key: String,
        patientID: PatientID,
        appliedCoverages: [Visit.AppliedCoverage],
        serviceInScope: Bool,
        version: Int = 0
    ) throws -> Visit {
        try Visit(
            id: id,
            key: key,
            patientID: patientID,
            facility: try FacilityCode("01001"),
            kind: .inpatient,
            route: try Route(code: "1.1"),
            admittedAt: admitted,
            dischargedAt: admitted.addingTimeInterval(3 * 86_400),
            reason: "Sốt cao, ho",
            diagnoses: [try ICD10Code("J18.9"), try ICD10Code("A09")],
            appliedCoverages: appliedCoverages,
            lineItems: try lineItems(orderedAt: admitted, serviceInScope: serviceInScope),
            status: .closed,
            version: version
        )
    }

    /// The samples' line items: a drug (a fractional quantity, a price with đồng cents) and a
    /// service, in or out of the insurer's scope.
    static func lineItems(orderedAt ordered: Date, serviceInScope: Bool) throws -> [LineItem] {
        [
            try LineItem(
                kind: .drug,
                code: "40.17",
                name: "Paracetamol 500mg",
                quantity: Decimal(string: "1.5") ?? 1,
                unitPrice: try Money(parsing: "1250.50"),
                insurancePrice: try Money(parsing: "1200"),
                paymentRatePercent: 100,
                orderedAt: ordered
            ),
            try LineItem(
                kind: .service,
                code: "02.1900.0195",
                name: "Chụp X-quang ngực thẳng",
                quantity: 1,
                unitPrice: try Money(parsing: "65400"),
                insurancePrice: try Money(parsing: "65400"),
                inScope: serviceInScope
            ),
        ]
    }
}
