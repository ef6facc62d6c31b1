public import ChipChart
public import Foundation

/// Where a person was treated lately, from the portal's visit history (`Lskcb2025`).
public struct PortalVisitHistory: Hashable, Sendable {
    /// One visit at any facility (`dsLichSuKCB2025[]`).
    public struct Visit: Hashable, Sendable {
        /// The insurer's record number (`maHoSo`).
        public var recordNumber: String
        /// The facility (`maCSKCB`).
        public var facility: String
        /// Admission, as sent (`ngayVao`, `yyyyMMddHHmm`, Vietnam time).
        public var admitted: String
        /// Discharge, as sent (`ngayRa`).
        public var discharged: String
        /// The diagnosis (`tenBenh`).
        public var diagnosis: String
        /// The patient's condition (`tinhTrang`).
        public var condition: String
        /// The treatment result (`kqDieuTri`).
        public var treatmentResult: String
        /// The reason for admission (`lyDoVV`).
        public var admissionReason: String

        /// Creates a visit.
        public init(
            recordNumber: String,
            facility: String,
            admitted: String,
            discharged: String,
            diagnosis: String = "",
            condition: String = "",
            treatmentResult: String = "",
            admissionReason: String = ""
        ) {
            self.recordNumber = recordNumber
            self.facility = facility
            self.admitted = admitted
            self.discharged = discharged
            self.diagnosis = diagnosis
            self.condition = condition
            self.treatmentResult = treatmentResult
            self.admissionReason = admissionReason
        }

        /// The fields by their JSON names.
        public var fields: [String: String] { jsonFields }
    }

    /// The result (`maKetQua`).
    public var result: PortalResultCode
    /// The portal's message (`ghiChu`).
    public var message: String
    /// The visits, as listed (none when the portal sent `null`).
    public var visits: [Visit]

    /// Creates a history.
    public init(result: PortalResultCode, message: String = "", visits: [Visit] = []) {
        self.result = result
        self.message = message
        self.visits = visits
    }

    /// The history in a `Lskcb2025` JSON body, read leniently; `nil` when it is not a JSON object.
    public init?(body data: Data) {
        guard let json = PortalJSON(data: data) else { return nil }
        let result = PortalResultCode(json.resultCode ?? "")
        self.init(
            result: result,
            message: json["ghiChu"] ?? result.meaning,
            visits: json.list("dsLichSuKCB2025").map(Visit.init(json:))
        )
    }
}

extension PortalVisitHistory.Visit: PortalTextRecord {
    static var jsonNames: [(name: String, field: WritableKeyPath<Self, String>)] {
        [
            ("maHoSo", \.recordNumber), ("maCSKCB", \.facility), ("ngayVao", \.admitted), ("ngayRa", \.discharged),
            ("tenBenh", \.diagnosis), ("tinhTrang", \.condition), ("kqDieuTri", \.treatmentResult),
            ("lyDoVV", \.admissionReason),
        ]
    }

    init() { self.init(recordNumber: "", facility: "", admitted: "", discharged: "") }
}
