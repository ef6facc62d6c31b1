public import ChipChart

/// The identifier systems and extension URLs ChipChart writes, in the style of HL7 Vietnam's
/// draft VN Core guide.
///
/// The draft's final URIs are not settled, so every URI is a constant here: a deployment that
/// must match a registry changes them in one place. Values are never derived from these strings.
public enum FHIRSystem {
    /// The base of every URI below.
    public static let base = "http://fhir.hl7.org.vn/core"

    /// The 12-digit personal identification number (CCCD / Căn cước).
    public static let personalID = identifierSystem("cccd")
    /// The old 9- or 12-digit identity card number (CMND).
    public static let legacyID = identifierSystem("cmnd")
    /// A passport number.
    public static let passport = identifierSystem("passport")
    /// The 15-character health-insurance card code (mã thẻ BHYT).
    public static let insuranceCard = identifierSystem("bhyt")
    /// The lifelong 10-digit social insurance number (mã số BHXH).
    public static let socialInsuranceNumber = identifierSystem("bhxh")
    /// A health facility's 5-character code (`MA_CSKCB`, `MA_DKBD`).
    public static let facility = identifierSystem("ma-cskcb")
    /// The insurer's own organisation identifier.
    public static let insurer = identifierSystem("co-quan-bhxh")
    /// The claims standard's visit kinds (`MA_LOAI_KCB`).
    public static let visitKind = codeSystem("ma-loai-kcb")
    /// The claims standard's routes (`MA_DOITUONG_KCB`).
    public static let route = codeSystem("ma-doituong-kcb")
    /// ICD-10 diagnosis codes.
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    /// ICD-9-CM procedure codes (`MA_PTTT_QT`).
    public static let icd9cm = "http://hl7.org/fhir/sid/icd-9-cm"
    /// LOINC, for vital signs (HL7 FHIR R4's vital-signs profile names the codes).
    public static let loinc = "http://loinc.org"
    /// UCUM, the units of measure of every `Quantity`.
    public static let ucum = "http://unitsofmeasure.org"
    /// The claims standard's discharge types (`MA_LOAI_RV`).
    public static let dischargeType = codeSystem("ma-loai-rv")
    /// The catalogue's drug codes (`MA_THUOC`), for drug orders.
    public static let drugCode = codeSystem("ma-thuoc")
    /// The catalogue's service codes (`MA_DICH_VU`), for orders and results.
    public static let serviceCode = codeSystem("ma-dich-vu")
    /// The catalogue's medical supply codes (`MA_VAT_TU`), for supplies charged to a visit.
    public static let supplyCode = codeSystem("ma-vat-tu")

    /// A facility's own patient record numbers (`MA_BN`): one system per facility.
    public static func recordNumber(at facility: FacilityCode) -> String {
        identifierSystem("ma-bn/\(facility.value)")
    }

    /// A facility's encounter keys (`MA_LK`): one system per facility.
    public static func visitKey(at facility: FacilityCode) -> String {
        identifierSystem("ma-lk/\(facility.value)")
    }

    /// A facility's departments (`MA_KHOA`): one system per facility.
    public static func department(at facility: FacilityCode) -> String {
        identifierSystem("ma-khoa/\(facility.value)")
    }

    /// A facility's temporary identifiers for unidentified patients.
    public static func temporaryID(at facility: FacilityCode) -> String {
        identifierSystem("tam/\(facility.value)")
    }

    /// Extension: the card's registered primary-care facility (`MA_DKBD`), an Identifier.
    public static let registeredFacilityExtension = structureDefinition("registered-facility")
    /// Extension: the card's region (`K1`–`K3`), a code.
    public static let regionExtension = structureDefinition("bhyt-region")
    /// Extension: the date five continuous years of coverage were reached, a date.
    public static let fiveYearDateExtension = structureDefinition("five-year-date")
    /// Extension: on a Coverage, the Coverage (card) this one replaced, a Reference.
    public static let replacesCoverageExtension = structureDefinition("coverage-replaces")
    /// Extension: on a Coverage, the Coverage (card) that replaced this one, a Reference.
    public static let replacedByCoverageExtension = structureDefinition("coverage-replaced-by")
    /// Extension: on an Encounter, a Coverage that applied to it, a Reference (several for a stay
    /// across a card replacement, in order).
    public static let appliedCoverageExtension = structureDefinition("encounter-coverage")

    /// An identifier system under ``base``: `base/sid/name`.
    private static func identifierSystem(_ name: String) -> String { "\(base)/sid/\(name)" }

    /// A code system under ``base``: `base/CodeSystem/name`.
    private static func codeSystem(_ name: String) -> String { "\(base)/CodeSystem/\(name)" }

    /// A structure definition (an extension) under ``base``: `base/StructureDefinition/name`.
    private static func structureDefinition(_ name: String) -> String { "\(base)/StructureDefinition/\(name)" }
}
