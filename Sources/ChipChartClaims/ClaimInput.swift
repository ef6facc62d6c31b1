public import ChipChart
public import Foundation

/// What one claim is made from: the visit, its patient, and the facts the claim needs that the
/// visit record does not hold.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let input = ClaimInput(patient: patient, visit: visit)
/// let claim = try Claim(input)
/// ```
public struct ClaimInput: Sendable {
    /// The patient.
    public var patient: Patient
    /// The visit, closed (with a discharge time) for a claim to validate.
    public var visit: Visit
    /// The claims-only facts, with the defaults documented on ``ClaimDetails``.
    public var details: ClaimDetails
    /// The patient's coverages, when at hand: the card that applied last gives the region
    /// (`MA_KHUVUC`) and the five-year date (`NAM_NAM_LIEN_TUC`), which a visit does not copy.
    public var coverages: [Coverage]
    /// True when the claim goes to the citizen's health book rather than only to the insurer: the
    /// record summary (XML8) is then made for every visit, and a visit with no card is claimed too.
    public var isForHealthBook = false
    /// The patient's standing towards the co-payment exemption before the visit; `nil` claims
    /// the provisional split. Its five-year date defaults to the last card's
    /// (``ChipChart/BenefitSplit/exempting(_:standing:on:baseSalaries:)``).
    public var coPaymentStanding: CoPaymentStanding?
    /// The base salaries the exemption threshold is taken from.
    public var baseSalaries: BaseSalarySchedule = .vietnam

    /// Creates the input of one claim.
    public init(
        patient: Patient,
        visit: Visit,
        details: ClaimDetails = ClaimDetails(),
        coverages: [Coverage] = []
    ) {
        self.patient = patient
        self.visit = visit
        self.details = details
        self.coverages = coverages
    }
}

/// Facts a claim carries that are not part of a ``ChipChart/Visit``: catalogue codes of the
/// facility, the outcome of treatment, free-text diagnoses.
///
/// Every property has a default, so a claim can be made from a visit alone; a facility sets what
/// its own systems know.
public struct ClaimDetails: Sendable, Hashable {
    /// The department (`MA_KHOA`), written on XML1 and on every line; the chart's department
    /// (``ChipChart/VisitChart/department``) when `nil`.
    public var department: String?
    /// The practitioner's code (`MA_BAC_SI`), written on every line.
    public var practitionerCode: String?
    /// The nationality code of the standard's catalogue (`MA_QUOCTICH`).
    public var nationalityCode: String?
    /// The ethnicity code (`MA_DANTOC`).
    public var ethnicityCode: String?
    /// The occupation code (`MA_NGHE_NGHIEP`).
    public var occupationCode: String?
    /// The admission diagnosis as text (`CHAN_DOAN_VAO`); the chart's when `nil`.
    public var admissionDiagnosis: String?
    /// The discharge diagnosis as text (`CHAN_DOAN_RV`); the chart's, else the ICD-10 codes
    /// `;`-joined, when `nil`.
    public var dischargeDiagnosis: String?
    /// The outcome of treatment (`KET_QUA_DTRI`): 1 cured, 2 improved, 3 unchanged, 4 worse,
    /// 5 died, 6 discharged before death, 7 unknown. Default 2; the chart's discharge
    /// (``ChipChart/Discharge/outcome``) takes precedence.
    public var treatmentResult: Int
    /// How the patient left (`MA_LOAI_RV`): 1 discharged, 2 transferred, 3 left without leave,
    /// 4 left at own request, 5 referred at the patient's request. Default 1; the chart's
    /// discharge (``ChipChart/Discharge/type``) takes precedence.
    public var dischargeType: Int
    /// When the claim is settled (`NGAY_TTOAN`, and `NAM_QT`/`THANG_QT`); the discharge time when `nil`.
    public var settledAt: Date?
    /// The cost group (`MA_NHOM`) of lines by their code. A line whose code is absent gets 4 (drug
    /// in the list) for a drug, 10 (supply in the list) for a supply and 13 (examination) for a
    /// service.
    public var costGroups: [String: Int]
    /// The unit of lines by their code (`DON_VI_TINH`), such as `Viên` or `Lần`; the unit of the
    /// chart's order of the code when absent.
    public var units: [String: String]

    /// Claims details; every argument is optional.
    public init(
        department: String? = nil,
        practitionerCode: String? = nil,
        nationalityCode: String? = nil,
        ethnicityCode: String? = nil,
        occupationCode: String? = nil,
        admissionDiagnosis: String? = nil,
        dischargeDiagnosis: String? = nil,
        treatmentResult: Int = 2,
        dischargeType: Int = 1,
        settledAt: Date? = nil,
        costGroups: [String: Int] = [:],
        units: [String: String] = [:]
    ) {
        self.department = department
        self.practitionerCode = practitionerCode
        self.nationalityCode = nationalityCode
        self.ethnicityCode = ethnicityCode
        self.occupationCode = occupationCode
        self.admissionDiagnosis = admissionDiagnosis
        self.dischargeDiagnosis = dischargeDiagnosis
        self.treatmentResult = treatmentResult
        self.dischargeType = dischargeType
        self.settledAt = settledAt
        self.costGroups = costGroups
        self.units = units
    }

    /// The cost group of a line (`MA_NHOM`).
    func costGroup(of line: LineItem) -> Int {
        if let group = costGroups[line.code] { return group }
        switch line.kind {
        case .drug: return 4
        case .supply: return 10
        default: return 13
        }
    }
}
