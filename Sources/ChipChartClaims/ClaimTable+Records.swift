// The tables of the visit's record beyond XML1–3: one row for a paper, many for results and notes.

extension ClaimTable {
    /// A table whose fields are its schema file's: one row under its root (a paper), or rows in
    /// a list when `list` and `row` name their elements.
    static func paper(
        _ fileType: String,
        _ schemaName: String,
        root: String,
        list: String? = nil,
        row: String? = nil
    ) -> ClaimTable {
        ClaimTable(
            fileType: fileType,
            schemaName: schemaName,
            rootElement: root,
            listElement: list,
            rowElement: row
        )
    }

    /// XML4, paraclinical results (`CHITIEU_CHITIET_DICHVUCANLAMSANG`), one row per result.
    public static let results = paper(
        "XML4",
        "xml4",
        root: "CHITIEU_CHITIET_DICHVUCANLAMSANG",
        list: "DSACH_CHI_TIET_CLS",
        row: "CHI_TIET_CLS"
    )

    /// XML5, the clinical course (`CHITIEU_CHITIET_DIENBIENLAMSANG`), one row per note.
    public static let clinicalNotes = paper(
        "XML5",
        "xml5",
        root: "CHITIEU_CHITIET_DIENBIENLAMSANG",
        list: "DSACH_CHI_TIET_DIEN_BIEN_BENH",
        row: "CHI_TIET_DIEN_BIEN_BENH"
    )

    /// XML7, the discharge paper (`CHI_TIEU_DU_LIEU_GIAY_RA_VIEN`).
    public static let dischargePaper = paper("XML7", "xml7", root: "CHI_TIEU_DU_LIEU_GIAY_RA_VIEN")

    /// XML8, the record summary (`CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN`).
    public static let recordSummary = paper("XML8", "xml8", root: "CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN")

    /// XML11, the sick-leave certificate
    /// (`CHI_TIEU_DU_LIEU_GIAY_CHUNG_NHAN_NGHI_VIEC_HUONG_BAO_HIEM_XA_HOI`).
    public static let sickLeave = paper(
        "XML11",
        "xml11",
        root: "CHI_TIEU_DU_LIEU_GIAY_CHUNG_NHAN_NGHI_VIEC_HUONG_BAO_HIEM_XA_HOI"
    )

    /// XML13, the referral (`CHI_TIEU_GIAYCHUYENTUYEN`) in the form of Decision 4750.
    public static let referral = paper("XML13", "xml13", root: "CHI_TIEU_GIAYCHUYENTUYEN")

    /// XML13, the referral, in the form of Decision 3176 (`MA_CSKCB_DI`, `MA_CSKCB_DEN`,
    /// `TINH_TRANG_CT`).
    public static let referral3176 = paper("XML13", "xml13-3176", root: "CHI_TIEU_GIAYCHUYENTUYEN")

    /// XML14, the follow-up appointment (`CHI_TIEU_GIAYHEN_KHAMLAI`).
    public static let followUp = paper("XML14", "xml14", root: "CHI_TIEU_GIAYHEN_KHAMLAI")

    /// The tables of the record after XML3, in the standard's order, with every version.
    public static let records: [ClaimTable] = [
        .results, .clinicalNotes, .dischargePaper, .recordSummary, .sickLeave, .referral, .referral3176, .followUp,
    ]
}
