public import Foundation

/// The co-payment lookup's answer (`TraCuuTienMCCT`): what the holder paid themselves at each
/// visit and in total, which decides the co-payment exemption (five continuous years of
/// coverage and a cumulative co-payment above six months of base salary, Decree 188/2025
/// Art. 18(2)).
public struct PortalCoPayment: Hashable, Sendable {
    /// One visit's co-payment (`DataCCT[]`).
    public struct Entry: Hashable, Sendable {
        /// The facility (`maCskcb`).
        public var facility: String
        /// Admission, as sent (`ngayVao`).
        public var admitted: String
        /// Discharge, as sent (`ngayRa`).
        public var discharged: String
        /// The beneficiary category of the visit (`maDoiTuongKCB`).
        public var category: String
        /// The co-payment of the visit, as sent (`tBNCCTMCCT`, VND).
        public var coPayment: String
        /// The cumulative co-payment after the visit, as sent (`tBNCCTLuyKe`, VND).
        public var cumulative: String

        /// Creates an entry.
        public init(
            facility: String,
            admitted: String,
            discharged: String,
            category: String = "",
            coPayment: String,
            cumulative: String
        ) {
            self.facility = facility
            self.admitted = admitted
            self.discharged = discharged
            self.category = category
            self.coPayment = coPayment
            self.cumulative = cumulative
        }

        /// The fields by their JSON names.
        public var fields: [String: String] { jsonFields }
    }

    /// The result (`MaKetQua`): `200` found, `204` nothing recorded, `400` a bad request, `500`
    /// the portal failed; kept as sent.
    public var result: String
    /// The portal's message (`GhiChu`).
    public var message: String
    /// The visits, as listed.
    public var entries: [Entry]

    /// Creates an answer.
    public init(result: String, message: String = "", entries: [Entry] = []) {
        self.result = result
        self.message = message
        self.entries = entries
    }

    /// The largest cumulative co-payment listed, in VND; `nil` when none can be read.
    public var cumulativeCoPayment: Int? {
        entries.compactMap { Double($0.cumulative.trimmingCharacters(in: .whitespaces)) }.max().map { Int($0) }
    }

    /// The answer in a `TraCuuTienMCCT` JSON body, read leniently; `nil` when it is not a JSON
    /// object.
    public init?(body data: Data) {
        guard let json = PortalJSON(data: data) else { return nil }
        self.init(
            result: json.resultCode ?? "",
            message: json["GhiChu"] ?? "",
            entries: json.list("DataCCT").map(Entry.init(json:))
        )
    }
}

extension PortalCoPayment.Entry: PortalTextRecord {
    static var jsonNames: [(name: String, field: WritableKeyPath<Self, String>)] {
        [
            ("maCskcb", \.facility), ("ngayVao", \.admitted), ("ngayRa", \.discharged), ("maDoiTuongKCB", \.category),
            ("tBNCCTMCCT", \.coPayment), ("tBNCCTLuyKe", \.cumulative),
        ]
    }

    init() { self.init(facility: "", admitted: "", discharged: "", coPayment: "", cumulative: "") }
}
